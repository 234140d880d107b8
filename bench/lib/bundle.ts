/** Bundles one target with exactly the Lambda esbuild options (lib/bundling.ts). */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { LAMBDA_ESBUILD_OPTIONS } from '../../lib/bundling';
import type { BenchTarget } from './targets';

export interface BuiltBundle {
  target: BenchTarget;
  /** Absolute path of the `.mjs` bundle. */
  file: string;
  url: string;
  bytes: number;
  /** Names the bundle exports, from the metafile. */
  exports: string[];
  metafile: Metafile;
  /** The metafile's key for the bundle (relative to the project root). */
  outputKey: string;
}

export async function bundleTarget(root: string, outDir: string, target: BenchTarget): Promise<BuiltBundle> {
  const file = path.join(outDir, target.outfile);
  const result = await build({
    ...LAMBDA_ESBUILD_OPTIONS,
    absWorkingDir: root,
    entryPoints: [path.join(root, target.entry)],
    outfile: file,
    metafile: true,
    write: true,
    logLevel: 'silent',
  });
  const outputKey = path.relative(root, file).split(path.sep).join('/');
  const output = result.metafile.outputs[outputKey];
  if (!output) throw new Error(`esbuild metafile has no output ${outputKey}`);
  // Kept next to the bundle for https://esbuild.github.io/analyze/.
  await writeFile(`${file}.meta.json`, JSON.stringify(result.metafile));
  return {
    target,
    file,
    url: pathToFileURL(file).href,
    bytes: output.bytes,
    exports: output.exports,
    metafile: result.metafile,
    outputKey,
  };
}

/** Why a build failed, in a line: esbuild's first error with its location. */
export function describeBuildError(err: unknown): string {
  const errors = (err as { errors?: { text: string; location?: { file: string; line: number } | null }[] })
    .errors;
  const first = errors?.[0];
  if (first) {
    const where = first.location ? ` (${first.location.file}:${first.location.line})` : '';
    return `${first.text}${where}`;
  }
  return err instanceof Error ? err.message : String(err);
}
