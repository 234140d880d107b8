import Holidays from 'date-holidays';
import {
  closedDays,
  defaultCalendar,
  easterSunday,
  isBusinessDay,
  isCalendarDate,
  legalHolidays,
  LEGAL_HOLIDAY_RULES,
  reviseCalendar,
  type CityClosure,
  type HolidayCalendar,
} from '../../../lambdas/domain/records/holiday-calendar';
import { PlatformError } from '../../../lambdas/shared/errors';

const AT = '2026-11-20T14:00:00Z';
const datesOf = (year: number) => legalHolidays(year).map((h) => h.date);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

function thrown(fn: () => unknown): PlatformError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PlatformError) return err;
    throw err;
  }
  throw new Error('expected a PlatformError');
}

describe('legal holidays of C.G.S. § 1-4', () => {
  it('lists the 2026 observed holidays by name, in order', () => {
    expect(legalHolidays(2026).map((h) => [h.date, h.name])).toEqual([
      ['2026-01-01', "New Year's Day"], // Thursday
      ['2026-01-19', 'Martin Luther King, Jr. Day'],
      ['2026-02-12', 'Lincoln Day'], // Thursday
      ['2026-02-16', "Washington's Birthday"],
      ['2026-04-03', 'Good Friday'],
      ['2026-05-25', 'Memorial Day'],
      ['2026-06-19', 'Juneteenth Independence Day'], // Friday
      ['2026-07-03', 'Independence Day (observed)'], // July 4 is a Saturday
      ['2026-09-07', 'Labor Day'],
      ['2026-10-12', 'Columbus Day'],
      ['2026-11-11', "Veterans' Day"], // Wednesday
      ['2026-11-26', 'Thanksgiving Day'],
      ['2026-12-25', 'Christmas'], // Friday
    ]);
    expect(
      legalHolidays(2026).every((h) => h.kind === 'legal-holiday' && h.citation?.includes('§ 1-4')),
    ).toBe(true);
  });

  it("observes New Year's Day on a Saturday on Dec 31 of the year before", () => {
    // Jan 1 2022 was a Saturday: the office closed Friday Dec 31 2021.
    expect(legalHolidays(2021)).toContainEqual(
      expect.objectContaining({ date: '2021-12-31', name: "New Year's Day (observed)" }),
    );
    expect(datesOf(2022)).not.toContain('2022-01-01');
    expect(datesOf(2022)).not.toContain('2021-12-31');
    expect(datesOf(2022)[0]).toBe('2022-01-17');
    expect(isBusinessDay('2021-12-31', defaultCalendar())).toBe(false);
    // 2027 closes twice on Fridays in December: Christmas (Sat) and New Year's 2028 (Sat).
    expect(datesOf(2027).slice(-2)).toEqual(['2027-12-24', '2027-12-31']);
  });

  it("observes New Year's Day on a Sunday on the Monday after", () => {
    expect(legalHolidays(2023)[0]).toMatchObject({ date: '2023-01-02', name: "New Year's Day (observed)" });
    expect(datesOf(2023)).not.toContain('2023-01-01');
  });

  it('moves every fixed-date holiday off the weekend, Lincoln Day and Veterans Day included', () => {
    expect(datesOf(2022)).toContain('2022-02-11'); // Lincoln Day on Saturday → Friday
    expect(datesOf(2023)).toContain('2023-02-13'); // on Sunday → Monday
    expect(datesOf(2023)).toContain('2023-11-10'); // Veterans' Day on Saturday → Friday
    expect(datesOf(2029)).toContain('2029-11-12'); // on Sunday → Monday
    expect(datesOf(2027)).toContain('2027-07-05'); // Independence Day on Sunday → Monday
    expect(datesOf(2027)).toContain('2027-06-18'); // Juneteenth on Saturday → Friday
    expect(datesOf(2022)).toContain('2022-12-26'); // Christmas on Sunday → Monday
  });

  it('adds Juneteenth from 2023 (P.A. 22-128), not before', () => {
    expect(datesOf(2022).some((d) => d.slice(5, 7) === '06')).toBe(false);
    expect(legalHolidays(2023)).toContainEqual(
      expect.objectContaining({ date: '2023-06-19', name: 'Juneteenth Independence Day' }),
    );
  });

  it('places the weekday rules at their earliest and latest dates', () => {
    expect(datesOf(2024)).toContain('2024-01-15'); // MLK: Jan 15 is itself a Monday
    expect(datesOf(2030)).toContain('2030-01-21'); // MLK: latest possible
    expect(datesOf(2021)).toContain('2021-05-31'); // Memorial Day: May 31 is a Monday
    expect(datesOf(2027)).toContain('2027-05-31');
    expect(datesOf(2026)).toContain('2026-05-25'); // earliest last Monday
    expect(datesOf(2029)).toContain('2029-11-22'); // Thanksgiving: earliest fourth Thursday
    expect(datesOf(2023)).toContain('2023-11-23');
    expect(datesOf(2025)).toContain('2025-11-27');
    expect(datesOf(2026)).toContain('2026-09-07');
    expect(datesOf(2020)).toContain('2020-09-07');
    expect(datesOf(2025)).toContain('2025-09-01'); // Labor Day on Sep 1
  });

  it('computes Easter (Gregorian) and Good Friday two days before', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2038)).toBe('2038-04-25'); // latest possible
    expect(easterSunday(2285)).toBe('2285-03-22'); // earliest possible
    expect(easterSunday(2000)).toBe('2000-04-23');
    expect(datesOf(2025)).toContain('2025-04-18');
    expect(datesOf(2038)).toContain('2038-04-23');
  });

  it('observes only weekdays, never two holidays on one day, sorted', () => {
    for (let year = 1990; year <= 2150; year++) {
      const dates = datesOf(year);
      expect(dates.every((d) => weekday(d) >= 1 && weekday(d) <= 5 && d.startsWith(String(year)))).toBe(true);
      expect(new Set(dates).size).toBe(dates.length);
      expect([...dates].sort()).toEqual(dates);
      // 12 rules (13 from 2023), less New Year's if it moved into last year, plus next year's if it moved into this one.
      const expected =
        (year >= 2023 ? 13 : 12) -
        (weekday(`${year}-01-01`) === 6 ? 1 : 0) +
        (weekday(`${year + 1}-01-01`) === 6 ? 1 : 0);
      expect(dates).toHaveLength(expected);
    }
  });

  it('keeps every rule as data with a name and a citation', () => {
    expect(LEGAL_HOLIDAY_RULES).toHaveLength(13);
    for (const rule of LEGAL_HOLIDAY_RULES) {
      expect(rule.name).not.toBe('');
      expect(rule.citation).toMatch(/^C\.G\.S\. § 1-4/);
    }
    expect(Object.isFrozen(LEGAL_HOLIDAY_RULES)).toBe(true);
  });

  it('refuses a year outside the Gregorian range it can compute', () => {
    expect(() => legalHolidays(1500)).toThrow(PlatformError);
    expect(() => legalHolidays(2026.5)).toThrow(PlatformError);
  });
});

describe('cross-check against the date-holidays package (US-CT), 1990–2150', () => {
  // Deliberate differences, both from the statute text:
  // 1. § 1-4 moves EVERY holiday not set on a Monday off the weekend; date-holidays
  //    does not move Lincoln Day (Feb 12) or Veterans' Day (Nov 11).
  // 2. Juneteenth is a federal holiday from 2021 but a Connecticut legal holiday
  //    only from 2023 (P.A. 22-128, effective Oct. 1, 2022).
  // Weekend dates are ignored: a Saturday or Sunday is closed anyway.
  const hd = new Holidays('US', 'CT');
  const observed = (date: string) => {
    const d = new Date(`${date}T00:00:00Z`);
    const shift = d.getUTCDay() === 6 ? -1 : d.getUTCDay() === 0 ? 1 : 0;
    return new Date(d.getTime() + shift * 86_400_000).toISOString().slice(0, 10);
  };

  it('agrees on every weekday closure, apart from the documented differences', () => {
    let years = 0;
    for (let year = 1990; year <= 2150; year++) {
      const theirs = hd
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .filter((h) => !(year < 2023 && h.name.startsWith('Juneteenth')))
        .map((h) => h.date.slice(0, 10));
      const expected = new Set([...theirs, observed(`${year}-02-12`), observed(`${year}-11-11`)]);
      const expectedWeekdays = [...expected].filter((d) => weekday(d) % 6 !== 0).sort();
      expect({ year, dates: datesOf(year) }).toEqual({ year, dates: expectedWeekdays });
      years++;
    }
    expect(years).toBe(161);
  });

  it('really differs on the documented days (so the adjustment above is needed)', () => {
    const theirs2022 = hd.getHolidays(2022).map((h) => h.date.slice(0, 10));
    expect(theirs2022).not.toContain('2022-02-11');
    expect(theirs2022).toContain('2022-06-20');
    expect(datesOf(2022)).toContain('2022-02-11');
    expect(datesOf(2022)).not.toContain('2022-06-20');
  });
});

describe('the versioned city calendar', () => {
  it('starts at revision 0 with only the legal holidays', () => {
    const cal = defaultCalendar();
    expect(cal).toEqual({ revision: 0, version: 'cgs-1-4+city-r0', cityClosures: [] });
    expect(Object.isFrozen(cal)).toBe(true);
  });

  it('revises: next revision, closures sorted and trimmed, time stamped, nothing mutated', () => {
    const r0 = defaultCalendar();
    const input: CityClosure[] = [
      { date: '2026-12-24', name: ' Christmas Eve (half-day made whole) ' },
      { date: '2026-11-27', name: 'Day after Thanksgiving' },
    ];
    const r1 = reviseCalendar(r0, input, AT);
    expect(r1).toEqual({
      revision: 1,
      version: 'cgs-1-4+city-r1',
      cityClosures: [
        { date: '2026-11-27', name: 'Day after Thanksgiving' },
        { date: '2026-12-24', name: 'Christmas Eve (half-day made whole)' },
      ],
      updatedAt: AT,
    });
    expect(Object.isFrozen(r1.cityClosures)).toBe(true);
    expect(input[0]!.name).toBe(' Christmas Eve (half-day made whole) ');
    expect(r0.revision).toBe(0);

    const r2 = reviseCalendar(r1, [{ date: '2027-01-25', name: 'Blizzard' }], '2027-01-25T11:00:00Z');
    expect(r2).toMatchObject({ revision: 2, version: 'cgs-1-4+city-r2' });
    expect(r2.cityClosures).toEqual([{ date: '2027-01-25', name: 'Blizzard' }]);
    expect(reviseCalendar(r2, [], AT)).toMatchObject({
      revision: 3,
      version: 'cgs-1-4+city-r3',
      cityClosures: [],
    });
  });

  it('refuses invalid dates, duplicates and blank names, listing every problem', () => {
    const err = thrown(() =>
      reviseCalendar(
        defaultCalendar(),
        [
          { date: '2026-02-30', name: 'Not a day' },
          { date: '2026-2-3', name: 'Short' },
          { date: '2026-11-27', name: 'Day after Thanksgiving' },
          { date: '2026-11-27', name: 'Again' },
          { date: '2026-12-24', name: '   ' },
        ],
        AT,
      ),
    );
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.details?.issues?.map((i) => i.path)).toEqual([
      'cityClosures[0].date',
      'cityClosures[1].date',
      'cityClosures[3].date',
      'cityClosures[4].name',
    ]);
  });

  it('refuses a revision time without a zone, and a closure without a name', () => {
    expect(thrown(() => reviseCalendar(defaultCalendar(), [], '2026-11-20')).details?.issues).toEqual([
      { path: 'updatedAt', message: expect.any(String) },
    ]);
    const noName = [{ date: '2026-11-27' }] as unknown as CityClosure[];
    expect(thrown(() => reviseCalendar(defaultCalendar(), noName, AT)).details?.issues?.[0]?.path).toBe(
      'cityClosures[0].name',
    );
  });

  it('lists closed days of a year range: legal holidays and city closures, sorted', () => {
    const cal = reviseCalendar(
      defaultCalendar(),
      [
        { date: '2026-11-27', name: 'Day after Thanksgiving' },
        { date: '2026-12-25', name: 'Same day as Christmas' },
        { date: '2028-03-01', name: 'Out of range' },
      ],
      AT,
    );
    const days = closedDays(cal, 2026, 2027);
    expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
    expect(days.filter((d) => d.kind === 'city-closure').map((d) => d.date)).toEqual([
      '2026-11-27',
      '2026-12-25',
    ]);
    const christmas = days.filter((d) => d.date === '2026-12-25');
    expect(christmas.map((d) => d.kind)).toEqual(['legal-holiday', 'city-closure']);
    expect(days.filter((d) => d.kind === 'legal-holiday')).toHaveLength(
      datesOf(2026).length + datesOf(2027).length,
    );
    expect(days.some((d) => d.date.startsWith('2028'))).toBe(false);
    expect(closedDays(cal, 2027, 2026)).toEqual([]);
  });
});

describe('isBusinessDay', () => {
  const cal = defaultCalendar();

  it('is Monday to Friday, not a holiday, not a city closure', () => {
    expect(isBusinessDay('2026-11-25', cal)).toBe(true); // Wednesday
    expect(isBusinessDay('2026-11-26', cal)).toBe(false); // Thanksgiving
    expect(isBusinessDay('2026-11-27', cal)).toBe(true); // the Friday after is NOT a legal holiday
    expect(isBusinessDay('2026-11-28', cal)).toBe(false); // Saturday
    expect(isBusinessDay('2026-11-29', cal)).toBe(false); // Sunday
    expect(isBusinessDay('2026-07-03', cal)).toBe(false); // Independence Day observed
    expect(isBusinessDay('2026-04-03', cal)).toBe(false); // Good Friday
    expect(isBusinessDay('2023-01-02', cal)).toBe(false); // New Year's observed
  });

  it('sees the closures of the calendar it is given, and only those (memo per calendar)', () => {
    const r1 = reviseCalendar(cal, [{ date: '2026-11-27', name: 'Day after Thanksgiving' }], AT);
    const r2 = reviseCalendar(r1, [], AT);
    expect(isBusinessDay('2026-11-27', cal)).toBe(true);
    expect(isBusinessDay('2026-11-27', r1)).toBe(false);
    expect(isBusinessDay('2026-11-27', r2)).toBe(true);
    expect(isBusinessDay('2026-11-27', r1)).toBe(false);
    // A calendar loaded from storage (plain JSON, not frozen) works the same.
    const loaded = JSON.parse(JSON.stringify(r1)) as HolidayCalendar;
    expect(isBusinessDay('2026-11-27', loaded)).toBe(false);
  });

  it('answers 100 years of days quickly once memoized', () => {
    let open = 0;
    const start = Date.UTC(2000, 0, 1);
    for (let i = 0; i < 36_525; i++) {
      if (isBusinessDay(new Date(start + i * 86_400_000).toISOString().slice(0, 10), cal)) open++;
    }
    // ~261 weekdays a year less 12–13 holidays.
    expect(open).toBeGreaterThan(100 * 246);
    expect(open).toBeLessThan(100 * 250);
  });

  it('refuses what is not a calendar date', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-11-27T00:00:00Z')).toBe(false);
    expect(() => isBusinessDay('2026-11-31', cal)).toThrow(PlatformError);
    expect(() => isBusinessDay('tomorrow', cal)).toThrow(PlatformError);
  });
});
