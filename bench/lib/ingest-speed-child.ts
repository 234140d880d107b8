/**
 * The speed section's runs in one fresh process: bundled like a Lambda into
 * `.bench/tools/ingest-speed-child.mjs` and run with plain `node`, so the raw parse
 * and `ingestCsv` run side by side with nothing of the bench loaded (the bench
 * process holds every Lambda's module graph, which alone slows ingestion's hot
 * functions by about a fifth while the raw parse is unaffected). Variants run
 * round-robin, the raw parse first; each reports its best round.
 * Prints one marked JSON line on stdout (./ingest-protocol.ts).
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import { createS3Http } from '../../lambdas/adapters/clients/s3-http';
import { S3RowChunks } from '../../lambdas/adapters/row-chunk-store';
import { parsesOnThread, ROW_CHUNKING } from '../../lambdas/domain/datasets/versions';
import { createPersonalDataScanner } from '../../lambdas/domain/personal-data/scanner';
import { ingestCsv, NATURAL_ORDER, PARSE_OPTIONS, type ChunkSink } from '../../lambdas/ingestion/ingest-csv';
import { runChildMain } from './child-main';
import {
  SPEED_CHILD_MARKER,
  type SpeedChildRequest,
  type SpeedChildResult,
  type SpeedOutcome,
  type SpeedVariant,
} from './ingest-protocol';

async function rawParse(file: string): Promise<Omit<SpeedOutcome, 'ms' | 'cpuMs'>> {
  let records = 0;
  const parser = createReadStream(file).pipe(parse(PARSE_OPTIONS));
  for await (const _record of parser) records++;
  return { rows: records - 1 }; // the header
}

/** ingestCsv as ingestion runs it, its time split at the last natural-order chunk (the one pass over the file). */
async function ingest(
  request: SpeedChildRequest,
  store: ChunkSink,
  parseThread: boolean,
): Promise<Omit<SpeedOutcome, 'ms' | 'cpuMs'>> {
  const started = performance.now();
  let lastNatural = started;
  const orders = new Map<string, number>();
  const sink: ChunkSink = {
    writeChunk: (order, index, chunkRows) => {
      orders.set(order, (orders.get(order) ?? 0) + chunkRows.length);
      if (order === NATURAL_ORDER) lastNatural = performance.now();
      return store.writeChunk(order, index, chunkRows);
    },
    writeJsonChunk: (order, index, json, rowCount) => {
      orders.set(order, (orders.get(order) ?? 0) + rowCount);
      if (order === NATURAL_ORDER) lastNatural = performance.now();
      return store.writeJsonChunk!(order, index, json, rowCount);
    },
  };
  const result = await ingestCsv(createReadStream(request.file), sink, {
    sortable: [],
    ...ROW_CHUNKING,
    createScanner: createPersonalDataScanner,
    tempDir: request.tempDir,
    parseThread,
  });
  const ended = performance.now();
  if (result.problems.length > 0 || result.findings.length > 0) {
    throw new Error(
      `unexpected problems [${result.problems.map((p) => p.kind).join(', ')}] or findings [${result.findings.map((f) => `${f.column}: ${f.pattern}`).join(', ')}]`,
    );
  }
  for (const [order, n] of orders) {
    if (n !== result.rowCount) throw new Error(`order ${order} got ${n} of ${result.rowCount} rows`);
  }
  return {
    rows: result.rowCount,
    firstPassMs: lastNatural - started,
    laterMs: ended - lastNatural,
    orders: [...orders.keys()],
  };
}

/** User + system CPU time of another process (ms) from /proc/<pid>/stat; undefined where there is none. */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

async function main(): Promise<SpeedChildResult> {
  const request = JSON.parse(process.argv[2] ?? '') as SpeedChildRequest;
  const nullSink: ChunkSink = { writeChunk: async () => undefined, writeJsonChunk: async () => undefined };
  const s3Chunks = new S3RowChunks(createS3Http(request.s3Endpoint), request.bucket);
  const dropChunks = new S3RowChunks(createS3Http(request.dropEndpoint), request.bucket);
  const slowChunks = new S3RowChunks(createS3Http(request.latencyEndpoint), request.bucket);
  // As ingestion decides: a file this big is parsed on the parse thread.
  const threaded = parsesOnThread(statSync(request.file).size);
  const run: Record<SpeedVariant, () => Promise<Omit<SpeedOutcome, 'ms' | 'cpuMs'>>> = {
    raw: () => rawParse(request.file),
    'one-thread': () => ingest(request, nullSink, false),
    'null-sink': () => ingest(request, nullSink, threaded),
    'http-drop': () => ingest(request, dropChunks.sink('ingest-speed', 1), threaded),
    'http-latency': () => ingest(request, slowChunks.sink('ingest-speed', 1), threaded),
    s3rver: () => ingest(request, s3Chunks.sink('ingest-speed', 1), threaded),
  };
  const best: SpeedChildResult['best'] = {};
  const errors: Partial<Record<SpeedVariant, string>> = {};
  for (let round = 1; round <= Math.max(...Object.values(request.rounds)); round++) {
    for (const variant of Object.keys(request.rounds) as SpeedVariant[]) {
      if (round > request.rounds[variant]! || errors[variant]) continue;
      try {
        const serverPid = variant === 's3rver' ? request.s3rverPid : undefined;
        const serverBefore = processCpuMs(serverPid);
        const cpu = process.cpuUsage();
        const started = performance.now();
        const outcome = await run[variant]();
        const ms = performance.now() - started;
        const used = process.cpuUsage(cpu);
        const serverAfter = processCpuMs(serverPid);
        if (!best[variant] || ms < best[variant].ms) {
          best[variant] = {
            ...outcome,
            ms,
            cpuMs: (used.user + used.system) / 1000,
            ...(serverBefore !== undefined && serverAfter !== undefined
              ? { serverCpuMs: serverAfter - serverBefore }
              : {}),
          };
        }
      } catch (err) {
        errors[variant] = (err as Error).message;
      }
    }
  }
  return { best, errors };
}

runChildMain(SPEED_CHILD_MARKER, main);
