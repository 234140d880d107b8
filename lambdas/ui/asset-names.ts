/**
 * The file names (with content hashes) pages link the stylesheet and script by. A Lambda
 * bundle gets them fixed at bundle time (lib/bundling.ts defines UI_ASSET_NAMES), so only
 * the two Lambdas that serve the files (admin-ui/app, public-site/site) carry their bodies;
 * locally and in tests they are computed from the files themselves (lambdas/ui/assets.ts).
 */
import { createHash } from 'node:crypto';

export interface AssetNames {
  /** `admin.3f2a9c01be6d.css` */
  css: string;
  js: string;
}

/** `admin` + `css` + the file's text → `admin.<first 12 hex of its SHA-256>.css` */
export function hashedAssetName(name: string, ext: string, body: string): string {
  return `${name}.${createHash('sha256').update(body).digest('hex').slice(0, 12)}.${ext}`;
}

let names: AssetNames | undefined;

export function assetNames(): AssetNames {
  // In a bundle the define makes this a constant and esbuild drops the other branch with its require.
  names ??= process.env.UI_ASSET_NAMES
    ? (JSON.parse(process.env.UI_ASSET_NAMES) as AssetNames)
    : // eslint-disable-next-line @typescript-eslint/no-require-imports -- local mode and jest only (CommonJS)
      fromBodies((require('./assets') as typeof import('./assets')).ASSETS);
  return names;
}

const fromBodies = (assets: { css: { file: string }; js: { file: string } }): AssetNames => ({
  css: assets.css.file,
  js: assets.js.file,
});
