/**
 * The API-key management port in local mode, end to end: the Lambdas' adapter
 * (picked by apiKeyManager() from the env startLocalPlatform sets) drives the
 * local gateway's control plane over HTTP, and the gateway's answers to an
 * API-key route change accordingly: create → admitted, disable → 403,
 * enable → admitted, basic → partner burst, delete → 403.
 */
import { createHash } from 'node:crypto';
import { ApiAccessStore } from '../../lambdas/adapters/api-access/api-access-store';
import { apiKeyManager } from '../../lambdas/adapters/api-keys/key-manager-wiring';
import { LocalGatewayKeyManager } from '../../lambdas/adapters/api-keys/local-gateway-key-manager';
import { LOCAL_APIGATEWAY_SECRET_HEADER } from '../../lambdas/adapters/api-keys/local-control-protocol';
import { createDocumentClient } from '../../lambdas/adapters/clients/dynamodb';
import { GATEWAY_ERRORS } from '../../lambdas/api/gateway-responses';
import { ApiKeyManagementError, type IssuedApiKey } from '../../lambdas/domain/api-access/key-management';
import { USAGE_TIERS } from '../../lambdas/shared/usage-tiers';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform';
import { localEndpoints, uniquePrefix } from '../support/local-aws';

let platform: LocalPlatform;
let db: ReturnType<typeof createDocumentClient>;

beforeAll(async () => {
  platform = await startLocalPlatform({
    services: localEndpoints(),
    resourcePrefix: uniquePrefix('keys'),
    seed: false,
  });
  db = createDocumentClient(platform.dynamoDbEndpoint);
}, 60_000);
afterAll(async () => {
  db?.destroy();
  await platform?.stop();
});

const controlUrl = () => process.env.LOCAL_APIGATEWAY_URL!;

/** An API-key route: with no such dataset, a request the gateway admits ends in the handler's 404. */
const getRows = (apiKey?: string) =>
  fetch(`${platform.baseUrl}/v1/datasets/no-such-dataset/rows`, {
    headers: apiKey ? { 'x-api-key': apiKey } : {},
  });

type Outcome = 'passed' | 'gateway-403' | 'gateway-429' | 'other';

/** Whether the gateway admitted the request, told apart by the gateway's own error bodies. */
async function outcome(response: Response): Promise<Outcome> {
  const body = (await response.json()) as { error?: { code: string; message: string } };
  if (response.status === 404 && body.error?.code === 'NOT_FOUND') return 'passed';
  if (response.status === 403 && body.error?.message === GATEWAY_ERRORS.INVALID_API_KEY.message)
    return 'gateway-403';
  if (response.status === 429 && body.error?.message === GATEWAY_ERRORS.THROTTLED.message)
    return 'gateway-429';
  return 'other';
}

async function burst(apiKey: string, n: number): Promise<Record<Outcome, number>> {
  const outcomes = await Promise.all(Array.from({ length: n }, async () => outcome(await getRows(apiKey))));
  const counts: Record<Outcome, number> = { passed: 0, 'gateway-403': 0, 'gateway-429': 0, other: 0 };
  for (const o of outcomes) counts[o]++;
  return counts;
}

/**
 * What the approval use case stores beside the gateway key: the platform's own
 * admission check refuses keys the city has no record of. The record is on the
 * partner tier so the platform's own per-key counters never answer before the
 * gateway's usage plan in this test (those counters are tested on their own).
 */
async function recordKey(issued: IssuedApiKey): Promise<void> {
  await new ApiAccessStore(db, platform.tableName).putKey({
    keyId: issued.keyId,
    applicationId: 'integration-test',
    name: 'Key management test',
    contactEmail: 'api-consumer@danbury.local',
    tier: 'partner',
    status: 'active',
    valueHash: createHash('sha256').update(issued.value).digest('hex'),
    last4: issued.value.slice(-4),
    createdAt: new Date().toISOString(),
    sanctions: [],
  });
}

describe('API-key management through the local gateway control plane', () => {
  it('is wired to the local gateway by LOCAL_APIGATEWAY_URL, once per container', () => {
    expect(controlUrl()).toBe(`${platform.baseUrl}/local-apigateway`);
    expect(process.env.LOCAL_APIGATEWAY_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(apiKeyManager()).toBeInstanceOf(LocalGatewayKeyManager);
    expect(apiKeyManager()).toBe(apiKeyManager());
  });

  it('creates, disables, enables, moves and deletes a key, and the gateway follows each step', async () => {
    const keys = apiKeyManager();

    const issued = await keys.createKey({ name: 'Key management test', tier: 'basic', description: 'jest' });
    expect(issued.keyId).toMatch(/^[a-z0-9]+$/);
    expect(issued.value.length).toBeGreaterThanOrEqual(40);
    expect(platform.apiKeys.getKey(issued.keyId)).toMatchObject({ tier: 'basic', enabled: true });
    await recordKey(issued);

    // A valid key passes the gateway (the handler answers 404 for the missing dataset); no key: 403.
    expect(await outcome(await getRows(issued.value))).toBe('passed');
    expect(await outcome(await getRows())).toBe('gateway-403');
    expect(await outcome(await getRows(`${issued.value}x`))).toBe('gateway-403');

    await keys.setEnabled(issued.keyId, false);
    expect(await outcome(await getRows(issued.value))).toBe('gateway-403');

    await keys.setEnabled(issued.keyId, true);
    expect(await outcome(await getRows(issued.value))).toBe('passed');

    // Basic: a bucket of 10 refilled at 5/s, so at most 10 + 5/s × the burst's duration of 30 pass.
    const started = Date.now();
    const onBasic = await burst(issued.value, 30);
    const { burstLimit, rateLimit } = USAGE_TIERS.basic;
    const mostAdmitted = burstLimit + Math.ceil((rateLimit * (Date.now() - started)) / 1000);
    expect(onBasic.other + onBasic['gateway-403']).toBe(0);
    expect(onBasic.passed).toBeGreaterThanOrEqual(1);
    expect(onBasic.passed).toBeLessThanOrEqual(mostAdmitted);
    expect(onBasic['gateway-429']).toBe(30 - onBasic.passed);

    // A move from a tier the key is not on is refused and changes nothing.
    await expect(keys.changeTier(issued.keyId, 'standard', 'partner')).rejects.toMatchObject({
      reason: 'CONFLICT',
    });
    expect(platform.apiKeys.getKey(issued.keyId)?.tier).toBe('basic');

    // Partner: bucket of 200, so all 30 pass.
    await keys.changeTier(issued.keyId, 'basic', 'partner');
    expect(platform.apiKeys.getKey(issued.keyId)?.tier).toBe('partner');
    const onPartner = await burst(issued.value, 30);
    expect(onPartner).toEqual({ passed: 30, 'gateway-403': 0, 'gateway-429': 0, other: 0 });
    expect(onBasic['gateway-429']).toBeGreaterThan(onPartner['gateway-429']);

    await keys.deleteKey(issued.keyId);
    expect(await outcome(await getRows(issued.value))).toBe('gateway-403');
    expect(platform.apiKeys.getKey(issued.keyId)).toBeUndefined();
    // Revoking twice is fine; changing a deleted key is NOT_FOUND.
    await expect(keys.deleteKey(issued.keyId)).resolves.toBeUndefined();
    const err = await keys.setEnabled(issued.keyId, true).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiKeyManagementError);
    expect(err).toMatchObject({ reason: 'NOT_FOUND' });
  });

  it('refuses control-plane calls without the secret, and changes nothing', async () => {
    const value = 'refused-key-value-0123456789-abcdef';
    const issued = await apiKeyManager().createKey({ name: 'target', tier: 'basic' });
    const requests: [string, string, unknown][] = [
      ['POST', '/apikeys', { name: 'intruder', tier: 'partner', value }],
      ['GET', `/apikeys/${issued.keyId}`, undefined],
      ['PATCH', `/apikeys/${issued.keyId}`, { tier: 'partner' }],
      ['DELETE', `/apikeys/${issued.keyId}`, undefined],
    ];
    const refusedHeaders: Record<string, string>[] = [
      {},
      { [LOCAL_APIGATEWAY_SECRET_HEADER]: 'not-the-secret-but-long-enough-000000000000' },
      { [LOCAL_APIGATEWAY_SECRET_HEADER]: '' },
    ];
    for (const headers of refusedHeaders) {
      for (const [method, path, body] of requests) {
        const response = await fetch(`${controlUrl()}${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...headers },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        expect(response.status).toBe(403);
        const error = ((await response.json()) as { error: { code: string; requestId: string } }).error;
        expect(error.code).toBe('FORBIDDEN');
        expect(error.requestId).toBe(response.headers.get('x-request-id'));
      }
    }
    expect(platform.apiKeys.findByValue(value)).toBeUndefined();
    expect(platform.apiKeys.getKey(issued.keyId)).toMatchObject({ tier: 'basic', enabled: true });

    // The same requests with the secret are answered.
    const withSecret = await fetch(`${controlUrl()}/apikeys/${issued.keyId}`, {
      headers: { [LOCAL_APIGATEWAY_SECRET_HEADER]: process.env.LOCAL_APIGATEWAY_SECRET! },
    });
    expect(withSecret.status).toBe(200);
    expect(await withSecret.json()).toMatchObject({ id: issued.keyId, tier: 'basic', enabled: true });
    expect(withSecret.headers.get('cache-control')).toBe('no-store');
  });
});
