/**
 * The pass over an uploaded file (./parse-pass.ts) on a worker thread, so
 * parsing and storing run side by side: the parse thread checks, parses, infers
 * and scans; the ingestion's own thread stores each natural chunk, buckets it
 * by row hash and PUTs. On a Lambda with two vCPUs' worth of memory, ingestion
 * then takes about as long as the parse alone (`npm run bench -- --only
 * ingest-speed`). Both directions are bounded: pieces of the file go over as
 * the parser asks for them, natural chunks come back a few at a time.
 *
 * The thread runs this very module: from the Lambda bundle (the file named by
 * INGEST_PARSE_THREAD_FILE, which loads this module among the rest) or, from
 * source (local platform, tests), this TypeScript file through tsx.
 */
import { Readable } from 'node:stream';
import { getHeapStatistics } from 'node:v8';
import { isMainThread, parentPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { createPersonalDataScanner } from '../domain/personal-data/scanner';
import { parsePass, type PassOptions, type PassResult } from './parse-pass';

const ROLE = 'ingestion-parse-thread';
/** Pieces of the file sent ahead of the parser's asking (64 KiB each from S3 or a file). */
const PIECES_AHEAD = 8;
/** Natural chunks the parse thread may have handed over and not yet seen stored. */
const CHUNKS_AHEAD = 4;
/**
 * The thread's old generation at most: it holds one chunk of rows and the parser's state (the
 * bench's capped run fits both threads in 64 MiB). A pathological file (1,000 rows of 1 MB each)
 * then fails the ingestion with ERR_WORKER_OUT_OF_MEMORY rather than the whole Lambda.
 */
const THREAD_OLD_SPACE_MB = 1024;

interface ThreadData {
  role: typeof ROLE;
  options: PassOptions;
}

type ToThread = { type: 'bytes'; bytes: Uint8Array } | { type: 'end' } | { type: 'rows-stored' };

type FromThread =
  | { type: 'pull' }
  /** A natural chunk's serialized rows, joined by newlines (JSON never contains a raw one). */
  | { type: 'rows'; text: string }
  | { type: 'result'; result: PassResult }
  /** An error that is not the file's fault (those are problems in the result). */
  | { type: 'failed'; message: string; error: { name: string; stack?: string; code?: unknown } };

function startThread(options: PassOptions): Worker {
  const data: ThreadData = { role: ROLE, options };
  // The environment as this code sees it (a bundle's clients read it at import).
  const env = { ...process.env };
  const bundle = env.INGEST_PARSE_THREAD_FILE;
  // Never more than this thread's own heap limit, so --max-old-space-size caps the thread too.
  const ownLimitMb = Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20);
  const resourceLimits = { maxOldGenerationSizeMb: Math.min(THREAD_OLD_SPACE_MB, ownLimitMb) };
  return new Worker(bundle ?? fromSource(), { eval: !bundle, workerData: data, env, resourceLimits });
}

/** The thread's code from source: tsx's require hook compiles this file (and what it imports). */
function fromSource(): string {
  if (typeof __filename !== 'string') {
    throw new Error('INGEST_PARSE_THREAD_FILE must name the bundle that holds the parse thread.');
  }
  const tsx = require.resolve('tsx/cjs/api');
  return `require(${JSON.stringify(tsx)}).register();require(${JSON.stringify(__filename)});`;
}

/**
 * `parsePass` on a parse thread: the same result, and `onRows` called here with
 * the same chunks in the same order. The thread uses the platform's scanner.
 */
export async function parsePassInThread(
  source: Readable,
  options: PassOptions,
  onRows: (lines: string[]) => Promise<void> | void,
): Promise<PassResult> {
  let worker: Worker | undefined;
  try {
    worker = startThread(options);
    const thread = worker;
    const send = (message: ToThread, transfer?: ArrayBuffer[]) => thread.postMessage(message, transfer);
    return await new Promise<PassResult>((resolve, reject) => {
      let settled = false;
      // Natural chunks are stored one after another, in order; the result waits for the last.
      let stored: Promise<void> = Promise.resolve();
      const fail = (err: unknown) => {
        if (settled) return;
        settled = true;
        source.destroy();
        // Not before the chunk being stored has settled: the caller cleans up after this.
        const failure = err instanceof Error ? err : new Error(String(err));
        stored.then(
          () => reject(failure),
          () => reject(failure),
        );
      };
      let credits = PIECES_AHEAD;
      thread.on('message', (message: FromThread) => {
        if (settled) return; // what was on its way when it failed
        switch (message.type) {
          case 'pull':
            credits++;
            if (source.isPaused()) source.resume();
            return;
          case 'rows': {
            const lines = message.text.split('\n');
            // After a failure, chunks still queued are dropped, not stored.
            stored = stored
              .then(() => (settled ? undefined : onRows(lines)))
              .then(() => send({ type: 'rows-stored' }));
            stored.catch(fail);
            return;
          }
          case 'result':
            stored.then(() => {
              settled = true;
              resolve(message.result);
            }, fail);
            return;
          case 'failed':
            fail(Object.assign(new Error(message.message), message.error));
        }
      });
      thread.on('error', fail);
      thread.on('exit', (code) =>
        fail(new Error(`The parse thread stopped (exit code ${code}) before it gave the pass's result.`)),
      );
      source.on('data', (piece: Buffer | string) => {
        // One copy into memory of its own (never a pooled slab), which then moves to the thread.
        const bytes = typeof piece === 'string' ? new TextEncoder().encode(piece) : new Uint8Array(piece);
        send({ type: 'bytes', bytes }, [bytes.buffer as ArrayBuffer]);
        if (--credits <= 0) source.pause();
      });
      source.on('end', () => send({ type: 'end' }));
      source.on('error', fail);
    });
  } finally {
    // A pass that stopped early (too many columns) leaves the rest of the upload unread.
    if (!source.readableEnded) source.destroy();
    await worker?.terminate();
  }
}

/** The thread's side: the file arrives in pieces, chunks and the result go back. */
function serve(port: MessagePort, options: PassOptions): void {
  const post = (message: FromThread) => port.postMessage(message);
  const input = new Readable({
    read() {
      post({ type: 'pull' });
    },
  });
  let unstored = 0;
  let wake: (() => void) | undefined;
  port.on('message', (message: ToThread) => {
    if (message.type === 'bytes') {
      input.push(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength));
    } else if (message.type === 'end') {
      input.push(null);
    } else {
      unstored--;
      const resume = wake;
      wake = undefined;
      resume?.();
    }
  });
  const onRows = async (lines: string[]) => {
    while (unstored >= CHUNKS_AHEAD) await new Promise<void>((resolve) => (wake = resolve));
    unstored++;
    post({ type: 'rows', text: lines.join('\n') });
  };
  parsePass(input, options, createPersonalDataScanner, onRows).then(
    (result) => post({ type: 'result', result }),
    (err: unknown) => {
      const { name = 'Error', stack, code } = err instanceof Error ? (err as Error & { code?: unknown }) : {};
      post({
        type: 'failed',
        message: err instanceof Error ? err.message : String(err),
        error: { name, ...(stack ? { stack } : {}), ...(code !== undefined ? { code } : {}) },
      });
    },
  );
}

if (!isMainThread && parentPort && (workerData as Partial<ThreadData> | null)?.role === ROLE) {
  serve(parentPort, (workerData as ThreadData).options);
}
