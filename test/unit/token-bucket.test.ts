import { consumeQuota, fullBucket, quotaWindow, takeToken } from '../../lambdas/domain/usage/token-bucket';

const limits = { rateLimit: 5, burstLimit: 10 };

describe('usage-plan token bucket', () => {
  it('admits a full burst at once, then refuses with the wait for one token', () => {
    let bucket = fullBucket(limits, 0);
    for (let i = 0; i < 10; i++) {
      const take = takeToken(bucket, limits, 0);
      expect(take.allowed).toBe(true);
      bucket = take.bucket;
    }
    const refused = takeToken(bucket, limits, 0);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refills at the rate and never beyond the burst', () => {
    const empty = { tokens: 0, updatedAt: 0 };
    expect(takeToken(empty, limits, 199).allowed).toBe(false); // 0.995 tokens
    expect(takeToken(empty, limits, 200).allowed).toBe(true); // 1 token after 200 ms at 5/s
    const later = takeToken(empty, limits, 3_600_000);
    expect(later).toMatchObject({ allowed: true, remaining: 9 });
  });
});

describe('usage-plan quota', () => {
  it('counts within a UTC day and resets at midnight', () => {
    const quota = { limit: 2, period: 'DAY' as const };
    const noon = Date.UTC(2026, 10, 26, 12);
    const first = consumeQuota(undefined, quota, noon);
    expect(first).toMatchObject({ allowed: true, remaining: 1, resetSeconds: 12 * 3600 });
    const second = consumeQuota(first.usage, quota, noon + 1000);
    expect(second).toMatchObject({ allowed: true, remaining: 0 });
    const third = consumeQuota(second.usage, quota, noon + 2000);
    expect(third).toMatchObject({ allowed: false, retryAfterSeconds: 12 * 3600 - 2 });
    const nextDay = consumeQuota(third.usage, quota, Date.UTC(2026, 10, 27, 0, 0, 1));
    expect(nextDay).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('starts weeks on Monday and months on the 1st (UTC)', () => {
    const thursday = Date.UTC(2026, 10, 26, 15);
    expect(new Date(quotaWindow('WEEK', thursday).start).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(new Date(quotaWindow('WEEK', thursday).end).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    const sunday = Date.UTC(2026, 10, 29, 23);
    expect(new Date(quotaWindow('WEEK', sunday).start).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(new Date(quotaWindow('MONTH', thursday).end).toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });
});
