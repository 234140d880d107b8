/**
 * The static assets: one stylesheet and one small script, bundled as strings into the
 * two Lambdas that serve them (`/admin/assets/…` by admin-ui/app, `/assets/…` by
 * public-site/site) at `<name>.<content hash>.<ext>` with a one-year immutable cache:
 * a deployment with a changed file gets a new URL and no browser keeps the old one.
 * Pages link them by name only (./asset-names.ts).
 */
import { hashedAssetName } from './asset-names';
import type { PageResult } from './http';
import css from './assets/admin.css';
import script from './assets/admin.ui-script.js';

export interface Asset {
  /** `admin.3f2a9c01be.css` */
  file: string;
  body: string;
  contentType: string;
}

function asset(name: string, ext: string, body: string, contentType: string): Asset {
  return { file: hashedAssetName(name, ext, body), body, contentType };
}

export const ASSETS = {
  css: asset('admin', 'css', css, 'text/css; charset=utf-8'),
  js: asset('admin', 'js', script, 'text/javascript; charset=utf-8'),
} as const;

export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export function assetByFile(file: string): Asset | undefined {
  return Object.values(ASSETS).find((a) => a.file === file);
}

/** What serving `file` answers: the asset with its long cache, or 404. */
export function assetResponse(file: string): PageResult {
  const found = assetByFile(file);
  if (!found) return { status: 404, body: 'Not found', contentType: 'text/plain; charset=utf-8' };
  return {
    status: 200,
    body: found.body,
    contentType: found.contentType,
    headers: { 'Cache-Control': ASSET_CACHE_CONTROL },
  };
}
