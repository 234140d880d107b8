/**
 * Local stand-in for the EventBridge schedules: runs each scheduled job's
 * handler on a timer, and on demand at POST /local-jobs/{jobId} (what
 * `npm run jobs` calls), optionally "as of" another time, which is how a
 * person trying the platform sees a request pass its due date.
 */
import type { ScheduledJobDefinition } from '../lambdas/api/events';
import type { LocalControlPlane } from './gateway';

type JobHandler = (event: { time?: string; source: string; 'detail-type': string }) => Promise<unknown>;

export interface LocalSchedulerOptions {
  jobs: readonly ScheduledJobDefinition[];
  loadHandler: (definition: ScheduledJobDefinition) => Promise<JobHandler>;
  intervalMs?: number;
  log?: (line: string) => void;
}

export class LocalScheduler {
  private timer?: NodeJS.Timeout;
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly options: LocalSchedulerOptions) {}

  async run(jobId: string, time?: string): Promise<unknown> {
    const definition = this.options.jobs.find((j) => j.id === jobId);
    if (!definition) throw new Error(`No scheduled job ${jobId}`);
    const handler = await this.options.loadHandler(definition);
    const run = handler({
      source: 'aws.events',
      'detail-type': 'Scheduled Event',
      ...(time ? { time } : {}),
    });
    this.running.add(run);
    try {
      return await run;
    } finally {
      this.running.delete(run);
    }
  }

  start(): void {
    const interval = this.options.intervalMs ?? 3_600_000;
    const runAll = () => {
      for (const job of this.options.jobs) {
        this.run(job.id).catch((err: unknown) => this.options.log?.(`job ${job.id} failed: ${String(err)}`));
      }
    };
    this.timer = setInterval(runAll, interval);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.running]);
  }

  /** POST /local-jobs/{jobId} with an optional {"time": ISO instant}. */
  control(): LocalControlPlane {
    return async ({ method, pathname, body }) => {
      const match = /^\/local-jobs\/([A-Za-z0-9-]+)$/.exec(pathname);
      if (!match) return undefined;
      if (method !== 'POST') {
        return {
          statusCode: 405,
          body: { error: { code: 'METHOD_NOT_ALLOWED', message: 'POST to run a job.' } },
        };
      }
      let time: string | undefined;
      try {
        const parsed = JSON.parse(body.toString('utf8') || '{}') as { time?: unknown };
        if (parsed.time !== undefined) {
          if (typeof parsed.time !== 'string' || Number.isNaN(Date.parse(parsed.time))) throw new Error();
          time = new Date(parsed.time).toISOString();
        }
      } catch {
        return {
          statusCode: 400,
          body: { error: { code: 'BAD_REQUEST', message: 'Send {} or {"time": "<ISO 8601 instant>"}.' } },
        };
      }
      if (!this.options.jobs.some((j) => j.id === match[1])) {
        return {
          statusCode: 404,
          body: {
            error: {
              code: 'NOT_FOUND',
              message: `No job ${match[1]}; jobs: ${this.options.jobs.map((j) => j.id).join(', ')}.`,
            },
          },
        };
      }
      return { statusCode: 200, body: { jobId: match[1], result: await this.run(match[1]!, time) } };
    };
  }
}
