import '../support/quiet-logs';
import { createHash } from 'node:crypto';
import { cognitoHostedSignIn } from '../../../lambdas/adapters/sign-in/cognito-hosted-ui';
import { createAdminApp } from '../../../lambdas/ui/admin-app';
import { ASSETS, assetResponse } from '../../../lambdas/ui/assets';
import type { AdminUiConfig, HomePagesDeps, RecordsPagesDeps } from '../../../lambdas/ui/context';
import { registerHomePages } from '../../../lambdas/ui/home-controller';
import { registerRecordsPages } from '../../../lambdas/ui/records-controller';
import { parseCookies } from '../../../lambdas/ui/cookies';
import { makeCsrfToken } from '../../../lambdas/ui/csrf';
import type { PageResult } from '../../../lambdas/ui/http';
import { pageRequest } from '../../support/page-request';

const NOW = '2026-11-20T15:00:00.000Z';
const SECRET = 'unit-csrf-secret';
const COGNITO = 'https://danbury.auth.us-east-1.amazoncognito.com';
const ORIGIN = 'https://data.danbury-ct.gov';

const claims: Record<string, Record<string, unknown>> = {
  'clerk-token': {
    sub: 'u-clerk',
    'cognito:username': 'clerk',
    'cognito:groups': ['clerks'],
    'custom:department': 'city-clerk',
    name: 'Casey Clerk',
    exp: Date.parse(NOW) / 1000 + 3600,
  },
  'fresh-token': { sub: 'u-clerk', 'cognito:groups': ['clerks'], exp: Date.parse(NOW) / 1000 + 1800 },
  'no-group-token': { sub: 'u-x', 'cognito:username': 'visitor', exp: Date.parse(NOW) / 1000 + 3600 },
};

const exchanged: { code: string; codeVerifier: string; redirectUri: string }[] = [];
const hosted = cognitoHostedSignIn({
  domainUrl: COGNITO,
  clientId: 'client-123',
  fetch: async (_url, init) => {
    const form = new URLSearchParams(String(init?.body));
    exchanged.push({
      code: form.get('code')!,
      codeVerifier: form.get('code_verifier')!,
      redirectUri: form.get('redirect_uri')!,
    });
    return form.get('code') === 'good-code'
      ? new Response(JSON.stringify({ id_token: 'fresh-token' }), { status: 200 })
      : new Response('{"error":"invalid_grant"}', { status: 400 });
  },
});

const config: AdminUiConfig = {
  signIn: hosted,
  verifyToken: async (token) => {
    const found = claims[token];
    if (!found) throw new Error('bad token');
    return found;
  },
  csrfSecret: SECRET,
  adminOrigin: ORIGIN,
  uploadOrigins: ['https://records.s3.us-east-1.amazonaws.com'],
  localOutbox: true,
};
const deps = {
  clock: { now: () => NOW, newId: () => '01J0000000000000000000000' },
  outbox: { list: async () => ({ messages: [] }) },
} as unknown as HomePagesDeps & RecordsPagesDeps;
// The home and records areas, as if one Lambda served both (the shell is the same in each).
const app = createAdminApp(deps, config, [registerHomePages, registerRecordsPages], {
  assets: assetResponse,
});

// ORIGIN is pageRequest's default origin.
const request = pageRequest;

const location = (result: PageResult) => result.headers?.Location ?? '';
const cookiesOf = (result: PageResult) =>
  Object.fromEntries((result.cookies ?? []).map((c) => [c.split('=')[0], c]));

describe('admin UI: the Cognito hosted UI sign-in (authorization code + PKCE)', () => {
  it('sends the browser to the hosted UI with a state, an S256 challenge and the registered callback', async () => {
    const result = await app.handle(
      request('GET', '/admin/sign-in', { query: new URLSearchParams({ next: '/admin/outbox' }) }),
    );

    expect(result.status).toBe(302);
    const url = new URL(location(result));
    expect(url.origin + url.pathname).toBe(`${COGNITO}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'client-123',
      redirect_uri: `${ORIGIN}/admin/auth/callback`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    const cookie = cookiesOf(result)['__Host-admin-sign-in']!;
    expect(cookie).toMatch(/HttpOnly; Secure; SameSite=Lax$/);
    const [state, verifier] = parseCookies(cookie.split(';')[0])['__Host-admin-sign-in']!.split('.');
    expect(url.searchParams.get('state')).toBe(state);
    expect(createHash('sha256').update(verifier!).digest('base64url')).toBe(
      url.searchParams.get('code_challenge'),
    );
  });

  async function begin() {
    const started = await app.handle(
      request('GET', '/admin/sign-in', { query: new URLSearchParams({ next: '/admin/outbox' }) }),
    );
    const value = parseCookies(cookiesOf(started)['__Host-admin-sign-in']!.split(';')[0])[
      '__Host-admin-sign-in'
    ]!;
    return { value, state: value.split('.')[0]!, verifier: value.split('.')[1]! };
  }

  it('exchanges the code with the verifier, sets a Secure __Host- session cookie and goes where the person was going', async () => {
    const { value, state, verifier } = await begin();
    const result = await app.handle(
      request('GET', '/admin/auth/callback', {
        query: new URLSearchParams({ code: 'good-code', state }),
        cookies: { '__Host-admin-sign-in': value },
      }),
    );

    expect(exchanged.at(-1)).toEqual({
      code: 'good-code',
      codeVerifier: verifier,
      redirectUri: `${ORIGIN}/admin/auth/callback`,
    });
    expect(result.status).toBe(303);
    expect(location(result)).toBe('/admin/outbox');
    expect(cookiesOf(result)['__Host-admin-session']).toBe(
      '__Host-admin-session=fresh-token; Path=/; Max-Age=1800; HttpOnly; Secure; SameSite=Lax',
    );
    expect(cookiesOf(result)['__Host-admin-sign-in']).toContain('Max-Age=0');
  });

  it('refuses a callback whose state is not the one it sent, without calling Cognito', async () => {
    const { value } = await begin();
    const calls = exchanged.length;
    const result = await app.handle(
      request('GET', '/admin/auth/callback', {
        query: new URLSearchParams({ code: 'good-code', state: 'forged-state' }),
        cookies: { '__Host-admin-sign-in': value },
      }),
    );

    expect(result.status).toBe(400);
    expect(exchanged.length).toBe(calls);
    expect(result.cookies ?? []).toEqual([]);
  });

  it('refuses a code Cognito does not accept', async () => {
    const { value, state } = await begin();
    const result = await app.handle(
      request('GET', '/admin/auth/callback', {
        query: new URLSearchParams({ code: 'used-code', state }),
        cookies: { '__Host-admin-sign-in': value },
      }),
    );

    expect(result.status).toBe(400);
    expect(result.body).toContain('Sign-in did not finish');
  });

  it('signs out of the hosted UI too, and may post its sign-out form there (CSP form-action)', async () => {
    const csrf = makeCsrfToken(SECRET, 'clerk-token', Date.parse(NOW));
    const result = await app.handle(
      request('POST', '/admin/sign-out', {
        cookies: { '__Host-admin-session': 'clerk-token' },
        form: new URLSearchParams({ csrf }),
      }),
    );

    expect(result.status).toBe(303);
    expect(location(result)).toBe(
      `${COGNITO}/logout?client_id=client-123&logout_uri=${encodeURIComponent(`${ORIGIN}/admin/`)}`,
    );
    expect(cookiesOf(result)['__Host-admin-session']).toContain('Max-Age=0');
    expect(app.policy).toEqual({
      formActionOrigins: [COGNITO],
      connectOrigins: ['https://records.s3.us-east-1.amazonaws.com'],
    });
  });

  it('has no password form in AWS', async () => {
    expect((await app.handle(request('POST', '/admin/sign-in'))).status).toBe(404);
  });
});

describe('admin UI: the session on every page', () => {
  it('sends a visitor without a session to sign in, then back to the page', async () => {
    const result = await app.handle(
      request('GET', '/admin/outbox', { query: new URLSearchParams({ cursor: 'abc' }) }),
    );

    expect(result.status).toBe(303);
    expect(location(result)).toBe(`/admin/sign-in?next=${encodeURIComponent('/admin/outbox?cursor=abc')}`);
  });

  it('clears a cookie whose token does not verify (expired, forged)', async () => {
    const result = await app.handle(
      request('GET', '/admin/outbox', { cookies: { '__Host-admin-session': 'forged' } }),
    );

    expect(location(result)).toContain('/admin/sign-in?next=%2Fadmin%2Foutbox&expired=1');
    expect(cookiesOf(result)['__Host-admin-session']).toContain('Max-Age=0');
  });

  it('shows a 403 page to a signed-in account in none of the staff groups', async () => {
    const result = await app.handle(
      request('GET', '/admin/outbox', { cookies: { '__Host-admin-session': 'no-group-token' } }),
    );

    expect(result.status).toBe(403);
    expect(result.body).toContain('Not a staff account');
  });

  it('shows a staff member the page, with their name and a sign-out form carrying its CSRF token', async () => {
    const result = await app.handle(
      request('GET', '/admin/outbox', { cookies: { '__Host-admin-session': 'clerk-token' } }),
    );

    expect(result.status).toBe(200);
    expect(result.body).toContain('Casey Clerk');
    expect(result.body).toMatch(/<input type="hidden" name="csrf" value="[0-9a-z]+\.[A-Za-z0-9_-]{43}"/);
  });

  it('refuses a POST without a valid CSRF token, before any page runs', async () => {
    for (const form of [new URLSearchParams(), new URLSearchParams({ csrf: 'x.y' })]) {
      const result = await app.handle(
        request('POST', '/admin/records-requests/2026-000001/messages', {
          cookies: { '__Host-admin-session': 'clerk-token' },
          form,
        }),
      );
      expect(result.status).toBe(403);
      expect(result.body).toContain('This form could not be accepted');
    }
  });

  it('answers 404 and 405 pages', async () => {
    expect((await app.handle(request('GET', '/admin/nothing-here'))).status).toBe(404);
    const wrong = await app.handle(request('POST', '/admin/records-requests/find'));
    expect(wrong.status).toBe(405);
    expect(wrong.headers?.Allow).toBe('GET');
  });
});

describe('admin UI: static assets', () => {
  it('serves the hashed stylesheet and script for a year, immutable', async () => {
    for (const asset of [ASSETS.css, ASSETS.js]) {
      const result = await app.handle(request('GET', `/admin/assets/${asset.file}`));
      expect(result).toMatchObject({ status: 200, contentType: asset.contentType, body: asset.body });
      expect(result.headers?.['Cache-Control']).toBe('public, max-age=31536000, immutable');
    }
    expect(ASSETS.css.file).toMatch(/^admin\.[0-9a-f]{12}\.css$/);
  });

  it('answers 404 for another hash (an old deployment’s file is never served as the new one)', async () => {
    expect((await app.handle(request('GET', '/admin/assets/admin.000000000000.css'))).status).toBe(404);
  });

  it('serves them only where it is given them (the home Lambda), and every page links them', async () => {
    const areaOnly = createAdminApp(deps, config, [registerRecordsPages]);
    expect((await areaOnly.handle(request('GET', `/admin/assets/${ASSETS.css.file}`))).status).toBe(404);
    const page = await areaOnly.handle(request('GET', '/admin/nowhere'));
    expect(page.status).toBe(404);
    expect(page.body).toContain(`/admin/assets/${ASSETS.css.file}`);
    expect(page.body).toContain(`/admin/assets/${ASSETS.js.file}`);
  });
});

/**
 * Checked by `npm run typecheck`, not at run time (never called): an admin Lambda whose deps lack
 * the ports of an area it serves does not compile.
 */
function _lambdaWithoutItsPortsDoesNotCompile(home: HomePagesDeps): void {
  // @ts-expect-error the records pages need the request files and e-mail, which the home deps lack
  createAdminApp(home, config, [registerHomePages, registerRecordsPages]);
}
