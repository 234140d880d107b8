/**
 * `npm run bench [-- --runs N --warmup N --why --top N --check --full --only ids ...]`
 *
 * Prints Markdown pipe tables on stdout (progress goes to stderr), so
 * `npm run bench > note.md` captures just the report. Exit codes: 0 = report
 * printed (targets missed are shown as FAIL but do not fail the run), 1 = a
 * target missed with `--check`, 2 = a benchmark broke (a bundle failed to
 * build or import, a section crashed).
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createContext, type BenchContext, type BenchOptions } from './lib/context';
import { renderSection } from './lib/table';
import { SECTIONS } from './sections';

/** Rows of the paging dataset: the default runs in a few minutes on 2 cores; `--full` is the 10M target. */
export const DEFAULT_PAGE_ROWS = 2_000_000;
export const FULL_PAGE_ROWS = 10_000_000;
export const DEFAULT_INGEST_ROWS = 1_000_000;

const USAGE = `Usage: npm run bench -- [options]
  --runs N           fresh Node processes per bundle for the import median (default 7)
  --warmup N         discarded warm-up rounds before measuring (default 1)
  --why              also print what each bundle is made of (esbuild metafile)
  --top N            rows in the --why tables (default 12)
  --check            exit 1 when a target fails
  --full             the big sizes: a ${FULL_PAGE_ROWS.toLocaleString('en-US')}-row paging dataset, 2 rounds of
                     ingestCsv, a sortable-column variant of the memory runs
  --page-rows N      rows of the paging dataset (default ${DEFAULT_PAGE_ROWS.toLocaleString('en-US')}, --full ${FULL_PAGE_ROWS.toLocaleString('en-US')})
  --ingest-rows N    rows of the ingest-speed file (default ${DEFAULT_INGEST_ROWS.toLocaleString('en-US')}); the
                     memory section ingests a tenth of it and all of it
  --samples N        requests per measured position when paging (default 15)
  --only IDS         run only these sections (comma-separated: ${SECTIONS.map((s) => s.id).join(', ')})
  --help             this text`;

function positiveInt(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} wants an integer ≥ ${min}, got "${value}"`);
  return n;
}

function parseOptions(argv: string[]): BenchOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string' },
      warmup: { type: 'string' },
      why: { type: 'boolean', default: false },
      top: { type: 'string' },
      check: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      'page-rows': { type: 'string' },
      'ingest-rows': { type: 'string' },
      samples: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return undefined;
  let only: string[] | undefined;
  if (values.only !== undefined) {
    only = values.only
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    const unknown = only.filter((id) => !SECTIONS.some((s) => s.id === id));
    if (unknown.length || only.length === 0) {
      throw new Error(
        `--only wants section ids among ${SECTIONS.map((s) => s.id).join(', ')}, got "${values.only}"`,
      );
    }
  }
  return {
    runs: positiveInt('runs', values.runs, 7),
    warmup: positiveInt('warmup', values.warmup, 1, 0),
    why: values.why,
    top: positiveInt('top', values.top, 12),
    check: values.check,
    full: values.full,
    pageRows: positiveInt(
      'page-rows',
      values['page-rows'],
      values.full ? FULL_PAGE_ROWS : DEFAULT_PAGE_ROWS,
      1000,
    ),
    ingestRows: positiveInt('ingest-rows', values['ingest-rows'], DEFAULT_INGEST_ROWS, 1000),
    samples: positiveInt('samples', values.samples, 15),
    ...(only ? { only } : {}),
  };
}

/**
 * How busy the machine was (Linux PSI): timings from a machine whose cores other
 * processes keep busy are noisier, and deep/first ratios swing with it.
 */
function machineLoad(): string | undefined {
  try {
    const some = /^some avg10=([\d.]+) avg60=([\d.]+) avg300=([\d.]+)/m.exec(
      readFileSync('/proc/pressure/cpu', 'utf8'),
    );
    if (!some) return undefined;
    return `Machine load: CPU pressure (PSI "some", share of time a runnable task waited for a core) ${some[2]} % over the last minute, ${some[3]} % over 5 minutes; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(
        ' ',
      )}. Above ~20 % the 2 cores were oversubscribed (the bench's own servers or other work) and timings are noisier.`;
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  let options: BenchOptions | undefined;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}\n`);
    return 2;
  }
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const ctx = createContext(options);
  // Ctrl-C still stops DynamoDB Local and s3rver and removes the scratch files.
  const interrupted = (signal: NodeJS.Signals) => {
    ctx.log(`${signal}: cleaning up`);
    void ctx.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    return await runSections(ctx, options);
  } finally {
    await ctx.close();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}

async function runSections(ctx: BenchContext, options: BenchOptions): Promise<number> {
  const started = performance.now();
  // Only what this script writes; stale bundles of removed handlers go with it.
  for (const dir of new Set(ctx.targets.map((t) => t.outfile.split('/')[0] ?? ''))) {
    if (dir) await rm(path.join(ctx.outDir, dir), { recursive: true, force: true });
  }

  const failures: string[] = [];
  const errors: string[] = [];
  process.stdout.write(`# Benchmarks (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)\n`);
  for (const section of SECTIONS) {
    const wanted = options.only ? options.only.includes(section.id) : (section.enabled?.(options) ?? true);
    if (!wanted) continue;
    let results;
    try {
      ctx.log(`section ${section.id}`);
      results = await section.run(ctx);
    } catch (err) {
      errors.push(
        `section ${section.id} crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      continue;
    }
    for (const result of results) {
      process.stdout.write(`\n${renderSection(result)}\n`);
      failures.push(...(result.failures ?? []));
      errors.push(...(result.errors ?? []));
    }
  }

  const summary: string[] = [];
  const load = machineLoad();
  if (load) summary.push(load, '');
  if (failures.length) summary.push(`Targets missed (${failures.length}):`, ...failures.map((f) => `- ${f}`));
  else summary.push('All targets met.');
  if (errors.length) summary.push('', `Errors (${errors.length}):`, ...errors.map((e) => `- ${e}`));
  process.stdout.write(`\n${summary.join('\n')}\n`);
  ctx.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  if (errors.length) return 2;
  if (options.check && failures.length) return 1;
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
