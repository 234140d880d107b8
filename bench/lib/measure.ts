/**
 * Cold import time: each sample is a fresh Node process that times only
 * `await import(bundleUrl)` (bench/lib/import-probe.mjs). Processes run one at a
 * time, round-robin over the bundles, so drift (thermal, other load) spreads
 * over all rows instead of biasing whichever bundle ran last.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { probeEnv } from './env';

const PROBE = fileURLToPath(new URL('./import-probe.mjs', import.meta.url));
const MARKER = '@@bench-probe@@';
const PROBE_TIMEOUT_MS = 30_000;

export interface ProbeResult {
  importMs: number;
  handlerType: string;
}

export interface Stats {
  samples: number[];
  median: number;
  min: number;
  max: number;
}

function runProbe(bundleUrl: string): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [PROBE, bundleUrl],
      { env: probeEnv(), timeout: PROBE_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const line = stdout
          .split('\n')
          .reverse()
          .find((l) => l.startsWith(MARKER));
        const parsed = line
          ? (JSON.parse(line.slice(MARKER.length)) as Partial<ProbeResult> & { error?: string })
          : undefined;
        if (parsed?.error) return reject(new Error(parsed.error));
        if (err || !parsed || typeof parsed.importMs !== 'number') {
          const detail = (stderr.trim() || err?.message || 'no result').split('\n').slice(0, 5).join(' / ');
          return reject(new Error(`import probe failed: ${detail}`));
        }
        resolve({ importMs: parsed.importMs, handlerType: String(parsed.handlerType) });
      },
    );
  });
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { samples, median, min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN };
}

export interface ImportMeasurement {
  stats?: Stats;
  /** Why the bundle could not be measured (import threw, or no `handler` function). */
  error?: string;
}

/**
 * Measures every bundle `runs` times after `warmup` discarded rounds (page cache,
 * first-spawn costs). A bundle that fails once is dropped from later rounds.
 */
export async function measureImports(
  bundles: { name: string; url: string }[],
  runs: number,
  warmup: number,
  progress: (message: string) => void = () => {},
): Promise<Map<string, ImportMeasurement>> {
  const samples = new Map(bundles.map((b) => [b.name, [] as number[]]));
  const errors = new Map<string, string>();
  for (let round = -warmup; round < runs; round++) {
    progress(round < 0 ? `warm-up round ${round + warmup + 1}/${warmup}` : `round ${round + 1}/${runs}`);
    for (const bundle of bundles) {
      if (errors.has(bundle.name)) continue;
      try {
        const result = await runProbe(bundle.url);
        if (result.handlerType !== 'function') {
          throw new Error(`bundle does not export a handler function (handler is ${result.handlerType})`);
        }
        if (round >= 0) samples.get(bundle.name)?.push(result.importMs);
      } catch (err) {
        errors.set(bundle.name, err instanceof Error ? err.message : String(err));
      }
    }
  }
  return new Map(
    bundles.map((b) => {
      const error = errors.get(b.name);
      return [b.name, error ? { error } : { stats: stats(samples.get(b.name) ?? []) }];
    }),
  );
}
