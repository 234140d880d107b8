/**
 * Peak memory of ingestion: each ingestion runs alone in a fresh Node process
 * (bench/lib/ingest-child.ts, bundled like a Lambda), reading the generated
 * CSV and writing real row chunks to s3rver, and reports its peak RSS. The
 * file grows tenfold between the two sizes; the peak should not.
 */
import { createS3Client } from '../../lambdas/adapters/clients/s3';
import { PARSE_THREAD_MIN_BYTES } from '../../lambdas/domain/datasets/versions';
import { createBucket } from '../../local/provision';
import { runTool, toolBundle } from '../lib/child';
import type { BenchContext } from '../lib/context';
import { CHILD_MARKER, type IngestChildRequest, type IngestChildResult } from '../lib/ingest-protocol';
import { passFail, type SectionResult } from '../lib/table';

/**
 * Peak RSS of the large file over that of the small one (10× fewer rows), with
 * Node's default heap sizing: V8 lets the heap grow over a longer run, so some
 * growth is garbage not yet collected rather than data held.
 */
export const MAX_PEAK_RSS_GROWTH = 1.5;
/**
 * The same two files with V8's heap capped, which takes that slack away: a run
 * completes only if what ingestion keeps alive fits, and the two peaks should
 * then be nearly equal. Both generations are capped: the old space, and the
 * young one, whose semi-spaces V8 grows (up to 16 MiB each) on a long run that
 * allocates fast, however little of it survives.
 */
export const CAPPED_OLD_SPACE_MIB = 64;
export const CAPPED_SEMI_SPACE_MIB = 4;
export const MAX_CAPPED_PEAK_RSS_GROWTH = 1.25;
/**
 * Fresh processes per size and heap setting; the one with the median peak is reported. Without a
 * cap, whether V8 grew its heap during a 0.6 s run moved the 100k-row peak between 91 and 106 MiB
 * from one process to the next on this machine, and the ratio with it.
 */
export const PROCESSES_PER_RUN = 3;
const CAPPED_HEAP = `old space ≤ ${CAPPED_OLD_SPACE_MIB} MiB, semi-space ≤ ${CAPPED_SEMI_SPACE_MIB} MiB`;
const BUCKET = 'bench-ingest-memory';
const CHILD_TIMEOUT_MS = 10 * 60_000;

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const count = (n: number) => n.toLocaleString('en-US');

export async function ingestMemorySection(ctx: BenchContext): Promise<SectionResult[]> {
  const largest = ctx.options.ingestRows;
  const sizes = [Math.max(1000, Math.round(largest / 10)), largest];
  // Ingestion parses a file of PARSE_THREAD_MIN_BYTES or more on a second thread: each way is
  // measured at both sizes, so the growth compares like with like (a thread is a fixed cost).
  const variants: { label: string; sortable: string[]; parseThread: boolean }[] = [
    { label: 'no sortable column, one thread', sortable: [], parseThread: false },
    { label: 'no sortable column, parse thread', sortable: [], parseThread: true },
    // One more sorted copy of every row: a longer run, in --full only.
    ...(ctx.options.full
      ? [{ label: 'sortable: amount, parse thread', sortable: ['amount'], parseThread: true }]
      : []),
  ];
  const errors: string[] = [];
  const failures: string[] = [];

  const child = await toolBundle(ctx, 'bench/lib/ingest-child.ts', 'ingest-child');
  const services = await ctx.localAws();
  const s3 = createS3Client(services.s3Endpoint);
  try {
    await createBucket(s3, BUCKET);
  } finally {
    s3.destroy();
  }
  const tempDir = await ctx.workDir();

  const rows: string[][] = [];
  const sources = new Set<string>();
  const runs = [
    { size: sizes[0]!, capped: false },
    { size: sizes[1]!, capped: false },
    { size: sizes[0]!, capped: true },
    { size: sizes[1]!, capped: true },
  ];
  for (const variant of variants) {
    const smallestPeak = new Map<boolean, number>();
    for (const run of runs) {
      const { size, capped } = run;
      const limit = capped ? MAX_CAPPED_PEAK_RSS_GROWTH : MAX_PEAK_RSS_GROWTH;
      const csv = await ctx.generatedCsv(size);
      const label = capped ? `${variant.label}, ${CAPPED_HEAP}` : variant.label;
      ctx.log(
        `ingesting ${count(size)} rows (${label}) in ${PROCESSES_PER_RUN} fresh processes, one at a time`,
      );
      const request: IngestChildRequest = {
        file: csv.file,
        s3Endpoint: services.s3Endpoint,
        bucket: BUCKET,
        datasetId: `memory-${size}`,
        version: variants.indexOf(variant) + 1,
        sortable: variant.sortable,
        parseThread: variant.parseThread,
        tempDir,
      };
      let result: IngestChildResult;
      try {
        const results: IngestChildResult[] = [];
        for (let i = 0; i < PROCESSES_PER_RUN; i++) {
          const one = await runTool<IngestChildResult>(
            child,
            [JSON.stringify(request)],
            CHILD_MARKER,
            CHILD_TIMEOUT_MS,
            capped
              ? [
                  `--max-old-space-size=${CAPPED_OLD_SPACE_MIB}`,
                  `--max-semi-space-size=${CAPPED_SEMI_SPACE_MIB}`,
                ]
              : [],
          );
          if (one.rowCount !== size || one.problems.length > 0 || one.findings > 0) {
            throw new Error(
              `ingested ${one.rowCount} of ${size} rows, problems [${one.problems.join('; ')}], ${one.findings} findings`,
            );
          }
          results.push(one);
        }
        // The process with the median peak: one short run's GC timing moves a peak by a tenth.
        result = results.sort((a, b) => a.peakRssKiB - b.peakRssKiB)[Math.floor(results.length / 2)]!;
      } catch (err) {
        const why = (err as Error).message;
        if (capped) {
          // The same file ran uncapped: failing here means ingestion keeps more alive than the cap.
          failures.push(`ingest memory, ${count(size)} rows (${label}): did not complete: ${why}`);
          rows.push([count(size), label, '', mib(csv.bytes), 'FAILED', '', '', '', '', '', '', 'FAIL']);
        } else {
          errors.push(`ingest memory, ${count(size)} rows (${label}): ${why}`);
          rows.push([count(size), label, '', mib(csv.bytes), 'ERROR', '', '', '', '', '', '', '']);
        }
        continue;
      }
      sources.add(result.peakRssSource);
      // Every order must hold every row: a sorted copy that lost some is a bug, not a memory saving.
      const short = Object.entries(result.rowsWritten).filter(([, n]) => n !== size);
      for (const [order, n] of short) {
        failures.push(
          `ingest memory, ${count(size)} rows (${label}): order ${order} got ${count(n)} of ${count(size)} rows (rows lost)`,
        );
      }
      const orders = Object.entries(result.rowsWritten)
        .map(([order, n]) => (n === size ? order : `${order} ✗ ${count(n)} rows`))
        .join(', ');
      const peak = result.peakRssKiB * 1024;
      let growth = '';
      let verdict = short.length > 0 ? 'FAIL' : '';
      const smaller = smallestPeak.get(capped);
      if (size === sizes[0]) {
        smallestPeak.set(capped, peak);
      } else if (smaller !== undefined) {
        const ratio = peak / smaller;
        growth = `${ratio.toFixed(2)}×`;
        verdict ||= `≤ ${limit}×: ${passFail(ratio <= limit)}`;
        if (ratio > limit) {
          failures.push(
            `ingest memory (${label}): peak RSS ${mib(peak)} MiB at ${count(size)} rows is ${growth} the ${count(sizes[0]!)}-row peak (> ${limit}×)`,
          );
        }
      }
      rows.push([
        count(size),
        label,
        orders,
        mib(csv.bytes),
        result.seconds.toFixed(1),
        count(Math.round(size / result.seconds)),
        mib(result.baselinePeakRssKiB * 1024),
        mib(peak),
        mib(result.peakHeapUsedBytes),
        mib(result.peakExternalBytes),
        growth,
        verdict,
      ]);
    }
  }

  return [
    {
      title: 'Peak memory of ingestion',
      columns: [
        { header: 'Rows', align: 'right' },
        { header: 'Dataset' },
        { header: 'Orders written (all rows)' },
        { header: 'File (MiB)', align: 'right' },
        { header: 'Time (s)', align: 'right' },
        { header: 'Rows/s', align: 'right' },
        { header: 'RSS before (MiB)', align: 'right' },
        { header: 'Peak RSS (MiB)', align: 'right' },
        { header: 'Peak heap (MiB)', align: 'right' },
        { header: 'Peak external (MiB)', align: 'right' },
        { header: 'Peak vs smaller', align: 'right' },
        { header: 'Target' },
      ],
      rows,
      notes: [
        `Each row is the median by peak RSS of ${PROCESSES_PER_RUN} fresh \`node\` processes run one after another (default heap limits unless capped), each running \`.bench/tools/ingest-child.mjs\`: \`ingestCsv\` bundled with the Lambda esbuild options, reading the generated CSV from a local file, personal-data scanner on, chunks of 1,000 rows (5,000 in the row-hash order) written to s3rver through \`S3RowChunks\` (16 writes in flight). Ingestion parses a file of ${PARSE_THREAD_MIN_BYTES / 2 ** 20} MiB or more on a second thread (lambdas/ingestion/parse-thread.ts): both ways run at both sizes. The heap of the parse thread is in the peak RSS, not in the heap and external columns (those are of the ingestion thread).`,
        `\`RSS before\`: the process's peak RSS after the imports, before the first byte is read (Node + bundle). \`Peak RSS\`: the same at the end, i.e. the whole run. Read from ${[...sources].join(' / ') || 'VmHWM'}: on Linux, VmHWM of /proc/self/status, because \`process.resourceUsage().maxRSS\` is carried across fork + execve and would start at the bench process's own RSS. Heap and external peaks come from a 50 ms \`process.memoryUsage()\` sampler.`,
        `Targets: with Node's default heap sizing, peak RSS of the ${count(sizes[1]!)}-row file ≤ ${MAX_PEAK_RSS_GROWTH}× that of the ${count(sizes[0]!)}-row file (10× the rows; V8 keeps more garbage over a longer run). With V8's heap capped (\`--max-old-space-size=${CAPPED_OLD_SPACE_MIB}\`, \`--max-semi-space-size=${CAPPED_SEMI_SPACE_MIB}\`: without the second, V8 grows the young generation to 3 × 16 MiB on a long run that allocates fast, however little survives), which takes that slack away, both files must ingest completely and the peaks differ by ≤ ${MAX_CAPPED_PEAK_RSS_GROWTH}×: what ingestion keeps alive does not grow with the file. Besides the natural order, every version gets a sorted copy of its rows (by row hash without a primary key, for change lists) and one per sortable column, sorted through /tmp. The child counts the rows each order receives: an order short of rows fails.`,
      ],
      failures,
      errors,
    },
  ];
}
