/**
 * Pages link the stylesheet and script by hashed names fixed at bundle time, and only the two
 * Lambdas that serve the files carry them: the names in a bundle must be the ones the serving
 * Lambda computes from the files, or every page would link a 404.
 */
import type { Metafile } from 'esbuild';
import { uiAssetNames } from '../../../lib/bundling';
import { ASSETS, assetResponse } from '../../../lambdas/ui/assets';
import { bundleHandler } from '../../support/lambda-bundle';

const carriesAssets = (metafile: Metafile) =>
  Object.keys(metafile.inputs).some((file) => file.startsWith('lambdas/ui/assets/'));

describe('the assets pages link', () => {
  it('have the same names at bundle time, locally and where they are served', () => {
    const served = { css: ASSETS.css.file, js: ASSETS.js.file };
    expect(uiAssetNames()).toEqual(served);
    expect(served.css).toMatch(/^admin\.[0-9a-f]{12}\.css$/);
    expect(assetResponse(served.css)).toMatchObject({ status: 200, contentType: 'text/css; charset=utf-8' });
    expect(assetResponse('admin.000000000000.css').status).toBe(404);
  });

  it('are carried only by the Lambdas that serve them; every page Lambda links them by name', async () => {
    const [home, records, site, report] = await Promise.all(
      ['admin-ui/app', 'admin-ui/records', 'public-site/site', 'public-site/report'].map(bundleHandler),
    );
    expect(carriesAssets(home!.metafile)).toBe(true);
    expect(carriesAssets(site!.metafile)).toBe(true);
    expect(carriesAssets(records!.metafile)).toBe(false);
    expect(carriesAssets(report!.metafile)).toBe(false);
    for (const bundled of [home, records, site, report]) {
      expect(bundled!.text).toContain(uiAssetNames().css);
      expect(bundled!.text).toContain(uiAssetNames().js);
    }
  }, 60_000);
});
