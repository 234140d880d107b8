/**
 * Local mode (tsx) loads the admin UI's static assets as strings, the way the
 * Lambda bundles do with esbuild's text loader (TEXT_ASSET_LOADERS in
 * lib/bundling.ts): `import css from './admin.css'` gives the file's text.
 */
import { readFileSync } from 'node:fs';
import { TEXT_ASSET_LOADERS } from '../lib/bundling';

type Loader = (module: { exports: unknown }, filename: string) => void;
// Node's CommonJS loader picks the longest registered extension, so `.ui-script.js` wins over `.js`.
const extensions = (require as unknown as { extensions?: Record<string, Loader> }).extensions;
if (extensions) {
  for (const extension of Object.keys(TEXT_ASSET_LOADERS)) {
    extensions[extension] = (module, filename) => {
      module.exports = readFileSync(filename, 'utf8');
    };
  }
}
