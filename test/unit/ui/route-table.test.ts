import { ROUTE_LIST } from '../../../lambdas/api/routes';

describe('the route table and pages', () => {
  const pages = ROUTE_LIST.filter((r) => r.kind === 'page');
  const adminPages = pages.filter((p) => p.handler === 'admin-ui/app');
  const sitePages = pages.filter((p) => p.handler === 'public-site/site');

  it('has the admin UI at /admin and under it, the public site at / and every unclaimed path', () => {
    expect(pages.map((p) => [p.method, p.path, p.handler])).toEqual([
      ['ANY', '/admin', 'admin-ui/app'],
      ['ANY', '/admin/{proxy+}', 'admin-ui/app'],
      ['ANY', '/', 'public-site/site'],
      ['ANY', '/{proxy+}', 'public-site/site'],
    ]);
  });

  it('lets only pages use ANY or a greedy {proxy+}', () => {
    for (const route of ROUTE_LIST.filter((r) => r.kind !== 'page')) {
      expect(route.method).not.toBe('ANY');
      expect(route.path).not.toMatch(/\+\}/);
    }
  });

  it('leaves the session check to the page handler (public at the gateway), with what the pages need', () => {
    for (const page of pages) expect(page.auth).toEqual({ kind: 'public' });
    for (const page of adminPages) {
      expect(page.access).toEqual({
        table: 'RW',
        recordsBucket: 'RW',
        datasetsBucket: 'RW',
        email: 'SEND',
        apiKeys: 'MANAGE',
      });
    }
    // Residents' pages read files (downloads) but never write a bucket or manage keys.
    for (const page of sitePages) {
      expect(page.access).toEqual({ table: 'RW', recordsBucket: 'RO', datasetsBucket: 'RO', email: 'SEND' });
    }
  });
});
