/**
 * Ingest speed: the same generated CSV read by (a) csv-parse alone, records
 * counted and nothing else, the ceiling of any CSV ingestion with this
 * library, and the real `ingestCsv` (hash, UTF-8 check, parse, type
 * inference, personal-data scan, chunking) (b) on one thread with a sink that
 * drops the chunks, then with its parse thread, as ingestion runs a file this
 * big: (c) dropping the chunks (CPU only), (d) with the real `S3RowChunks`
 * sending every chunk to a local HTTP server that drops it (CPU + the HTTP
 * client), (e) the same server answering after 25 ms, and (f) `S3RowChunks`
 * writing to s3rver (CPU + HTTP + storage on the same cores). All of them run
 * round-robin in one fresh process, bundled like a Lambda
 * (bench/lib/ingest-speed-child.ts); each reports its best round.
 */
import { createServer, type Server } from 'node:http';
import { createS3Client } from '../../lambdas/adapters/clients/s3';
import { eventHandlers } from '../../lambdas/api/events';
import { PARSE_THREAD_MIN_BYTES } from '../../lambdas/domain/datasets/versions';
import { NATURAL_ORDER } from '../../lambdas/ingestion/ingest-csv';
import { createBucket } from '../../local/provision';
import { runTool, toolBundle } from '../lib/child';
import type { BenchContext } from '../lib/context';
import {
  SPEED_CHILD_MARKER,
  type SpeedChildRequest,
  type SpeedChildResult,
  type SpeedOutcome,
  type SpeedVariant,
} from '../lib/ingest-protocol';
import { passFail, type SectionResult } from '../lib/table';

export const MIN_INGEST_VS_RAW = 0.5;
/**
 * Rounds of the raw parse and of ingestCsv with the null sink: the same number of tries each, so
 * neither gets more chances at a quiet moment. The HTTP and s3rver variants run once, or ROUNDS
 * times with --full.
 */
export const ROUNDS = 2;
const BUCKET = 'bench-ingest-speed';
const CHILD_TIMEOUT_MS = 15 * 60_000;

interface Variant {
  id: SpeedVariant;
  label: string;
  what: string;
  /** Held to the ingest/raw target. */
  target: boolean;
  rounds: number;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * How long the latency variant's server takes to answer a PUT: AWS's S3 performance guidelines
 * put the median latency of small requests in the tens of milliseconds.
 */
export const PUT_LATENCY_MS = 25;

/**
 * Answers 200 to every request (after `delayMs`) and keeps nothing: S3 without storage, for the
 * client's own cost, and with a delay for what waiting on S3 costs.
 */
async function startDropServer(delayMs = 0): Promise<{ server: Server; endpoint: string }> {
  const server = createServer((req, res) => {
    req.resume();
    const answer = () => res.writeHead(200, { ETag: '"dropped"', 'Content-Length': '0' }).end();
    req.on('end', () => (delayMs > 0 ? setTimeout(answer, delayMs) : answer()));
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('drop server has no port');
  return { server, endpoint: `http://127.0.0.1:${address.port}` };
}

export async function ingestSpeedSection(ctx: BenchContext): Promise<SectionResult[]> {
  const rows = ctx.options.ingestRows;
  const csv = await ctx.generatedCsv(rows);
  const services = await ctx.localAws();
  const s3 = createS3Client(services.s3Endpoint);
  try {
    await createBucket(s3, BUCKET);
  } finally {
    s3.destroy();
  }
  const child = await toolBundle(ctx, 'bench/lib/ingest-speed-child.ts', 'ingest-speed-child');
  const ingestRounds = ctx.options.full ? ROUNDS : 1;
  const variants: Variant[] = [
    {
      id: 'raw',
      label: '(a) raw parse',
      what: "`fs` stream → `csv-parse` (ingestion's own options), records counted",
      target: false,
      rounds: ROUNDS,
    },
    {
      id: 'one-thread',
      label: '(b) ingestCsv, one thread, null sink',
      what: 'scanner on; no parse thread; chunks dropped',
      target: false,
      rounds: ROUNDS,
    },
    {
      id: 'null-sink',
      label: '(c) ingestCsv, null sink',
      what: 'scanner on; parse thread; chunks dropped (CPU only)',
      target: true,
      rounds: ROUNDS,
    },
    {
      id: 'http-drop',
      label: '(d) ingestCsv → HTTP, dropped',
      what: 'scanner on; parse thread; chunks `PUT` by `S3RowChunks` to a local server that answers 200 and keeps nothing',
      target: true,
      rounds: ingestRounds,
    },
    {
      id: 'http-latency',
      label: `(e) ingestCsv → HTTP, ${PUT_LATENCY_MS} ms per PUT`,
      what: `scanner on; parse thread; as (d), each \`PUT\` answered after ${PUT_LATENCY_MS} ms, as S3 answers a small request in tens of ms`,
      target: true,
      rounds: ingestRounds,
    },
    {
      id: 's3rver',
      label: '(f) ingestCsv → s3rver',
      what: 'scanner on; parse thread; chunks `PUT` to s3rver by `S3RowChunks`',
      target: false,
      rounds: ingestRounds,
    },
  ];
  ctx.log(`ingest speed: ${variants.map((v) => `${v.label} ×${v.rounds}`).join(', ')} in a fresh process`);
  // In this process, idle while the child runs: it costs the child no CPU of its own.
  const drop = await startDropServer();
  const slow = await startDropServer(PUT_LATENCY_MS);
  const request: SpeedChildRequest = {
    file: csv.file,
    s3Endpoint: services.s3Endpoint,
    ...(services.s3Pid ? { s3rverPid: services.s3Pid } : {}),
    dropEndpoint: drop.endpoint,
    latencyEndpoint: slow.endpoint,
    bucket: BUCKET,
    // Ingestion's /tmp work goes under the run's scratch directory, removed at the end whatever happens.
    tempDir: await ctx.workDir(),
    rounds: Object.fromEntries(variants.map((v) => [v.id, v.rounds])),
  };
  const errors: string[] = [];
  const failures: string[] = [];
  const best = new Map<string, SpeedOutcome>();
  try {
    const result = await runTool<SpeedChildResult>(
      child,
      [JSON.stringify(request)],
      SPEED_CHILD_MARKER,
      CHILD_TIMEOUT_MS,
    );
    for (const variant of variants) {
      const outcome = result.best[variant.id];
      const error = result.errors[variant.id];
      if (error) errors.push(`ingest speed, ${variant.label}: ${error}`);
      else if (outcome && outcome.rows !== rows)
        errors.push(`ingest speed, ${variant.label}: read ${outcome.rows} rows, expected ${rows}`);
      else if (outcome) best.set(variant.label, outcome);
    }
  } catch (err) {
    errors.push(`ingest speed: ${(err as Error).message}`);
  } finally {
    for (const { server } of [drop, slow]) {
      server.closeAllConnections();
      server.close();
    }
  }

  const raw = best.get(variants[0]!.label);
  const table = variants.map((variant) => {
    const m = best.get(variant.label);
    if (!m) return [variant.label, variant.what, 'ERROR', '', '', '', '', '', '', '', '', ''];
    const seconds = m.ms / 1000;
    const ratio = raw === undefined ? undefined : raw.ms / m.ms;
    let verdict = '—';
    if (variant.target) {
      verdict = ratio === undefined ? 'n/a' : passFail(ratio >= MIN_INGEST_VS_RAW);
      if (ratio !== undefined && ratio < MIN_INGEST_VS_RAW) {
        failures.push(
          `${variant.label}: ${count(Math.round(rows / seconds))} rows/s is ${ratio.toFixed(2)}× raw parse (< ${MIN_INGEST_VS_RAW}×)`,
        );
      }
    }
    const { firstPassMs, laterMs, orders } = m;
    return [
      variant.label,
      variant.what,
      seconds.toFixed(2),
      (m.cpuMs / 1000).toFixed(2),
      m.serverCpuMs === undefined ? '' : (m.serverCpuMs / 1000).toFixed(2),
      count(Math.round(rows / seconds)),
      (csv.bytes / 2 ** 20 / seconds).toFixed(1),
      firstPassMs === undefined ? '' : (firstPassMs / 1000).toFixed(2),
      laterMs === undefined
        ? ''
        : `${(laterMs / 1000).toFixed(2)}${orders ? ` (${orders.filter((o) => o !== NATURAL_ORDER).join(', ') || 'none'})` : ''}`,
      ratio === undefined ? '' : `${ratio.toFixed(2)}×`,
      raw === undefined ? '' : `${(raw.cpuMs / m.cpuMs).toFixed(2)}×`,
      verdict,
    ];
  });

  return [
    {
      title: `Ingest speed (${count(rows)} rows, ${(csv.bytes / 2 ** 20).toFixed(0)} MiB CSV)`,
      columns: [
        { header: 'Variant' },
        { header: 'What runs' },
        { header: 'Best time (s)', align: 'right' },
        { header: 'CPU (s)', align: 'right' },
        { header: 's3rver CPU (s)', align: 'right' },
        { header: 'Rows/s', align: 'right' },
        { header: 'MiB/s', align: 'right' },
        { header: 'Pass over file (s)', align: 'right' },
        { header: 'Then: sorted copies (s)', align: 'right' },
        { header: 'vs raw', align: 'right' },
        { header: 'CPU vs raw', align: 'right' },
        { header: `≥ ${MIN_INGEST_VS_RAW}× raw` },
      ],
      rows: table,
      notes: [
        `One file from bench/lib/csv-gen.ts (6 columns: integer id, date, text, integer, number, boolean; 1 row in 16 has a quoted field), read from local disk (page cache) by every variant. Variants run round-robin in one fresh \`node\` process running \`.bench/tools/ingest-speed-child.mjs\`, bundled with the Lambda esbuild options (the raw parse first, so csv-parse is warm for all; nothing of the bench is loaded there: the bench process holds every Lambda's module graph, which slows ingestion's hot functions by about a fifth and the raw parse not at all); time and CPU are of the best round: raw parse and ingestCsv with the null sink ${ROUNDS} rounds each, ingestCsv → HTTP and → s3rver ${ingestRounds} each (${ROUNDS} with \`--full\`).`,
        '`ingestCsv` runs as ingestion does for a dataset with no primary key and no sortable columns (natural chunks of 1,000 rows, row-hash chunks of 5,000, 16 chunk writes in flight): SHA-256 and a UTF-8 check of every byte, csv-parse, type inference, personal-data scan and natural-order chunks in one pass, with what the sorted copy needs put aside in /tmp; then that copy, sorted by row hash (for change lists), written as a second set of chunks. Every order is checked to receive every row.',
        `Parse thread: ingestion of a file of ${PARSE_THREAD_MIN_BYTES / 2 ** 20} MiB or more (\`PARSE_THREAD_MIN_BYTES\`; (c) to (f) decide as ingestion does, so a file this big uses it) runs the pass on a worker thread (lambdas/ingestion/parse-thread.ts: check, parse, infer, scan, serialize) while its own thread stores each chunk, buckets it by row hash and \`PUT\`s it; the ingestion Lambda has ${count(eventHandlers.ingestDatasetVersion.memoryMb)} MB, two vCPUs of CPU time. (b) is the same ingestion on one thread, as for smaller files.`,
        '`CPU`: user + system time of the child process (both threads) over the best round. `s3rver CPU`: what s3rver, a Node process of its own, spent over the (f) round on the same 2 cores (from /proc). `Pass over file`: from the start to the last natural-order chunk handed to the sink, i.e. the one streaming pass; `Then`: the rest, where ingestion sorts and writes its other orders of the rows (named).',
        '(d) adds what the HTTP client costs ingestion (a chunk is one `PUT`; 1,200 per million rows) with a server that costs nothing; (e) adds waiting on S3 (s3rver on 127.0.0.1 answers in well under a millisecond, S3 in tens). (f) is not held to the target: on this machine s3rver takes its CPU time (column) from the same two cores as ingestion, which S3 never does.',
        `Target: ingestCsv rows/s ≥ ${MIN_INGEST_VS_RAW}× the raw parse rows/s for (c), (d) and (e). \`--ingest-rows N\` changes the size. \`CPU vs raw\` (raw parse CPU ÷ this variant's CPU) is not the target; it is shown because on a shared, oversubscribed machine wall time depends on when the process gets a core (and ingestion's file I/O runs on libuv's thread pool), while CPU time does much less.`,
      ],
      failures,
      errors,
    },
  ];
}
