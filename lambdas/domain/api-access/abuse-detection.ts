/**
 * Automatic abuse detection: a key refused with 429 more than a set number of
 * times in a day (bursts past its rate, or paging on past its daily quota, the
 * pattern of a scraper) raises a signal; the hourly detection job turns each
 * signal into an enforcement case for City IT with the evidence. Detection
 * never sanctions on its own: a person decides.
 */

/** 429s per key per day before a case is opened (a well-behaved client backs off long before). */
export const THROTTLED_PER_DAY_BEFORE_SIGNAL = Number(process.env.ABUSE_THROTTLED_PER_DAY ?? 50);

/** True exactly once per key and day: when the count of refusals first passes the threshold. */
export function crossesAbuseThreshold(
  throttledToday: number,
  threshold = THROTTLED_PER_DAY_BEFORE_SIGNAL,
): boolean {
  return throttledToday === threshold + 1;
}

export interface AbuseSignal {
  keyId: string;
  day: string;
  /** Paging on to the end of the daily quota (the scraping pattern), or 429s past the threshold. */
  reason: 'daily-quota-reached' | 'refused-past-threshold';
  throttledToday: number;
  raisedAt: string;
}

export function abuseCaseDescription(
  signal: AbuseSignal,
  threshold = THROTTLED_PER_DAY_BEFORE_SIGNAL,
): string {
  const what =
    signal.reason === 'daily-quota-reached'
      ? `used its whole daily quota on ${signal.day} (paging on to the limit is the pattern of scraping)`
      : `was refused with 429 more than ${threshold} times on ${signal.day} (a client that ignores Retry-After)`;
  return `Automatic detection: the key ${what}. Review the usage and decide; nothing was sanctioned automatically.`;
}
