/**
 * The local gateway's API-key control plane (local/api-gateway-control.ts):
 * who may call it, and what it accepts, without a server; then the local
 * adapter's side of the protocol against a fake fetch.
 */
import { LocalGatewayKeyManager } from '../../lambdas/adapters/api-keys/local-gateway-key-manager';
import { LOCAL_APIGATEWAY_SECRET_HEADER } from '../../lambdas/adapters/api-keys/local-control-protocol';
import { ApiKeyManagementError } from '../../lambdas/domain/api-access/key-management';
import { USAGE_TIERS } from '../../lambdas/shared/usage-tiers';
import {
  createApiGatewayControl,
  MAX_CONTROL_BODY_BYTES,
  newControlPlaneSecret,
} from '../../local/api-gateway-control';
import { LocalApiKeyRegistry } from '../../local/api-key-registry';
import type { LocalControlPlane } from '../../local/gateway';

const SECRET = newControlPlaneSecret();

interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

function setup() {
  const registry = new LocalApiKeyRegistry();
  const control = createApiGatewayControl({ registry, secret: SECRET });
  const call = async (
    method: string,
    pathname: string,
    body?: unknown,
    options: { headers?: Record<string, string | string[]>; remoteAddress?: string; raw?: string } = {},
  ) => {
    const request: Parameters<LocalControlPlane>[0] = {
      method,
      pathname,
      headers: options.headers ?? { [LOCAL_APIGATEWAY_SECRET_HEADER]: SECRET },
      remoteAddress: 'remoteAddress' in options ? options.remoteAddress : '127.0.0.1',
      body: Buffer.from(options.raw ?? (body === undefined ? '' : JSON.stringify(body))),
    };
    return control(request);
  };
  const create = async (body: Record<string, unknown> = { name: 'Test key', tier: 'basic' }) => {
    const response = await call('POST', '/local-apigateway/apikeys', body);
    expect(response?.statusCode).toBe(201);
    return response!.body as { id: string; value: string; tier: string; enabled: boolean };
  };
  return { registry, call, create };
}

const errorOf = (response: { statusCode: number; body: unknown } | undefined) =>
  (response!.body as ErrorBody).error;

describe('control plane: who may call it', () => {
  it('leaves every other path to the gateway', async () => {
    const { call } = setup();
    for (const path of ['/v1/datasets', '/local-auth/token', '/local-apigatewayx/apikeys', '/']) {
      expect(await call('POST', path, { name: 'x', tier: 'basic' })).toBeUndefined();
    }
  });

  it.each(['192.168.1.20', '10.0.0.5', '::ffff:192.168.1.20', undefined])(
    'refuses a caller at %s even with the secret',
    async (remoteAddress) => {
      const { call, registry } = setup();
      const response = await call(
        'POST',
        '/local-apigateway/apikeys',
        { name: 'x', tier: 'basic' },
        { remoteAddress },
      );
      expect(response?.statusCode).toBe(403);
      expect(errorOf(response).code).toBe('FORBIDDEN');
      expect(registry.findByValue('x')).toBeUndefined();
    },
  );

  it.each(['127.0.0.1', '::1', '::ffff:127.0.0.1'])(
    'answers a caller at %s with the secret',
    async (address) => {
      const { call } = setup();
      const response = await call(
        'POST',
        '/local-apigateway/apikeys',
        { name: 'x', tier: 'basic' },
        {
          remoteAddress: address,
        },
      );
      expect(response?.statusCode).toBe(201);
    },
  );

  it.each<[string, Record<string, string | string[]>]>([
    ['no secret', {}],
    ['a wrong secret', { [LOCAL_APIGATEWAY_SECRET_HEADER]: newControlPlaneSecret() }],
    ['a prefix of the secret', { [LOCAL_APIGATEWAY_SECRET_HEADER]: SECRET.slice(0, -1) }],
    ['the secret twice', { [LOCAL_APIGATEWAY_SECRET_HEADER]: [SECRET, SECRET] }],
    ['the secret in another header', { authorization: `Bearer ${SECRET}` }],
  ])('refuses %s, on every path and method', async (_label, headers) => {
    const { call, create } = setup();
    const key = await create();
    for (const [method, path] of [
      ['POST', '/local-apigateway/apikeys'],
      ['GET', `/local-apigateway/apikeys/${key.id}`],
      ['PATCH', `/local-apigateway/apikeys/${key.id}`],
      ['DELETE', `/local-apigateway/apikeys/${key.id}`],
      ['GET', '/local-apigateway/nothing-here'],
    ] as const) {
      const response = await call(method, path, { enabled: false }, { headers });
      expect(response?.statusCode).toBe(403);
      expect(errorOf(response).message).toContain(LOCAL_APIGATEWAY_SECRET_HEADER);
    }
    expect((await call('GET', `/local-apigateway/apikeys/${key.id}`))?.body).toMatchObject({ enabled: true });
  });

  it('will not start with a short secret', () => {
    expect(() => createApiGatewayControl({ registry: new LocalApiKeyRegistry(), secret: 'short' })).toThrow(
      /at least 32/,
    );
    expect(newControlPlaneSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('control plane: POST /apikeys', () => {
  it('creates an enabled key on the tier and returns its value once', async () => {
    const { call, registry } = setup();
    const value = 'a-value-of-forty-characters-0123456789ab';
    const response = await call('POST', '/local-apigateway/apikeys', {
      name: 'Danbury News',
      tier: 'standard',
      description: 'newsroom',
      value,
    });

    expect(response?.statusCode).toBe(201);
    const body = response!.body as Record<string, unknown>;
    expect(body).toEqual({
      id: expect.stringMatching(/^[a-z0-9]{10}$/),
      name: 'Danbury News',
      description: 'newsroom',
      tier: 'standard',
      enabled: true,
      createdDate: expect.any(String),
      value,
    });
    expect(registry.admit(value)).toMatchObject({ admitted: true, key: { tier: 'standard' } });
    // GET never shows the value again.
    const got = await call('GET', `/local-apigateway/apikeys/${body.id as string}`);
    expect(got?.statusCode).toBe(200);
    expect(got?.body).not.toHaveProperty('value');
  });

  it('makes a value when none is sent', async () => {
    const { create } = setup();
    expect((await create()).value).toMatch(/^[A-Za-z0-9_-]{40}$/);
  });

  it.each<[string, unknown, string]>([
    ['no name', { tier: 'basic' }, 'name'],
    ['an empty name', { name: '   ', tier: 'basic' }, 'name'],
    ['a name that is not a string', { name: 42, tier: 'basic' }, 'name'],
    ['a name over 256 characters', { name: 'n'.repeat(257), tier: 'basic' }, 'name'],
    ['an unknown tier', { name: 'x', tier: 'platinum' }, 'tier'],
    ['no tier', { name: 'x' }, 'tier'],
    ['a value under 20 characters', { name: 'x', tier: 'basic', value: 'short-value' }, 'value'],
    ['a value over 128 characters', { name: 'x', tier: 'basic', value: 'v'.repeat(129) }, 'value'],
    ['a value with spaces', { name: 'x', tier: 'basic', value: 'a value with spaces in it' }, 'value'],
    [
      'a description over 1024 characters',
      { name: 'x', tier: 'basic', description: 'd'.repeat(1025) },
      'description',
    ],
    ['an unknown field', { name: 'x', tier: 'basic', enabled: false }, 'enabled'],
  ])('refuses %s with VALIDATION_FAILED', async (_label, body, path) => {
    const { call } = setup();
    const response = await call('POST', '/local-apigateway/apikeys', body);
    expect(response?.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues?.map((i) => i.path)).toContain(path);
  });

  it.each([
    ['not JSON', '{"name":'],
    ['an empty body', ''],
  ])('refuses a body that is %s with BAD_REQUEST', async (_label, raw) => {
    const { call } = setup();
    const response = await call('POST', '/local-apigateway/apikeys', undefined, { raw });
    expect(response?.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('BAD_REQUEST');
  });

  it.each([['[]'], ['"x"'], ['null']])('refuses the JSON %s with VALIDATION_FAILED', async (raw) => {
    const { call } = setup();
    const response = await call('POST', '/local-apigateway/apikeys', undefined, { raw });
    expect(response?.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('VALIDATION_FAILED');
  });

  it('refuses a value that another key has, with 409', async () => {
    const { call } = setup();
    const value = 'the-same-value-for-two-keys-000';
    expect(
      (await call('POST', '/local-apigateway/apikeys', { name: 'a', tier: 'basic', value }))?.statusCode,
    ).toBe(201);
    const again = await call('POST', '/local-apigateway/apikeys', { name: 'b', tier: 'partner', value });
    expect(again?.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('CONFLICT');
  });

  it('refuses a body over 16 KiB with 413', async () => {
    const { call } = setup();
    const response = await call('POST', '/local-apigateway/apikeys', undefined, {
      raw: JSON.stringify({ name: 'x', tier: 'basic', description: 'd'.repeat(MAX_CONTROL_BODY_BYTES) }),
    });
    expect(response?.statusCode).toBe(413);
  });
});

describe('control plane: PATCH, GET and DELETE /apikeys/{keyId}', () => {
  it('disables and enables a key: the gateway refuses it, then admits it', async () => {
    const { call, create, registry } = setup();
    const key = await create();

    const off = await call('PATCH', `/local-apigateway/apikeys/${key.id}`, { enabled: false });
    expect(off).toEqual({ statusCode: 200, body: expect.objectContaining({ id: key.id, enabled: false }) });
    expect(registry.admit(key.value)).toEqual({ admitted: false, reason: 'INVALID_API_KEY' });

    await call('PATCH', `/local-apigateway/apikeys/${key.id}`, { enabled: true });
    expect(registry.admit(key.value)).toMatchObject({ admitted: true });
  });

  it('moves a key to another tier with a fresh bucket of that tier', async () => {
    const { call, create, registry } = setup();
    const key = await create();
    const now = Date.now();
    let admitted = 0;
    for (let i = 0; i < 50; i++) if (registry.admit(key.value, now).admitted) admitted++;
    expect(admitted).toBe(USAGE_TIERS.basic.burstLimit);

    const moved = await call('PATCH', `/local-apigateway/apikeys/${key.id}`, {
      tier: 'partner',
      fromTier: 'basic',
    });
    expect(moved?.body).toMatchObject({ tier: 'partner', enabled: true });

    admitted = 0;
    for (let i = 0; i < 250; i++) if (registry.admit(key.value, now).admitted) admitted++;
    expect(admitted).toBe(USAGE_TIERS.partner.burstLimit);
  });

  it('changes tier and enabled together', async () => {
    const { call, create } = setup();
    const key = await create();
    const response = await call('PATCH', `/local-apigateway/apikeys/${key.id}`, {
      tier: 'standard',
      enabled: false,
    });
    expect(response?.body).toMatchObject({ tier: 'standard', enabled: false });
  });

  it('refuses a move from a tier the key is not on, with 409 and no change', async () => {
    const { call, create } = setup();
    const key = await create();
    const response = await call('PATCH', `/local-apigateway/apikeys/${key.id}`, {
      tier: 'partner',
      fromTier: 'standard',
    });
    expect(response?.statusCode).toBe(409);
    expect((await call('GET', `/local-apigateway/apikeys/${key.id}`))?.body).toMatchObject({ tier: 'basic' });
  });

  it.each<[string, unknown, string]>([
    ['an empty change', {}, '(body)'],
    ['enabled as a string', { enabled: 'false' }, 'enabled'],
    ['an unknown tier', { tier: 'gold' }, 'tier'],
    ['fromTier alone', { fromTier: 'basic' }, 'fromTier'],
    ['a field that is not changeable', { name: 'renamed' }, 'name'],
    ['the value', { value: 'a-new-value-of-enough-length-000' }, 'value'],
  ])('refuses %s with VALIDATION_FAILED and changes nothing', async (_label, body, path) => {
    const { call, create } = setup();
    const key = await create();
    const response = await call('PATCH', `/local-apigateway/apikeys/${key.id}`, body);
    expect(response?.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    expect(errorOf(response).issues?.map((i) => i.path)).toContain(path);
    expect((await call('GET', `/local-apigateway/apikeys/${key.id}`))?.body).toMatchObject({
      tier: 'basic',
      enabled: true,
    });
  });

  it('deletes a key for good: 202, then 404 everywhere, and the gateway refuses the value', async () => {
    const { call, create, registry } = setup();
    const key = await create();

    expect(await call('DELETE', `/local-apigateway/apikeys/${key.id}`)).toEqual({
      statusCode: 202,
      body: { id: key.id },
    });
    expect(registry.admit(key.value)).toEqual({ admitted: false, reason: 'INVALID_API_KEY' });
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const response = await call(method, `/local-apigateway/apikeys/${key.id}`, { enabled: true });
      expect(response?.statusCode).toBe(404);
      expect(errorOf(response).code).toBe('NOT_FOUND');
    }
  });

  it('answers unknown paths with 404, wrong methods with 405, malformed key ids with 400', async () => {
    const { call, create } = setup();
    const key = await create();
    expect((await call('GET', '/local-apigateway'))?.statusCode).toBe(404);
    expect((await call('GET', '/local-apigateway/usageplans'))?.statusCode).toBe(404);
    expect((await call('GET', `/local-apigateway/apikeys/${key.id}/extra`))?.statusCode).toBe(404);
    expect((await call('GET', '/local-apigateway/apikeys'))?.statusCode).toBe(405);
    expect((await call('PUT', `/local-apigateway/apikeys/${key.id}`, { enabled: true }))?.statusCode).toBe(
      405,
    );
    expect((await call('GET', '/local-apigateway/apikeys/..%2F..'))?.statusCode).toBe(400);
  });
});

describe('LocalGatewayKeyManager (fake fetch)', () => {
  interface Sent {
    url: string;
    method: string;
    headers: Record<string, string>;
    body: unknown;
  }

  function managerAnswering(...replies: (Response | Error)[]) {
    const sent: Sent[] = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      sent.push({
        url,
        method: init.method!,
        headers: init.headers as Record<string, string>,
        body: init.body === undefined ? undefined : JSON.parse(init.body as string),
      });
      const reply = replies.shift()!;
      if (reply instanceof Error) throw reply;
      return reply;
    }) as unknown as typeof fetch;
    const manager = new LocalGatewayKeyManager({
      baseUrl: 'http://127.0.0.1:4321/local-apigateway/',
      secret: SECRET,
      fetch: fakeFetch,
    });
    return { manager, sent };
  }
  const reply = (status: number, body?: unknown) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status });

  it('creates with a value it made itself, sending the secret', async () => {
    const { manager, sent } = managerAnswering(reply(201, { id: 'abc123', value: 'ignored' }));

    const issued = await manager.createKey({ name: 'n', tier: 'partner', description: 'd' });

    expect(sent).toHaveLength(1);
    const body = sent[0]!.body as Record<string, string>;
    expect(sent[0]).toMatchObject({
      url: 'http://127.0.0.1:4321/local-apigateway/apikeys',
      method: 'POST',
      headers: { [LOCAL_APIGATEWAY_SECRET_HEADER]: SECRET, 'content-type': 'application/json' },
    });
    expect(body).toEqual({ name: 'n', tier: 'partner', description: 'd', value: expect.any(String) });
    expect(body.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued).toEqual({ keyId: 'abc123', value: 'ignored' });
  });

  it('sends enabled, tier moves with the tier it expects, and deletes', async () => {
    const { manager, sent } = managerAnswering(reply(200, {}), reply(200, {}), reply(202, { id: 'k' }));

    await manager.setEnabled('k/1', false);
    await manager.changeTier('k', 'basic', 'standard');
    await manager.changeTier('k', 'basic', 'basic');
    await manager.deleteKey('k');

    expect(
      sent.map(({ url, method, body }) => [method, url.replace(/^.*\/local-apigateway/, ''), body]),
    ).toEqual([
      ['PATCH', '/apikeys/k%2F1', { enabled: false }],
      ['PATCH', '/apikeys/k', { tier: 'standard', fromTier: 'basic' }],
      ['DELETE', '/apikeys/k', undefined],
    ]);
  });

  it.each<[number, string]>([
    [404, 'NOT_FOUND'],
    [409, 'CONFLICT'],
    [400, 'BAD_REQUEST'],
    [403, 'MISCONFIGURED'],
    [429, 'THROTTLED'],
    [500, 'UNAVAILABLE'],
  ])('maps a %i to %s', async (status, reason) => {
    const { manager } = managerAnswering(reply(status, { error: { code: 'X', message: 'because' } }));
    const err = await manager.setEnabled('k', true).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiKeyManagementError);
    expect(err).toMatchObject({ reason });
    expect((err as Error).message).toMatch(new RegExp(`${status} because`));
  });

  it('treats deleting a key that is gone as done, and a gateway that does not answer as UNAVAILABLE', async () => {
    const { manager } = managerAnswering(reply(404, { error: {} }), new TypeError('fetch failed'));
    await expect(manager.deleteKey('gone')).resolves.toBeUndefined();
    await expect(manager.createKey({ name: 'x', tier: 'basic' })).rejects.toMatchObject({
      reason: 'UNAVAILABLE',
    });
  });
});
