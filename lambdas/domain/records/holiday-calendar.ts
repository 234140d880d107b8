/**
 * The city's holiday calendar: the legal holidays of C.G.S. § 1-4 (a small rule
 * table, data not code) plus the days the city itself closes (storms, local
 * closures), entered by the clerk and versioned. Every records clock counts
 * business days against one of these calendars and records its `version`, so a
 * deadline can always be explained by the calendar it was computed with.
 *
 * Pure: no I/O, no clock. Calendar dates are 'YYYY-MM-DD' strings; internally
 * they are day numbers (days since 1970-01-01) so counting stays cheap.
 */
import { badRequest, type FieldIssue } from '../../shared/errors';

/** A calendar date, 'YYYY-MM-DD', with no time and no zone. */
export type CalendarDate = string;

export interface ClosureDay {
  date: CalendarDate;
  name: string;
  kind: 'legal-holiday' | 'city-closure';
  /** Where the closure comes from (legal holidays only). */
  citation?: string;
}

export interface CityClosure {
  date: CalendarDate;
  name: string;
}

export interface HolidayCalendar {
  revision: number;
  /** The rule-set id plus the city revision, e.g. 'cgs-1-4+city-r3'. Stored with every computed deadline. */
  version: string;
  cityClosures: CityClosure[];
  updatedAt?: string;
}

// ---------------------------------------------------------------- the legal holidays (data)

/** 0 = Sunday … 6 = Saturday, as `Date#getUTCDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
const MONDAY: Weekday = 1;
const THURSDAY: Weekday = 4;

interface RuleBase {
  name: string;
  citation: string;
  /** The first year the rule applies (a holiday added by a later act). */
  since?: number;
}

/** A fixed date; on a weekend the observed-day rule of § 1-4 applies. */
interface FixedDateRule extends RuleBase {
  kind: 'fixed';
  month: number;
  day: number;
}

/** The nth weekday of a month ('last' for the last one). */
interface NthWeekdayRule extends RuleBase {
  kind: 'nth-weekday';
  month: number;
  weekday: Weekday;
  nth: 1 | 2 | 3 | 4 | 'last';
}

/** The first given weekday on or after a date (the statute's words for MLK Day). */
interface WeekdayOnOrAfterRule extends RuleBase {
  kind: 'weekday-on-or-after';
  month: number;
  day: number;
  weekday: Weekday;
}

/** Days from Easter Sunday (Gregorian). */
interface EasterRule extends RuleBase {
  kind: 'easter';
  offsetDays: number;
}

export type HolidayRule = FixedDateRule | NthWeekdayRule | WeekdayOnOrAfterRule | EasterRule;

const CGS_1_4 = 'C.G.S. § 1-4';
const APPOINTED_DAY = `${CGS_1_4} (a day appointed by the Governor or the President for thanksgiving, fasting or religious observance)`;

/** Identifies this rule table in calendar versions. Change it whenever the table below changes. */
export const LEGAL_HOLIDAY_RULE_SET = 'cgs-1-4';

/** The legal holidays of C.G.S. § 1-4, in the order of the statute. */
export const LEGAL_HOLIDAY_RULES: readonly HolidayRule[] = Object.freeze([
  { kind: 'fixed', name: "New Year's Day", month: 1, day: 1, citation: CGS_1_4 },
  {
    kind: 'weekday-on-or-after',
    name: 'Martin Luther King, Jr. Day',
    month: 1,
    day: 15,
    weekday: MONDAY,
    citation: CGS_1_4,
  },
  { kind: 'fixed', name: 'Lincoln Day', month: 2, day: 12, citation: CGS_1_4 },
  {
    kind: 'nth-weekday',
    name: "Washington's Birthday",
    month: 2,
    weekday: MONDAY,
    nth: 3,
    citation: CGS_1_4,
  },
  { kind: 'easter', name: 'Good Friday', offsetDays: -2, citation: APPOINTED_DAY },
  { kind: 'nth-weekday', name: 'Memorial Day', month: 5, weekday: MONDAY, nth: 'last', citation: CGS_1_4 },
  // P.A. 22-128 (effective Oct. 1, 2022) added Juneteenth; first observed June 19, 2023.
  {
    kind: 'fixed',
    name: 'Juneteenth Independence Day',
    month: 6,
    day: 19,
    since: 2023,
    citation: `${CGS_1_4}, as amended by P.A. 22-128`,
  },
  { kind: 'fixed', name: 'Independence Day', month: 7, day: 4, citation: CGS_1_4 },
  { kind: 'nth-weekday', name: 'Labor Day', month: 9, weekday: MONDAY, nth: 1, citation: CGS_1_4 },
  { kind: 'nth-weekday', name: 'Columbus Day', month: 10, weekday: MONDAY, nth: 2, citation: CGS_1_4 },
  { kind: 'fixed', name: "Veterans' Day", month: 11, day: 11, citation: CGS_1_4 },
  {
    kind: 'nth-weekday',
    name: 'Thanksgiving Day',
    month: 11,
    weekday: THURSDAY,
    nth: 4,
    citation: APPOINTED_DAY,
  },
  { kind: 'fixed', name: 'Christmas', month: 12, day: 25, citation: CGS_1_4 },
] satisfies HolidayRule[]);

// ---------------------------------------------------------------- calendar-date arithmetic

const MS_PER_DAY = 86_400_000;
const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumberOf(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** True for a real 'YYYY-MM-DD' date (so '2026-02-30' is false). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const m = DATE_SHAPE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** Days since 1970-01-01. Throws a 400 for anything that is not a real calendar date. */
export function toDayNumber(date: CalendarDate): number {
  if (!isCalendarDate(date)) throw badRequest(`Not a calendar date (YYYY-MM-DD): ${String(date)}`);
  return dayNumberOf(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

export function fromDayNumber(dayNumber: number): CalendarDate {
  const d = new Date(dayNumber * MS_PER_DAY);
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOfDayNumber(dayNumber: number): Weekday {
  return (((dayNumber % 7) + 7 + 4) % 7) as Weekday;
}

function yearOfDayNumber(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
}

// ---------------------------------------------------------------- the rules, applied

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return fromDayNumber(dayNumberOf(year, month, day));
}

function firstWeekdayOnOrAfter(dayNumber: number, weekday: Weekday): number {
  return dayNumber + ((weekday - weekdayOfDayNumber(dayNumber) + 7) % 7);
}

/** The statutory date of a rule in a year (before the observed-day rule). */
function ruleDayNumber(rule: HolidayRule, year: number): number {
  switch (rule.kind) {
    case 'fixed':
      return dayNumberOf(year, rule.month, rule.day);
    case 'weekday-on-or-after':
      return firstWeekdayOnOrAfter(dayNumberOf(year, rule.month, rule.day), rule.weekday);
    case 'nth-weekday': {
      if (rule.nth === 'last') {
        const lastOfMonth = dayNumberOf(year, rule.month + 1, 0);
        return firstWeekdayOnOrAfter(lastOfMonth - 6, rule.weekday);
      }
      return firstWeekdayOnOrAfter(dayNumberOf(year, rule.month, 1), rule.weekday) + 7 * (rule.nth - 1);
    }
    case 'easter':
      return toDayNumber(easterSunday(year)) + rule.offsetDays;
  }
}

/**
 * § 1-4: a holiday not designated to fall on a Monday that falls on a Sunday is
 * observed the Monday after; on a Saturday, the Friday before.
 */
function observedDayNumber(dayNumber: number): number {
  const weekday = weekdayOfDayNumber(dayNumber);
  if (weekday === 0) return dayNumber + 1;
  if (weekday === 6) return dayNumber - 1;
  return dayNumber;
}

interface ObservedHoliday {
  dayNumber: number;
  name: string;
  citation: string;
}

function observedHolidaysOfRules(ruleYear: number): ObservedHoliday[] {
  return LEGAL_HOLIDAY_RULES.filter((rule) => rule.since === undefined || ruleYear >= rule.since).map(
    (rule) => {
      const actual = ruleDayNumber(rule, ruleYear);
      const observed = rule.kind === 'fixed' ? observedDayNumber(actual) : actual;
      return {
        dayNumber: observed,
        name: observed === actual ? rule.name : `${rule.name} (observed)`,
        citation: rule.citation,
      };
    },
  );
}

// Pure in the year, so computed once per year for the life of the Lambda.
const legalHolidayCache = new Map<number, readonly ObservedHoliday[]>();

function observedLegalHolidaysIn(year: number): readonly ObservedHoliday[] {
  let holidays = legalHolidayCache.get(year);
  if (!holidays) {
    // Next year's New Year's Day falls back to Dec 31 when Jan 1 is a Saturday,
    // so the days observed in `year` come from the rules of `year` and `year + 1`.
    holidays = Object.freeze(
      [...observedHolidaysOfRules(year), ...observedHolidaysOfRules(year + 1)]
        .filter((h) => yearOfDayNumber(h.dayNumber) === year)
        .sort((x, y) => x.dayNumber - y.dayNumber),
    );
    legalHolidayCache.set(year, holidays);
  }
  return holidays;
}

function assertYear(year: number, field = 'year'): void {
  if (!Number.isInteger(year) || year < 1583 || year > 9998) {
    throw badRequest(`${field} must be a whole year between 1583 and 9998.`);
  }
}

/**
 * The legal holidays OBSERVED in `year` (the days offices close), sorted. New
 * Year's Day of `year + 1` is included when it is observed on Dec 31 of `year`;
 * Jan 1 of `year` on a Saturday is therefore NOT in this list (it is in year - 1's).
 */
export function legalHolidays(year: number): ClosureDay[] {
  assertYear(year);
  return observedLegalHolidaysIn(year).map((h) => ({
    date: fromDayNumber(h.dayNumber),
    name: h.name,
    kind: 'legal-holiday',
    citation: h.citation,
  }));
}

// ---------------------------------------------------------------- the versioned city calendar

function versionOf(revision: number): string {
  return `${LEGAL_HOLIDAY_RULE_SET}+city-r${revision}`;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * An ISO-8601 instant WITH a zone ('Z' or an offset). A bare date or a local
 * date-time is refused: JavaScript would read it as UTC or as the server's zone.
 */
export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

/** Calendars are values: frozen, so the per-calendar memo below can never go stale. */
function freezeCalendar(calendar: HolidayCalendar): HolidayCalendar {
  calendar.cityClosures.forEach((c) => Object.freeze(c));
  Object.freeze(calendar.cityClosures);
  return Object.freeze(calendar);
}

/** Only the legal holidays: revision 0, no city closures. */
export function defaultCalendar(): HolidayCalendar {
  return freezeCalendar({ revision: 0, version: versionOf(0), cityClosures: [] });
}

/**
 * The next revision of the calendar with `closures` as the complete list of city
 * closures (the clerk edits the list and saves it whole). Throws a 400 listing
 * every problem: a date that is not a real date, a date listed twice, a blank name.
 */
export function reviseCalendar(
  current: HolidayCalendar,
  closures: CityClosure[],
  at: string,
): HolidayCalendar {
  const issues: FieldIssue[] = [];
  if (!isIsoInstant(at)) issues.push({ path: 'updatedAt', message: 'Must be an ISO date-time with a zone.' });
  if (!Array.isArray(closures)) throw badRequest('City closures must be a list.');
  const seen = new Map<string, number>();
  closures.forEach((closure, i) => {
    const date: unknown = closure?.date;
    const name: unknown = closure?.name;
    if (!isCalendarDate(date)) {
      issues.push({ path: `cityClosures[${i}].date`, message: 'Must be a real date, YYYY-MM-DD.' });
    } else if (seen.has(date)) {
      issues.push({
        path: `cityClosures[${i}].date`,
        message: `${date} is already listed (entry ${seen.get(date)}).`,
      });
    } else {
      seen.set(date, i);
    }
    if (typeof name !== 'string' || name.trim() === '') {
      issues.push({ path: `cityClosures[${i}].name`, message: 'Give the closure a name.' });
    }
  });
  if (issues.length) throw badRequest('The holiday calendar has problems.', issues);

  const cityClosures = closures
    .map((c) => ({ date: c.date, name: c.name.trim() }))
    .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  const revision = current.revision + 1;
  return freezeCalendar({ revision, version: versionOf(revision), cityClosures, updatedAt: at });
}

/** Every day the city is closed in the years `fromYear`..`toYear` (observed legal holidays and city closures), sorted by date. */
export function closedDays(calendar: HolidayCalendar, fromYear: number, toYear: number): ClosureDay[] {
  assertYear(fromYear, 'fromYear');
  assertYear(toYear, 'toYear');
  const days: ClosureDay[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    days.push(...legalHolidays(year));
    for (const c of calendar.cityClosures) {
      if (Number(c.date.slice(0, 4)) === year)
        days.push({ date: c.date, name: c.name, kind: 'city-closure' });
    }
  }
  // Stable sort: on a shared date the legal holiday stays first.
  return days.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

// Due dates are recomputed over thousands of requests: keep each calendar's
// closed days per year as a Set, built once per calendar object.
const closedDayNumbersCache = new WeakMap<HolidayCalendar, Map<number, ReadonlySet<number>>>();

function closedDayNumbers(calendar: HolidayCalendar, year: number): ReadonlySet<number> {
  let byYear = closedDayNumbersCache.get(calendar);
  if (!byYear) {
    byYear = new Map();
    closedDayNumbersCache.set(calendar, byYear);
  }
  let closed = byYear.get(year);
  if (!closed) {
    const set = new Set(observedLegalHolidaysIn(year).map((h) => h.dayNumber));
    for (const c of calendar.cityClosures) {
      if (Number(c.date.slice(0, 4)) === year) set.add(toDayNumber(c.date));
    }
    closed = set;
    byYear.set(year, closed);
  }
  return closed;
}

const closedWeekdaysCache = new WeakMap<HolidayCalendar, Map<number, readonly number[]>>();

/** The year's closed days (observed holidays, city closures) that fall Monday to Friday, sorted. */
function closedWeekdayNumbers(calendar: HolidayCalendar, year: number): readonly number[] {
  let byYear = closedWeekdaysCache.get(calendar);
  if (!byYear) {
    byYear = new Map();
    closedWeekdaysCache.set(calendar, byYear);
  }
  let sorted = byYear.get(year);
  if (!sorted) {
    sorted = [...closedDayNumbers(calendar, year)]
      .filter((d) => weekdayOfDayNumber(d) !== 0 && weekdayOfDayNumber(d) !== 6)
      .sort((a, b) => a - b);
    byYear.set(year, sorted);
  }
  return sorted;
}

/** How many of the sorted numbers are <= n. */
function countUpTo(sorted: readonly number[], n: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Monday to Friday days d <= n, counted from Monday 1970-01-05 (day number 4). */
function weekdaysUpTo(n: number): number {
  const k = n - 4;
  const weeks = Math.floor(k / 7);
  return 5 * weeks + Math.min(k - 7 * weeks + 1, 5);
}

/**
 * Business days d with from < d <= to, by arithmetic (weekdays in the range, less the
 * closed weekdays found by binary search): the same count as testing each day, without
 * walking a request's whole life on every page that shows its clocks.
 */
export function businessDayCount(from: number, to: number, calendar: HolidayCalendar): number {
  if (to <= from) return 0;
  let count = weekdaysUpTo(to) - weekdaysUpTo(from);
  const lastYear = yearOfDayNumber(to);
  for (let year = yearOfDayNumber(from); year <= lastYear; year++) {
    const closed = closedWeekdayNumbers(calendar, year);
    count -= countUpTo(closed, to) - countUpTo(closed, from);
  }
  return count;
}

/** The day-number form of `isBusinessDay`, for the counting loops in clocks.ts. */
export function isBusinessDayNumber(dayNumber: number, calendar: HolidayCalendar): boolean {
  const weekday = weekdayOfDayNumber(dayNumber);
  if (weekday === 0 || weekday === 6) return false;
  return !closedDayNumbers(calendar, yearOfDayNumber(dayNumber)).has(dayNumber);
}

/** Monday to Friday, not an observed legal holiday, not a city closure. */
export function isBusinessDay(date: CalendarDate, calendar: HolidayCalendar): boolean {
  return isBusinessDayNumber(toDayNumber(date), calendar);
}
