import { ROUTE_LIST } from '../../../lambdas/api/routes';

describe('the route table and pages', () => {
  const pages = ROUTE_LIST.filter((r) => r.kind === 'page');
  const adminPages = pages.filter((p) => p.handler.startsWith('admin-ui/'));
  const sitePages = pages.filter((p) => p.handler === 'public-site/site');

  it('has the admin UI at /admin, one Lambda per area, the home Lambda taking what no area claims', () => {
    expect(adminPages.map((p) => [p.method, p.path, p.handler])).toEqual([
      ['ANY', '/admin', 'admin-ui/app'],
      ['ANY', '/admin/{proxy+}', 'admin-ui/app'],
      ['ANY', '/admin/records-requests', 'admin-ui/records'],
      ['ANY', '/admin/records-requests/{proxy+}', 'admin-ui/records'],
      ['ANY', '/admin/records-requests.csv', 'admin-ui/records'],
      ['ANY', '/admin/datasets', 'admin-ui/datasets'],
      ['ANY', '/admin/datasets/{proxy+}', 'admin-ui/datasets'],
      ['ANY', '/admin/api-keys', 'admin-ui/api-keys'],
      ['ANY', '/admin/api-keys/{proxy+}', 'admin-ui/api-keys'],
      ['ANY', '/admin/enforcement', 'admin-ui/enforcement'],
      ['ANY', '/admin/enforcement/{proxy+}', 'admin-ui/enforcement'],
      ['ANY', '/admin/holiday-calendar', 'admin-ui/settings'],
      ['ANY', '/admin/holiday-calendar/{proxy+}', 'admin-ui/settings'],
      ['ANY', '/admin/audit-log', 'admin-ui/settings'],
    ]);
  });

  it('has the public site at / and every unclaimed path', () => {
    expect(sitePages.map((p) => [p.method, p.path])).toEqual([
      ['ANY', '/'],
      ['ANY', '/{proxy+}'],
    ]);
  });

  it('lets only pages use ANY or a greedy {proxy+}', () => {
    for (const route of ROUTE_LIST.filter((r) => r.kind !== 'page')) {
      expect(route.method).not.toBe('ANY');
      expect(route.path).not.toMatch(/\+\}/);
    }
  });

  it('leaves the session check to the page handler (public at the gateway)', () => {
    for (const page of pages) expect(page.auth).toEqual({ kind: 'public' });
  });

  it('gives each admin area only the rights its pages use', () => {
    const accessOf = (handler: string) => {
      const found = adminPages.filter((p) => p.handler === handler).map((p) => p.access);
      // Every route of one Lambda carries the same rights (they are one function's role).
      expect(new Set(found.map((a) => JSON.stringify(a))).size).toBe(1);
      return found[0];
    };
    // The dashboard only counts; sign-in writes nothing.
    expect(accessOf('admin-ui/app')).toEqual({ table: 'RO' });
    expect(accessOf('admin-ui/records')).toEqual({ table: 'RW', recordsBucket: 'RW', email: 'SEND' });
    expect(accessOf('admin-ui/datasets')).toEqual({ table: 'RW', datasetsBucket: 'RW' });
    expect(accessOf('admin-ui/api-keys')).toEqual({ table: 'RW', email: 'SEND', apiKeys: 'MANAGE' });
    expect(accessOf('admin-ui/enforcement')).toEqual({ table: 'RW', email: 'SEND', apiKeys: 'MANAGE' });
    expect(accessOf('admin-ui/settings')).toEqual({ table: 'RW' });
    // No admin Lambda but the records and datasets areas touches a bucket.
    for (const page of adminPages.filter(
      (p) => !['admin-ui/records', 'admin-ui/datasets'].includes(p.handler),
    )) {
      expect(page.access.recordsBucket ?? page.access.datasetsBucket).toBeUndefined();
    }
  });
});
