/**
 * The platform's own per-key counters and what they tell consumers: IETF
 * RateLimit-Policy / RateLimit headers (draft-ietf-httpapi-ratelimit-headers-10)
 * and the usage report. Pure arithmetic over counter values the adapter keeps
 * in DynamoDB (atomic ADD on windowed items with a TTL).
 */
import type { UsageTier } from '../../shared/usage-tiers';

const SECOND = 1000;
const DAY = 86_400 * SECOND;

export interface CounterWindows {
  /** Start (epoch ms) of the one-second window the request falls in. */
  second: number;
  /** UTC day, YYYY-MM-DD (API Gateway's DAY quota period is a UTC day). */
  day: string;
  /** Seconds until the UTC day ends. */
  secondsToDayEnd: number;
}

export function counterWindows(now: number): CounterWindows {
  const dayStart = Math.floor(now / DAY) * DAY;
  return {
    second: Math.floor(now / SECOND) * SECOND,
    day: new Date(dayStart).toISOString().slice(0, 10),
    secondsToDayEnd: Math.max(1, Math.ceil((dayStart + DAY - now) / SECOND)),
  };
}

export interface CounterValues {
  /** Requests of this key in the current second, this one included. */
  thisSecond: number;
  /** Requests of this key today, this one included. */
  today: number;
}

/** Quota of a tier per day (a MONTH or WEEK quota is spread evenly, as a conservative daily share). */
export function dailyQuota(tier: UsageTier): number {
  const { limit, period } = tier.quota;
  return period === 'DAY' ? limit : period === 'WEEK' ? Math.floor(limit / 7) : Math.floor(limit / 31);
}

export interface RateLimitVerdict {
  allowed: boolean;
  /** The policy that was exceeded, when not allowed. */
  exceeded?: 'burst' | 'daily';
  retryAfterSeconds?: number;
  headers: Record<string, string>;
}

/**
 * The headers for one request and whether the platform's own limits still
 * allow it. The burst policy is the tier's burst per second, so the platform
 * never refuses a request API Gateway's token bucket would admit, and admits
 * at most one burst more than the bucket would (the two never disagree in the
 * consumer's favour by more than the burst).
 */
export function rateLimitVerdict(
  tier: UsageTier,
  counts: CounterValues,
  windows: CounterWindows,
): RateLimitVerdict {
  const daily = dailyQuota(tier);
  const burstRemaining = Math.max(0, tier.burstLimit - counts.thisSecond);
  const dailyRemaining = Math.max(0, daily - counts.today);
  const headers = {
    'RateLimit-Policy': `"burst";q=${tier.burstLimit};w=1, "daily";q=${daily};w=86400`,
    RateLimit:
      dailyRemaining <= burstRemaining
        ? `"daily";r=${dailyRemaining};t=${windows.secondsToDayEnd}`
        : `"burst";r=${burstRemaining};t=1`,
  };
  if (counts.today > daily) {
    return {
      allowed: false,
      exceeded: 'daily',
      retryAfterSeconds: windows.secondsToDayEnd,
      headers: { ...headers, RateLimit: `"daily";r=0;t=${windows.secondsToDayEnd}` },
    };
  }
  if (counts.thisSecond > tier.burstLimit) {
    return {
      allowed: false,
      exceeded: 'burst',
      retryAfterSeconds: 1,
      headers: { ...headers, RateLimit: `"burst";r=0;t=1` },
    };
  }
  return { allowed: true, headers };
}

export interface DailyUsage {
  day: string;
  requests: number;
  byOperation: Record<string, number>;
  throttled: number;
}

/** The last `days` UTC days, newest first, with zero-filled gaps. */
export function usageReport(rows: readonly DailyUsage[], now: number, days = 30): DailyUsage[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(Math.floor(now / DAY) * DAY - i * DAY).toISOString().slice(0, 10);
    return byDay.get(day) ?? { day, requests: 0, byOperation: {}, throttled: 0 };
  });
}
