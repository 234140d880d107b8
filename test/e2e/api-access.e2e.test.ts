/**
 * An API consumer's whole path, over HTTP against the local platform: apply,
 * read the acknowledgment in the outbox, approval by staff, the one-time key
 * retrieval, honest RateLimit headers, 429 past the burst, the usage report,
 * suspension (403 that says so) and reinstatement.
 */
import { startLocalPlatform, type LocalPlatform } from '../../local/platform';
import { localEndpoints, uniquePrefix } from '../support/local-aws';
import { platformClient, signInAll, type Json } from '../support/platform-client';

let platform: LocalPlatform;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  platform = await startLocalPlatform({ services: localEndpoints(), resourcePrefix: uniquePrefix('access') });
  Object.assign(tokens, await signInAll(platform.baseUrl, ['itadmin', 'publicworks', 'police']));
}, 90_000);
afterAll(() => platform?.stop());

const call = platformClient(() => platform.baseUrl, tokens);

async function outbox(): Promise<{ to: string; subject: string; text: string; category: string }[]> {
  const { body } = await call('GET', '/v1/staff/outbox', { as: 'itadmin' });
  return body.messages as { to: string; subject: string; text: string; category: string }[];
}

const application = {
  applicantName: 'Riley Reporter',
  email: 'riley@newsroom.example',
  organization: 'Hat City News',
  intendedUse: 'Weekly stories on road repairs and how long they take, by ward.',
  datasets: [],
  departments: [],
  expectedRequestsPerDay: 500,
  requestedTier: 'basic',
};

describe('API access, end to end', () => {
  let applicationId = '';
  let apiKey = '';
  let keyId = '';

  it('takes an application once, acknowledges it by e-mail, and refuses a second open one', async () => {
    const terms = await call('GET', '/v1/api-terms');
    const body = { ...application, acceptTermsVersion: terms.body.version };
    const bad = await call('POST', '/v1/api-key-applications', {
      body: { ...body, email: 'not-an-address' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('email');

    const first = await call('POST', '/v1/api-key-applications', {
      body,
      headers: { 'idempotency-key': 'apply-1' },
    });
    expect(first.status).toBe(201);
    applicationId = first.body.applicationId as string;
    expect(first.body.decidingOffice).toBe('information-technology');
    const retry = await call('POST', '/v1/api-key-applications', {
      body,
      headers: { 'idempotency-key': 'apply-1' },
    });
    expect(retry).toMatchObject({ status: 201, body: { applicationId } });
    const again = await call('POST', '/v1/api-key-applications', { body });
    expect(again.status).toBe(409);

    const ack = (await outbox()).find((m) => m.category === 'api-key-application-acknowledgment');
    expect(ack).toMatchObject({ to: 'riley@newsroom.example' });
    const statusUrl = /(http:\/\/\S+token=\S+)/.exec(ack!.text)![1]!;
    const status = await fetch(statusUrl);
    expect(((await status.json()) as Json).status).toBe('submitted');
  });

  it('lets only the deciding office approve, and issues a key retrievable exactly once', async () => {
    const decision = { decision: 'approve', tier: 'basic', message: 'Welcome aboard.' };
    const wrongOffice = await call('POST', `/v1/staff/api-key-applications/${applicationId}/decision`, {
      as: 'police',
      body: decision,
    });
    expect(wrongOffice.status).toBe(403);
    const approved = await call('POST', `/v1/staff/api-key-applications/${applicationId}/decision`, {
      as: 'itadmin',
      body: decision,
    });
    expect(approved.status).toBe(200);
    keyId = approved.body.keyId as string;

    const mail = (await outbox()).find((m) => m.category === 'api-key-issued')!;
    const token = /"token":"([A-Za-z0-9_-]+)"/.exec(mail.text)![1]!;
    const retrieved = await call('POST', '/v1/api-keys/retrieve', { body: { token } });
    expect(retrieved.status).toBe(200);
    apiKey = retrieved.body.apiKey as string;
    expect(apiKey.length).toBeGreaterThanOrEqual(40);
    expect(approved.body.last4).toBe(apiKey.slice(-4));
    expect((await call('POST', '/v1/api-keys/retrieve', { body: { token } })).status).toBe(410);
  });

  it('tells the truth in RateLimit headers and answers 429 past the burst', async () => {
    const first = await call('GET', '/v1/datasets/pothole-repairs/rows?limit=1', { key: apiKey });
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe('"burst";q=10;w=1, "daily";q=10000;w=86400');
    expect(first.headers.get('ratelimit')).toMatch(/^"(burst|daily)";r=\d+;t=\d+$/);

    const burst = await Promise.all(
      Array.from({ length: 25 }, () =>
        call('GET', '/v1/datasets/pothole-repairs/rows?limit=1', { key: apiKey }),
      ),
    );
    const limited = burst.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const response of limited) {
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((response.body.error as Json).code).toBe('THROTTLED');
    }
    const remaining = burst
      .filter((r) => r.status === 200)
      .map((r) => Number(/r=(\d+)/.exec(r.headers.get('ratelimit') ?? '')?.[1]));
    expect(remaining.every((r) => Number.isInteger(r) && r >= 0)).toBe(true);
  });

  it('reports the calls in /v1/usage', async () => {
    await new Promise((r) => setTimeout(r, 1100)); // a fresh second for the burst counter
    const usage = await call('GET', '/v1/usage', { key: apiKey });
    expect(usage.status).toBe(200);
    expect(usage.body).toMatchObject({ keyId, tier: 'basic', status: 'active' });
    const today = (usage.body.days as { requests: number; byOperation: Record<string, number> }[])[0]!;
    expect(today.requests).toBeGreaterThanOrEqual(11);
    expect(today.byOperation.getRows).toBeGreaterThanOrEqual(10);
  });

  it('suspends with a 403 that says suspended, e-mails the reason, and reinstates', async () => {
    const suspended = await call('POST', `/v1/staff/api-keys/${keyId}/sanctions`, {
      as: 'itadmin',
      body: { action: 'suspend', reason: 'Paging through whole datasets every minute (scraping).' },
    });
    expect(suspended.status).toBe(200);
    expect(suspended.body.key).toMatchObject({ status: 'suspended' });
    await new Promise((r) => setTimeout(r, 1100)); // the key-status cache (1 s locally)
    const refused = await call('GET', '/v1/datasets/pothole-repairs/rows?limit=1', { key: apiKey });
    expect(refused.status).toBe(403);
    expect((refused.body.error as Json).code).toBe('API_KEY_SUSPENDED');
    expect(
      (await outbox()).some((m) => m.category === 'api-key-suspend' && m.text.includes('scraping')),
    ).toBe(true);

    await call('POST', `/v1/staff/api-keys/${keyId}/sanctions`, {
      as: 'itadmin',
      body: { action: 'reinstate', reason: 'The consumer fixed the client to use the change list.' },
    });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await call('GET', '/v1/datasets/pothole-repairs/rows?limit=1', { key: apiKey })).status).toBe(
      200,
    );
  });
});
