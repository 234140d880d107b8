/**
 * Usage-plan arithmetic, as API Gateway applies it: a token bucket per key
 * (rate = tokens per second, burst = bucket size) and a request quota per
 * calendar period (UTC). Pure: the caller owns the state and the clock.
 */
export interface TokenBucket {
  tokens: number;
  /** Epoch milliseconds of the last refill. */
  updatedAt: number;
}

export interface BucketLimits {
  rateLimit: number;
  burstLimit: number;
}

export type TakeResult =
  | { allowed: true; bucket: TokenBucket; remaining: number }
  | { allowed: false; bucket: TokenBucket; retryAfterSeconds: number };

export function fullBucket(limits: BucketLimits, now: number): TokenBucket {
  return { tokens: limits.burstLimit, updatedAt: now };
}

export function refill(bucket: TokenBucket, limits: BucketLimits, now: number): TokenBucket {
  const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
  const tokens = Math.min(limits.burstLimit, bucket.tokens + elapsedSeconds * limits.rateLimit);
  return { tokens, updatedAt: Math.max(now, bucket.updatedAt) };
}

/** Takes one token if there is one; otherwise says how long until there will be. */
export function takeToken(bucket: TokenBucket, limits: BucketLimits, now: number): TakeResult {
  const current = refill(bucket, limits, now);
  if (current.tokens >= 1) {
    const next = { ...current, tokens: current.tokens - 1 };
    return { allowed: true, bucket: next, remaining: Math.floor(next.tokens) };
  }
  const secondsToOneToken = limits.rateLimit > 0 ? (1 - current.tokens) / limits.rateLimit : Infinity;
  return {
    allowed: false,
    bucket: current,
    retryAfterSeconds: Number.isFinite(secondsToOneToken)
      ? Math.max(1, Math.ceil(secondsToOneToken))
      : 86_400,
  };
}

export type QuotaPeriod = 'DAY' | 'WEEK' | 'MONTH';

/** Start and end (epoch ms, UTC) of the quota period containing `now`. Weeks start on Monday. */
export function quotaWindow(period: QuotaPeriod, now: number): { start: number; end: number } {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  if (period === 'DAY') return { start: Date.UTC(y, m, day), end: Date.UTC(y, m, day + 1) };
  if (period === 'MONTH') return { start: Date.UTC(y, m, 1), end: Date.UTC(y, m + 1, 1) };
  const sinceMonday = (d.getUTCDay() + 6) % 7;
  return { start: Date.UTC(y, m, day - sinceMonday), end: Date.UTC(y, m, day - sinceMonday + 7) };
}

export interface QuotaUsage {
  windowStart: number;
  used: number;
}

export type QuotaResult =
  | { allowed: true; usage: QuotaUsage; remaining: number; resetSeconds: number }
  | { allowed: false; usage: QuotaUsage; retryAfterSeconds: number };

export function consumeQuota(
  usage: QuotaUsage | undefined,
  quota: { limit: number; period: QuotaPeriod },
  now: number,
): QuotaResult {
  const window = quotaWindow(quota.period, now);
  const current =
    usage && usage.windowStart === window.start ? usage : { windowStart: window.start, used: 0 };
  const resetSeconds = Math.max(1, Math.ceil((window.end - now) / 1000));
  if (current.used >= quota.limit) return { allowed: false, usage: current, retryAfterSeconds: resetSeconds };
  const next = { ...current, used: current.used + 1 };
  return { allowed: true, usage: next, remaining: quota.limit - next.used, resetSeconds };
}
