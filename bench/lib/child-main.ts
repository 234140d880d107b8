/**
 * How a bench child bundle runs: its `main` on the main thread only, the result printed as one
 * marked JSON line on stdout (./ingest-protocol.ts), then exit. The same bundle is also the
 * ingestion's parse thread (lambdas/ingestion/parse-thread.ts), as a Lambda's bundle is; in that
 * thread `main` does not run.
 */
import { isMainThread } from 'node:worker_threads';

export function runChildMain<T>(marker: string, main: () => Promise<T>): void {
  process.env.INGEST_PARSE_THREAD_FILE ??= process.argv[1];
  if (!isMainThread) return;
  void main().then(
    (result) => process.stdout.write(`\n${marker}${JSON.stringify(result)}\n`, () => process.exit(0)),
    (err: unknown) =>
      process.stdout.write(
        `\n${marker}${JSON.stringify({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) })}\n`,
        () => process.exit(1),
      ),
  );
}
