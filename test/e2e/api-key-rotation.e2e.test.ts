/**
 * Key rotation by the consumer, over HTTP against the local platform: the new
 * key comes back once and works at once, the old one keeps working through
 * the grace period, a second rotation of the old key is refused, and the
 * contact e-mail is told.
 */
import { startLocalPlatform, type LocalPlatform } from '../../local/platform';
import { localEndpoints, uniquePrefix } from '../support/local-aws';
import { platformClient, signInAll, type Json } from '../support/platform-client';

let platform: LocalPlatform;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  platform = await startLocalPlatform({ services: localEndpoints(), resourcePrefix: uniquePrefix('rotate') });
  Object.assign(tokens, await signInAll(platform.baseUrl, ['itadmin']));
}, 90_000);
afterAll(() => platform?.stop());
const call = platformClient(() => platform.baseUrl, tokens);

describe('rotating an API key', () => {
  it('gives a new key once, keeps the old one working for the grace period, and refuses a second rotation', async () => {
    const old = await platform.issueApiKey({ name: 'rotating consumer', tier: 'standard' });
    expect((await call('POST', '/v1/api-keys/rotate')).status).toBe(403); // no key: API Gateway refuses

    const rotated = await call('POST', '/v1/api-keys/rotate', { key: old.value });
    expect(rotated.status).toBe(201);
    expect(rotated.headers.get('cache-control')).toBe('no-store');
    const fresh = rotated.body.key as string;
    expect(fresh).not.toBe(old.value);
    expect(rotated.body).toMatchObject({
      tier: 'standard',
      last4: fresh.slice(-4),
      previousKey: { keyId: old.keyId },
    });
    const worksUntil = Date.parse((rotated.body.previousKey as Json).worksUntil as string);
    expect(Math.round((worksUntil - Date.now()) / 86_400_000)).toBe(7);

    for (const key of [fresh, old.value]) {
      expect((await call('GET', '/v1/datasets/pothole-repairs/rows?limit=1', { key })).status).toBe(200);
    }
    const again = await call('POST', '/v1/api-keys/rotate', { key: old.value });
    expect(again.status).toBe(409);
    expect((await call('GET', '/v1/usage', { key: fresh })).body).toMatchObject({ tier: 'standard' });

    const outbox = (await call('GET', '/v1/staff/outbox', { as: 'itadmin' })).body.messages as Json[];
    const notice = outbox.find((m) => m.category === 'api-key-rotated');
    expect(notice).toMatchObject({ to: 'api-consumer@danbury.local' });
    expect(String(notice?.text)).not.toContain(fresh);
    // The new key rotates in turn.
    expect((await call('POST', '/v1/api-keys/rotate', { key: fresh })).status).toBe(201);
  });
});
