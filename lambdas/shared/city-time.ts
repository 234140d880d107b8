/**
 * The city's wall clock (America/New_York for Danbury, DST included), read from an
 * instant: the statutory clocks' dates, the admin UI's time fields and the appeal
 * packet's timestamps all read it here. Building an Intl.DateTimeFormat is slow;
 * each is built once per Lambda instance.
 */
import { CITY } from './city-profile';

export interface CityWallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
  /** `EST` / `EDT` */
  timeZoneName: string;
}

let dateFormat: Intl.DateTimeFormat | undefined;
let clockFormat: Intl.DateTimeFormat | undefined;

const partsOf = (format: Intl.DateTimeFormat, instant: string | number) =>
  Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));

/** The city's calendar date of an instant, `YYYY-MM-DD` ('2026-11-28T04:30:00Z' is still 2026-11-27). */
export function cityDateOf(instant: string | number): string {
  // Date fields only: the statutory clocks read this for every request on a page.
  dateFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: CITY.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const p = partsOf(dateFormat, instant);
  return `${(p.year ?? '').padStart(4, '0')}-${p.month}-${p.day}`;
}

/** Every wall-clock field of an instant in the city, with the zone's short name. */
export function cityWallClock(instant: string | number): CityWallClock {
  clockFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: CITY.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  return partsOf(clockFormat, instant) as unknown as CityWallClock;
}

/** '2025-03-07 16:45 EST': an instant as the city's wall clock shows it (letters, the appeal packet). */
export function cityDateTimeText(instant: string | number): string {
  const p = cityWallClock(instant);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName}`;
}
