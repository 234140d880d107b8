/** What every benchmark section gets: options, paths, bundles, local services and scratch files. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalAwsServices, type LocalAwsServices } from '../../local/aws-services';
import { bundleTarget, type BuiltBundle } from './bundle';
import { writeGeneratedCsv } from './csv-gen';
import { allTargets, type BenchTarget } from './targets';

export interface BenchOptions {
  /** Fresh Node processes per bundle for the import medians. */
  runs: number;
  /** Discarded rounds before measuring. */
  warmup: number;
  /** Exit 1 when a target is missed. */
  check: boolean;
  /** Also print what makes up each bundle (esbuild metafile). */
  why: boolean;
  /** Rows in the `--why` tables. */
  top: number;
  /** The big sizes (10M-row paging dataset). */
  full: boolean;
  /** Rows of the paging dataset. */
  pageRows: number;
  /** Rows of the ingest-speed file; the memory section runs a tenth of it and all of it. */
  ingestRows: number;
  /** Requests per measured position of the paging section. */
  samples: number;
  /** Section ids to run (all when absent). */
  only?: string[];
}

export interface GeneratedFile {
  file: string;
  rows: number;
  bytes: number;
}

export interface BenchContext {
  options: BenchOptions;
  /** Project root (absolute). */
  root: string;
  /** Where bundles go (absolute, gitignored). */
  outDir: string;
  targets: BenchTarget[];
  /** Builds a target's bundle, once per run; later calls share the result. */
  bundle(target: BenchTarget): Promise<BuiltBundle>;
  /** DynamoDB Local + s3rver on 127.0.0.1, started on first use and stopped by `close()`. */
  localAws(): Promise<LocalAwsServices>;
  /** A scratch directory of this run, removed by `close()`. */
  workDir(): Promise<string>;
  /** The generated CSV (bench/lib/csv-gen.ts) of `rows` rows, written once per run. */
  generatedCsv(rows: number): Promise<GeneratedFile>;
  /** Progress on stderr, so stdout stays the report. */
  log(message: string): void;
  /** Stops the services and removes the scratch files. Safe to call twice. */
  close(): Promise<void>;
}

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function createContext(options: BenchOptions, root = PROJECT_ROOT): BenchContext {
  const outDir = path.join(root, '.bench');
  const built = new Map<string, Promise<BuiltBundle>>();
  const generated = new Map<number, Promise<GeneratedFile>>();
  let services: Promise<LocalAwsServices> | undefined;
  let scratch: Promise<string> | undefined;
  const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

  const ctx: BenchContext = {
    options,
    root,
    outDir,
    targets: allTargets(),
    bundle(target) {
      let pending = built.get(target.name);
      if (!pending) {
        pending = bundleTarget(root, outDir, target);
        built.set(target.name, pending);
      }
      return pending;
    },
    localAws() {
      if (!services) {
        log('starting DynamoDB Local and s3rver on 127.0.0.1');
        // What local mode sets for the SDK clients of this process (local/platform.ts does the same).
        process.env.AWS_REGION ??= 'us-east-1';
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
        services = startLocalAwsServices();
      }
      return services;
    },
    workDir() {
      scratch ??= mkdtemp(path.join(tmpdir(), 'open-records-bench-'));
      return scratch;
    },
    generatedCsv(rows) {
      let pending = generated.get(rows);
      if (!pending) {
        pending = (async () => {
          const file = path.join(await ctx.workDir(), `generated-${rows}.csv`);
          const started = performance.now();
          const bytes = await writeGeneratedCsv(file, rows);
          log(
            `generated ${rows.toLocaleString('en-US')} rows (${(bytes / 2 ** 20).toFixed(0)} MiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
          );
          return { file, rows, bytes };
        })();
        generated.set(rows, pending);
      }
      return pending;
    },
    log,
    async close() {
      const running = services;
      const dir = scratch;
      services = undefined;
      scratch = undefined;
      generated.clear();
      if (running) await (await running.catch(() => undefined))?.stop();
      if (dir) await rm(await dir, { recursive: true, force: true });
    },
  };
  return ctx;
}
