/**
 * Property-based tests of the statutory clocks: random receipt instants (2019–2030),
 * random city closures clustered around the receipt (so they actually matter),
 * random responses, denials, closings and pauses. Checked against the rules and
 * against naive reference implementations written independently here.
 */
import fc from 'fast-check';
import {
  addBusinessDays,
  addCalendarDays,
  appealDeadline,
  businessDaysBetween,
  dueDateMoves,
  nextBusinessDay,
  nyDate,
  PERSONNEL_FILES_BUSINESS_DAYS,
  receiptDate,
  requestClocks,
  RESPONSE_BUSINESS_DAYS,
  statutoryDueDate,
  type Pause,
  type RequestClocksInput,
} from '../../../lambdas/domain/records/clocks';
import {
  closedDays,
  defaultCalendar,
  isBusinessDay,
  reviseCalendar,
  type HolidayCalendar,
} from '../../../lambdas/domain/records/holiday-calendar';

const RUNS = { numRuns: 300 };
const DAY = 86_400_000;
const HOUR = 3_600_000;
const BASE = Date.UTC(2019, 0, 1);
const AT = '2026-01-01T00:00:00Z';

const iso = (ms: number) => new Date(ms).toISOString();
const utcDate = (ms: number) => iso(ms).slice(0, 10);
const daysBetween = (a: string, b: string) =>
  (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY;

/** A calendar with closures on the given days after `baseMs` (a UTC midnight). */
function calendarWith(baseMs: number, offsets: readonly number[]): HolidayCalendar {
  return reviseCalendar(
    defaultCalendar(),
    offsets.map((o, i) => ({ date: utcDate(baseMs + o * DAY), name: `Closure ${i + 1}` })),
    AT,
  );
}

// A scenario: a receipt instant, and closures from 3 days before to 40 days after it.
const scenarioArb = fc
  .record({
    day: fc.integer({ min: 0, max: 12 * 365 }),
    msInDay: fc.integer({ min: 0, max: DAY - 1 }),
    closures: fc.uniqueArray(fc.integer({ min: -3, max: 40 }), { maxLength: 12 }),
    personnelFiles: fc.boolean(),
  })
  .map(({ day, msInDay, closures, personnelFiles }) => {
    const baseMs = BASE + day * DAY;
    return {
      baseMs,
      receivedAt: iso(baseMs + msInDay),
      personnelFiles,
      cal: calendarWith(baseMs, closures),
      closures,
    };
  });

// ---------------------------------------------------------------- independent references

/** US DST since 2007: from the 2nd Sunday of March 07:00Z to the 1st Sunday of November 06:00Z. */
function referenceNyDate(ms: number): string {
  const year = new Date(ms).getUTCFullYear();
  const nthSunday = (month: number, n: number) => {
    const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
    return 1 + ((7 - first) % 7) + 7 * (n - 1);
  };
  const dstStart = Date.UTC(year, 2, nthSunday(2, 2), 7);
  const dstEnd = Date.UTC(year, 10, nthSunday(10, 1), 6);
  const offset = ms >= dstStart && ms < dstEnd ? -4 : -5;
  return utcDate(ms + offset * HOUR);
}

/** Business days by brute force from the closed-day list. */
function referenceIsBusinessDay(date: string, cal: HolidayCalendar): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const year = Number(date.slice(0, 4));
  return !closedDays(cal, year, year).some((d) => d.date === date);
}

function referenceAddBusinessDays(date: string, n: number, cal: HolidayCalendar): string {
  let ms = Date.parse(`${date}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    ms += DAY;
    if (referenceIsBusinessDay(utcDate(ms), cal)) left--;
  }
  return utcDate(ms);
}

// ---------------------------------------------------------------- properties

describe('clock properties', () => {
  it('nyDate matches the US Eastern DST rule', () => {
    fc.assert(
      fc.property(fc.integer({ min: BASE, max: BASE + 12 * 365 * DAY }), (ms) => {
        expect(nyDate(iso(ms))).toBe(referenceNyDate(ms));
      }),
      { numRuns: 1000 },
    );
  });

  it('isBusinessDay and addBusinessDays match a brute-force count over the closed-day list', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 15 }), ({ baseMs, cal }, n) => {
        const date = utcDate(baseMs);
        expect(isBusinessDay(date, cal)).toBe(referenceIsBusinessDay(date, cal));
        expect(addBusinessDays(date, n, cal)).toBe(referenceAddBusinessDays(date, n, cal));
      }),
      RUNS,
    );
  });

  it('receiptDate is a business day, on or after the New York date, with no business day skipped', () => {
    fc.assert(
      fc.property(scenarioArb, ({ receivedAt, cal }) => {
        const received = nyDate(receivedAt);
        const day0 = receiptDate(receivedAt, cal);
        expect(isBusinessDay(day0, cal)).toBe(true);
        expect(day0 >= received).toBe(true);
        if (isBusinessDay(received, cal)) expect(day0).toBe(received);
        else expect(day0).toBe(nextBusinessDay(received, cal));
      }),
      RUNS,
    );
  });

  it('a due date is a business day, strictly after day 0, exactly N business days later', () => {
    fc.assert(
      fc.property(scenarioArb, ({ receivedAt, personnelFiles, cal }) => {
        const day0 = receiptDate(receivedAt, cal);
        const due = statutoryDueDate(day0, { personnelFiles }, cal);
        const n = personnelFiles ? PERSONNEL_FILES_BUSINESS_DAYS : RESPONSE_BUSINESS_DAYS;
        expect(isBusinessDay(due, cal)).toBe(true);
        expect(due > day0).toBe(true);
        expect(businessDaysBetween(day0, due, cal)).toBe(n);
        // …and the (N-1)th business day is strictly before it.
        expect(businessDaysBetween(day0, addCalendarDays(due, -1), cal)).toBe(n - 1);
        // Giving the raw New York date instead of day 0 gives the same answer.
        expect(statutoryDueDate(nyDate(receivedAt), { personnelFiles }, cal)).toBe(due);
      }),
      RUNS,
    );
  });

  it('adding a city closure never makes day 0 or a due date earlier', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: -3, max: 40 }), (s, extra) => {
        const more = calendarWith(s.baseMs, [...new Set([...s.closures, extra])]);
        const options = { personnelFiles: s.personnelFiles };
        const day0 = receiptDate(s.receivedAt, s.cal);
        const day0After = receiptDate(s.receivedAt, more);
        expect(day0After >= day0).toBe(true);
        expect(statutoryDueDate(day0After, options, more) >= statutoryDueDate(day0, options, s.cal)).toBe(
          true,
        );
        const moves = dueDateMoves(
          [{ trackingNumber: 'T', receivedAt: s.receivedAt, personnelFiles: s.personnelFiles }],
          s.cal,
          more,
        );
        for (const m of moves) expect(m.to > m.from).toBe(true);
      }),
      RUNS,
    );
  });

  it('business-day counting is consistent: nextBusinessDay, additivity, inverse of addBusinessDays', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 12 }),
        ({ baseMs, cal }, x, y, n) => {
          const a = utcDate(baseMs);
          const b = addCalendarDays(a, Math.min(x, y));
          const c = addCalendarDays(a, Math.max(x, y));
          expect(businessDaysBetween(a, c, cal)).toBe(
            businessDaysBetween(a, b, cal) + businessDaysBetween(b, c, cal),
          );
          expect(businessDaysBetween(c, b, cal)).toBe(0);
          expect(businessDaysBetween(a, addBusinessDays(a, n, cal), cal)).toBe(n);
          const next = nextBusinessDay(a, cal);
          expect(isBusinessDay(next, cal)).toBe(true);
          expect(businessDaysBetween(a, next, cal)).toBe(1);
        },
      ),
      RUNS,
    );
  });

  it('an appeal deadline is 30 calendar days after its start', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 * 365 }), (day) => {
        const deniedOn = utcDate(BASE + day * DAY);
        expect(daysBetween(deniedOn, appealDeadline(deniedOn))).toBe(30);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------- requestClocks

const instantAfter = (startMs: number, maxDays: number) =>
  fc.integer({ min: 0, max: maxDays * DAY }).map((d) => iso(startMs + d));

const pauseArb = (receivedMs: number): fc.Arbitrary<Pause> =>
  fc
    .record({
      start: fc.integer({ min: -2 * DAY, max: 30 * DAY }),
      length: fc.option(fc.integer({ min: 0, max: 20 * DAY }), { nil: undefined }),
      reason: fc.constantFrom('clarification' as const, 'payment' as const),
    })
    .map(({ start, length, reason }) => ({
      startedAt: iso(receivedMs + start),
      ...(length !== undefined ? { endedAt: iso(receivedMs + start + length) } : {}),
      reason,
    }));

const requestArb = scenarioArb.chain((s) => {
  const receivedMs = Date.parse(s.receivedAt);
  return fc
    .record({
      firstResponseAt: fc.option(instantAfter(receivedMs, 25), { nil: undefined }),
      deniedAt: fc.option(instantAfter(receivedMs, 40), { nil: undefined }),
      closedAt: fc.option(instantAfter(receivedMs, 60), { nil: undefined }),
      pauses: fc.array(pauseArb(receivedMs), { maxLength: 4 }),
      now: instantAfter(receivedMs, 80),
    })
    .map((r) => {
      const input: RequestClocksInput = {
        receivedAt: s.receivedAt,
        personnelFiles: s.personnelFiles,
        pauses: r.pauses,
        now: r.now,
        ...(r.firstResponseAt ? { firstResponseAt: r.firstResponseAt } : {}),
        ...(r.deniedAt ? { deniedAt: r.deniedAt } : {}),
        ...(r.closedAt ? { closedAt: r.closedAt } : {}),
      };
      return { input, cal: s.cal };
    });
});

describe('requestClocks properties', () => {
  it('promptness: elapsed + paused never exceeds the business days from day 0 to today', () => {
    fc.assert(
      fc.property(requestArb, ({ input, cal }) => {
        const clocks = requestClocks(input, cal);
        const today = nyDate(input.now);
        const total = businessDaysBetween(clocks.receivedOn, today, cal);
        const { businessDaysElapsed, pausedBusinessDays, pauses } = clocks.promptness;
        expect(businessDaysElapsed).toBeGreaterThanOrEqual(0);
        expect(pausedBusinessDays).toBeGreaterThanOrEqual(0);
        expect(businessDaysElapsed + pausedBusinessDays).toBeLessThanOrEqual(total);
        // Open requests account for every business day; closed ones stop at the closing date.
        const end = input.closedAt && nyDate(input.closedAt) < today ? nyDate(input.closedAt) : today;
        expect(businessDaysElapsed + pausedBusinessDays).toBe(
          businessDaysBetween(clocks.receivedOn, end, cal),
        );
        // The union of pauses is no more than their sum and no less than the largest.
        const each = pauses.map((p) => p.businessDays);
        expect(pausedBusinessDays).toBeLessThanOrEqual(each.reduce((x, y) => x + y, 0));
        expect(pausedBusinessDays).toBeGreaterThanOrEqual(Math.max(0, ...each));
      }),
      RUNS,
    );
  });

  it('pauses never touch the statutory clock', () => {
    fc.assert(
      fc.property(requestArb, ({ input, cal }) => {
        const withPauses = requestClocks(input, cal);
        const without = requestClocks({ ...input, pauses: [] }, cal);
        expect(withPauses.receivedOn).toBe(without.receivedOn);
        expect(withPauses.statutoryDueDate).toBe(without.statutoryDueDate);
        expect(withPauses.response).toEqual(without.response);
        expect(withPauses.appeal).toEqual(without.appeal);
      }),
      RUNS,
    );
  });

  it('the response state follows § 1-206(a), and the appeal follows the denial', () => {
    fc.assert(
      fc.property(requestArb, ({ input, cal }) => {
        const clocks = requestClocks(input, cal);
        const due = clocks.statutoryDueDate;
        const today = nyDate(input.now);
        const responses = [input.firstResponseAt, input.deniedAt, input.closedAt]
          .filter((x): x is string => x !== undefined)
          .map(nyDate)
          .sort();
        const first = responses[0];
        expect(clocks.receivedOn).toBe(receiptDate(input.receivedAt, cal));
        expect(due).toBe(statutoryDueDate(clocks.receivedOn, input, cal));
        expect(clocks.calendarVersion).toBe(cal.version);

        if (first !== undefined && first <= due) {
          expect(clocks.response).toEqual({ state: 'answered', answeredOn: first });
        } else if (today > due || first !== undefined) {
          expect(clocks.response.state).toBe('deemed-denied');
          expect(clocks.response.deemedDeniedOn).toBe(addCalendarDays(due, 1));
        } else {
          expect(clocks.response.state).toBe('running');
          expect(clocks.response.businessDaysLeft).toBe(
            businessDaysBetween(today > clocks.receivedOn ? today : clocks.receivedOn, due, cal),
          );
        }

        const start = input.deniedAt ? nyDate(input.deniedAt) : clocks.response.deemedDeniedOn;
        if (start === undefined) {
          expect(clocks.appeal).toBeUndefined();
        } else {
          expect(clocks.appeal).toEqual({
            from: input.deniedAt ? 'denial' : 'deemed-denial',
            startsOn: start,
            deadline: appealDeadline(start),
            open: start <= today && today <= appealDeadline(start),
          });
          expect(daysBetween(clocks.appeal!.startsOn, clocks.appeal!.deadline)).toBe(30);
        }
      }),
      RUNS,
    );
  });
});

describe('business days counted by arithmetic', () => {
  it('equal the day-by-day count over ranges of up to three years, closures on any weekday or weekend', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 * 365 }),
        fc.integer({ min: 0, max: 3 * 366 }),
        fc.uniqueArray(fc.integer({ min: -10, max: 3 * 366 }), { maxLength: 15 }),
        (start, length, closures) => {
          const cal = calendarWith(BASE + start * DAY, closures);
          const from = utcDate(BASE + start * DAY);
          const to = utcDate(BASE + (start + length) * DAY);
          let naive = 0;
          for (let d = 1; d <= length; d++)
            if (isBusinessDay(utcDate(BASE + (start + d) * DAY), cal)) naive++;
          expect(businessDaysBetween(from, to, cal)).toBe(naive);
        },
      ),
      { numRuns: 200 },
    );
  });
});
