import {
  assertWithinHourlyLimit,
  hourOf,
  newLinkToken,
  sha256,
  tokenMatches,
} from '../../lambdas/domain/status-links';
import { PlatformError } from '../../lambdas/shared/errors';

describe('status links', () => {
  it('matches a token only against its own hash', () => {
    const token = newLinkToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(tokenMatches(token, sha256(token))).toBe(true);
    expect(tokenMatches(newLinkToken(), sha256(token))).toBe(false);
    expect(tokenMatches(token, undefined)).toBe(false);
    expect(tokenMatches(token, 'abc')).toBe(false);
  });

  it('refuses past the hourly limit with 429 and a Retry-After to the next hour', () => {
    const nowMs = Date.parse('2026-11-26T10:59:30Z');
    expect(hourOf(nowMs)).toBe('2026-11-26T10');
    expect(() => assertWithinHourlyLimit(10, 10, nowMs, 'requests')).not.toThrow();
    const error = (() => {
      try {
        assertWithinHourlyLimit(11, 10, nowMs, 'requests');
      } catch (e) {
        return e as PlatformError;
      }
    })();
    expect(error).toMatchObject({ statusCode: 429, code: 'THROTTLED', details: { retryAfterSeconds: 30 } });
    expect(error?.message).toContain('Too many requests');
  });
});
