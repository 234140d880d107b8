/**
 * The shell every public Lambda shares (createPublicSite): it serves the areas it is given and
 * nothing else, answers /v1 with the JSON API's 404, checks CSRF before any form runs, and a
 * Lambda's deps must hold the ports of its areas (a type error otherwise).
 */
import { DEFAULT_HELP_CONTENT } from '../../../lambdas/domain/enforcement/help-content';
import type { RecordsEmailPort, RecordsStorePort } from '../../../lambdas/domain/records/ports';
import { ASSETS, assetResponse } from '../../../lambdas/ui/assets';
import type { PageRequest } from '../../../lambdas/ui/http';
import { registerHelpPages } from '../../../lambdas/ui/public/help-pages';
import { registerHomePage } from '../../../lambdas/ui/public/pages/home';
import { registerRecordsFormPages } from '../../../lambdas/ui/public/records-form-pages';
import { registerRecordsPages } from '../../../lambdas/ui/public/records-pages';
import { createPublicSite, siteFormCookieName } from '../../../lambdas/ui/public/site-app';
import { pageRequest } from '../../support/page-request';

const clock = { now: () => '2026-03-02T15:00:00.000Z', newId: () => '01J0000000000000000000000' };
const config = { csrfSecret: 'test-secret-test-secret-test-secret' };

const request = (method: string, path: string, input: Partial<PageRequest> = {}) =>
  pageRequest(method, path, { origin: 'https://data.example.gov', ...input });

describe('the public site Lambda (home, help, assets, every unclaimed path)', () => {
  const site = createPublicSite(
    { clock, help: { current: async () => DEFAULT_HELP_CONTENT } },
    config,
    [registerHomePage, registerHelpPages],
    { assets: assetResponse },
  );

  it('serves the home page and help, with the visitor’s form nonce', async () => {
    const home = await site.handle(request('GET', '/'));
    expect(home.status).toBe(200);
    expect(home.body).toContain('open data and public records');
    expect(home.cookies?.join()).toContain(`${siteFormCookieName({ secure: true })}=`);

    expect((await site.handle(request('GET', '/help'))).status).toBe(200);
  });

  it('serves the assets', async () => {
    const css = await site.handle(request('GET', `/assets/${ASSETS.css.file}`));
    expect(css.status).toBe(200);
    expect(css.contentType).toMatch(/^text\/css/);
  });

  it('answers a page of another area with the 404 page: that area has its own Lambda', async () => {
    const page = await site.handle(request('GET', '/records/archive'));
    expect(page.status).toBe(404);
    expect(page.body).toContain('<h1>Page not found</h1>');
  });

  it('answers an unknown /v1 path with the JSON API’s 404', async () => {
    const answer = await site.handle(request('GET', '/v1/no-such-path'));
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: 'NOT_FOUND', message: expect.stringContaining('/openapi.json'), requestId: 'req-1' },
    });
  });
});

describe('an area Lambda (the records forms)', () => {
  const store = {} as RecordsStorePort;
  const email = { send: jest.fn() };
  const site = createPublicSite({ clock, records: { store, email } }, config, [registerRecordsFormPages]);

  it('serves its forms and nothing of the other records pages', async () => {
    const form = await site.handle(request('GET', '/records/new'));
    expect(form.status).toBe(200);
    expect(form.body).toContain('name="csrf"');

    expect((await site.handle(request('GET', '/records/archive'))).status).toBe(404);
  });

  it('refuses a POST without the visitor’s nonce before the form runs', async () => {
    const answer = await site.handle(
      request('POST', '/records/new', { form: new URLSearchParams({ description: 'Minutes' }) }),
    );
    expect(answer.status).toBe(403);
    expect(email.send).not.toHaveBeenCalled();
  });
});

/**
 * Checked by `npm run typecheck`, not at run time (never called): a Lambda whose deps lack the
 * ports of an area it serves does not compile. Each line below must be a type error.
 */
function _lambdaWithoutItsPortsDoesNotCompile(store: RecordsStorePort, email: RecordsEmailPort): void {
  // @ts-expect-error the records pages need `records` (store and files), which these deps lack
  createPublicSite({ clock }, config, [registerRecordsPages]);
  // @ts-expect-error the forms' ports have no files: the reading pages cannot be served with them
  createPublicSite({ clock, records: { store, email } }, config, [registerRecordsPages]);
}
