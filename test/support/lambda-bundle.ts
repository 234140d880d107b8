/**
 * One route's or event's handler bundled in memory exactly as the CDK and `npm run bench`
 * bundle it (LAMBDA_ESBUILD_OPTIONS), for tests about what a Lambda carries.
 */
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { handlerEntry, LAMBDA_ESBUILD_OPTIONS } from '../../lib/bundling';
import type { RouteAccess } from '../../lambdas/api/route-types';

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

/** Which kinds of AWS access a bundle's adapters use, read from the files it holds. */
export function adapterKindsOf(bundled: readonly string[]) {
  const has = (prefix: string) => bundled.some((file) => file.startsWith(prefix));
  return {
    table: has('lambdas/adapters/clients/dynamodb.ts'),
    bucket:
      has('lambdas/adapters/s3-presigner.ts') ||
      has('lambdas/adapters/s3-http.ts') ||
      has('lambdas/adapters/clients/s3'),
    // Sending through SES (the local outbox is rows in the table; the admin home lists them).
    email: has('lambdas/adapters/email/ses-email-sender.ts') || has('lambdas/adapters/clients/ses.ts'),
    apiKeys: has('lambdas/adapters/api-keys/') || has('lambdas/adapters/clients/api-gateway.ts'),
  };
}

/** The same kinds, as a route's access grants them. */
export function accessKindsOf(access: RouteAccess) {
  return {
    table: access.table !== undefined,
    bucket: access.datasetsBucket !== undefined || access.recordsBucket !== undefined,
    email: access.email === 'SEND',
    apiKeys: access.apiKeys === 'MANAGE',
  };
}
