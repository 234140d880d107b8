/**
 * End to end over HTTP: the local platform (gateway + real handlers + DynamoDB
 * Local + s3rver, seeded) as a consumer and a staff member see it.
 */
import fc from 'fast-check';
import { ROUTE_LIST } from '../../lambdas/api/routes';
import { SAMPLE_DATASETS } from '../../local/seed/sample-datasets';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform';
import { localEndpoints, uniquePrefix } from '../support/local-aws';

let platform: LocalPlatform;

beforeAll(async () => {
  platform = await startLocalPlatform({ services: localEndpoints(), resourcePrefix: uniquePrefix('e2e') });
}, 60_000);
afterAll(() => platform?.stop());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${platform.baseUrl}${path}`, { headers, redirect: 'manual' });

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { error: { code: string; message: string; requestId: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
  expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
  return body;
}

describe('dataset catalog', () => {
  it('lists the seeded sample datasets, labelled as sample data, each with an owning department', async () => {
    const response = await get('/v1/datasets');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: Record<string, unknown>[]; nextCursor: string | null };
    expect(body.items.map((d) => d.datasetId)).toEqual(SAMPLE_DATASETS.map((s) => s.record.datasetId).sort());
    for (const item of body.items) {
      expect(item.sampleData).toBe(true);
      expect(item.title).toMatch(/sample data/i);
      expect(item.ownerDepartment).toEqual({ id: expect.any(String), name: expect.any(String) });
    }
    expect(body.nextCursor).toBeNull();
  });

  it('pages with an opaque cursor and filters by department and keyword', async () => {
    const seen: string[] = [];
    let path = '/v1/datasets?limit=1';
    for (let i = 0; i < 10 && path; i++) {
      const body = (await (await get(path)).json()) as {
        items: { datasetId: string }[];
        nextCursor: string | null;
      };
      seen.push(...body.items.map((d) => d.datasetId));
      path = body.nextCursor ? `/v1/datasets?limit=1&cursor=${body.nextCursor}` : '';
    }
    expect(seen).toHaveLength(SAMPLE_DATASETS.length);

    const police = (await (await get('/v1/datasets?department=police')).json()) as {
      items: { datasetId: string }[];
    };
    expect(police.items.map((d) => d.datasetId)).toEqual(['police-calls-for-service']);
    const keyword = (await (await get('/v1/datasets?keyword=Service%20Requests')).json()) as {
      items: { datasetId: string }[];
    };
    expect(keyword.items.map((d) => d.datasetId)).toEqual(['police-calls-for-service', 'pothole-repairs']);
  });

  it('shows a dataset with its columns, owner and last modified date', async () => {
    const response = await get('/v1/datasets/pothole-repairs');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      datasetId: 'pothole-repairs',
      ownerDepartment: { id: 'public-works', name: 'Department of Public Works' },
      accessLevel: 'public',
      currentVersion: 1,
      links: { download: `${platform.baseUrl}/v1/datasets/pothole-repairs/download` },
    });
    expect((body.columns as { name: string }[]).map((c) => c.name)).toContain('days_to_repair');
    expect(response.headers.get('last-modified')).toBe(new Date(body.lastModified as string).toUTCString());
  });

  it('answers a repeated GET with 304 when the ETag still matches', async () => {
    const first = await get('/v1/datasets/pothole-repairs');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    const again = await get('/v1/datasets/pothole-repairs', { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await get('/v1/datasets/pothole-repairs', { 'if-none-match': 'W/"other"' })).status).toBe(200);
  });

  it('answers bad input with a 4xx in the error shape', async () => {
    await expectError(await get('/v1/datasets/no-such-dataset'), 404, 'NOT_FOUND');
    const malformed = await expectError(await get('/v1/datasets/Bad_Id!'), 400, 'VALIDATION_FAILED');
    expect(malformed.error.message).toMatch(/datasetId/);
    await expectError(await get('/v1/datasets?limit=0'), 400, 'VALIDATION_FAILED');
    await expectError(await get('/v1/datasets?department=atlantis'), 400, 'VALIDATION_FAILED');
    await expectError(await get('/v1/datasets?colour=blue'), 400, 'VALIDATION_FAILED');
    await expectError(await get('/v1/datasets?limit=2&limit=3'), 400, 'BAD_REQUEST');
    const cursor = await expectError(
      await get('/v1/datasets?cursor=bm90LWEtY3Vyc29y'),
      400,
      'VALIDATION_FAILED',
    );
    expect(cursor.error.message).toMatch(/cursor/);
    await expectError(await get('/v1/no-such-thing'), 404, 'NOT_FOUND');
  });
});

describe('dataset download (API key)', () => {
  it('refuses a missing or wrong key with 403', async () => {
    await expectError(await get('/v1/datasets/pothole-repairs/download'), 403, 'INVALID_API_KEY');
    await expectError(
      await get('/v1/datasets/pothole-repairs/download', { 'x-api-key': 'not-a-real-key-0000000000' }),
      403,
      'INVALID_API_KEY',
    );
  });

  it('redirects to a signed URL that a plain HTTP client can fetch from S3', async () => {
    const response = await get('/v1/datasets/pothole-repairs/download', { 'x-api-key': platform.demoApiKey });
    expect(response.status).toBe(302);
    const location = response.headers.get('location')!;
    expect(location.startsWith(platform.s3Endpoint)).toBe(true);
    const file = await fetch(location);
    expect(file.status).toBe(200);
    const [header, ...rows] = (await file.text()).trim().split('\r\n');
    const sample = SAMPLE_DATASETS.find((s) => s.record.datasetId === 'pothole-repairs')!;
    expect(header).toBe(sample.record.columns.map((c) => c.name).join(','));
    expect(rows).toHaveLength(sample.rows.length);
  });

  it('does not reveal whether an unknown dataset exists to a valid key beyond a 404', async () => {
    await expectError(
      await get('/v1/datasets/no-such-dataset/download', { 'x-api-key': platform.demoApiKey }),
      404,
      'NOT_FOUND',
    );
  });

  it('throttles a key past its burst with 429 and Retry-After, and refuses a suspended key', async () => {
    const key = await platform.issueApiKey({ name: 'burst test', tier: 'basic' });
    const responses = await Promise.all(
      Array.from({ length: 25 }, () =>
        get('/v1/datasets/pothole-repairs/download', { 'x-api-key': key.value }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 302).length).toBeGreaterThanOrEqual(10); // the basic burst
    const throttled = responses.filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    for (const response of throttled) {
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      await expectError(response, 429, 'THROTTLED');
    }

    platform.apiKeys.setEnabled(key.keyId, false);
    await expectError(
      await get('/v1/datasets/pothole-repairs/download', { 'x-api-key': key.value }),
      403,
      'INVALID_API_KEY',
    );
  });
});

describe('staff sign-in', () => {
  async function signIn(username: string, password: string) {
    return fetch(`${platform.baseUrl}/local-auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  }

  it('gives a seeded user an ID token the gateway accepts on staff routes', async () => {
    const token = ((await (await signIn('publicworks', 'local-only-password')).json()) as { idToken: string })
      .idToken;
    const response = await get('/v1/staff/me', { authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      userId: 'local-publicworks',
      username: 'publicworks',
      email: 'publicworks@danbury.local',
      roles: ['department-staff'],
      department: 'public-works',
    });
  });

  it('refuses a wrong password, a missing token and a forged token', async () => {
    await expectError(await signIn('clerk', 'guess'), 401, 'UNAUTHORIZED');
    await expectError(await get('/v1/staff/me'), 401, 'UNAUTHORIZED');
    const token = ((await (await signIn('clerk', 'local-only-password')).json()) as { idToken: string })
      .idToken;
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['it-admins'] })).toString(
      'base64url',
    );
    await expectError(
      await get('/v1/staff/me', { authorization: `Bearer ${header}.${forged}.${signature}` }),
      401,
      'UNAUTHORIZED',
    );
  });
});

describe('OpenAPI', () => {
  it('serves a 3.1 document describing every route of the route table', async () => {
    const response = await get('/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    for (const route of ROUTE_LIST.filter((r) => r.kind !== 'page')) {
      expect(document.paths[route.path]?.[route.method.toLowerCase()]).toMatchObject({
        operationId: route.operationId,
      });
    }
  });
});

describe('rows under hostile input', () => {
  const tokens = [
    'ward',
    'days_to_repair',
    'reported_date',
    'street_name',
    '=',
    '!=',
    '<',
    '>=',
    'and',
    'or',
    'not',
    '(',
    ')',
    "'Main Street'",
    "'2026-01-01'",
    '3',
    '-1.5',
    'in',
    'between',
    'is',
    'null',
    'starts_with',
    ',',
    "'",
    'true',
  ];
  const near = fc.array(fc.constantFrom(...tokens), { maxLength: 12 }).map((t) => t.join(' '));
  const any = fc.oneof(near, fc.string({ maxLength: 80 }), fc.string({ maxLength: 40, unit: 'binary' }));

  it('never answers a random where, select, order or limit with a 5xx', async () => {
    // A partner-tier key, so the usage plan's burst does not answer for the handler.
    const key = (await platform.issueApiKey({ name: 'fuzz', tier: 'partner' })).value;
    await fc.assert(
      fc.asyncProperty(
        any,
        any,
        any,
        fc.oneof(fc.integer({ min: -5, max: 6000 }).map(String), fc.string({ maxLength: 6 })),
        async (where, select, order, limit) => {
          const query = new URLSearchParams({ where, select, order, limit });
          const response = await get(`/v1/datasets/pothole-repairs/rows?${query}`, { 'x-api-key': key });
          expect(response.status).toBeLessThan(500);
          expect(response.status).not.toBe(429);
          if (response.status >= 400) {
            const body = (await response.json()) as { error: { code: string; message: string } };
            expect(body.error.message.length).toBeGreaterThan(5);
          } else {
            await response.arrayBuffer();
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);
});
