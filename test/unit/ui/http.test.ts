import type { APIGatewayProxyEvent } from 'aws-lambda';
import {
  pageRequestOf,
  proxyResultOf,
  safeNext,
  securityHeaders,
  BadFormError,
} from '../../../lambdas/ui/http';

const event = (overrides: Partial<APIGatewayProxyEvent> = {}): APIGatewayProxyEvent =>
  ({
    httpMethod: 'POST',
    path: '/admin/records-requests/2026-000001/actions',
    headers: {
      Host: 'abc123.execute-api.us-east-1.amazonaws.com',
      'X-Forwarded-Proto': 'https',
      'Content-Type': 'application/x-www-form-urlencoded',
      Cookie: '__Host-admin-session=tok; other=1',
    },
    multiValueQueryStringParameters: { tag: ['a', 'b'] },
    queryStringParameters: { tag: 'b' },
    body: 'action=deny&exemptions=1-210(b)(1)&exemptions=1-210(b)(2)',
    isBase64Encoded: false,
    requestContext: { stage: 'dev', requestId: 'r1' },
    ...overrides,
  }) as unknown as APIGatewayProxyEvent;

describe('pageRequestOf', () => {
  it('reads the form, repeated fields included, the cookies and the query', () => {
    const request = pageRequestOf(event(), 'r1');

    expect(request.form.getAll('exemptions')).toEqual(['1-210(b)(1)', '1-210(b)(2)']);
    expect(request.cookies['__Host-admin-session']).toBe('tok');
    expect(request.query.getAll('tag')).toEqual(['a', 'b']);
  });

  it('keeps the stage in links on the execute-api host, not on the city’s domain', () => {
    expect(pageRequestOf(event(), 'r1')).toMatchObject({ basePath: '/dev', secure: true });
    const custom = pageRequestOf(
      event({ headers: { Host: 'data.danbury-ct.gov', 'X-Forwarded-Proto': 'https' }, body: null }),
      'r1',
    );
    expect(custom).toMatchObject({ basePath: '', origin: 'https://data.danbury-ct.gov' });
  });

  it('is not secure over http (local mode)', () => {
    const local = pageRequestOf(
      event({ headers: { Host: '127.0.0.1:3000', 'X-Forwarded-Proto': 'http' }, body: null }),
      'r1',
    );
    expect(local).toMatchObject({ secure: false, origin: 'http://127.0.0.1:3000' });
  });

  it('decodes a base64 body and refuses a body that is not a form', () => {
    const encoded = Buffer.from('a=1').toString('base64');
    expect(pageRequestOf(event({ body: encoded, isBase64Encoded: true }), 'r1').form.get('a')).toBe('1');
    expect(() =>
      pageRequestOf(event({ headers: { 'Content-Type': 'application/json' }, body: '{}' }), 'r1'),
    ).toThrow(BadFormError);
  });
});

describe('security headers', () => {
  it('forbid inline scripts and styles, framing, and the referrer; HSTS only over https', () => {
    const headers = securityHeaders({ formActionOrigins: [], connectOrigins: [] }, true);

    expect(headers['Content-Security-Policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'",
    );
    expect(headers).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    expect(headers['Strict-Transport-Security']).toMatch(/max-age=\d+/);
    expect(
      securityHeaders({ formActionOrigins: [], connectOrigins: [] }, false)['Strict-Transport-Security'],
    ).toBeUndefined();
  });

  it('name the sign-in origin for forms and S3 for the upload script', () => {
    const csp = securityHeaders(
      {
        formActionOrigins: ['https://x.auth.us-east-1.amazoncognito.com'],
        connectOrigins: ['https://b.s3.us-east-1.amazonaws.com'],
      },
      true,
    )['Content-Security-Policy'];

    expect(csp).toContain("form-action 'self' https://x.auth.us-east-1.amazoncognito.com");
    expect(csp).toContain("connect-src 'self' https://b.s3.us-east-1.amazonaws.com");
  });

  it('go on every response, with cookies as multi-value headers and no body for HEAD', () => {
    const result = proxyResultOf(
      { status: 200, body: '<p>x</p>', cookies: ['a=1', 'b=2'] },
      { method: 'HEAD', secure: false, requestId: 'r1' },
      { formActionOrigins: [], connectOrigins: [] },
    );

    expect(result.headers).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    expect(result.headers?.['Content-Security-Policy']).toBeDefined();
    expect(result.multiValueHeaders).toEqual({ 'Set-Cookie': ['a=1', 'b=2'] });
    expect(result.body).toBe('');
  });
});

describe('safeNext', () => {
  it('keeps paths inside the admin UI and nothing else', () => {
    expect(safeNext('/admin/records-requests/2026-000001')).toBe('/admin/records-requests/2026-000001');
    expect(safeNext('/admin?mine=1')).toBe('/admin?mine=1');
    for (const bad of [
      'https://evil.example/admin',
      '//evil.example',
      '/admin//evil.example',
      '/v1/staff/me',
      '/administrator',
      null,
    ]) {
      expect(safeNext(bad)).toBe('/admin');
    }
  });
});
