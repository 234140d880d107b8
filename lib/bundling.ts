/**
 * How every Lambda is bundled: local esbuild (never Docker), ESM, minified,
 * `module` entry points first (smaller, faster to import: ~37 % here), the AWS
 * SDK bundled and tree-shaken rather than taken from the runtime. The CDK
 * construct and `npm run bench` both read these settings.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hashedAssetName, type AssetNames } from '../lambdas/ui/asset-names';

export const LAMBDA_NODE_TARGET = 'node22';

// ESM bundles still contain CommonJS dependencies that call require().
export const CREATE_REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** Lambda bundles read credentials from the environment only (lambdas/shared/lambda-credentials.ts). */
export const LAMBDA_MODULE_ALIASES: Record<string, string> = {
  '@aws-sdk/credential-provider-node': './lambdas/shared/lambda-credentials.ts',
};

/**
 * Static assets bundled as strings (the admin UI's stylesheet and browser script,
 * lambdas/ui/assets/). Local mode (tsx) and jest load them the same way: see
 * local/text-assets.ts and test/support/text-transform.js. The script's extension is
 * its own on purpose: a loader applies to every file of the bundle, and the AWS SDK
 * ships `*.browser.js` modules that must stay code.
 */
export const TEXT_ASSET_LOADERS: Record<string, 'text'> = { '.css': 'text', '.ui-script.js': 'text' };

/**
 * The hashed names pages link the stylesheet and script by (lambdas/ui/asset-names.ts), fixed in
 * every bundle, so a page Lambda does not carry the two files only admin-ui/app and
 * public-site/site serve.
 */
export function uiAssetNames(): AssetNames {
  const read = (file: string) =>
    readFileSync(path.join(__dirname, '..', 'lambdas', 'ui', 'assets', file), 'utf8');
  return {
    css: hashedAssetName('admin', 'css', read('admin.css')),
    js: hashedAssetName('admin', 'js', read('admin.ui-script.js')),
  };
}

export const LAMBDA_ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node' as const,
  format: 'esm' as const,
  target: LAMBDA_NODE_TARGET,
  mainFields: ['module', 'main'],
  minify: true,
  // Nothing reads a function's or class's name at run time (AWS SDK errors carry `name` as a field);
  // keeping them cost ~5 % of every bundle and one `__name()` call per function at cold start.
  keepNames: false,
  sourcemap: false,
  banner: { js: CREATE_REQUIRE_BANNER },
  legalComments: 'none' as const,
  alias: LAMBDA_MODULE_ALIASES,
  loader: TEXT_ASSET_LOADERS,
  define: { 'process.env.UI_ASSET_NAMES': JSON.stringify(JSON.stringify(uiAssetNames())) },
};

/** Handler source file of a route, relative to the project root. */
export function handlerEntry(handler: string): string {
  return `lambdas/handlers/${handler}.ts`;
}
