/**
 * Human-friendly tracking numbers, one sequence per year: `2026-000123`.
 *
 * Only the format lives here. Allocation happens in the storage adapter: one
 * counter item per year, incremented with a conditional update in the same
 * transaction that creates the request, so numbers are gapless and two
 * concurrent submissions can never get the same one.
 */

export const TRACKING_NUMBER_PATTERN = /^\d{4}-\d{6}$/;
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2999;
export const MAX_SEQUENCE = 999_999;

const validYear = (year: number) => Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
const validSequence = (sequence: number) =>
  Number.isInteger(sequence) && sequence >= 1 && sequence <= MAX_SEQUENCE;

export function formatTrackingNumber(year: number, sequence: number): string {
  // A bad number here is a bug (or a full year), not user input: fail loudly.
  if (!validYear(year)) throw new RangeError(`Tracking-number year out of range: ${year}`);
  if (!validSequence(sequence)) throw new RangeError(`Tracking-number sequence out of range: ${sequence}`);
  return `${year}-${String(sequence).padStart(6, '0')}`;
}

export function parseTrackingNumber(s: string): { year: number; sequence: number } | undefined {
  // Strict: no trimming, no other widths; callers normalise search input themselves.
  if (typeof s !== 'string' || !TRACKING_NUMBER_PATTERN.test(s)) return undefined;
  const year = Number(s.slice(0, 4));
  const sequence = Number(s.slice(5));
  return validYear(year) && validSequence(sequence) ? { year, sequence } : undefined;
}

export function isTrackingNumber(s: string): boolean {
  return parseTrackingNumber(s) !== undefined;
}

/**
 * The year a request's number belongs to: the year of receipt in the city's
 * time zone, so a request received on New Year's Eve at 8 p.m. (already
 * January 1 in UTC) is numbered in the old year.
 */
export function trackingYear(receivedAt: string, timeZone: string): number {
  const date = new Date(receivedAt);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date-time: ${receivedAt}`);
  return Number(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(date));
}
