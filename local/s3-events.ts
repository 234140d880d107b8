/**
 * Local stand-in for S3 event notifications: watches the prefixes that the
 * event-handler table subscribes to and invokes the same handlers with an
 * S3 ObjectCreated event when an object appears (or changes).
 */
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import type { EventHandlerDefinition } from '../lambdas/api/events';

export type S3EventHandler = (event: S3Event) => Promise<unknown>;

export interface S3EventBridgeOptions {
  s3: S3Client;
  buckets: Record<EventHandlerDefinition['trigger']['bucket'], string>;
  handlers: readonly EventHandlerDefinition[];
  loadHandler: (definition: EventHandlerDefinition) => Promise<S3EventHandler>;
  intervalMs?: number;
  log?: (line: string) => void;
}

export class LocalS3EventBridge {
  private readonly seen = new Map<string, string>();
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly options: S3EventBridgeOptions) {}

  /**
   * Objects already there at start fire too: an upload may have landed while
   * the platform was stopped, and the handlers ignore what they already took.
   */
  async start(): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => {
      this.polling ??= this.poll().finally(() => (this.polling = undefined));
    }, this.options.intervalMs ?? 250);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.polling;
    await Promise.allSettled([...this.running]);
  }

  /** Waits until no handler is running (tests). */
  async idle(): Promise<void> {
    await this.polling;
    await Promise.allSettled([...this.running]);
  }

  private async poll(): Promise<void> {
    for (const definition of this.options.handlers) {
      const bucket = this.options.buckets[definition.trigger.bucket];
      let token: string | undefined;
      do {
        const page = await this.options.s3
          .send(
            new ListObjectsV2Command({
              Bucket: bucket,
              Prefix: definition.trigger.prefix,
              ContinuationToken: token,
            }),
          )
          .catch(() => undefined);
        if (!page) return;
        for (const object of page.Contents ?? []) {
          const key = object.Key!;
          if (definition.trigger.suffix && !key.endsWith(definition.trigger.suffix)) continue;
          const id = `${definition.id}:${bucket}/${key}`;
          const etag = object.ETag ?? '';
          // A copy onto itself keeps the ETag but is a new ObjectCreated in S3: the time tells them apart.
          const version = `${etag}@${object.LastModified?.toISOString() ?? ''}`;
          if (this.seen.get(id) === version) continue;
          this.seen.set(id, version);
          this.invoke(definition, bucket, key, object.Size ?? 0, etag);
        }
        token = page.NextContinuationToken;
      } while (token);
    }
  }

  private invoke(
    definition: EventHandlerDefinition,
    bucket: string,
    key: string,
    size: number,
    etag: string,
  ): void {
    const event = {
      Records: [
        {
          eventVersion: '2.1',
          eventSource: 'aws:s3',
          awsRegion: 'us-east-1',
          eventTime: new Date().toISOString(),
          eventName: 'ObjectCreated:Put',
          s3: {
            s3SchemaVersion: '1.0',
            configurationId: definition.id,
            bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` },
            object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size, eTag: etag.replace(/"/g, '') },
          },
        },
      ],
    } as unknown as S3Event;
    const started = Date.now();
    const run = this.options
      .loadHandler(definition)
      .then((handler) => handler(event))
      .then(
        () =>
          this.options.log?.(
            `event ${definition.id} s3://${bucket}/${key} done in ${Date.now() - started}ms`,
          ),
        (err: unknown) =>
          this.options.log?.(
            `event ${definition.id} s3://${bucket}/${key} failed: ${(err as Error).message}`,
          ),
      );
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }
}
