/**
 * ApiGatewayKeyManager against recorded API Gateway REST HTTP: the exact
 * signed requests, in order, with their JSON bodies, and API Gateway's
 * recorded answers (success, NotFoundException, ConflictException,
 * TooManyRequestsException 429, ...) mapped to the port's results and errors,
 * including the retry of throttled control-plane calls. No call leaves the
 * process.
 */
import { ApiGatewayKeyManager } from '../../lambdas/adapters/api-keys/api-gateway-key-manager';
import { newApiKeyValue } from '../../lambdas/adapters/api-keys/key-value';
import { API_GATEWAY_MAX_ATTEMPTS, createApiGatewayClient } from '../../lambdas/adapters/clients/api-gateway';
import { AwsServiceError } from '../../lambdas/adapters/clients/aws-json-http';
import { ApiKeyManagementError } from '../../lambdas/domain/api-access/key-management';
import {
  AMZ_DATE,
  awsError,
  connectionReset,
  recordedAws,
  routes,
  type Answer,
  type RecordedReply,
} from './recorded-aws-http';

const PREFIX = 'open-records-dev-';
const VALUE = 'v'.repeat(43);

const PLANS = [
  { id: 'plan-basic', name: 'open-records-dev-basic' },
  { id: 'plan-standard', name: 'open-records-dev-standard' },
  { id: 'plan-partner', name: 'open-records-dev-partner' },
  // Another stage's plans in the same account and Region are not ours.
  { id: 'plan-prod-basic', name: 'open-records-prod-basic' },
];

// API Gateway's recorded answers (application/json, as the client asks for).
const usagePlans = (item: object[], position?: string): RecordedReply => ({
  status: 200,
  body: {
    item: item.map((p) => ({ ...p, apiStages: [], throttle: { burstLimit: 20, rateLimit: 10 } })),
    position,
  },
});
const createdKey = (id: string): RecordedReply => ({
  status: 201,
  body: { id, name: 'x', enabled: true, value: VALUE, createdDate: 1740830400, stageKeys: [] },
});
const createdPlanKey = (id: string): RecordedReply => ({
  status: 201,
  body: { id, type: 'API_KEY', value: VALUE, name: 'x' },
});
const updatedKey: RecordedReply = { status: 200, body: { id: 'key-7', enabled: false } };
const accepted: RecordedReply = { status: 202 };

const NOT_FOUND = awsError(404, 'NotFoundException', 'Invalid API Key identifier specified');
const CONFLICT = awsError(409, 'ConflictException', 'key already on a plan for this stage');
const THROTTLED = awsError(429, 'TooManyRequestsException', 'Too Many Requests');
const KEY_LIMIT = awsError(429, 'LimitExceededException', 'API key limit exceeded: 10000');

/** The usual control plane: three tiers' plans, new keys attach. */
function controlPlane(overrides: Record<string, Answer | Answer[]> = {}) {
  return routes({
    'GET /usageplans': usagePlans(PLANS),
    'POST /apikeys': createdKey('key-1'),
    'POST /usageplans/plan-basic/keys': createdPlanKey('key-1'),
    'POST /usageplans/plan-standard/keys': createdPlanKey('key-1'),
    'POST /usageplans/plan-partner/keys': createdPlanKey('key-1'),
    ...overrides,
  });
}

function managerAnswering(
  overrides: Record<string, Answer | Answer[]> = {},
  options: { newValue?: () => string; maxAttempts?: number } = { newValue: () => VALUE },
) {
  const recorded = recordedAws(controlPlane(overrides));
  const client = createApiGatewayClient({
    ...recorded.settings,
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });
  const manager = new ApiGatewayKeyManager({
    client,
    usagePlanNamePrefix: PREFIX,
    ...(options.newValue ? { newValue: options.newValue } : {}),
  });
  /** Every request sent, in order: `METHOD /path?query` and the JSON body, if any. */
  const calls = () =>
    recorded.requests.map((r) => {
      const call = `${r.method} ${r.target}`;
      return r.body === undefined ? [call] : [call, r.body];
    });
  const callNames = () => recorded.requests.map((r) => `${r.method} ${r.target}`);
  return { manager, calls, callNames, ...recorded };
}

async function failureOf(promise: Promise<unknown>): Promise<ApiKeyManagementError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ApiKeyManagementError);
    return err as ApiKeyManagementError;
  }
  throw new Error('the call did not fail');
}

const SIGNED = (signedHeaders: string, signature: string) =>
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250301/us-east-1/apigateway/aws4_request, ' +
  `SignedHeaders=${signedHeaders}, Signature=${signature}`;

describe('ApiGatewayKeyManager (recorded API Gateway HTTP)', () => {
  it('signs each control-plane call for apigateway in the Region, asking for plain JSON', async () => {
    const { manager, requests } = managerAnswering({
      'PATCH /apikeys/key-1': updatedKey,
      'DELETE /apikeys/key-1': accepted,
      'DELETE /usageplans/plan-basic/keys/key-1': accepted,
    });

    await manager.createKey({ name: 'application-01J', tier: 'basic' });
    await manager.setEnabled('key-1', false);
    await manager.changeTier('key-1', 'basic', 'standard');
    await manager.deleteKey('key-1');

    const common = {
      accept: 'application/json',
      'x-amz-date': AMZ_DATE,
      'x-amz-security-token': 'session-token-example',
    };
    const withBody = { ...common, 'content-type': 'application/json' };
    const noBody = 'accept;host;x-amz-date;x-amz-security-token';
    expect(requests.map(({ method, url, headers }) => ({ method, url, headers }))).toEqual([
      {
        method: 'GET',
        url: 'https://apigateway.us-east-1.amazonaws.com/usageplans?limit=500',
        headers: {
          ...common,
          authorization: SIGNED(noBody, '907a3c2d5c7ffe1aa2e6c2f3fcde7b442b3a87b26f35ba90cc67950197bcfc59'),
        },
      },
      {
        method: 'POST',
        url: 'https://apigateway.us-east-1.amazonaws.com/apikeys',
        headers: {
          ...withBody,
          authorization: SIGNED(noBody, '2bc5e6f66361c2d03320073482302c08e295ead8a648c36076bf2b9704bbc860'),
        },
      },
      {
        method: 'POST',
        url: 'https://apigateway.us-east-1.amazonaws.com/usageplans/plan-basic/keys',
        headers: {
          ...withBody,
          authorization: SIGNED(noBody, '4bcce0b177368e6630d750379538b6888eba44721aef41168fc6c53dbe3204f9'),
        },
      },
      {
        method: 'PATCH',
        url: 'https://apigateway.us-east-1.amazonaws.com/apikeys/key-1',
        headers: {
          ...withBody,
          authorization: SIGNED(noBody, 'a8713ea20fe157673d67250c0aac592797880e2d5add00a9bd968d20318e52d5'),
        },
      },
      {
        method: 'DELETE',
        url: 'https://apigateway.us-east-1.amazonaws.com/usageplans/plan-basic/keys/key-1',
        headers: {
          ...common,
          authorization: SIGNED(noBody, '66ca889a28882f947098981017cc1bb98c774331f8cb22ca62878375746ffd4b'),
        },
      },
      {
        method: 'POST',
        url: 'https://apigateway.us-east-1.amazonaws.com/usageplans/plan-standard/keys',
        headers: {
          ...withBody,
          authorization: SIGNED(noBody, '567e9637dda099aeb0e19d2687a51f53d738c84f312f4a4b7703d2b9238d8b24'),
        },
      },
      {
        method: 'DELETE',
        url: 'https://apigateway.us-east-1.amazonaws.com/apikeys/key-1',
        headers: {
          ...common,
          authorization: SIGNED(noBody, 'a0b1161bac0407be41144e3982a8bf56e20c0c8e9dc7b0415896645ea65ba06b'),
        },
      },
    ]);
  });

  it('creates an enabled key with its own value, then attaches it to the tier usage plan', async () => {
    const { manager, calls } = managerAnswering();

    const issued = await manager.createKey({
      name: 'application-01J',
      tier: 'standard',
      description: 'Danbury News',
    });

    expect(issued).toEqual({ keyId: 'key-1', value: VALUE });
    expect(calls()).toEqual([
      ['GET /usageplans?limit=500'],
      [
        'POST /apikeys',
        { name: 'application-01J', description: 'Danbury News', enabled: true, value: VALUE },
      ],
      ['POST /usageplans/plan-standard/keys', { keyId: 'key-1', keyType: 'API_KEY' }],
    ]);
  });

  it('makes a fresh base64url value of at least 40 characters per key by default', async () => {
    const { manager, requests } = managerAnswering({}, {});

    const first = await manager.createKey({ name: 'a', tier: 'basic' });
    const second = await manager.createKey({ name: 'b', tier: 'basic' });

    for (const { value } of [first, second]) expect(value).toMatch(/^[A-Za-z0-9_-]{40,128}$/);
    expect(first.value).not.toBe(second.value);
    const created = requests.filter((r) => r.method === 'POST' && r.target === '/apikeys');
    expect(created.map((r) => (r.body as { value: string }).value)).toEqual([first.value, second.value]);
    expect(created[0]!.body).not.toHaveProperty('description');
    expect(newApiKeyValue()).toHaveLength(43);
  });

  it('looks the usage plans up once for two createKey calls (control-plane calls are rate limited)', async () => {
    const { manager, calls } = managerAnswering({
      'POST /apikeys': [createdKey('key-1'), createdKey('key-2')],
    });

    await manager.createKey({ name: 'one', tier: 'basic' });
    await manager.createKey({ name: 'two', tier: 'partner' });

    expect(calls()).toEqual([
      ['GET /usageplans?limit=500'],
      ['POST /apikeys', { name: 'one', enabled: true, value: VALUE }],
      ['POST /usageplans/plan-basic/keys', { keyId: 'key-1', keyType: 'API_KEY' }],
      ['POST /apikeys', { name: 'two', enabled: true, value: VALUE }],
      ['POST /usageplans/plan-partner/keys', { keyId: 'key-2', keyType: 'API_KEY' }],
    ]);
  });

  it('shares one lookup between concurrent first calls', async () => {
    const { manager, callNames } = managerAnswering({
      'PATCH /apikeys/key-9': updatedKey,
      'DELETE /usageplans/plan-basic/keys/key-9': accepted,
    });

    await Promise.all([manager.createKey({ name: 'a', tier: 'basic' }), manager.setEnabled('key-9', false)]);
    await manager.changeTier('key-9', 'basic', 'standard');

    expect(callNames().filter((c) => c.startsWith('GET /usageplans'))).toHaveLength(1);
  });

  it('follows GetUsagePlans pages by position', async () => {
    const { manager, calls } = managerAnswering({
      'GET /usageplans': [
        usagePlans([PLANS[3]!, PLANS[0]!], 'page/2+=='),
        usagePlans([PLANS[1]!], 'page-3'),
        usagePlans([PLANS[2]!]),
      ],
    });

    await manager.createKey({ name: 'paged', tier: 'partner' });

    expect(calls()).toEqual([
      ['GET /usageplans?limit=500'],
      ['GET /usageplans?limit=500&position=page%2F2%2B%3D%3D'],
      ['GET /usageplans?limit=500&position=page-3'],
      ['POST /apikeys', { name: 'paged', enabled: true, value: VALUE }],
      ['POST /usageplans/plan-partner/keys', { keyId: 'key-1', keyType: 'API_KEY' }],
    ]);
  });

  it('gives up on usage plan pages that never end', async () => {
    const { manager, callNames } = managerAnswering({ 'GET /usageplans': usagePlans([], 'again') });

    const err = await failureOf(manager.createKey({ name: 'x', tier: 'basic' }));

    expect(err.reason).toBe('UNAVAILABLE');
    expect(err.message).toMatch(/still had more after 20 pages/);
    expect(callNames()).toHaveLength(20);
  });

  it('deletes the just-created key when attaching it fails (no orphan keys)', async () => {
    const { manager, calls } = managerAnswering({
      'POST /usageplans/plan-basic/keys': CONFLICT,
      'DELETE /apikeys/key-1': accepted,
    });

    const err = await failureOf(manager.createKey({ name: 'doomed', tier: 'basic' }));

    expect(err.reason).toBe('CONFLICT');
    expect(err.message).toMatch(/Could not attach API key key-1 to the basic usage plan \(key deleted\)/);
    expect(err.message).toMatch(/ConflictException: key already on a plan for this stage/);
    expect(err.cause).toBeInstanceOf(AwsServiceError);
    expect(err.cause).toMatchObject({ name: 'ConflictException', status: 409 });
    expect(calls()).toEqual([
      ['GET /usageplans?limit=500'],
      ['POST /apikeys', { name: 'doomed', enabled: true, value: VALUE }],
      ['POST /usageplans/plan-basic/keys', { keyId: 'key-1', keyType: 'API_KEY' }],
      ['DELETE /apikeys/key-1'],
    ]);
  });

  it('says so when the cleanup fails too', async () => {
    const { manager, callNames } = managerAnswering(
      { 'POST /usageplans/plan-basic/keys': CONFLICT, 'DELETE /apikeys/key-1': THROTTLED },
      { newValue: () => VALUE, maxAttempts: 1 },
    );

    const err = await failureOf(manager.createKey({ name: 'doomed', tier: 'basic' }));

    expect(err.message).toMatch(/deleting key key-1 failed too/);
    expect(err.cause).toBeInstanceOf(AggregateError);
    expect(callNames().filter((c) => c === 'DELETE /apikeys/key-1')).toHaveLength(1);
  });

  it('does not attach anything when CreateApiKey fails (a key limit, retried as the SDK did)', async () => {
    const { manager, callNames } = managerAnswering({ 'POST /apikeys': KEY_LIMIT });

    const err = await failureOf(manager.createKey({ name: 'one too many', tier: 'basic' }));

    expect(err.reason).toBe('LIMIT_EXCEEDED');
    expect(callNames()).toEqual([
      'GET /usageplans?limit=500',
      ...Array(API_GATEWAY_MAX_ATTEMPTS).fill('POST /apikeys'),
    ]);
  });

  it('creates no key when the tier has no usage plan, and looks again on the next call', async () => {
    const { manager, callNames } = managerAnswering({
      'GET /usageplans': [usagePlans(PLANS.filter((p) => p.id !== 'plan-partner')), usagePlans(PLANS)],
    });

    const err = await failureOf(manager.createKey({ name: 'x', tier: 'basic' }));
    expect(err.reason).toBe('MISCONFIGURED');
    expect(err.message).toMatch(/No usage plan named open-records-dev-partner/);
    expect(callNames()).toEqual(['GET /usageplans?limit=500']);

    await manager.createKey({ name: 'x', tier: 'basic' });
    expect(callNames()).toEqual([
      'GET /usageplans?limit=500',
      'GET /usageplans?limit=500',
      'POST /apikeys',
      'POST /usageplans/plan-basic/keys',
    ]);
  });

  it('refuses two usage plans with the same name', async () => {
    const { manager } = managerAnswering({
      'GET /usageplans': usagePlans([...PLANS, { id: 'plan-dup', name: PLANS[1]!.name }]),
    });

    const err = await failureOf(manager.createKey({ name: 'x', tier: 'basic' }));

    expect(err).toMatchObject({ reason: 'MISCONFIGURED' });
    expect(err.message).toMatch(/2 usage plans are named open-records-dev-standard/);
  });

  it('enables and disables with an UpdateApiKey patch of /enabled', async () => {
    const { manager, calls } = managerAnswering({ 'PATCH /apikeys/key-7': updatedKey });

    await manager.setEnabled('key-7', false);
    await manager.setEnabled('key-7', true);

    expect(calls()).toEqual([
      ['PATCH /apikeys/key-7', { patchOperations: [{ op: 'replace', path: '/enabled', value: 'false' }] }],
      ['PATCH /apikeys/key-7', { patchOperations: [{ op: 'replace', path: '/enabled', value: 'true' }] }],
    ]);
  });

  it('puts a key id in the path as one encoded segment', async () => {
    const { manager, callNames } = managerAnswering({ 'PATCH /apikeys/..%2Fusageplans': updatedKey });

    await manager.setEnabled('../usageplans', true);

    expect(callNames()).toEqual(['PATCH /apikeys/..%2Fusageplans']);
  });

  it('maps an unknown key to NOT_FOUND', async () => {
    const { manager, callNames } = managerAnswering({ 'PATCH /apikeys/nope': NOT_FOUND });

    const err = await failureOf(manager.setEnabled('nope', false));

    expect(err.reason).toBe('NOT_FOUND');
    expect(err.message).toMatch(
      /Could not disable API key nope: NotFoundException: Invalid API Key identifier specified/,
    );
    // A client error is not tried again.
    expect(callNames()).toHaveLength(1);
  });

  it.each([
    [400, 'BadRequestException', 'BAD_REQUEST'],
    [401, 'UnauthorizedException', 'MISCONFIGURED'],
    [403, 'AccessDeniedException', 'MISCONFIGURED'],
    [409, 'ConflictException', 'CONFLICT'],
    [400, 'SomethingNewException', 'UNAVAILABLE'],
  ] as const)('maps %i %s to %s', async (status, code, reason) => {
    const { manager } = managerAnswering({ 'PATCH /apikeys/k': awsError(status, code) });

    expect((await failureOf(manager.setEnabled('k', true))).reason).toBe(reason);
  });

  it('changes tier: off the old usage plan, onto the new one', async () => {
    const { manager, calls } = managerAnswering({ 'DELETE /usageplans/plan-basic/keys/key-3': accepted });

    await manager.changeTier('key-3', 'basic', 'partner');

    expect(calls()).toEqual([
      ['GET /usageplans?limit=500'],
      ['DELETE /usageplans/plan-basic/keys/key-3'],
      ['POST /usageplans/plan-partner/keys', { keyId: 'key-3', keyType: 'API_KEY' }],
    ]);
  });

  it('changing to the same tier calls nothing', async () => {
    const { manager, calls } = managerAnswering();

    await manager.changeTier('key-3', 'standard', 'standard');

    expect(calls()).toEqual([]);
  });

  it('puts the key back on its old plan when the new one refuses it', async () => {
    const { manager, calls } = managerAnswering({
      'DELETE /usageplans/plan-basic/keys/key-3': accepted,
      'POST /usageplans/plan-partner/keys': awsError(400, 'BadRequestException', 'plan is full'),
      'POST /usageplans/plan-basic/keys': createdPlanKey('key-3'),
    });

    const err = await failureOf(manager.changeTier('key-3', 'basic', 'partner'));

    expect(err.reason).toBe('BAD_REQUEST');
    expect(err.message).toMatch(/left on basic/);
    expect(calls()).toEqual([
      ['GET /usageplans?limit=500'],
      ['DELETE /usageplans/plan-basic/keys/key-3'],
      ['POST /usageplans/plan-partner/keys', { keyId: 'key-3', keyType: 'API_KEY' }],
      ['POST /usageplans/plan-basic/keys', { keyId: 'key-3', keyType: 'API_KEY' }],
    ]);
  });

  it('says the key is on no plan when putting it back fails too', async () => {
    const { manager } = managerAnswering({
      'DELETE /usageplans/plan-basic/keys/key-3': accepted,
      'POST /usageplans/plan-partner/keys': CONFLICT,
      'POST /usageplans/plan-basic/keys': CONFLICT,
    });

    const err = await failureOf(manager.changeTier('key-3', 'basic', 'partner'));

    expect(err.message).toMatch(/API key key-3 is on no usage plan/);
    expect(err.cause).toBeInstanceOf(AggregateError);
  });

  it('does not attach to the new plan when the key is not on the old one', async () => {
    const { manager, callNames } = managerAnswering({
      'DELETE /usageplans/plan-basic/keys/key-3': awsError(
        404,
        'NotFoundException',
        'Invalid Usage Plan Key',
      ),
    });

    const err = await failureOf(manager.changeTier('key-3', 'basic', 'partner'));

    expect(err.reason).toBe('NOT_FOUND');
    expect(callNames().filter((c) => c.startsWith('POST'))).toEqual([]);
  });

  it('deletes a key with DeleteApiKey, and a key already gone counts as deleted', async () => {
    const { manager, calls } = managerAnswering({
      'DELETE /apikeys/key-1': [accepted, NOT_FOUND, CONFLICT],
    });

    await manager.deleteKey('key-1');
    await manager.deleteKey('key-1');
    const err = await failureOf(manager.deleteKey('key-1'));

    expect(err.reason).toBe('CONFLICT');
    expect(calls()).toEqual([
      ['DELETE /apikeys/key-1'],
      ['DELETE /apikeys/key-1'],
      ['DELETE /apikeys/key-1'],
    ]);
  });

  it('maps throttling that outlasted the retries to THROTTLED, anything unknown to UNAVAILABLE', async () => {
    const { manager } = managerAnswering({
      'PATCH /apikeys/k': [
        ...Array<Answer>(API_GATEWAY_MAX_ATTEMPTS).fill(THROTTLED),
        ...Array<Answer>(API_GATEWAY_MAX_ATTEMPTS).fill(connectionReset()),
      ],
    });

    const throttled = await failureOf(manager.setEnabled('k', true));
    expect(throttled.reason).toBe('THROTTLED');
    expect(throttled.message).toMatch(/TooManyRequestsException: Too Many Requests/);
    const unreachable = await failureOf(manager.setEnabled('k', true));
    expect(unreachable.reason).toBe('UNAVAILABLE');
    expect(unreachable.message).toMatch(/NetworkError: No response from AWS \(ECONNRESET\)/);
  });
});

describe('ApiGatewayKeyManager retries (standard mode, as the SDK client was configured)', () => {
  it('allows several attempts in all', () => {
    expect(createApiGatewayClient(recordedAws([]).settings).maxAttempts).toBe(API_GATEWAY_MAX_ATTEMPTS);
    expect(API_GATEWAY_MAX_ATTEMPTS).toBeGreaterThanOrEqual(3);
  });

  it('retries a throttled CreateApiKey (429 TooManyRequestsException) after its Retry-After, then succeeds', async () => {
    const { manager, calls, sleeps } = managerAnswering({
      'POST /apikeys': [
        awsError(429, 'TooManyRequestsException', 'Too Many Requests', { 'retry-after': '1' }),
        createdKey('wire-key'),
      ],
      'POST /usageplans/plan-basic/keys': createdPlanKey('wire-key'),
    });

    await expect(manager.createKey({ name: 'wire', tier: 'basic' })).resolves.toEqual({
      keyId: 'wire-key',
      value: VALUE,
    });

    expect(calls()).toEqual([
      ['GET /usageplans?limit=500'],
      ['POST /apikeys', { name: 'wire', enabled: true, value: VALUE }],
      ['POST /apikeys', { name: 'wire', enabled: true, value: VALUE }],
      ['POST /usageplans/plan-basic/keys', { keyId: 'wire-key', keyType: 'API_KEY' }],
    ]);
    // It waited for the control plane's Retry-After (1 s), more than the jittered 500 ms: it did not hammer it.
    expect(sleeps).toEqual([1000]);
  });

  it('backs off exponentially with jitter, capped, and gives up after the configured attempts', async () => {
    const { manager, callNames, sleeps } = managerAnswering({ 'PATCH /apikeys/key-1': THROTTLED });

    const err = await failureOf(manager.setEnabled('key-1', false));

    expect(err.reason).toBe('THROTTLED');
    expect(err.cause).toBeInstanceOf(AwsServiceError);
    expect(err.cause).toMatchObject({ name: 'TooManyRequestsException', status: 429 });
    expect(callNames()).toEqual(Array(API_GATEWAY_MAX_ATTEMPTS).fill('PATCH /apikeys/key-1'));
    // random() = 0.5 of min(1 s × 2^retry, 20 s)
    expect(sleeps).toEqual([500, 1000, 2000, 4000]);
  });

  it('gives up after fewer attempts when configured so', async () => {
    const { manager, calls } = managerAnswering(
      { 'PATCH /apikeys/key-1': THROTTLED },
      { newValue: () => VALUE, maxAttempts: 2 },
    );

    expect((await failureOf(manager.setEnabled('key-1', false))).reason).toBe('THROTTLED');
    expect(calls()).toEqual([
      ['PATCH /apikeys/key-1', { patchOperations: [{ op: 'replace', path: '/enabled', value: 'false' }] }],
      ['PATCH /apikeys/key-1', { patchOperations: [{ op: 'replace', path: '/enabled', value: 'false' }] }],
    ]);
  });

  it('retries a 5xx and a dropped connection quickly, then succeeds', async () => {
    const { manager, callNames, sleeps } = managerAnswering({
      'DELETE /apikeys/key-1': [
        { status: 502, body: '<html>Bad Gateway</html>' },
        connectionReset(),
        accepted,
      ],
    });

    await manager.deleteKey('key-1');

    expect(callNames()).toEqual(Array(3).fill('DELETE /apikeys/key-1'));
    expect(sleeps).toEqual([25, 50]);
  });
});

describe('createApiKeyManager (AWS)', () => {
  const NAMES = ['LOCAL_APIGATEWAY_URL', 'USAGE_PLAN_NAME_PREFIX'] as const;
  const saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));
  afterEach(() => {
    for (const name of NAMES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('manages keys on API Gateway, with the usage plans named by USAGE_PLAN_NAME_PREFIX, when not local', async () => {
    delete process.env.LOCAL_APIGATEWAY_URL;
    delete process.env.USAGE_PLAN_NAME_PREFIX;
    const { createApiKeyManager } = await import('../../lambdas/adapters/api-keys/key-manager-wiring');

    expect(() => createApiKeyManager()).toThrow(/USAGE_PLAN_NAME_PREFIX/);
    process.env.USAGE_PLAN_NAME_PREFIX = PREFIX;
    expect(createApiKeyManager()).toBeInstanceOf(ApiGatewayKeyManager);
  });
});
