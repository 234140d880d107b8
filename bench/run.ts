/**
 * `npm run bench [-- --runs N --warmup N --why --top N --check]`
 *
 * Prints Markdown pipe tables on stdout (progress goes to stderr), so
 * `npm run bench > note.md` captures just the report. Exit codes: 0 = report
 * printed (targets missed are shown as FAIL but do not fail the run), 1 = a
 * target missed with `--check`, 2 = a bundle failed to build or import.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createContext, type BenchOptions } from './lib/context';
import { renderSection } from './lib/table';
import { SECTIONS } from './sections';

const USAGE = `Usage: npm run bench -- [options]
  --runs N     fresh Node processes per bundle for the import median (default 7)
  --warmup N   discarded warm-up rounds before measuring (default 1)
  --why        also print what each bundle is made of (esbuild metafile)
  --top N      rows in the --why tables (default 12)
  --check      exit 1 when a target fails (size or cold import)
  --help       this text`;

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
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return undefined;
  return {
    runs: positiveInt('runs', values.runs, 7),
    warmup: positiveInt('warmup', values.warmup, 1, 0),
    why: values.why,
    top: positiveInt('top', values.top, 12),
    check: values.check,
  };
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
  const started = performance.now();
  // Only what this script writes; stale bundles of removed handlers go with it.
  for (const dir of new Set(ctx.targets.map((t) => t.outfile.split('/')[0] ?? ''))) {
    if (dir) await rm(path.join(ctx.outDir, dir), { recursive: true, force: true });
  }

  const failures: string[] = [];
  const errors: string[] = [];
  process.stdout.write(`# Benchmarks (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)\n`);
  for (const section of SECTIONS) {
    if (section.enabled && !section.enabled(options)) continue;
    let results;
    try {
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
