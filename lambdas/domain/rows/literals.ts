/**
 * Literal forms of the row query language: calendar dates, ISO 8601 instants
 * and plain decimal numbers. Pure and allocation-free where it runs per row
 * (`parseInstant` reads datetime cells while a filter scans a dataset).
 */

/** A typed value in a filter: text, number, boolean, or a date / datetime string. */
export type LiteralValue = string | number | boolean;

const ZERO = 48;

/** The number written by `count` ASCII digits at `from`, or -1 if any is not a digit. */
function digitsAt(s: string, from: number, count: number): number {
  let n = 0;
  for (let k = from; k < from + count; k++) {
    const c = s.charCodeAt(k) - ZERO;
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Epoch day of `YYYY-MM-DD` at `from` in `s`, or NaN if it is not a real calendar date. */
function dateAt(s: string, from: number): number {
  if (s.charCodeAt(from + 4) !== 45 || s.charCodeAt(from + 7) !== 45) return NaN; // '-'
  const y = digitsAt(s, from, 4);
  const m = digitsAt(s, from + 5, 2);
  const d = digitsAt(s, from + 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
  return daysFromCivil(y, m, d);
}

/** Whether `s` is exactly `YYYY-MM-DD` and a real calendar date (year 0000-9999). */
export function isCalendarDate(s: string): boolean {
  return s.length === 10 && !Number.isNaN(dateAt(s, 0));
}

/** Whether `s` has the shape `NNNN-NN-NN` (a date, real or not). */
export function looksLikeDate(s: string): boolean {
  return (
    s.length === 10 &&
    digitsAt(s, 0, 4) >= 0 &&
    s.charCodeAt(4) === 45 &&
    digitsAt(s, 5, 2) >= 0 &&
    s.charCodeAt(7) === 45 &&
    digitsAt(s, 8, 2) >= 0
  );
}

const MS_PER_DAY = 86_400_000;
/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the instants with a four-digit year. */
export const MIN_INSTANT = daysFromCivil(0, 1, 1) * MS_PER_DAY;
export const MAX_INSTANT = daysFromCivil(10000, 1, 1) * MS_PER_DAY - 1;

/**
 * Epoch milliseconds of an ISO 8601 / RFC 3339 date-time with a UTC offset:
 * `YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|±HH:MM)`; `T` and `Z` in either case;
 * fraction digits beyond milliseconds are dropped. NaN for anything else,
 * including a date-time without an offset (its instant would be ambiguous).
 */
export function parseInstant(s: string): number {
  const n = s.length;
  if (n < 17) return NaN;
  const day = dateAt(s, 0);
  const t = s.charCodeAt(10);
  if (day !== day || (t !== 84 && t !== 116) || s.charCodeAt(13) !== 58) return NaN; // 'T' 't' ':'
  const hh = digitsAt(s, 11, 2);
  const mi = digitsAt(s, 14, 2);
  if (hh < 0 || hh > 23 || mi < 0 || mi > 59) return NaN;
  let k = 16;
  let ss = 0;
  let ms = 0;
  if (s.charCodeAt(k) === 58) {
    ss = digitsAt(s, k + 1, 2);
    if (ss < 0 || ss > 59) return NaN;
    k += 3;
    if (s.charCodeAt(k) === 46) {
      // '.' then 1-9 digits; the first three are milliseconds
      let digits = 0;
      k++;
      for (; k < n; k++) {
        const c = s.charCodeAt(k) - ZERO;
        if (!(c >= 0 && c <= 9)) break;
        if (digits < 3) ms = ms * 10 + c;
        digits++;
      }
      if (digits === 0 || digits > 9) return NaN;
      for (let d = digits; d < 3; d++) ms *= 10;
    }
  }
  let offsetMinutes = 0;
  const z = s.charCodeAt(k);
  if (z === 90 || z === 122) {
    // 'Z' 'z'
    k++;
  } else if (z === 43 || z === 45) {
    // '+' '-'
    const oh = digitsAt(s, k + 1, 2);
    const om = digitsAt(s, k + 4, 2);
    if (oh < 0 || oh > 23 || s.charCodeAt(k + 3) !== 58 || om < 0 || om > 59) return NaN;
    offsetMinutes = (z === 45 ? -1 : 1) * (oh * 60 + om);
    k += 6;
  } else {
    return NaN;
  }
  if (k !== n) return NaN;
  return day * MS_PER_DAY + ((hh * 60 + mi - offsetMinutes) * 60 + ss) * 1000 + ms;
}

/** Whether `s` reads as a date-time, with or without an offset (for error hints). */
export function looksLikeDatetime(s: string): boolean {
  return s.length >= 16 && looksLikeDate(s.slice(0, 10)) && (s[10] === 'T' || s[10] === 't' || s[10] === ' ');
}

/** The canonical form of an instant: `YYYY-MM-DDTHH:MM:SS.sssZ` (what datetime cells hold). */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** A number literal: `-?digits(.digits)?` (no exponent, no leading or trailing dot). */
export function isNumberLiteral(s: string): boolean {
  let k = s.charCodeAt(0) === 45 ? 1 : 0;
  const intStart = k;
  while (k < s.length && digitsAt(s, k, 1) >= 0) k++;
  if (k === intStart) return false;
  if (k === s.length) return true;
  if (s.charCodeAt(k) !== 46) return false;
  const fracStart = ++k;
  while (k < s.length && digitsAt(s, k, 1) >= 0) k++;
  return k > fracStart && k === s.length;
}

/**
 * A finite number as a plain decimal the language reads back to the same value
 * (`String` would write `1e+21` or `1e-7`, which are not literals).
 */
export function formatNumber(n: number): string {
  if (Object.is(n, -0)) return '0';
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const negative = s.startsWith('-');
  const mantissa = s.slice(negative ? 1 : 0, e);
  const exponent = Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const point = (dot < 0 ? mantissa.length : dot) + exponent;
  let plain: string;
  if (point <= 0) plain = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) plain = digits + '0'.repeat(point - digits.length);
  else plain = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${plain}` : plain;
}

/** A text literal: single quotes, a quote inside doubled. */
export function quoteText(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}
