/**
 * What every API-key route does before its handler: the key must be one the
 * city issued and not suspended or revoked, and within its tier's limits by
 * the platform's own counters (which also give the consumer honest RateLimit
 * headers). API Gateway's usage plan has already admitted the request.
 */
import { crossesAbuseThreshold } from '../../domain/api-access/abuse-detection';
import { PlatformError } from '../../shared/errors';
import type { HttpRequest } from '../../shared/http-handler';
import type { RouteDefinition } from '../../api/route-types';
import { USAGE_TIERS } from '../../shared/usage-tiers';
import { isKeyUsable, rotationExpired, type ApiKeyRecord } from '../../domain/api-access/api-keys';
import { counterWindows, rateLimitVerdict } from '../../domain/api-access/usage-counters';
import type { ApiAccessStore } from './api-access-store';

/** Key status is re-read at most this often per container: a suspension takes effect within it. */
const DEFAULT_KEY_CACHE_MS = 10_000;

export function apiKeyAdmission(
  store: ApiAccessStore,
  now: () => number = Date.now,
  cacheMs = Number(process.env.API_KEY_STATUS_CACHE_MS ?? DEFAULT_KEY_CACHE_MS),
) {
  const cache = new Map<string, { key: ApiKeyRecord | undefined; at: number }>();

  async function keyRecord(keyId: string): Promise<ApiKeyRecord | undefined> {
    const hit = cache.get(keyId);
    if (hit && now() - hit.at < cacheMs) return hit.key;
    const key = await store.getKey(keyId);
    cache.set(keyId, { key, at: now() });
    return key;
  }

  return async (
    request: HttpRequest<RouteDefinition>,
    operationId: string,
  ): Promise<Record<string, string>> => {
    const keyId = request.apiKeyId;
    const key = keyId ? await keyRecord(keyId) : undefined;
    if (!keyId || !key) {
      throw new PlatformError(
        403,
        'INVALID_API_KEY',
        'This API key is not registered with the city. Apply for a key.',
      );
    }
    const at = now();
    if (!isKeyUsable(key, new Date(at).toISOString())) {
      if (rotationExpired(key, new Date(at).toISOString())) {
        throw new PlatformError(
          403,
          'API_KEY_REVOKED',
          `This key was replaced by a new one; its grace period ended ${key.rotationGraceEndsAt}. Use the new key.`,
        );
      }
      throw key.status === 'revoked'
        ? new PlatformError(403, 'API_KEY_REVOKED', 'This API key was revoked. Apply for a new key.')
        : new PlatformError(
            403,
            'API_KEY_SUSPENDED',
            `This API key is suspended${key.suspendedUntil ? ` until ${key.suspendedUntil}` : ''}: see the e-mail the city sent for the reason and how to respond.`,
          );
    }
    const windows = counterWindows(at);
    const tier = USAGE_TIERS[key.tier];
    const counters = await store.countRequest(keyId, at, windows.day, operationId);
    // API Gateway refuses past the quota before we see the request, so reaching it is the signal we can see.
    if (counters.today === tier.quota.limit) {
      await store.raiseAbuseSignal({
        keyId,
        day: windows.day,
        reason: 'daily-quota-reached',
        throttledToday: 0,
        raisedAt: new Date(at).toISOString(),
      });
    }
    const verdict = rateLimitVerdict(tier, counters, windows);
    if (!verdict.allowed) {
      const throttledToday = await store.countThrottled(keyId, windows.day);
      if (crossesAbuseThreshold(throttledToday)) {
        await store.raiseAbuseSignal({
          keyId,
          day: windows.day,
          reason: 'refused-past-threshold',
          throttledToday,
          raisedAt: new Date(at).toISOString(),
        });
      }
      throw verdict.exceeded === 'daily'
        ? new PlatformError(
            429,
            'QUOTA_EXCEEDED',
            `Over the "daily" policy of the ${tier.name} tier (${tier.quota.limit} requests per ${tier.quota.period.toLowerCase()}).`,
            {
              retryAfterSeconds: verdict.retryAfterSeconds!,
              headers: verdict.headers,
            },
          )
        : new PlatformError(
            429,
            'THROTTLED',
            `Over the "burst" policy of the ${tier.name} tier (${tier.burstLimit} requests per second).`,
            {
              retryAfterSeconds: verdict.retryAfterSeconds!,
              headers: verdict.headers,
            },
          );
    }
    return verdict.headers;
  };
}
