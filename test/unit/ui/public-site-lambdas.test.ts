/**
 * The public site is one Lambda per area (lambdas/handlers/public-site/): each bundles only its
 * own area's pages and the shared shell (`site-*.ts`), and the adapters its bundle holds match
 * the rights its routes have. Built here with the Lambdas' own esbuild settings, as the CDK and
 * `npm run bench` build them, and read from esbuild's metafile.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import {
  accessKindsOf,
  adapterKindsOf,
  bundledFiles as bundledFilesOf,
  bundleHandler,
} from '../../support/lambda-bundle';
import { ROUTE_LIST } from '../../../lambdas/api/routes';
import type { RouteAccess } from '../../../lambdas/api/route-types';

const ROOT = path.resolve(__dirname, '../../..');
const PUBLIC_UI = 'lambdas/ui/public/';

/** The shell every public Lambda shares: `createPublicSite`, the page context and layout, the form helpers. */
const isShared = (file: string) => /^site-[a-z-]+\.ts$/.test(file);

/** Each Lambda's own files under lambdas/ui/public/ (the areas it serves). A file may serve two Lambdas. */
const OWN_FILES: Record<string, readonly string[]> = {
  'public-site/site': ['pages/home.ts', 'help-pages.ts', 'pages/help.ts'],
  'public-site/datasets': ['catalog-pages.ts', 'pages/catalog.ts', 'pages/dataset.ts'],
  'public-site/api-keys': ['api-key-pages.ts', 'pages/api-keys.ts'],
  'public-site/records': ['records-pages.ts', 'pages/records.ts'],
  'public-site/records-forms': ['records-form-pages.ts', 'pages/records.ts'],
  'public-site/report': ['report-pages.ts', 'pages/report.ts'],
};

const siteLambdas = [
  ...new Set(ROUTE_LIST.filter((r) => r.handler.startsWith('public-site/')).map((r) => r.handler)),
];

function accessOf(handler: string): RouteAccess {
  const found = ROUTE_LIST.filter((r) => r.handler === handler).map((r) => r.access);
  // The routes of one Lambda are one function's role: the same rights.
  expect(new Set(found.map((a) => JSON.stringify(a))).size).toBe(1);
  return found[0]!;
}

const metafiles = new Map<string, Metafile>();
beforeAll(async () => {
  await Promise.all(
    siteLambdas.map(async (handler) => {
      metafiles.set(handler, (await bundleHandler(handler)).metafile);
    }),
  );
}, 60_000);

/** Every module the Lambda's handler imports, directly or not (relative to the project root). */
const importedFiles = (handler: string) => Object.keys(metafiles.get(handler)!.inputs);

/** The modules with code in the handler's bundle (what tree shaking kept). */
const bundledFiles = (handler: string) => bundledFilesOf(metafiles.get(handler)!);

describe('the public site Lambdas', () => {
  it('are the Lambdas of the route table, each with its list of own files', () => {
    expect(siteLambdas.sort()).toEqual(Object.keys(OWN_FILES).sort());
  });

  it('leave no file of the public pages out of the lists: each is the shell or some area’s', () => {
    const files = readdirSync(path.join(ROOT, PUBLIC_UI), { recursive: true, encoding: 'utf8' })
      .map((file) => file.split(path.sep).join('/'))
      .filter((file) => file.endsWith('.ts'));
    const owned = new Set(Object.values(OWN_FILES).flat());
    expect(files.filter((file) => !isShared(file) && !owned.has(file))).toEqual([]);
    for (const file of owned) expect(files).toContain(file);
  });

  it.each(Object.keys(OWN_FILES))('%s imports its own pages and no other area’s', (handler) => {
    const own = OWN_FILES[handler]!;
    const pages = importedFiles(handler)
      .filter((file) => file.startsWith(PUBLIC_UI))
      .map((file) => file.slice(PUBLIC_UI.length));

    expect(pages.filter((file) => !isShared(file) && !own.includes(file))).toEqual([]);
    expect(pages).toEqual(expect.arrayContaining([...own]));
  });

  it.each(Object.keys(OWN_FILES))(
    '%s holds the adapters of its rights, and rights only for them',
    (handler) => {
      const access = accessOf(handler);
      const bundled = bundledFiles(handler);
      expect(adapterKindsOf(bundled)).toEqual(accessKindsOf(access));
      // Residents' pages never write a bucket or manage API keys.
      expect([access.datasetsBucket, access.recordsBucket]).not.toContain('RW');
      expect(access.apiKeys).toBeUndefined();
    },
  );
});
