/**
 * Session renewal in AWS: the Cognito hosted UI adapter against a local HTTP stand-in
 * for Cognito's OAuth endpoints (real requests over a socket, checked as Cognito reads
 * them: form-encoded, the app client's id, the grant), then the admin app renewing an
 * expired ID token from the refresh cookie, keeping a form opened before the renewal
 * valid, signing out when the refresh token is refused, and revoking it on sign-out.
 */
import '../support/quiet-logs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cognitoHostedSignIn } from '../../../lambdas/adapters/sign-in/cognito-hosted-ui';
import { createAdminApp } from '../../../lambdas/ui/admin-app';
import type { AdminUiConfig, HomePagesDeps } from '../../../lambdas/ui/context';
import { registerHomePages } from '../../../lambdas/ui/home-controller';
import { CSRF_FIELD } from '../../../lambdas/ui/csrf';
import type { PageResult } from '../../../lambdas/ui/http';
import type { HostedSignIn } from '../../../lambdas/ui/sign-in';
import { pageRequest } from '../../support/page-request';

const NOW = '2026-11-20T15:00:00.000Z';
const NOW_S = Date.parse(NOW) / 1000;
const ORIGIN = 'https://data.danbury-ct.gov';
const CLIENT_ID = 'admin-ui-client';

/** What the stand-in received, as Cognito would parse it. */
const received: { path: string; contentType: string; form: Record<string, string> }[] = [];
/** Refresh tokens the stand-in honours (revoking one removes it). */
const liveRefreshTokens = new Set(['refresh-1']);
let failWith: number | undefined;
let server: Server;
let hosted: HostedSignIn;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(body));
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', form });
      const answer = (status: number, json: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (failWith) return answer(failWith, { error: 'internal' });
      if (form.client_id !== CLIENT_ID) return answer(400, { error: 'invalid_client' });
      if (req.url === '/oauth2/revoke') {
        liveRefreshTokens.delete(form.token ?? '');
        return answer(200, {});
      }
      if (req.url !== '/oauth2/token') return answer(404, {});
      if (form.grant_type === 'authorization_code' && form.code === 'good-code' && form.code_verifier) {
        return answer(200, {
          id_token: 'id-0',
          access_token: 'access-0',
          refresh_token: 'refresh-1',
          expires_in: 3600,
          token_type: 'Bearer',
        });
      }
      if (form.grant_type === 'refresh_token' && liveRefreshTokens.has(form.refresh_token ?? '')) {
        // Cognito answers a refresh with new ID and access tokens, and no refresh token (no rotation).
        return answer(200, {
          id_token: 'id-2',
          access_token: 'access-2',
          expires_in: 3600,
          token_type: 'Bearer',
        });
      }
      return answer(400, { error: 'invalid_grant' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  hosted = cognitoHostedSignIn({ domainUrl: `http://127.0.0.1:${port}/`, clientId: CLIENT_ID });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  received.length = 0;
  failWith = undefined;
  liveRefreshTokens.clear();
  liveRefreshTokens.add('refresh-1');
});

describe('the Cognito hosted UI adapter', () => {
  it('exchanges the code for the ID token and the refresh token', async () => {
    await expect(
      hosted.exchangeCode({
        code: 'good-code',
        redirectUri: `${ORIGIN}/admin/auth/callback`,
        codeVerifier: 'v',
      }),
    ).resolves.toEqual({ idToken: 'id-0', refreshToken: 'refresh-1' });
    expect(received).toEqual([
      {
        path: '/oauth2/token',
        contentType: 'application/x-www-form-urlencoded',
        form: {
          client_id: CLIENT_ID,
          grant_type: 'authorization_code',
          code: 'good-code',
          redirect_uri: `${ORIGIN}/admin/auth/callback`,
          code_verifier: 'v',
        },
      },
    ]);
  });

  it('renews the ID token with grant_type=refresh_token', async () => {
    await expect(hosted.refresh('refresh-1')).resolves.toEqual({ idToken: 'id-2' });
    expect(received).toEqual([
      {
        path: '/oauth2/token',
        contentType: 'application/x-www-form-urlencoded',
        form: { client_id: CLIENT_ID, grant_type: 'refresh_token', refresh_token: 'refresh-1' },
      },
    ]);
  });

  it('answers undefined for a refused refresh token (invalid_grant), and throws when Cognito fails', async () => {
    await expect(hosted.refresh('refresh-unknown')).resolves.toBeUndefined();
    failWith = 503;
    await expect(hosted.refresh('refresh-1')).rejects.toThrow('Cognito token endpoint answered 503');
  });

  it('revokes a refresh token, after which it no longer renews', async () => {
    await hosted.revoke('refresh-1');
    expect(received[0]).toMatchObject({
      path: '/oauth2/revoke',
      form: { client_id: CLIENT_ID, token: 'refresh-1' },
    });
    await expect(hosted.refresh('refresh-1')).resolves.toBeUndefined();
  });
});

describe('the admin app renews an expired session', () => {
  // The tokens come from one sign-in (the same origin_jti): id-0 fresh from it, id-1 expired, id-2 renewed.
  const claims: Record<string, Record<string, unknown>> = {
    'id-0': {
      sub: 'u-clerk',
      'cognito:username': 'clerk',
      'cognito:groups': ['clerks'],
      origin_jti: 'sign-in-1',
      exp: NOW_S + 3600,
    },
    'id-1': {
      sub: 'u-clerk',
      'cognito:username': 'clerk',
      'cognito:groups': ['clerks'],
      origin_jti: 'sign-in-1',
      exp: NOW_S - 60,
    },
    'id-2': {
      sub: 'u-clerk',
      'cognito:username': 'clerk',
      'cognito:groups': ['clerks'],
      origin_jti: 'sign-in-1',
      exp: NOW_S + 3600,
    },
  };
  let app: ReturnType<typeof createAdminApp>;

  beforeAll(() => {
    const config: AdminUiConfig = {
      signIn: hosted,
      verifyToken: async (token) => {
        const found = claims[token];
        if (!found || (found.exp as number) <= NOW_S) throw new Error('expired or unknown token');
        return found;
      },
      csrfSecret: 'unit-csrf-secret',
      adminOrigin: ORIGIN,
      uploadOrigins: [],
      localOutbox: true,
    };
    const deps = {
      clock: { now: () => NOW, newId: () => '01J0000000000000000000000' },
      outbox: { list: async () => ({ messages: [] }) },
    } as unknown as HomePagesDeps;
    app = createAdminApp(deps, config, [registerHomePages]);
  });

  // ORIGIN is pageRequest's default origin.
  const request = pageRequest;
  const cookiesOf = (result: PageResult) =>
    Object.fromEntries((result.cookies ?? []).map((c) => [c.split('=')[0], c]));

  it('keeps the refresh token from the sign-in in an HttpOnly, Secure cookie sent to /admin only', async () => {
    const started = await app.handle(request('GET', '/admin/sign-in'));
    const signInCookie = cookiesOf(started)['__Host-admin-sign-in']!.split(';')[0]!.split('=')[1]!;
    const state = decodeURIComponent(signInCookie).split('.')[0]!;
    const result = await app.handle(
      request('GET', '/admin/auth/callback', {
        query: new URLSearchParams({ code: 'good-code', state }),
        cookies: { '__Host-admin-sign-in': decodeURIComponent(signInCookie) },
      }),
    );
    expect(result.status).toBe(303);
    expect(cookiesOf(result)['__Secure-admin-refresh']).toBe(
      '__Secure-admin-refresh=refresh-1; Path=/admin; Max-Age=43200; HttpOnly; Secure; SameSite=Lax',
    );
  });

  it('renews the ID token from the refresh cookie and sets the new session cookie with the page', async () => {
    const result = await app.handle(
      request('GET', '/admin/outbox', { cookies: { '__Secure-admin-refresh': 'refresh-1' } }),
    );
    expect(result.status).toBe(200);
    expect(received.map((r) => r.form.grant_type)).toEqual(['refresh_token']);
    expect(cookiesOf(result)['__Host-admin-session']).toBe(
      '__Host-admin-session=id-2; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Lax',
    );
  });

  it('also renews a token that is still sent but has expired, and accepts a form opened before', async () => {
    // The sign-out form as rendered before the renewal (with id-0): its CSRF token is bound to
    // the sign-in, not to the ID token, so it still posts once id-2 has replaced id-0.
    const page = await app.handle(
      request('GET', '/admin/outbox', { cookies: { '__Host-admin-session': 'id-0' } }),
    );
    const csrf = /name="csrf" value="([^"]+)"/.exec(String(page.body))![1]!;
    expect(CSRF_FIELD).toBe('csrf');
    received.length = 0;
    const result = await app.handle(
      request('POST', '/admin/sign-out', {
        form: new URLSearchParams({ csrf }),
        cookies: { '__Host-admin-session': 'id-1', '__Secure-admin-refresh': 'refresh-1' },
      }),
    );
    expect(result.status).toBe(303);
    expect(received.map((r) => r.path)).toEqual(['/oauth2/token', '/oauth2/revoke']);
    // Signing out cleared both cookies and revoked the refresh token.
    expect(cookiesOf(result)['__Secure-admin-refresh']).toMatch(
      /^__Secure-admin-refresh=; Path=\/admin; Max-Age=0/,
    );
    expect(liveRefreshTokens.has('refresh-1')).toBe(false);
  });

  it('sends the person to sign in, clearing both cookies, when the refresh token is refused', async () => {
    const result = await app.handle(
      request('GET', '/admin/outbox', {
        cookies: { '__Host-admin-session': 'id-1', '__Secure-admin-refresh': 'refresh-revoked' },
      }),
    );
    expect(result.status).toBe(303);
    expect(result.headers?.Location).toBe('/admin/sign-in?next=%2Fadmin%2Foutbox&expired=1');
    expect(cookiesOf(result)['__Host-admin-session']).toMatch(/Max-Age=0/);
    expect(cookiesOf(result)['__Secure-admin-refresh']).toMatch(/Max-Age=0/);
  });
});
