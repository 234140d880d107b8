/**
 * What every public intake shares (API-key applications, records requests,
 * violation reports): a private status-link token of which only a hash is
 * kept, the constant-time check of a token given back, and the per-address
 * hourly limit. One place, so the three intakes cannot drift apart.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { PlatformError } from '../shared/errors';

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** 24 random bytes, base64url: the secret in a status link or a one-time retrieval link. */
export const newLinkToken = () => randomBytes(24).toString('base64url');

/** Whether `token` hashes to `storedHash`, in constant time (a missing record compares like a wrong token). */
export function tokenMatches(token: string, storedHash: string | undefined): boolean {
  const given = Buffer.from(sha256(token), 'hex');
  const stored = Buffer.from(storedHash ?? '0'.repeat(64), 'hex');
  return Boolean(storedHash) && given.length === stored.length && timingSafeEqual(given, stored);
}

/** The hour an address's submissions are counted in (UTC, `YYYY-MM-DDTHH`). */
export const hourOf = (nowMs: number) => new Date(nowMs).toISOString().slice(0, 13);

/** 429 once an address went past `limit` submissions this hour, retrying at the next hour. */
export function assertWithinHourlyLimit(count: number, limit: number, nowMs: number, what: string): void {
  if (count > limit) {
    throw new PlatformError(
      429,
      'THROTTLED',
      `Too many ${what} from your address this hour. Try again later.`,
      {
        retryAfterSeconds: 3600 - Math.floor((nowMs % 3_600_000) / 1000),
      },
    );
  }
}
