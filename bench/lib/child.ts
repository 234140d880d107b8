/**
 * Runs a bench tool (bundled like a Lambda, ./bundle.ts) in a fresh `node`
 * process with the clean measuring environment, and reads back the one
 * marked JSON line it prints. The process is killed on timeout.
 */
import { execFile } from 'node:child_process';
import type { BenchContext } from './context';
import { probeEnv } from './env';

export async function toolBundle(ctx: BenchContext, entry: string, name: string): Promise<string> {
  const built = await ctx.bundle({
    name: `tool: ${name}`,
    kind: 'tool',
    entry,
    outfile: `tools/${name}.mjs`,
    operations: [],
  });
  return built.file;
}

export function runTool<T>(
  file: string,
  args: string[],
  marker: string,
  timeoutMs: number,
  nodeFlags: string[] = [],
): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...nodeFlags, file, ...args],
      { env: probeEnv(), timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const line = stdout
          .split('\n')
          .reverse()
          .find((l) => l.startsWith(marker));
        const parsed = line ? (JSON.parse(line.slice(marker.length)) as T & { error?: string }) : undefined;
        if (parsed?.error) return reject(new Error(parsed.error.split('\n').slice(0, 4).join(' / ')));
        if (err || !parsed) {
          const why = err?.killed ? `killed after ${timeoutMs / 1000} s` : (err?.message ?? 'no result');
          const detail = (stderr.trim() || why).split('\n').slice(0, 5).join(' / ');
          return reject(new Error(`${file}: ${detail}`));
        }
        resolve(parsed);
      },
    );
  });
}
