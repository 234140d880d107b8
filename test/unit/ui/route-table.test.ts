import { ROUTE_LIST } from '../../../lambdas/api/routes';

describe('the route table and pages', () => {
  const pages = ROUTE_LIST.filter((r) => r.kind === 'page');

  it('has the admin UI at /admin and under it, one handler for both', () => {
    expect(pages.map((p) => [p.method, p.path])).toEqual([
      ['ANY', '/admin'],
      ['ANY', '/admin/{proxy+}'],
    ]);
    expect(new Set(pages.map((p) => p.handler))).toEqual(new Set(['admin-ui/app']));
  });

  it('lets only pages use ANY or a greedy {proxy+}', () => {
    for (const route of ROUTE_LIST.filter((r) => r.kind !== 'page')) {
      expect(route.method).not.toBe('ANY');
      expect(route.path).not.toMatch(/\+\}/);
    }
  });

  it('leaves the session check to the page handler (public at the gateway), with what the pages need', () => {
    for (const page of pages) {
      expect(page.auth).toEqual({ kind: 'public' });
      expect(page.access).toEqual({
        table: 'RW',
        recordsBucket: 'RW',
        datasetsBucket: 'RW',
        email: 'SEND',
        apiKeys: 'MANAGE',
      });
    }
  });
});
