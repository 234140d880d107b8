import { Router } from '../../../lambdas/ui/router';

const router = new Router<string>()
  .get('/admin', 'dashboard')
  .get('/admin/records-requests/new', 'new-form')
  .post('/admin/records-requests/new', 'new-post')
  .get('/admin/records-requests/:trackingNumber', 'detail')
  .post('/admin/records-requests/:trackingNumber/documents/:documentId/release', 'release');

describe('Router', () => {
  it('matches a literal path', () => {
    expect(router.match('GET', '/admin')).toEqual({ kind: 'found', handler: 'dashboard', params: {} });
  });

  it('lets a route added first win (a literal before a :param)', () => {
    expect(router.match('GET', '/admin/records-requests/new')).toMatchObject({ handler: 'new-form' });
    expect(router.match('GET', '/admin/records-requests/2026-000001')).toEqual({
      kind: 'found',
      handler: 'detail',
      params: { trackingNumber: '2026-000001' },
    });
  });

  it('takes several params and decodes them', () => {
    expect(router.match('POST', '/admin/records-requests/2026-000001/documents/a%20b/release')).toEqual({
      kind: 'found',
      handler: 'release',
      params: { trackingNumber: '2026-000001', documentId: 'a b' },
    });
  });

  it('answers method-not-allowed with the methods the path takes', () => {
    expect(router.match('DELETE', '/admin/records-requests/new')).toEqual({
      kind: 'method-not-allowed',
      allowed: ['GET', 'POST'],
    });
  });

  it('answers HEAD like GET and ignores one trailing slash', () => {
    expect(router.match('HEAD', '/admin/')).toMatchObject({ kind: 'found', handler: 'dashboard' });
  });

  it('matches whole segments only, never a prefix or a path with more segments', () => {
    expect(router.match('GET', '/administrator')).toEqual({ kind: 'not-found' });
    expect(router.match('GET', '/admin/records-requests/2026-000001/extra')).toEqual({ kind: 'not-found' });
    expect(router.match('GET', '/admin/records-requests/a/b')).toEqual({ kind: 'not-found' });
  });

  it('treats regular-expression characters in a path literally', () => {
    const r = new Router<string>().get('/admin/records-requests.csv', 'csv');

    expect(r.match('GET', '/admin/records-requests.csv')).toMatchObject({ handler: 'csv' });
    expect(r.match('GET', '/admin/records-requestsXcsv')).toEqual({ kind: 'not-found' });
  });

  it('answers not-found for a malformed percent-encoding in a param', () => {
    expect(router.match('GET', '/admin/records-requests/%E0%A4%A')).toEqual({ kind: 'not-found' });
  });
});
