/**
 * `npm run jobs` runs the scheduled jobs of the running local platform now
 * (in AWS, EventBridge runs them daily). `npm run jobs -- --time 2026-12-10T12:00:00Z`
 * runs them as of another time: how to watch a request pass its due date.
 */
import { SCHEDULED_JOB_LIST } from '../lambdas/api/events';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const timeAt = args.indexOf('--time');
  const time = timeAt >= 0 ? args[timeAt + 1] : undefined;
  const only = args.filter((a, i) => !a.startsWith('--') && !(timeAt >= 0 && i === timeAt + 1));
  const jobs = only.length ? only : SCHEDULED_JOB_LIST.map((j) => j.id);
  const baseUrl = process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  for (const jobId of jobs) {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/local-jobs/${jobId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(time ? { time } : {}),
      });
    } catch {
      console.error(`No local platform answers at ${baseUrl}: run \`npm start\` first (or set API_URL).`);
      process.exit(1);
    }
    const body = (await response.json()) as unknown;
    console.log(JSON.stringify(body, null, 2));
    if (!response.ok) process.exit(1);
  }
}

void main();
