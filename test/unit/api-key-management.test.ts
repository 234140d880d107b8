/**
 * ApiGatewayKeyManager against recorded SDK calls (aws-sdk-client-mock): the
 * exact commands, in order, with their inputs. Then once through the real SDK
 * stack with a fake HTTP handler, so the retry of a throttled call and the
 * wire requests are checked too. No call leaves the process.
 */
import {
  APIGatewayClient,
  ConflictException,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  DeleteUsagePlanKeyCommand,
  GetUsagePlansCommand,
  LimitExceededException,
  NotFoundException,
  TooManyRequestsException,
  UpdateApiKeyCommand,
} from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { ApiGatewayKeyManager } from '../../lambdas/adapters/api-keys/api-gateway-key-manager';
import { newApiKeyValue } from '../../lambdas/adapters/api-keys/key-value';
import { API_GATEWAY_MAX_ATTEMPTS, createApiGatewayClient } from '../../lambdas/adapters/clients/api-gateway';
import { ApiKeyManagementError } from '../../lambdas/domain/api-access/key-management';

const FAKE_AWS = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' },
};
const PREFIX = 'open-records-dev-';
const VALUE = 'v'.repeat(43);

const PLANS = [
  { id: 'plan-basic', name: 'open-records-dev-basic' },
  { id: 'plan-standard', name: 'open-records-dev-standard' },
  { id: 'plan-partner', name: 'open-records-dev-partner' },
  // Another stage's plans in the same account and Region are not ours.
  { id: 'plan-prod-basic', name: 'open-records-prod-basic' },
];

const COMMANDS = {
  GetUsagePlans: GetUsagePlansCommand,
  CreateApiKey: CreateApiKeyCommand,
  CreateUsagePlanKey: CreateUsagePlanKeyCommand,
  DeleteUsagePlanKey: DeleteUsagePlanKeyCommand,
  UpdateApiKey: UpdateApiKeyCommand,
  DeleteApiKey: DeleteApiKeyCommand,
};

const awsError = <T extends Error>(
  Exception: new (opts: { message: string; $metadata: object }) => T,
  message = 'nope',
) => new Exception({ message, $metadata: { httpStatusCode: 400 } });

async function failureOf(promise: Promise<unknown>): Promise<ApiKeyManagementError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ApiKeyManagementError);
    return err as ApiKeyManagementError;
  }
  throw new Error('the call did not fail');
}

describe('ApiGatewayKeyManager (recorded SDK calls)', () => {
  const client = new APIGatewayClient(FAKE_AWS);
  const apigw = mockClient(client);
  afterEach(() => apigw.reset());
  afterAll(() => apigw.restore());

  /** Every command sent, in order: [name, input]. */
  const recorded = () =>
    apigw.calls().map((call) => {
      const command = call.args[0];
      const name = Object.entries(COMMANDS).find(([, Command]) => command instanceof Command)?.[0];
      return [name ?? command.constructor.name, command.input];
    });

  const manager = () =>
    new ApiGatewayKeyManager({ client, usagePlanNamePrefix: PREFIX, newValue: () => VALUE });

  beforeEach(() => {
    apigw.on(GetUsagePlansCommand).resolves({ items: PLANS });
    apigw.on(CreateApiKeyCommand).resolves({ id: 'key-1', value: VALUE, enabled: true });
    apigw.on(CreateUsagePlanKeyCommand).resolves({ id: 'key-1', type: 'API_KEY' });
  });

  it('creates an enabled key with its own value, then attaches it to the tier usage plan', async () => {
    const issued = await manager().createKey({
      name: 'application-01J',
      tier: 'standard',
      description: 'Danbury News',
    });

    expect(issued).toEqual({ keyId: 'key-1', value: VALUE });
    expect(recorded()).toEqual([
      ['GetUsagePlans', { limit: 500 }],
      ['CreateApiKey', { name: 'application-01J', description: 'Danbury News', enabled: true, value: VALUE }],
      ['CreateUsagePlanKey', { usagePlanId: 'plan-standard', keyId: 'key-1', keyType: 'API_KEY' }],
    ]);
  });

  it('makes a fresh base64url value of at least 40 characters per key by default', async () => {
    const keys = new ApiGatewayKeyManager({ client, usagePlanNamePrefix: PREFIX });

    const first = await keys.createKey({ name: 'a', tier: 'basic' });
    const second = await keys.createKey({ name: 'b', tier: 'basic' });

    for (const { value } of [first, second]) expect(value).toMatch(/^[A-Za-z0-9_-]{40,128}$/);
    expect(first.value).not.toBe(second.value);
    const sentValues = apigw.commandCalls(CreateApiKeyCommand).map((c) => c.args[0].input.value);
    expect(sentValues).toEqual([first.value, second.value]);
    expect(apigw.commandCalls(CreateApiKeyCommand)[0]!.args[0].input).not.toHaveProperty('description');
    expect(newApiKeyValue()).toHaveLength(43);
  });

  it('looks the usage plans up once for two createKey calls (control-plane calls are rate limited)', async () => {
    const keys = manager();
    apigw.on(CreateApiKeyCommand).resolvesOnce({ id: 'key-1' }).resolvesOnce({ id: 'key-2' });

    await keys.createKey({ name: 'one', tier: 'basic' });
    await keys.createKey({ name: 'two', tier: 'partner' });

    expect(recorded()).toEqual([
      ['GetUsagePlans', { limit: 500 }],
      ['CreateApiKey', { name: 'one', enabled: true, value: VALUE }],
      ['CreateUsagePlanKey', { usagePlanId: 'plan-basic', keyId: 'key-1', keyType: 'API_KEY' }],
      ['CreateApiKey', { name: 'two', enabled: true, value: VALUE }],
      ['CreateUsagePlanKey', { usagePlanId: 'plan-partner', keyId: 'key-2', keyType: 'API_KEY' }],
    ]);
  });

  it('shares one lookup between concurrent first calls', async () => {
    const keys = manager();
    await Promise.all([keys.createKey({ name: 'a', tier: 'basic' }), keys.setEnabled('key-9', false)]);
    await keys.changeTier('key-9', 'basic', 'standard');

    expect(apigw.commandCalls(GetUsagePlansCommand)).toHaveLength(1);
  });

  it('follows GetUsagePlans pages by position', async () => {
    apigw
      .on(GetUsagePlansCommand)
      .resolvesOnce({ items: [PLANS[3]!, PLANS[0]!], position: 'page-2' })
      .resolvesOnce({ items: [PLANS[1]!], position: 'page-3' })
      .resolvesOnce({ items: [PLANS[2]!] });

    await manager().createKey({ name: 'paged', tier: 'partner' });

    expect(recorded()).toEqual([
      ['GetUsagePlans', { limit: 500 }],
      ['GetUsagePlans', { limit: 500, position: 'page-2' }],
      ['GetUsagePlans', { limit: 500, position: 'page-3' }],
      ['CreateApiKey', { name: 'paged', enabled: true, value: VALUE }],
      ['CreateUsagePlanKey', { usagePlanId: 'plan-partner', keyId: 'key-1', keyType: 'API_KEY' }],
    ]);
  });

  it('deletes the just-created key when attaching it fails (no orphan keys)', async () => {
    const cause = awsError(ConflictException, 'key already on a plan for this stage');
    apigw.on(CreateUsagePlanKeyCommand).rejects(cause);
    apigw.on(DeleteApiKeyCommand).resolves({});

    const err = await failureOf(manager().createKey({ name: 'doomed', tier: 'basic' }));

    expect(err.reason).toBe('CONFLICT');
    expect(err.message).toMatch(/Could not attach API key key-1 to the basic usage plan \(key deleted\)/);
    expect(err.cause).toBe(cause);
    expect(recorded()).toEqual([
      ['GetUsagePlans', { limit: 500 }],
      ['CreateApiKey', { name: 'doomed', enabled: true, value: VALUE }],
      ['CreateUsagePlanKey', { usagePlanId: 'plan-basic', keyId: 'key-1', keyType: 'API_KEY' }],
      ['DeleteApiKey', { apiKey: 'key-1' }],
    ]);
  });

  it('says so when the cleanup fails too', async () => {
    apigw.on(CreateUsagePlanKeyCommand).rejects(awsError(ConflictException));
    apigw.on(DeleteApiKeyCommand).rejects(awsError(TooManyRequestsException));

    const err = await failureOf(manager().createKey({ name: 'doomed', tier: 'basic' }));

    expect(err.message).toMatch(/deleting key key-1 failed too/);
    expect(err.cause).toBeInstanceOf(AggregateError);
    expect(apigw.commandCalls(DeleteApiKeyCommand)).toHaveLength(1);
  });

  it('does not attach anything when CreateApiKey fails', async () => {
    apigw.on(CreateApiKeyCommand).rejects(awsError(LimitExceededException, '10000 keys'));

    const err = await failureOf(manager().createKey({ name: 'one too many', tier: 'basic' }));

    expect(err.reason).toBe('LIMIT_EXCEEDED');
    expect(recorded().map(([name]) => name)).toEqual(['GetUsagePlans', 'CreateApiKey']);
  });

  it('creates no key when the tier has no usage plan, and looks again on the next call', async () => {
    apigw
      .on(GetUsagePlansCommand)
      .resolvesOnce({ items: PLANS.filter((p) => p.id !== 'plan-partner') })
      .resolves({ items: PLANS });
    const keys = manager();

    const err = await failureOf(keys.createKey({ name: 'x', tier: 'basic' }));
    expect(err.reason).toBe('MISCONFIGURED');
    expect(err.message).toMatch(/No usage plan named open-records-dev-partner/);
    expect(apigw.commandCalls(CreateApiKeyCommand)).toHaveLength(0);

    await keys.createKey({ name: 'x', tier: 'basic' });
    expect(recorded().map(([name]) => name)).toEqual([
      'GetUsagePlans',
      'GetUsagePlans',
      'CreateApiKey',
      'CreateUsagePlanKey',
    ]);
  });

  it('refuses two usage plans with the same name', async () => {
    apigw.on(GetUsagePlansCommand).resolves({ items: [...PLANS, { id: 'plan-dup', name: PLANS[1]!.name }] });

    const err = await failureOf(manager().createKey({ name: 'x', tier: 'basic' }));

    expect(err).toMatchObject({ reason: 'MISCONFIGURED' });
    expect(err.message).toMatch(/2 usage plans are named open-records-dev-standard/);
  });

  it('enables and disables with an UpdateApiKey patch of /enabled', async () => {
    apigw.on(UpdateApiKeyCommand).resolves({});
    const keys = manager();

    await keys.setEnabled('key-7', false);
    await keys.setEnabled('key-7', true);

    expect(recorded()).toEqual([
      [
        'UpdateApiKey',
        { apiKey: 'key-7', patchOperations: [{ op: 'replace', path: '/enabled', value: 'false' }] },
      ],
      [
        'UpdateApiKey',
        { apiKey: 'key-7', patchOperations: [{ op: 'replace', path: '/enabled', value: 'true' }] },
      ],
    ]);
  });

  it('maps an unknown key to NOT_FOUND', async () => {
    apigw
      .on(UpdateApiKeyCommand)
      .rejects(awsError(NotFoundException, 'Invalid API Key identifier specified'));

    const err = await failureOf(manager().setEnabled('nope', false));

    expect(err.reason).toBe('NOT_FOUND');
    expect(err.message).toMatch(/Could not disable API key nope: NotFoundException/);
  });

  it('changes tier: off the old usage plan, onto the new one', async () => {
    apigw.on(DeleteUsagePlanKeyCommand).resolves({});

    await manager().changeTier('key-3', 'basic', 'partner');

    expect(recorded()).toEqual([
      ['GetUsagePlans', { limit: 500 }],
      ['DeleteUsagePlanKey', { usagePlanId: 'plan-basic', keyId: 'key-3' }],
      ['CreateUsagePlanKey', { usagePlanId: 'plan-partner', keyId: 'key-3', keyType: 'API_KEY' }],
    ]);
  });

  it('changing to the same tier calls nothing', async () => {
    await manager().changeTier('key-3', 'standard', 'standard');
    expect(recorded()).toEqual([]);
  });

  it('puts the key back on its old plan when the new one refuses it', async () => {
    apigw.on(DeleteUsagePlanKeyCommand).resolves({});
    apigw
      .on(CreateUsagePlanKeyCommand, { usagePlanId: 'plan-partner' })
      .rejects(awsError(LimitExceededException));

    const err = await failureOf(manager().changeTier('key-3', 'basic', 'partner'));

    expect(err.reason).toBe('LIMIT_EXCEEDED');
    expect(err.message).toMatch(/left on basic/);
    expect(recorded()).toEqual([
      ['GetUsagePlans', { limit: 500 }],
      ['DeleteUsagePlanKey', { usagePlanId: 'plan-basic', keyId: 'key-3' }],
      ['CreateUsagePlanKey', { usagePlanId: 'plan-partner', keyId: 'key-3', keyType: 'API_KEY' }],
      ['CreateUsagePlanKey', { usagePlanId: 'plan-basic', keyId: 'key-3', keyType: 'API_KEY' }],
    ]);
  });

  it('does not attach to the new plan when the key is not on the old one', async () => {
    apigw.on(DeleteUsagePlanKeyCommand).rejects(awsError(NotFoundException));

    const err = await failureOf(manager().changeTier('key-3', 'basic', 'partner'));

    expect(err.reason).toBe('NOT_FOUND');
    expect(apigw.commandCalls(CreateUsagePlanKeyCommand)).toHaveLength(0);
  });

  it('deletes a key with DeleteApiKey, and a key already gone counts as deleted', async () => {
    apigw
      .on(DeleteApiKeyCommand)
      .resolvesOnce({})
      .rejectsOnce(awsError(NotFoundException))
      .rejectsOnce(awsError(ConflictException));
    const keys = manager();

    await keys.deleteKey('key-1');
    await keys.deleteKey('key-1');
    const err = await failureOf(keys.deleteKey('key-1'));

    expect(err.reason).toBe('CONFLICT');
    expect(recorded()).toEqual([
      ['DeleteApiKey', { apiKey: 'key-1' }],
      ['DeleteApiKey', { apiKey: 'key-1' }],
      ['DeleteApiKey', { apiKey: 'key-1' }],
    ]);
  });

  it('maps throttling that outlasted the retries to THROTTLED, anything unknown to UNAVAILABLE', async () => {
    apigw
      .on(UpdateApiKeyCommand)
      .rejectsOnce(awsError(TooManyRequestsException, 'Too Many Requests'))
      .rejectsOnce(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }));
    const keys = manager();

    expect((await failureOf(keys.setEnabled('k', true))).reason).toBe('THROTTLED');
    expect((await failureOf(keys.setEnabled('k', true))).reason).toBe('UNAVAILABLE');
  });
});

describe('ApiGatewayKeyManager (real SDK, fake HTTP handler)', () => {
  interface Recorded {
    method: string;
    hostname: string;
    path: string;
    query?: Record<string, string>;
    headers: Record<string, string>;
    body?: Uint8Array;
  }
  const json = (body: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(body)) as unknown;
  type Reply = { statusCode: number; headers?: Record<string, string>; body: unknown };

  function clientAnswering(answer: (request: Recorded) => Reply) {
    const requests: Recorded[] = [];
    const client = createApiGatewayClient({
      ...FAKE_AWS,
      requestHandler: {
        handle: async (request: Recorded) => {
          requests.push(request);
          const reply = answer(request);
          return {
            response: {
              statusCode: reply.statusCode,
              headers: { 'content-type': 'application/json', ...reply.headers },
              body: Buffer.from(JSON.stringify(reply.body)),
            },
          };
        },
      } as never,
    });
    return { client, requests };
  }

  it('is configured for the standard retry strategy with several attempts', async () => {
    const client = createApiGatewayClient(FAKE_AWS);
    expect(await client.config.maxAttempts()).toBe(API_GATEWAY_MAX_ATTEMPTS);
    const strategy = (await client.config.retryStrategy()) as { mode?: string };
    expect(strategy.mode).toBe('standard');
    expect(API_GATEWAY_MAX_ATTEMPTS).toBeGreaterThanOrEqual(3);
  });

  it('retries a throttled CreateApiKey (429 TooManyRequestsException) with backoff, then succeeds', async () => {
    let createAttempts = 0;
    const { client, requests } = clientAnswering((request) => {
      if (request.path === '/usageplans') return { statusCode: 200, body: { item: PLANS } };
      if (request.path === '/apikeys') {
        createAttempts += 1;
        return createAttempts === 1
          ? {
              statusCode: 429,
              headers: { 'x-amzn-errortype': 'TooManyRequestsException', 'retry-after': '1' },
              body: { message: 'Too Many Requests' },
            }
          : { statusCode: 201, body: { id: 'wire-key', enabled: true } };
      }
      return { statusCode: 201, body: { id: 'wire-key', type: 'API_KEY' } };
    });
    const keys = new ApiGatewayKeyManager({ client, usagePlanNamePrefix: PREFIX, newValue: () => VALUE });

    const started = Date.now();
    await expect(keys.createKey({ name: 'wire', tier: 'basic' })).resolves.toEqual({
      keyId: 'wire-key',
      value: VALUE,
    });

    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /usageplans',
      'POST /apikeys',
      'POST /apikeys',
      'POST /usageplans/plan-basic/keys',
    ]);
    expect(requests[0]!.hostname).toBe('apigateway.us-east-1.amazonaws.com');
    expect(requests[0]!.query).toMatchObject({ limit: '500' });
    expect(requests[1]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
    expect(json(requests[1]!.body)).toEqual({ name: 'wire', enabled: true, value: VALUE });
    expect(json(requests[2]!.body)).toEqual(json(requests[1]!.body));
    expect(json(requests[3]!.body)).toEqual({ keyId: 'wire-key', keyType: 'API_KEY' });
    // The retry waited for the control plane's Retry-After (1 s): it did not hammer it.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('gives up after the configured attempts and reports THROTTLED', async () => {
    const { client, requests } = clientAnswering(() => ({
      statusCode: 429,
      headers: { 'x-amzn-errortype': 'TooManyRequestsException' },
      body: { message: 'Too Many Requests' },
    }));
    const keys = new ApiGatewayKeyManager({
      client: createApiGatewayClient({
        ...FAKE_AWS,
        maxAttempts: 2,
        requestHandler: client.config.requestHandler,
      }),
      usagePlanNamePrefix: PREFIX,
    });

    const err = await failureOf(keys.setEnabled('key-1', false));

    expect(err.reason).toBe('THROTTLED');
    expect(err.cause).toBeInstanceOf(TooManyRequestsException);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PATCH /apikeys/key-1',
      'PATCH /apikeys/key-1',
    ]);
    expect(json(requests[0]!.body)).toEqual({
      patchOperations: [{ op: 'replace', path: '/enabled', value: 'false' }],
    });
  }, 15_000);
});
