/**
 * The admin UI is one Lambda per area (lambdas/handlers/admin-ui/): each bundles its own
 * area's controller and pages, no other area's, and exactly the adapters its routes' rights
 * allow. Built with the Lambdas' own esbuild settings and read from esbuild's metafile.
 */
import type { Metafile } from 'esbuild';
import { ROUTE_LIST } from '../../../lambdas/api/routes';
import type { RouteAccess } from '../../../lambdas/api/route-types';
import {
  accessKindsOf,
  adapterKindsOf,
  bundledFiles as bundledFilesOf,
  bundleHandler,
} from '../../support/lambda-bundle';

/** Each Lambda's controller and the pages only it renders. */
const OWN_FILES: Record<string, readonly string[]> = {
  'admin-ui/app': ['home-controller.ts', 'pages/dashboard.ts', 'pages/outbox.ts'],
  'admin-ui/records': [
    'records-controller.ts',
    'pages/queue.ts',
    'pages/request-detail.ts',
    'pages/new-request.ts',
  ],
  'admin-ui/datasets': ['datasets-controller.ts', 'pages/datasets-detail.ts'],
  // (The audit log links keys with pages/api-keys.ts's keyPath: that page file is not this area's alone.)
  'admin-ui/api-keys': ['api-keys-controller.ts'],
  'admin-ui/enforcement': ['enforcement-controller.ts', 'pages/enforcement.ts'],
  'admin-ui/settings': ['settings-controller.ts', 'pages/holiday-calendar.ts', 'pages/audit-log.ts'],
};

const adminLambdas = [
  ...new Set(ROUTE_LIST.filter((r) => r.handler.startsWith('admin-ui/')).map((r) => r.handler)),
];
const accessOf = (handler: string): RouteAccess => ROUTE_LIST.find((r) => r.handler === handler)!.access;

const metafiles = new Map<string, Metafile>();
beforeAll(async () => {
  await Promise.all(
    adminLambdas.map(async (handler) => metafiles.set(handler, (await bundleHandler(handler)).metafile)),
  );
}, 90_000);

/** The modules with code in the handler's bundle (what tree shaking kept). */
const bundledFiles = (handler: string) => bundledFilesOf(metafiles.get(handler)!);

describe('the admin UI Lambdas', () => {
  it('are the Lambdas of the route table, each with its list of own files', () => {
    expect(adminLambdas.sort()).toEqual(Object.keys(OWN_FILES).sort());
  });

  it.each(Object.keys(OWN_FILES))('%s holds its own area and no other area', (handler) => {
    const bundled = bundledFiles(handler);
    for (const file of OWN_FILES[handler]!) expect(bundled).toContain(`lambdas/ui/${file}`);
    for (const [other, files] of Object.entries(OWN_FILES)) {
      if (other === handler) continue;
      for (const file of files) expect(bundled).not.toContain(`lambdas/ui/${file}`);
    }
  });

  it.each(Object.keys(OWN_FILES))(
    '%s holds the adapters of its rights, and rights only for them',
    (handler) => {
      const access = accessOf(handler);
      const bundled = bundledFiles(handler);
      expect(adapterKindsOf(bundled)).toEqual(accessKindsOf(access));
    },
  );
});
