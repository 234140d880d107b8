/** The Idempotency-Key step of the public submissions (the real store, request-guards.ts, runs on DynamoDB Local in the e2e suites). */
import { idempotentCall, type IdempotencyPort, type StoredResponse } from '../../lambdas/domain/idempotency';
import { sha256 } from '../../lambdas/domain/status-links';

/** Keeps the first answer per scope and key hash, as the conditional Put in request-guards.ts does. */
function keptAnswers(): IdempotencyPort & { kept: Map<string, StoredResponse> } {
  const kept = new Map<string, StoredResponse>();
  return {
    kept,
    storedResponse: async (scope, keyHash) => kept.get(`${scope}/${keyHash}`),
    rememberResponse: async (scope, keyHash, response) => {
      const earlier = kept.get(`${scope}/${keyHash}`);
      if (!earlier) kept.set(`${scope}/${keyHash}`, response);
      return earlier;
    },
  };
}

const first = { statusCode: 201, body: { trackingNumber: '2026-000001' } };
const second = { statusCode: 201, body: { trackingNumber: '2026-000002' } };

describe('idempotentCall', () => {
  it('answers a repeat of a key with the first answer, kept under the key’s hash only', async () => {
    const store = keptAnswers();
    const once = await idempotentCall(store, 'records-request', 'key-1');
    expect(once.earlier).toBeUndefined();
    await expect(once.remember(first, 0)).resolves.toBe(first);
    expect([...store.kept.keys()]).toEqual([`records-request/${sha256('key-1')}`]);

    const again = await idempotentCall(store, 'records-request', 'key-1');
    expect(again.earlier).toEqual(first);
    // The same key in another scope is another call.
    expect((await idempotentCall(store, 'violation-report', 'key-1')).earlier).toBeUndefined();
  });

  it('gives a racer that lost the answer stored first', async () => {
    const store = keptAnswers();
    const a = await idempotentCall(store, 'records-request', 'key-2');
    const b = await idempotentCall(store, 'records-request', 'key-2');
    await expect(a.remember(first, 0)).resolves.toBe(first);
    await expect(b.remember(second, 0)).resolves.toEqual(first);
  });

  it('keeps nothing without a key', async () => {
    const store = keptAnswers();
    const once = await idempotentCall(store, 'records-request', undefined);
    await expect(once.remember(first, 0)).resolves.toBe(first);
    expect(store.kept.size).toBe(0);
  });
});
