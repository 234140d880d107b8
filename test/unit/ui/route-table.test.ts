import { ROUTE_LIST } from '../../../lambdas/api/routes';
import { accessOfRoutes } from '../../../lambdas/api/route-types';

describe('the route table and pages', () => {
  const pages = ROUTE_LIST.filter((r) => r.kind === 'page');
  const adminPages = pages.filter((p) => p.handler.startsWith('admin-ui/'));
  const sitePages = pages.filter((p) => p.handler.startsWith('public-site/'));

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

  it('has the public site at / and every unclaimed path, one Lambda per area', () => {
    expect(sitePages.map((p) => [p.method, p.path, p.handler])).toEqual([
      ['ANY', '/', 'public-site/site'],
      ['ANY', '/{proxy+}', 'public-site/site'],
      ['ANY', '/datasets', 'public-site/datasets'],
      ['ANY', '/datasets/{proxy+}', 'public-site/datasets'],
      ['ANY', '/api-keys', 'public-site/api-keys'],
      ['ANY', '/api-keys/{proxy+}', 'public-site/api-keys'],
      ['ANY', '/records', 'public-site/records'],
      ['ANY', '/records/{proxy+}', 'public-site/records'],
      ['ANY', '/records/new', 'public-site/records-forms'],
      ['ANY', '/records/lost-link', 'public-site/records-forms'],
      ['ANY', '/report', 'public-site/report'],
      ['ANY', '/report/{proxy+}', 'public-site/report'],
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

  const accessOf = (handler: string) => {
    const found = pages.filter((p) => p.handler === handler).map((p) => p.access);
    // Every route of one Lambda carries the same rights (they are one function's role).
    expect(found.length).toBeGreaterThan(0);
    expect(new Set(found.map((a) => JSON.stringify(a))).size).toBe(1);
    return found[0];
  };

  it('gives each admin area only the rights its pages use', () => {
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

  it("gives each public area the rights of the public JSON routes its pages call, and never a bucket's write", () => {
    // Help content only; the catalog's keyless download counts itself (RW) and signs a read.
    expect(accessOf('public-site/site')).toEqual({ table: 'RO' });
    expect(accessOf('public-site/datasets')).toEqual({ table: 'RW', datasetsBucket: 'RO' });
    expect(accessOf('public-site/api-keys')).toEqual({ table: 'RW', email: 'SEND' });
    // Reading a request's status and its released files writes nothing; the forms touch no bucket.
    expect(accessOf('public-site/records')).toEqual({ table: 'RO', recordsBucket: 'RO' });
    expect(accessOf('public-site/records-forms')).toEqual({ table: 'RW', email: 'SEND' });
    expect(accessOf('public-site/report')).toEqual({ table: 'RW', email: 'SEND' });
    for (const page of sitePages) {
      expect(page.access.apiKeys).toBeUndefined();
      expect([page.access.recordsBucket, page.access.datasetsBucket]).not.toContain('RW');
    }
  });

  it('builds a page area’s rights from the JSON routes it stands for: each grant at its highest', () => {
    expect(
      accessOfRoutes(
        { access: { table: 'RO', recordsBucket: 'RO' } },
        { access: { table: 'RW' } },
        { access: { table: 'RO', email: 'SEND' } },
      ),
    ).toEqual({ table: 'RW', recordsBucket: 'RO', email: 'SEND' });
    expect(accessOfRoutes({ access: {} }, { access: { apiKeys: 'MANAGE', datasetsBucket: 'RW' } })).toEqual({
      apiKeys: 'MANAGE',
      datasetsBucket: 'RW',
    });
    expect(accessOfRoutes()).toEqual({});
  });
});
