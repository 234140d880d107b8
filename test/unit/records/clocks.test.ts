/**
 * The statutory clocks on concrete dates. Weekdays are noted where they matter.
 * Thanksgiving week 2026: Wed 11-25, Thu 11-26 (Thanksgiving), Fri 11-27 (NOT a
 * legal holiday), Sat 11-28, Sun 11-29, Mon 11-30.
 */
import {
  addBusinessDays,
  addCalendarDays,
  APPEAL_CALENDAR_DAYS,
  appealDeadline,
  businessDaysBetween,
  dueDateMoves,
  nextBusinessDay,
  nyDate,
  objectionWindowEnds,
  OBJECTION_BUSINESS_DAYS_FROM_MAILING,
  OBJECTION_BUSINESS_DAYS_FROM_RECEIPT,
  PERSONNEL_FILES_BUSINESS_DAYS,
  receiptDate,
  requestClocks,
  RESPONSE_BUSINESS_DAYS,
  statutoryDueDate,
  type RequestClocksInput,
} from '../../../lambdas/domain/records/clocks';
import { defaultCalendar, reviseCalendar } from '../../../lambdas/domain/records/holiday-calendar';
import { PlatformError } from '../../../lambdas/shared/errors';

const cal = defaultCalendar();
const dayAfterThanksgivingClosed = reviseCalendar(
  cal,
  [{ date: '2026-11-27', name: 'Day after Thanksgiving' }],
  '2026-11-01T12:00:00Z',
);
const standard = { personnelFiles: false };
const personnel = { personnelFiles: true };

describe('the statutory numbers', () => {
  it('are the ones in §§ 1-206 and 1-214', () => {
    expect(RESPONSE_BUSINESS_DAYS).toBe(4);
    expect(PERSONNEL_FILES_BUSINESS_DAYS).toBe(10);
    expect(OBJECTION_BUSINESS_DAYS_FROM_RECEIPT).toBe(7);
    expect(OBJECTION_BUSINESS_DAYS_FROM_MAILING).toBe(9);
    expect(APPEAL_CALENDAR_DAYS).toBe(30);
  });
});

describe('nyDate: the New York calendar date of an instant', () => {
  it('keeps 23:30 on a Friday in New York on Friday, though it is Saturday in UTC', () => {
    expect(nyDate('2026-11-21T04:30:00Z')).toBe('2026-11-20'); // EST: UTC-5
    expect(nyDate('2026-11-21T04:30:00.123Z')).toBe('2026-11-20');
    expect(nyDate('2026-11-21T05:00:00Z')).toBe('2026-11-21');
  });

  it('follows daylight saving time (UTC-4 in summer)', () => {
    expect(nyDate('2026-06-19T04:30:00Z')).toBe('2026-06-19'); // 00:30 EDT
    expect(nyDate('2026-06-19T03:59:00Z')).toBe('2026-06-18'); // 23:59 EDT
  });

  it('switches at the DST boundaries', () => {
    // Spring forward: Sunday 2026-03-08, 02:00 EST → 03:00 EDT (07:00Z).
    expect(nyDate('2026-03-08T04:59:00Z')).toBe('2026-03-07'); // 23:59 EST
    expect(nyDate('2026-03-08T05:00:00Z')).toBe('2026-03-08');
    expect(nyDate('2026-03-09T03:59:00Z')).toBe('2026-03-08'); // 23:59 EDT
    expect(nyDate('2026-03-09T04:00:00Z')).toBe('2026-03-09');
    // Fall back: Sunday 2026-11-01, 02:00 EDT → 01:00 EST (06:00Z).
    expect(nyDate('2026-11-01T03:59:00Z')).toBe('2026-10-31'); // 23:59 EDT
    expect(nyDate('2026-11-01T04:00:00Z')).toBe('2026-11-01');
    expect(nyDate('2026-11-02T04:59:00Z')).toBe('2026-11-01'); // 23:59 EST
    expect(nyDate('2026-11-02T05:00:00Z')).toBe('2026-11-02');
  });

  it('reads explicit offsets', () => {
    expect(nyDate('2026-11-27T23:30:00-05:00')).toBe('2026-11-27');
    expect(nyDate('2026-11-28T00:30:00+01:00')).toBe('2026-11-27');
  });

  it('refuses a date or a date-time without a zone (JavaScript would guess one)', () => {
    expect(() => nyDate('2026-11-27')).toThrow(PlatformError);
    expect(() => nyDate('2026-11-27T10:00:00')).toThrow(PlatformError);
    expect(() => nyDate('yesterday')).toThrow(PlatformError);
    expect(() => nyDate('2026-13-40T10:00:00Z')).toThrow(PlatformError);
  });
});

describe('receiptDate: day 0', () => {
  it('is the New York date of receipt on a business day', () => {
    expect(receiptDate('2026-11-25T15:00:00Z', cal)).toBe('2026-11-25');
    expect(receiptDate('2026-11-21T04:30:00Z', cal)).toBe('2026-11-20'); // Friday 23:30 NY
  });

  it('moves a weekend, holiday or city-closure receipt to the next business day', () => {
    expect(receiptDate('2026-11-28T15:00:00Z', cal)).toBe('2026-11-30'); // Saturday → Monday
    expect(receiptDate('2026-11-29T15:00:00Z', cal)).toBe('2026-11-30'); // Sunday → Monday
    expect(receiptDate('2026-11-26T15:00:00Z', cal)).toBe('2026-11-27'); // Thanksgiving → Friday
    expect(receiptDate('2026-11-26T15:00:00Z', dayAfterThanksgivingClosed)).toBe('2026-11-30');
    expect(receiptDate('2021-12-31T15:00:00Z', cal)).toBe('2022-01-03'); // New Year's observed Fri Dec 31
    expect(receiptDate('2026-07-03T15:00:00Z', cal)).toBe('2026-07-06'); // Independence Day observed, weekend
  });

  it('uses the New York date across the DST switches', () => {
    expect(receiptDate('2026-03-07T04:30:00Z', cal)).toBe('2026-03-06'); // Fri 23:30 EST
    expect(receiptDate('2026-03-09T03:30:00Z', cal)).toBe('2026-03-09'); // Sun 23:30 EDT → Monday
    expect(receiptDate('2026-10-31T03:59:00Z', cal)).toBe('2026-10-30'); // Fri 23:59 EDT
    expect(receiptDate('2026-11-02T04:59:00Z', cal)).toBe('2026-11-02'); // Sun 23:59 EST → Monday
  });
});

describe('business-day arithmetic', () => {
  it('nextBusinessDay skips weekends, holidays and closures', () => {
    expect(nextBusinessDay('2026-11-20', cal)).toBe('2026-11-23'); // Fri → Mon
    expect(nextBusinessDay('2026-11-25', cal)).toBe('2026-11-27');
    expect(nextBusinessDay('2026-11-25', dayAfterThanksgivingClosed)).toBe('2026-11-30');
    expect(nextBusinessDay('2026-11-28', cal)).toBe('2026-11-30');
    expect(nextBusinessDay('2021-12-30', cal)).toBe('2022-01-03');
  });

  it('addBusinessDays counts days after the date; 0 is the date itself', () => {
    expect(addBusinessDays('2026-11-25', 0, cal)).toBe('2026-11-25');
    expect(addBusinessDays('2026-11-28', 0, cal)).toBe('2026-11-28');
    expect(addBusinessDays('2026-11-25', 1, cal)).toBe('2026-11-27');
    expect(addBusinessDays('2026-11-25', 4, cal)).toBe('2026-12-02');
    expect(addBusinessDays('2026-12-23', 2, cal)).toBe('2026-12-28'); // over Christmas Friday
    expect(() => addBusinessDays('2026-11-25', -1, cal)).toThrow(PlatformError);
    expect(() => addBusinessDays('2026-11-25', 1.5, cal)).toThrow(PlatformError);
  });

  it('addCalendarDays crosses month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addCalendarDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addCalendarDays('2026-11-25', 0)).toBe('2026-11-25');
    expect(() => addCalendarDays('2026-11-25', 0.5)).toThrow(PlatformError);
    expect(() => addCalendarDays('2026-11-31', 1)).toThrow(PlatformError);
  });

  it('businessDaysBetween counts after `from` up to and including `to`', () => {
    expect(businessDaysBetween('2026-11-25', '2026-12-02', cal)).toBe(4);
    expect(businessDaysBetween('2026-11-25', '2026-11-27', cal)).toBe(1);
    expect(businessDaysBetween('2026-11-25', '2026-11-26', cal)).toBe(0); // Thanksgiving
    expect(businessDaysBetween('2026-11-25', '2026-11-25', cal)).toBe(0);
    expect(businessDaysBetween('2026-12-02', '2026-11-25', cal)).toBe(0);
    expect(businessDaysBetween('2026-11-28', '2026-11-30', cal)).toBe(1);
    expect(businessDaysBetween('2026-01-01', '2026-12-31', cal)).toBe(261 - 13);
  });
});

describe('statutoryDueDate (§ 1-206(a))', () => {
  it('is the 4th business day after day 0: Thanksgiving week', () => {
    // Wed 11-25 is day 0; 11-27 (1), 11-30 (2), 12-01 (3), 12-02 (4).
    expect(statutoryDueDate('2026-11-25', standard, cal)).toBe('2026-12-02');
  });

  it('moves when the city closes the Friday after Thanksgiving', () => {
    expect(statutoryDueDate('2026-11-25', standard, dayAfterThanksgivingClosed)).toBe('2026-12-03');
  });

  it('starts a request received on a Saturday on Monday, even if given the Saturday', () => {
    expect(receiptDate('2026-11-28T15:00:00Z', cal)).toBe('2026-11-30');
    expect(statutoryDueDate('2026-11-30', standard, cal)).toBe('2026-12-04');
    expect(statutoryDueDate('2026-11-28', standard, cal)).toBe('2026-12-04');
  });

  it('counts a Friday 23:30 New York request from Friday', () => {
    const day0 = receiptDate('2026-11-21T04:30:00Z', cal);
    expect(statutoryDueDate(day0, standard, cal)).toBe('2026-11-27'); // 23, 24, 25, 27
  });

  it("skips New Year's Day observed on Friday Dec 31", () => {
    // Tue 12-28 day 0: 12-29 (1), 12-30 (2), [12-31 closed], 01-03 (3), 01-04 (4).
    expect(statutoryDueDate('2021-12-28', standard, cal)).toBe('2022-01-04');
    expect(statutoryDueDate(receiptDate('2021-12-31T14:00:00Z', cal), standard, cal)).toBe('2022-01-07');
  });

  it('gives personnel, medical or similar files 10 business days', () => {
    expect(statutoryDueDate('2026-11-25', personnel, cal)).toBe('2026-12-10');
    expect(statutoryDueDate('2026-11-20', personnel, cal)).toBe('2026-12-07');
  });

  it('counts across the DST switch by New York dates', () => {
    expect(statutoryDueDate(receiptDate('2026-03-09T03:30:00Z', cal), standard, cal)).toBe('2026-03-13');
    expect(statutoryDueDate(receiptDate('2026-11-02T04:59:00Z', cal), standard, cal)).toBe('2026-11-06');
  });
});

describe('objectionWindowEnds (§ 1-214)', () => {
  it('is 7 business days after the notice was received, 9 after it was mailed', () => {
    expect(objectionWindowEnds('2026-11-16', 'received', cal)).toBe('2026-11-25');
    expect(objectionWindowEnds('2026-11-16', 'mailed', cal)).toBe('2026-11-30'); // skips Thanksgiving
  });

  it("skips Christmas and New Year's", () => {
    expect(objectionWindowEnds('2026-12-18', 'received', cal)).toBe('2026-12-30');
    expect(objectionWindowEnds('2026-12-18', 'mailed', cal)).toBe('2027-01-04');
  });

  it('counts from the date given, even a Saturday', () => {
    expect(objectionWindowEnds('2026-11-14', 'received', cal)).toBe('2026-11-24');
  });
});

describe('appealDeadline (§ 1-206(b)(1)): 30 calendar days', () => {
  it('crosses month and year ends, and leap years', () => {
    expect(appealDeadline('2026-12-03')).toBe('2027-01-02'); // a Saturday: not moved
    expect(appealDeadline('2026-12-31')).toBe('2027-01-30');
    expect(appealDeadline('2027-01-31')).toBe('2027-03-02');
    expect(appealDeadline('2028-01-31')).toBe('2028-03-01');
    expect(appealDeadline('2026-11-25')).toBe('2026-12-25'); // Christmas: calendar days, not moved
  });
});

describe('requestClocks', () => {
  const wednesday: RequestClocksInput = {
    receivedAt: '2026-11-25T15:00:00Z',
    personnelFiles: false,
    pauses: [],
    now: '2026-11-25T20:00:00Z',
  };

  it('runs from day 0 with 4 business days left, and 0 on the due date', () => {
    expect(requestClocks(wednesday, cal)).toEqual({
      calendarVersion: 'cgs-1-4+city-r0',
      receivedOn: '2026-11-25',
      statutoryDueDate: '2026-12-02',
      response: { state: 'running', businessDaysLeft: 4 },
      promptness: { businessDaysElapsed: 0, pausedBusinessDays: 0, paused: false, pauses: [] },
    });
    expect(requestClocks({ ...wednesday, now: '2026-11-27T15:00:00Z' }, cal).response).toEqual({
      state: 'running',
      businessDaysLeft: 3,
    });
    // Wed 12-02 at 23:59 New York: still due today.
    const dueDay = requestClocks({ ...wednesday, now: '2026-12-03T04:59:00Z' }, cal);
    expect(dueDay.response).toEqual({ state: 'running', businessDaysLeft: 0 });
    expect(dueDay.appeal).toBeUndefined();
  });

  it('counts the days left from day 0 when received on a weekend', () => {
    const saturday = { ...wednesday, receivedAt: '2026-11-28T15:00:00Z', now: '2026-11-28T16:00:00Z' };
    expect(requestClocks(saturday, cal)).toMatchObject({
      receivedOn: '2026-11-30',
      statutoryDueDate: '2026-12-04',
      response: { state: 'running', businessDaysLeft: 4 },
      promptness: { businessDaysElapsed: 0 },
    });
  });

  it('is deemed denied the day after the due date when nobody answered', () => {
    const clocks = requestClocks({ ...wednesday, now: '2026-12-03T05:00:00Z' }, cal); // 00:00 Thu NY
    expect(clocks.response).toEqual({ state: 'deemed-denied', deemedDeniedOn: '2026-12-03' });
    expect(clocks.appeal).toEqual({
      from: 'deemed-denial',
      startsOn: '2026-12-03',
      deadline: '2027-01-02',
      open: true,
    });
  });

  it('closes the appeal window after the 30th day', () => {
    expect(requestClocks({ ...wednesday, now: '2027-01-02T23:00:00Z' }, cal).appeal?.open).toBe(true);
    expect(requestClocks({ ...wednesday, now: '2027-01-03T05:00:00Z' }, cal).appeal?.open).toBe(false);
  });

  it('takes a response on the due date (23:59 New York) as in time', () => {
    const clocks = requestClocks(
      { ...wednesday, firstResponseAt: '2026-12-03T04:59:00Z', now: '2027-02-01T15:00:00Z' },
      cal,
    );
    expect(clocks.response).toEqual({ state: 'answered', answeredOn: '2026-12-02' });
    expect(clocks.appeal).toBeUndefined();
  });

  it('does not let a late response undo the deemed denial', () => {
    const clocks = requestClocks(
      { ...wednesday, firstResponseAt: '2026-12-03T05:01:00Z', now: '2026-12-03T06:00:00Z' },
      cal,
    );
    expect(clocks.response).toEqual({
      state: 'deemed-denied',
      deemedDeniedOn: '2026-12-03',
      answeredOn: '2026-12-03',
    });
    expect(clocks.appeal).toMatchObject({ from: 'deemed-denial', startsOn: '2026-12-03' });
  });

  it('takes a timely written denial as the response and starts the appeal from it', () => {
    const clocks = requestClocks(
      {
        ...wednesday,
        deniedAt: '2026-11-30T16:00:00Z',
        closedAt: '2026-11-30T16:00:00Z',
        now: '2026-12-20T15:00:00Z',
      },
      cal,
    );
    expect(clocks.response).toEqual({ state: 'answered', answeredOn: '2026-11-30' });
    expect(clocks.appeal).toEqual({
      from: 'denial',
      startsOn: '2026-11-30',
      deadline: '2026-12-30',
      open: true,
    });
  });

  it('starts the appeal from a written denial that follows a timely acknowledgment', () => {
    const clocks = requestClocks(
      {
        ...wednesday,
        firstResponseAt: '2026-11-27T14:00:00Z',
        deniedAt: '2026-12-10T16:00:00Z',
        now: '2026-12-11T15:00:00Z',
      },
      cal,
    );
    expect(clocks.response).toEqual({ state: 'answered', answeredOn: '2026-11-27' });
    expect(clocks.appeal).toEqual({
      from: 'denial',
      startsOn: '2026-12-10',
      deadline: '2027-01-09',
      open: true,
    });
  });

  it('prefers a written denial over the deemed denial for the appeal window', () => {
    const clocks = requestClocks(
      { ...wednesday, deniedAt: '2026-12-10T16:00:00Z', now: '2026-12-11T15:00:00Z' },
      cal,
    );
    expect(clocks.response).toMatchObject({ state: 'deemed-denied', deemedDeniedOn: '2026-12-03' });
    expect(clocks.appeal).toEqual({
      from: 'denial',
      startsOn: '2026-12-10',
      deadline: '2027-01-09',
      open: true,
    });
  });

  it('treats a closing (e.g. a withdrawal) before the due date as the response', () => {
    const clocks = requestClocks(
      { ...wednesday, closedAt: '2026-11-27T14:00:00Z', now: '2027-01-10T15:00:00Z' },
      cal,
    );
    expect(clocks.response).toEqual({ state: 'answered', answeredOn: '2026-11-27' });
    expect(clocks.appeal).toBeUndefined();
    expect(clocks.promptness.businessDaysElapsed).toBe(1);
  });

  it('never pauses the statutory clock: a pause does not move the due date or the deemed denial', () => {
    const input = { ...wednesday, now: '2026-12-08T15:00:00Z' };
    const paused = requestClocks(
      { ...input, pauses: [{ startedAt: '2026-11-27T15:00:00Z', reason: 'clarification' as const }] },
      cal,
    );
    const unpaused = requestClocks(input, cal);
    expect(paused.statutoryDueDate).toBe('2026-12-02');
    expect(paused.response).toEqual(unpaused.response);
    expect(paused.response).toEqual({ state: 'deemed-denied', deemedDeniedOn: '2026-12-03' });
    expect(paused.appeal).toEqual(unpaused.appeal);
    // Only promptness stops: after 11-25 to 12-08 is 8 business days; 11-27 runs, then paused.
    expect(unpaused.promptness).toMatchObject({
      businessDaysElapsed: 8,
      pausedBusinessDays: 0,
      paused: false,
    });
    expect(paused.promptness).toEqual({
      businessDaysElapsed: 1,
      pausedBusinessDays: 7,
      paused: true,
      pauses: [{ startedOn: '2026-11-27', reason: 'clarification', businessDays: 7 }],
    });
  });

  it('subtracts a finished pause from promptness: the start day runs, the end day is paused', () => {
    const clocks = requestClocks(
      {
        ...wednesday,
        firstResponseAt: '2026-11-27T14:00:00Z',
        pauses: [{ startedAt: '2026-11-30T15:00:00Z', endedAt: '2026-12-02T15:00:00Z', reason: 'payment' }],
        now: '2026-12-04T15:00:00Z',
      },
      cal,
    );
    expect(clocks.response.state).toBe('answered');
    // After 11-25 to 12-04: 11-27, 11-30, 12-01, 12-02, 12-03, 12-04; paused 12-01 and 12-02.
    expect(clocks.promptness).toEqual({
      businessDaysElapsed: 4,
      pausedBusinessDays: 2,
      paused: false,
      pauses: [{ startedOn: '2026-11-30', endedOn: '2026-12-02', reason: 'payment', businessDays: 2 }],
    });
  });

  it('counts overlapping pauses once', () => {
    const clocks = requestClocks(
      {
        ...wednesday,
        pauses: [
          { startedAt: '2026-11-27T15:00:00Z', endedAt: '2026-12-02T15:00:00Z', reason: 'clarification' },
          { startedAt: '2026-12-01T15:00:00Z', endedAt: '2026-12-04T15:00:00Z', reason: 'payment' },
        ],
        now: '2026-12-08T15:00:00Z',
      },
      cal,
    );
    expect(clocks.promptness.pauses.map((p) => p.businessDays)).toEqual([3, 3]);
    expect(clocks.promptness.pausedBusinessDays).toBe(5); // 11-30 … 12-04
    expect(clocks.promptness.businessDaysElapsed).toBe(3); // 11-27, 12-07, 12-08
  });

  it('stops promptness at the closing date; an open pause ends there too', () => {
    const clocks = requestClocks(
      {
        ...wednesday,
        firstResponseAt: '2026-11-27T14:00:00Z',
        closedAt: '2026-12-03T15:00:00Z',
        pauses: [{ startedAt: '2026-12-01T15:00:00Z', reason: 'payment' }],
        now: '2027-02-01T15:00:00Z',
      },
      cal,
    );
    expect(clocks.promptness).toEqual({
      businessDaysElapsed: 3, // 11-27, 11-30, 12-01
      pausedBusinessDays: 2, // 12-02, 12-03
      paused: false,
      pauses: [{ startedOn: '2026-12-01', reason: 'payment', businessDays: 2 }],
    });
  });

  it('only counts the part of a pause after day 0', () => {
    const clocks = requestClocks(
      {
        ...wednesday,
        receivedAt: '2026-11-28T15:00:00Z', // Saturday: day 0 is Monday 11-30
        pauses: [
          { startedAt: '2026-11-28T16:00:00Z', endedAt: '2026-12-02T15:00:00Z', reason: 'clarification' },
        ],
        now: '2026-12-03T15:00:00Z',
      },
      cal,
    );
    expect(clocks.promptness).toMatchObject({ businessDaysElapsed: 1, pausedBusinessDays: 2 });
    expect(clocks.promptness.pauses[0]).toEqual({
      startedOn: '2026-11-28',
      endedOn: '2026-12-02',
      reason: 'clarification',
      businessDays: 2,
    });
  });

  it('refuses a pause that ends before it starts', () => {
    expect(() =>
      requestClocks(
        {
          ...wednesday,
          pauses: [{ startedAt: '2026-12-02T15:00:00Z', endedAt: '2026-11-30T15:00:00Z', reason: 'payment' }],
        },
        cal,
      ),
    ).toThrow(PlatformError);
  });

  it('uses and reports the calendar it was given', () => {
    const clocks = requestClocks(wednesday, dayAfterThanksgivingClosed);
    expect(clocks.calendarVersion).toBe('cgs-1-4+city-r1');
    expect(clocks.statutoryDueDate).toBe('2026-12-03');
    expect(clocks.response.businessDaysLeft).toBe(4);
  });

  it('gives personnel files 10 business days before a deemed denial', () => {
    const input = { ...wednesday, personnelFiles: true, now: '2026-12-10T20:00:00Z' };
    expect(requestClocks(input, cal)).toMatchObject({
      statutoryDueDate: '2026-12-10',
      response: { state: 'running', businessDaysLeft: 0 },
    });
    expect(requestClocks({ ...input, now: '2026-12-11T15:00:00Z' }, cal).response).toEqual({
      state: 'deemed-denied',
      deemedDeniedOn: '2026-12-11',
    });
  });
});

describe('dueDateMoves: what a calendar change does to open requests', () => {
  const open = [
    // Wed 11-25: 12-02 → 12-03.
    {
      trackingNumber: 'A',
      receivedAt: '2026-11-25T15:00:00Z',
      personnelFiles: false,
      statutoryDueDate: '2026-12-02',
    },
    // Fri 11-20, personnel files: 12-07 → 12-08.
    {
      trackingNumber: 'B',
      receivedAt: '2026-11-20T15:00:00Z',
      personnelFiles: true,
      statutoryDueDate: '2026-12-07',
    },
    // Received after the closure: unchanged.
    {
      trackingNumber: 'C',
      receivedAt: '2026-12-10T15:00:00Z',
      personnelFiles: false,
      statutoryDueDate: '2026-12-16',
    },
    // Received ON the new closure: day 0 moves to Monday 11-30, due 12-03 → 12-04.
    {
      trackingNumber: 'D',
      receivedAt: '2026-11-27T14:00:00Z',
      personnelFiles: false,
      statutoryDueDate: '2026-12-03',
    },
    // Day 0 Monday 11-30: unchanged.
    {
      trackingNumber: 'E',
      receivedAt: '2026-11-30T15:00:00Z',
      personnelFiles: false,
      statutoryDueDate: '2026-12-04',
    },
  ];

  it('lists exactly the requests whose due date moves, from and to', () => {
    expect(dueDateMoves(open, cal, dayAfterThanksgivingClosed)).toEqual([
      { trackingNumber: 'A', from: '2026-12-02', to: '2026-12-03' },
      { trackingNumber: 'B', from: '2026-12-07', to: '2026-12-08' },
      { trackingNumber: 'D', from: '2026-12-03', to: '2026-12-04' },
    ]);
  });

  it('moves them back when the closure is removed, and lists nothing when nothing changes', () => {
    const underNew = open.map((r) => ({
      ...r,
      statutoryDueDate: statutoryDueDate(
        receiptDate(r.receivedAt, dayAfterThanksgivingClosed),
        r,
        dayAfterThanksgivingClosed,
      ),
    }));
    const reopened = reviseCalendar(dayAfterThanksgivingClosed, [], '2026-11-02T12:00:00Z');
    expect(
      dueDateMoves(underNew, dayAfterThanksgivingClosed, reopened).map((m) => [m.trackingNumber, m.to]),
    ).toEqual([
      ['A', '2026-12-02'],
      ['B', '2026-12-07'],
      ['D', '2026-12-03'],
    ]);
    expect(dueDateMoves(open, cal, cal)).toEqual([]);
    expect(dueDateMoves([], cal, dayAfterThanksgivingClosed)).toEqual([]);
  });

  it('computes `from` under the old calendar when no due date is stored, and corrects a stale one', () => {
    const moves = dueDateMoves(
      [
        { trackingNumber: 'F', receivedAt: '2026-11-24T15:00:00Z', personnelFiles: false },
        {
          trackingNumber: 'G',
          receivedAt: '2026-11-30T15:00:00Z',
          personnelFiles: false,
          statutoryDueDate: '2026-12-01',
        },
      ],
      cal,
      dayAfterThanksgivingClosed,
    );
    expect(moves).toEqual([
      { trackingNumber: 'F', from: '2026-12-01', to: '2026-12-02' },
      { trackingNumber: 'G', from: '2026-12-01', to: '2026-12-04' },
    ]);
  });
});
