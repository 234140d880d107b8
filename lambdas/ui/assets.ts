/**
 * The admin UI's static assets: one stylesheet and one small script, bundled into
 * the Lambda as strings and served at `/admin/assets/<name>.<content hash>.<ext>`
 * with a one-year immutable cache. The hash is computed at cold start, so a new
 * deployment with a changed file gets a new URL and no browser keeps the old one.
 */
import { createHash } from 'node:crypto';
import css from './assets/admin.css';
import script from './assets/admin.ui-script.js';

export interface Asset {
  /** `admin.3f2a9c01be.css` */
  file: string;
  body: string;
  contentType: string;
}

function asset(name: string, ext: string, body: string, contentType: string): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { file: `${name}.${hash}.${ext}`, body, contentType };
}

export const ASSETS = {
  css: asset('admin', 'css', css, 'text/css; charset=utf-8'),
  js: asset('admin', 'js', script, 'text/javascript; charset=utf-8'),
} as const;

export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export function assetByFile(file: string): Asset | undefined {
  return Object.values(ASSETS).find((a) => a.file === file);
}
