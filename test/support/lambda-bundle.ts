/**
 * One route's or event's handler bundled in memory exactly as the CDK and `npm run bench`
 * bundle it (LAMBDA_ESBUILD_OPTIONS), for tests about what a Lambda carries.
 */
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { handlerEntry, LAMBDA_ESBUILD_OPTIONS } from '../../lib/bundling';

const ROOT = path.resolve(__dirname, '../..');

export interface LambdaBundle {
  text: string;
  /** Inputs are relative to the project root (`lambdas/ui/assets/admin.css`). */
  metafile: Metafile;
}

export async function bundleHandler(handler: string): Promise<LambdaBundle> {
  const result = await build({
    ...LAMBDA_ESBUILD_OPTIONS,
    absWorkingDir: ROOT,
    entryPoints: [path.join(ROOT, handlerEntry(handler))],
    outfile: path.join(ROOT, 'cdk.out', 'unused.mjs'),
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  return { text: result.outputFiles[0]!.text, metafile: result.metafile };
}

/** The modules with code in the bundle (what tree shaking kept), relative to the project root. */
export function bundledFiles(metafile: Metafile): string[] {
  const [output] = Object.values(metafile.outputs);
  return Object.entries(output!.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([file]) => file);
}
