/** What every benchmark section gets: options, paths, and the bundles (built once, shared). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleTarget, type BuiltBundle } from './bundle';
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
  /** Progress on stderr, so stdout stays the report. */
  log(message: string): void;
}

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function createContext(options: BenchOptions, root = PROJECT_ROOT): BenchContext {
  const outDir = path.join(root, '.bench');
  const built = new Map<string, Promise<BuiltBundle>>();
  return {
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
    log: (message) => process.stderr.write(`[bench] ${message}\n`),
  };
}
