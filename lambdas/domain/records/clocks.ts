/**
 * Every statutory clock of a records request, in one pure module (see
 * docs/records-clocks.md). The counting rules, stated once:
 *
 * - Dates are New York calendar dates (the city's zone, DST included): an
 *   instant is turned into a date before anything is counted.
 * - Day 0 is the date the request was received at the first city office. A
 *   request received on a weekend, a legal holiday or a city closure is
 *   received on the next business day (that day is day 0).
 * - "N business days" means the Nth business day AFTER day 0: the day of
 *   receipt itself never counts. Business days are Monday to Friday, not an
 *   observed legal holiday (C.G.S. § 1-4), not a city closure.
 * - Calendar-day windows (the 30-day appeal) count every day after the start.
 * - Pauses (waiting for a clarification or a payment) stop the PROMPTNESS
 *   clock only. The statutory 4/10-day clock of § 1-206(a) never pauses: an
 *   appeal right does not wait for the city.
 *
 * The statute does not define "business day"; this is the city's reading and
 * the only place it is written down.
 */
import { badRequest } from '../../shared/errors';
import { cityDateOf } from '../../shared/city-time';
import {
  businessDayCount,
  fromDayNumber,
  isBusinessDayNumber,
  isIsoInstant,
  toDayNumber,
  type CalendarDate,
  type HolidayCalendar,
} from './holiday-calendar';

/** § 1-206(a): a response (or a written denial) within 4 business days. */
export const RESPONSE_BUSINESS_DAYS = 4;
/** § 1-206(a), § 1-214: 10 business days for personnel, medical or similar files. */
export const PERSONNEL_FILES_BUSINESS_DAYS = 10;
/** § 1-214(c): an employee's or union's written objection within 7 business days of receiving the notice… */
export const OBJECTION_BUSINESS_DAYS_FROM_RECEIPT = 7;
/** …or 9 business days from the mailing, when receipt cannot be shown. */
export const OBJECTION_BUSINESS_DAYS_FROM_MAILING = 9;
/** § 1-206(b)(1): a notice of appeal to the FOI Commission within 30 calendar days after the denial. */
export const APPEAL_CALENDAR_DAYS = 30;

const NUMBER_WORDS: Record<number, string> = { 4: 'four', 7: 'seven', 9: 'nine', 10: 'ten', 30: 'thirty' };

/** A clock's number as people write it in a letter or on a page ("four"), for the constants above. */
export function numberInWords(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

// ---------------------------------------------------------------- dates

/** The New York calendar date of an ISO instant ('2026-11-28T04:30:00Z' is still Friday 2026-11-27). */
export function nyDate(instant: string): CalendarDate {
  if (!isIsoInstant(instant)) throw badRequest(`Not an ISO date-time with a zone: ${String(instant)}`);
  return cityDateOf(instant);
}

function nextBusinessDayNumber(dayNumber: number, cal: HolidayCalendar): number {
  let d = dayNumber + 1;
  while (!isBusinessDayNumber(d, cal)) d++;
  return d;
}

function addBusinessDayNumbers(dayNumber: number, n: number, cal: HolidayCalendar): number {
  let d = dayNumber;
  for (let left = n; left > 0; left--) d = nextBusinessDayNumber(d, cal);
  return d;
}

/** Business days d with from < d <= to. */
function businessDayNumbersBetween(from: number, to: number, cal: HolidayCalendar): number {
  return businessDayCount(from, to, cal);
}

/** Day 0 from a date: the date itself if it is a business day, else the next business day. */
function dayZeroNumber(dayNumber: number, cal: HolidayCalendar): number {
  return isBusinessDayNumber(dayNumber, cal) ? dayNumber : nextBusinessDayNumber(dayNumber, cal);
}

function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw badRequest(`${what} must be a whole number, 0 or more.`);
}

/** The first business day strictly after `date`. */
export function nextBusinessDay(date: CalendarDate, cal: HolidayCalendar): CalendarDate {
  return fromDayNumber(nextBusinessDayNumber(toDayNumber(date), cal));
}

/** The nth business day after `date` (`date` itself never counts; n = 0 returns `date`). */
export function addBusinessDays(date: CalendarDate, n: number, cal: HolidayCalendar): CalendarDate {
  assertCount(n, 'Business days');
  return fromDayNumber(addBusinessDayNumbers(toDayNumber(date), n, cal));
}

/** `date` plus n calendar days (n may be negative). */
export function addCalendarDays(date: CalendarDate, n: number): CalendarDate {
  if (!Number.isSafeInteger(n)) throw badRequest('Calendar days must be a whole number.');
  return fromDayNumber(toDayNumber(date) + n);
}

/** The business days after `from` up to and including `to`; 0 when `to` <= `from`. */
export function businessDaysBetween(from: CalendarDate, to: CalendarDate, cal: HolidayCalendar): number {
  return businessDayNumbersBetween(toDayNumber(from), toDayNumber(to), cal);
}

/** Day 0: the New York date of receipt, or the next business day if the city was closed that day. */
export function receiptDate(receivedAt: string, cal: HolidayCalendar): CalendarDate {
  return fromDayNumber(dayZeroNumber(toDayNumber(nyDate(receivedAt)), cal));
}

// ---------------------------------------------------------------- statutory deadlines

/**
 * § 1-206(a): the 4th business day after day 0 (10th for personnel, medical or
 * similar files under § 1-214). A `receivedOn` on a closed day is first moved
 * to day 0 exactly as `receiptDate` does, so passing the raw date is safe.
 */
export function statutoryDueDate(
  receivedOn: CalendarDate,
  options: { personnelFiles: boolean },
  cal: HolidayCalendar,
): CalendarDate {
  const n = options.personnelFiles ? PERSONNEL_FILES_BUSINESS_DAYS : RESPONSE_BUSINESS_DAYS;
  return fromDayNumber(addBusinessDayNumbers(dayZeroNumber(toDayNumber(receivedOn), cal), n, cal));
}

/**
 * § 1-214(c): the last day an employee or union may object: 7 business days
 * after they received the notice, or 9 after it was mailed when receipt cannot
 * be shown. Counted from the date given, whatever day it is.
 */
export function objectionWindowEnds(
  noticeOn: CalendarDate,
  delivery: 'received' | 'mailed',
  cal: HolidayCalendar,
): CalendarDate {
  const n =
    delivery === 'received' ? OBJECTION_BUSINESS_DAYS_FROM_RECEIPT : OBJECTION_BUSINESS_DAYS_FROM_MAILING;
  return addBusinessDays(noticeOn, n, cal);
}

/**
 * § 1-206(b)(1): the last day to file a notice of appeal, 30 calendar days after
 * the denial (calendar days: Baer v. Thompson BOE, FIC 2013-781). Not moved off
 * weekends: whether a late filing counts is for the Commission.
 */
export function appealDeadline(deniedOn: CalendarDate): CalendarDate {
  return addCalendarDays(deniedOn, APPEAL_CALENDAR_DAYS);
}

// ---------------------------------------------------------------- one request's clocks

export interface Pause {
  startedAt: string;
  endedAt?: string;
  reason: 'clarification' | 'payment';
}

export interface RequestClocksInput {
  receivedAt: string;
  personnelFiles: boolean;
  /** The first acknowledgment or determination in writing. */
  firstResponseAt?: string;
  /** A written denial (full or partial). */
  deniedAt?: string;
  closedAt?: string;
  pauses: readonly Pause[];
  /** ISO instant. */
  now: string;
}

export interface RequestClocks {
  calendarVersion: string;
  /** Day 0. */
  receivedOn: CalendarDate;
  statutoryDueDate: CalendarDate;
  response: {
    state: 'running' | 'answered' | 'deemed-denied';
    /** While running: business days after today up to the due date (0 = due today). */
    businessDaysLeft?: number;
    /** The date of the first response; also set, but too late, on a deemed denial. */
    answeredOn?: CalendarDate;
    deemedDeniedOn?: CalendarDate;
  };
  appeal?: {
    from: 'denial' | 'deemed-denial';
    startsOn: CalendarDate;
    deadline: CalendarDate;
    open: boolean;
  };
  promptness: {
    businessDaysElapsed: number;
    pausedBusinessDays: number;
    paused: boolean;
    pauses: {
      startedOn: CalendarDate;
      endedOn?: CalendarDate;
      reason: Pause['reason'];
      businessDays: number;
    }[];
  };
}

function optionalDayNumber(instant: string | undefined): number | undefined {
  return instant === undefined ? undefined : toDayNumber(nyDate(instant));
}

function earliest(...days: (number | undefined)[]): number | undefined {
  const known = days.filter((d): d is number => d !== undefined);
  return known.length ? Math.min(...known) : undefined;
}

/**
 * All clocks of one request as of `input.now`.
 *
 * Response (§ 1-206(a)): answered when the first written response (the earliest
 * of `firstResponseAt`, `deniedAt` and `closedAt`; a closing notice is a written
 * response) is on or before the due date. Otherwise, once the due date has
 * passed, the request is deemed denied on the day after the due date; a later
 * response does not undo that.
 *
 * Appeal (§ 1-206(b)(1)): 30 calendar days from the written denial if there is
 * one, else from the deemed denial.
 *
 * Promptness: business days after day 0 up to the closing date (or today),
 * less the business days inside pauses (an open pause runs to today;
 * overlapping pauses count once). A pause's days follow the same rule as day 0:
 * the day it starts is not paused, the day it ends is.
 */
export function requestClocks(input: RequestClocksInput, cal: HolidayCalendar): RequestClocks {
  const today = toDayNumber(nyDate(input.now));
  const dayZero = dayZeroNumber(toDayNumber(nyDate(input.receivedAt)), cal);
  const due = addBusinessDayNumbers(
    dayZero,
    input.personnelFiles ? PERSONNEL_FILES_BUSINESS_DAYS : RESPONSE_BUSINESS_DAYS,
    cal,
  );
  const deniedOn = optionalDayNumber(input.deniedAt);
  const closedOn = optionalDayNumber(input.closedAt);
  const answeredOn = earliest(optionalDayNumber(input.firstResponseAt), deniedOn, closedOn);

  // ---- response: § 1-206(a); never paused.
  let response: RequestClocks['response'];
  let deemedDeniedOn: number | undefined;
  if (answeredOn !== undefined && answeredOn <= due) {
    response = { state: 'answered', answeredOn: fromDayNumber(answeredOn) };
  } else if (today > due || answeredOn !== undefined) {
    // A recorded late response also proves the due date has passed.
    deemedDeniedOn = due + 1;
    response = {
      state: 'deemed-denied',
      deemedDeniedOn: fromDayNumber(deemedDeniedOn),
      ...(answeredOn !== undefined ? { answeredOn: fromDayNumber(answeredOn) } : {}),
    };
  } else {
    response = {
      state: 'running',
      businessDaysLeft: businessDayNumbersBetween(Math.max(today, dayZero), due, cal),
    };
  }

  // ---- appeal: § 1-206(b)(1).
  let appeal: RequestClocks['appeal'];
  const appealFrom =
    deniedOn !== undefined ? 'denial' : deemedDeniedOn !== undefined ? 'deemed-denial' : undefined;
  const appealStart = deniedOn ?? deemedDeniedOn;
  if (appealFrom && appealStart !== undefined) {
    const deadline = appealStart + APPEAL_CALENDAR_DAYS;
    appeal = {
      from: appealFrom,
      startsOn: fromDayNumber(appealStart),
      deadline: fromDayNumber(deadline),
      open: appealStart <= today && today <= deadline,
    };
  }

  // ---- promptness: counted to the closing date, or today; a closing date after today is clamped.
  const end = Math.min(closedOn ?? today, today);
  const pauses = input.pauses.map((p) => {
    const start = toDayNumber(nyDate(p.startedAt));
    const ended = optionalDayNumber(p.endedAt);
    if (ended !== undefined && ended < start) {
      throw badRequest(`A pause cannot end (${p.endedAt}) before it starts (${p.startedAt}).`);
    }
    // Only the part inside (day 0, end] counts.
    const from = Math.max(start, dayZero);
    const to = Math.min(ended ?? end, end);
    return { from, to, view: { start, ended, reason: p.reason } };
  });
  // Overlapping pauses count once: merge the (from, to] ranges, then count business days in each.
  let paused = 0;
  let merged: { from: number; to: number } | undefined;
  for (const p of pauses.filter((x) => x.to > x.from).sort((a, b) => a.from - b.from)) {
    if (merged && p.from <= merged.to) {
      merged.to = Math.max(merged.to, p.to);
      continue;
    }
    if (merged) paused += businessDayNumbersBetween(merged.from, merged.to, cal);
    merged = { from: p.from, to: p.to };
  }
  if (merged) paused += businessDayNumbersBetween(merged.from, merged.to, cal);
  const elapsed = businessDayNumbersBetween(dayZero, end, cal) - paused;

  return {
    calendarVersion: cal.version,
    receivedOn: fromDayNumber(dayZero),
    statutoryDueDate: fromDayNumber(due),
    response,
    ...(appeal ? { appeal } : {}),
    promptness: {
      businessDaysElapsed: elapsed,
      pausedBusinessDays: paused,
      paused: closedOn === undefined && input.pauses.some((p) => p.endedAt === undefined),
      pauses: pauses.map(({ from, to, view }) => ({
        startedOn: fromDayNumber(view.start),
        ...(view.ended !== undefined ? { endedOn: fromDayNumber(view.ended) } : {}),
        reason: view.reason,
        businessDays: businessDayNumbersBetween(from, to, cal),
      })),
    },
  };
}

// ---------------------------------------------------------------- calendar changes

export interface OpenRequestDeadline {
  trackingNumber: string;
  receivedAt: string;
  personnelFiles: boolean;
  /** The due date the request shows now. When absent it is recomputed under `before`. */
  statutoryDueDate?: CalendarDate;
}

export interface DueDateMove {
  trackingNumber: string;
  from: CalendarDate;
  to: CalendarDate;
}

/**
 * The open requests whose statutory due date changes when `before` is replaced
 * by `after` (shown to the clerk before the calendar is saved). Day 0 is
 * recomputed too: a closure on the day of receipt moves it. `from` is the due
 * date the request shows now, so a due date left stale by an older calendar is
 * corrected as well.
 */
export function dueDateMoves(
  open: readonly OpenRequestDeadline[],
  before: HolidayCalendar,
  after: HolidayCalendar,
): DueDateMove[] {
  const dueUnder = (r: OpenRequestDeadline, cal: HolidayCalendar) =>
    statutoryDueDate(receiptDate(r.receivedAt, cal), { personnelFiles: r.personnelFiles }, cal);
  const moves: DueDateMove[] = [];
  for (const r of open) {
    const from = r.statutoryDueDate ?? dueUnder(r, before);
    const to = dueUnder(r, after);
    if (from !== to) moves.push({ trackingNumber: r.trackingNumber, from, to });
  }
  return moves;
}
