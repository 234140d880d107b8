import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { z } from 'zod';
import { defineRoute, type RouteDefinition } from '../../lambdas/api/route-types';
import { createStaffTokenVerifier } from '../../lambdas/shared/staff-token';
import { principalFromClaims } from '../../lambdas/shared/staff';
import { USAGE_TIERS } from '../../lambdas/shared/usage-tiers';
import { LocalApiKeyRegistry } from '../../local/api-key-registry';
import { compile, LocalGateway } from '../../local/gateway';
import { LOCAL_PASSWORD, LOCAL_STAFF_USERS, type LocalStaffUser } from '../../local/seed/staff-users';
import { createLocalStaffAuth, type LocalStaffAuth } from '../../local/staff-auth';

const ISSUER = 'http://127.0.0.1/local-auth';

const route = (r: Omit<RouteDefinition, 'handler' | 'summary' | 'tags' | 'responses' | 'access'>) =>
  defineRoute({
    ...r,
    handler: `unit/${r.operationId}`,
    summary: r.operationId,
    tags: ['Test'],
    responses: {},
    access: {},
  });

// The {param} route comes first on purpose: the literal one must still win.
const ROUTES = [
  route({
    operationId: 'getThing',
    method: 'GET',
    path: '/v1/things/{thingId}',
    auth: { kind: 'api-key' },
    request: {},
  }),
  route({
    operationId: 'featuredThings',
    method: 'GET',
    path: '/v1/things/featured',
    auth: { kind: 'public' },
    request: {},
  }),
  route({
    operationId: 'thingPart',
    method: 'GET',
    path: '/v1/things/{thingId}/parts/{partId}',
    auth: { kind: 'public' },
    request: {},
  }),
  route({
    operationId: 'staffEcho',
    method: 'GET',
    path: '/v1/staff/echo',
    auth: { kind: 'staff', roles: ['clerk'] },
    request: {},
  }),
  route({
    operationId: 'publicEcho',
    method: 'POST',
    path: '/v1/echo',
    auth: { kind: 'public' },
    request: { body: z.unknown() },
  }),
  route({ operationId: 'boom', method: 'GET', path: '/v1/boom', auth: { kind: 'public' }, request: {} }),
  // Pages: one handler for every method of a path and of everything under it.
  route({
    operationId: 'pagesRest',
    kind: 'page',
    method: 'ANY',
    path: '/pages/{proxy+}',
    auth: { kind: 'public' },
    request: {},
  }),
  route({
    operationId: 'pagesHome',
    kind: 'page',
    method: 'ANY',
    path: '/pages',
    auth: { kind: 'public' },
    request: {},
  }),
  route({
    operationId: 'pagesHelp',
    method: 'GET',
    path: '/pages/help',
    auth: { kind: 'public' },
    request: {},
  }),
  // An area of the pages with its own handler, listed after the catch-all on purpose.
  route({
    operationId: 'pagesRecordsRest',
    kind: 'page',
    method: 'ANY',
    path: '/pages/records/{proxy+}',
    auth: { kind: 'public' },
    request: {},
  }),
];

interface Echo {
  operationId: string;
  method: string;
  resource: string;
  pathParameters: Record<string, string> | null;
  query: Record<string, string> | null;
  multiQuery: Record<string, string[]> | null;
  claims: Record<string, string> | null;
  apiKeyId: string | null;
  body: string | null;
  requestId: string;
  stage: string;
}

/** A stand-in Lambda that answers with what the gateway gave it. */
function echoHandler(r: RouteDefinition) {
  return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    if (r.operationId === 'boom') throw new Error('handler exploded: password=hunter2');
    const echo: Echo = {
      operationId: r.operationId,
      method: event.httpMethod,
      resource: event.resource,
      pathParameters: event.pathParameters as Record<string, string> | null,
      query: event.queryStringParameters as Record<string, string> | null,
      multiQuery: event.multiValueQueryStringParameters as Record<string, string[]> | null,
      claims: (event.requestContext.authorizer?.claims as Record<string, string> | undefined) ?? null,
      apiKeyId: event.requestContext.identity.apiKeyId,
      body: event.body,
      requestId: event.requestContext.requestId,
      stage: event.requestContext.stage,
    };
    return { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(echo) };
  };
}

const clerk = LOCAL_STAFF_USERS.find((u) => u.roles.includes('clerk'))!;
const itAdmin = LOCAL_STAFF_USERS.find((u) => !u.roles.includes('clerk'))!;

let gateway: LocalGateway;
let baseUrl: string;
let staffAuth: LocalStaffAuth;
let keys: LocalApiKeyRegistry;
const loaded: string[] = [];

beforeAll(async () => {
  staffAuth = await createLocalStaffAuth(ISSUER);
  keys = new LocalApiKeyRegistry();
  gateway = new LocalGateway({
    routes: ROUTES,
    loadHandler: async (r) => {
      loaded.push(r.operationId);
      return echoHandler(r);
    },
    apiKeys: keys,
    staffAuth,
    verifyStaffToken: createStaffTokenVerifier({
      issuer: staffAuth.issuer,
      audience: staffAuth.audience,
      jwks: staffAuth.jwks(),
    }),
  });
  const port = await gateway.listen(0);
  baseUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await gateway?.close();
});

async function call(path: string, init: RequestInit = {}) {
  const res = await fetch(baseUrl + path, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

function expectGatewayError(res: Awaited<ReturnType<typeof call>>, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.json).toEqual({ error: { code, message: expect.any(String), requestId: expect.any(String) } });
  expect(res.headers.get('x-request-id')).toBe(res.json.error.requestId);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
}

const newKey = (name: string, tier: keyof typeof USAGE_TIERS = 'partner') => keys.createKey({ name, tier });

describe('LocalGateway: routing', () => {
  it('answers an unknown path with 404 NOT_FOUND', async () => {
    expectGatewayError(await call('/v1/nothing-here'), 404, 'NOT_FOUND');
  });

  it('answers a known path with the wrong method with 404', async () => {
    expectGatewayError(await call('/v1/things/featured', { method: 'DELETE' }), 404, 'NOT_FOUND');
    expectGatewayError(await call('/v1/boom', { method: 'POST' }), 404, 'NOT_FOUND');
  });

  it('lets a literal path segment win over a {param}', async () => {
    const res = await call('/v1/things/featured');

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ operationId: 'featuredThings', pathParameters: null });
  });

  it('URL-decodes path parameters and passes method, resource and stage', async () => {
    const res = await call('/v1/things/caf%C3%A9%20bar/parts/a%2Fb');

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      operationId: 'thingPart',
      method: 'GET',
      resource: '/v1/things/{thingId}/parts/{partId}',
      pathParameters: { thingId: 'café bar', partId: 'a/b' },
      stage: 'local',
    });
  });

  it('answers a malformed percent-encoding in a path parameter with a 4xx error', async () => {
    const res = await call('/v1/things/x/parts/%E0%A4%A');

    expectGatewayError(res, 400, 'BAD_REQUEST');
  });

  it('sends any method of a page path to its ANY route', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = await call('/pages', { method });

      expect(res.json).toMatchObject({ operationId: 'pagesHome', method, pathParameters: null });
    }
  });

  it('gives a greedy {proxy+} the rest of the path, slashes included, with its resource', async () => {
    const res = await call('/pages/archive/2026-000001/files', { method: 'POST' });

    expect(res.json).toMatchObject({
      operationId: 'pagesRest',
      method: 'POST',
      resource: '/pages/{proxy+}',
      pathParameters: { proxy: 'archive/2026-000001/files' },
    });
  });

  it('prefers the greedy path with the longer literal prefix, whatever the order of the table', async () => {
    const res = await call('/pages/records/2026-000001/actions', { method: 'POST' });

    expect(res.json).toMatchObject({
      operationId: 'pagesRecordsRest',
      resource: '/pages/records/{proxy+}',
      pathParameters: { proxy: '2026-000001/actions' },
    });
    expect((await call('/pages/recordsX/1')).json).toMatchObject({ operationId: 'pagesRest' });
  });

  it('lets a literal path and a method-specific route win over a greedy {proxy+}', async () => {
    expect((await call('/pages/help')).json).toMatchObject({ operationId: 'pagesHelp' });
    expect((await call('/pages/help', { method: 'POST' })).json).toMatchObject({ operationId: 'pagesRest' });
  });

  it('needs at least one segment for a greedy {proxy+}', async () => {
    expectGatewayError(await call('/pagesX'), 404, 'NOT_FOUND');
    expect((await call('/pages/')).status).toBe(404);
  });

  it('refuses a greedy {proxy+} that is not the last segment', () => {
    const bad = route({
      operationId: 'badProxy',
      method: 'GET',
      path: '/x/{proxy+}/y',
      auth: { kind: 'public' },
      request: {},
    });
    expect(() => compile(bad)).toThrow(/must be the last segment/);
  });

  it('passes query parameters, keeping every value of a repeated one', async () => {
    const res = await call('/v1/things/featured?limit=5&tag=a&tag=b');

    expect(res.json.query).toEqual({ limit: '5', tag: 'b' });
    expect(res.json.multiQuery).toEqual({ limit: ['5'], tag: ['a', 'b'] });
  });

  it('passes a JSON body as text and uses its request id in the event', async () => {
    const res = await call('/v1/echo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"hello":"world"}',
    });

    expect(res.json.body).toBe('{"hello":"world"}');
    expect(res.json.requestId).toEqual(expect.any(String));
  });

  it('answers a handler that throws with a 500 INTERNAL_ERROR that leaks nothing', async () => {
    const res = await call('/v1/boom');

    expectGatewayError(res, 500, 'INTERNAL_ERROR');
    expect(JSON.stringify(res.json)).not.toContain('hunter2');
  });

  it('loads each handler once', async () => {
    await call('/v1/things/featured');
    await call('/v1/things/featured');

    expect(loaded.filter((id) => id === 'featuredThings')).toHaveLength(1);
  });
});

describe('LocalGateway: API keys and usage plans', () => {
  it('answers an api-key route without a key with 403 INVALID_API_KEY', async () => {
    expectGatewayError(await call('/v1/things/abc'), 403, 'INVALID_API_KEY');
  });

  it('answers an unknown key with 403 INVALID_API_KEY', async () => {
    const res = await call('/v1/things/abc', { headers: { 'x-api-key': 'not-a-real-key-but-long-enough' } });

    expectGatewayError(res, 403, 'INVALID_API_KEY');
  });

  it('answers a disabled key with 403 INVALID_API_KEY', async () => {
    const key = newKey('disabled');
    keys.setEnabled(key.keyId, false);

    const res = await call('/v1/things/abc', { headers: { 'x-api-key': key.value } });

    expectGatewayError(res, 403, 'INVALID_API_KEY');
  });

  it('hands the key id, never the key, to the handler of a valid key', async () => {
    const key = newKey('valid');

    const res = await call('/v1/things/abc', { headers: { 'X-API-Key': key.value } });

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      operationId: 'getThing',
      pathParameters: { thingId: 'abc' },
      apiKeyId: key.keyId,
    });
    expect(JSON.stringify(res.json)).not.toContain(key.value);
  });

  it('throttles past the tier burst with 429 THROTTLED and a numeric Retry-After', async () => {
    const tier = USAGE_TIERS.basic;
    const key = newKey('burst', 'basic');
    const attempts = tier.burstLimit + 5;

    const results = await Promise.all(
      Array.from({ length: attempts }, () => call('/v1/things/abc', { headers: { 'x-api-key': key.value } })),
    );

    const admitted = results.filter((r) => r.status === 200);
    const throttled = results.filter((r) => r.status === 429);
    expect(admitted.length + throttled.length).toBe(attempts);
    expect(admitted.length).toBeGreaterThanOrEqual(tier.burstLimit);
    expect(admitted.length).toBeLessThan(attempts);
    for (const res of throttled) {
      expectGatewayError(res, 429, 'THROTTLED');
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
  });

  it('throttles each key on its own bucket', async () => {
    const other = newKey('unaffected', 'basic');

    const res = await call('/v1/things/abc', { headers: { 'x-api-key': other.value } });

    expect(res.status).toBe(200);
  });
});

describe('LocalGateway: staff tokens', () => {
  const staffCall = (token?: string) =>
    call('/v1/staff/echo', token ? { headers: { Authorization: `Bearer ${token}` } } : {});

  it('answers a staff route without a token with 401', async () => {
    expectGatewayError(await staffCall(), 401, 'UNAUTHORIZED');
  });

  it('answers a garbage token with 401', async () => {
    expectGatewayError(await staffCall('not.a.jwt'), 401, 'UNAUTHORIZED');
  });

  it('answers a token signed by another key pair with 401', async () => {
    const impostor = await createLocalStaffAuth(ISSUER);

    expectGatewayError(await staffCall(await impostor.tokenFor(clerk)), 401, 'UNAUTHORIZED');
  });

  it('answers an expired token with 401', async () => {
    expectGatewayError(await staffCall(await staffAuth.tokenFor(clerk, -10)), 401, 'UNAUTHORIZED');
  });

  it('answers a token from another issuer with 401', async () => {
    const elsewhere = await createLocalStaffAuth('http://127.0.0.1/other-auth');

    expectGatewayError(await staffCall(await elsewhere.tokenFor(clerk)), 401, 'UNAUTHORIZED');
  });

  it('hands the verified claims to the handler as strings, groups comma-joined', async () => {
    const multiRole: LocalStaffUser = { ...clerk, username: 'multi', roles: ['clerk', 'it-admin'] };

    const res = await staffCall(await staffAuth.tokenFor(multiRole));

    expect(res.status).toBe(200);
    const claims = res.json.claims as Record<string, unknown>;
    expect(claims).toMatchObject({
      sub: 'multi',
      'cognito:username': 'multi',
      'cognito:groups': 'clerks,it-admins',
      'custom:department': clerk.department,
      token_use: 'id',
    });
    for (const value of Object.values(claims)) expect(typeof value).toBe('string');
    expect(principalFromClaims(claims)?.roles).toEqual(['clerk', 'it-admin']);
  });

  it('leaves the role check to the handler: a valid token of another group reaches it', async () => {
    const res = await staffCall(await staffAuth.tokenFor(itAdmin));

    expect(res.status).toBe(200);
    expect(res.json.claims['cognito:groups']).not.toContain('clerks');
  });
});

describe('LocalGateway: local sign-in', () => {
  const signIn = (body: unknown) =>
    call('/local-auth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('answers a wrong password with 401', async () => {
    const res = await signIn({ username: clerk.username, password: 'wrong-password' });

    expect(res.status).toBe(401);
    expect(res.json.error).toMatchObject({
      code: 'UNAUTHORIZED',
      requestId: res.headers.get('x-request-id'),
    });
    expect(res.json.idToken).toBeUndefined();
  });

  it('answers an unknown user with 401', async () => {
    const res = await signIn({ username: 'nobody', password: LOCAL_PASSWORD });

    expect(res.status).toBe(401);
  });

  it('answers a body without credentials with 400', async () => {
    const res = await signIn({ user: clerk.username });

    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('BAD_REQUEST');
  });

  it('issues an ID token for the right password that opens staff routes', async () => {
    const res = await signIn({ username: clerk.username, password: clerk.password });

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      idToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      tokenType: 'Bearer',
    });
    const echo = await call('/v1/staff/echo', { headers: { Authorization: `Bearer ${res.json.idToken}` } });
    expect(echo.status).toBe(200);
    expect(echo.json.claims['cognito:username']).toBe(clerk.username);
  });

  it('serves the JWKS that verifies its tokens', async () => {
    const res = await call('/local-auth/.well-known/jwks.json');

    expect(res.status).toBe(200);
    expect(res.json).toEqual(staffAuth.jwks());
    expect(JSON.stringify(res.json)).not.toMatch(/"d":/);
  });
});
