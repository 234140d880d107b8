/** How the admin UI shows times, dates, departments and sizes: in the city's time zone, in words. */
import { CITY, DEPARTMENTS, departmentById } from '../shared/city-profile';
import { cityWallClock } from '../shared/city-time';

let dateTimeFormat: Intl.DateTimeFormat | undefined;
let dateFormat: Intl.DateTimeFormat | undefined;

/** `2026-11-20T15:15:00Z` → `Fri, Nov 20, 2026, 10:15 AM` (New York time). */
export function formatDateTime(instant: string | undefined | null): string {
  if (!instant) return '';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  dateTimeFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: CITY.timeZone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
  return dateTimeFormat.format(date);
}

/** A calendar date `2026-11-20` → `Fri, Nov 20, 2026` (no time zone shift: it is already a city date). */
export function formatDate(calendarDate: string | undefined | null): string {
  if (!calendarDate) return '';
  const date = new Date(`${calendarDate}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return calendarDate;
  dateFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
  return dateFormat.format(date);
}

/** The UTC offset of the city at an instant, in minutes (−300 in winter, −240 in summer). */
function cityOffsetMinutes(utcMs: number): number {
  const parts = cityWallClock(utcMs);
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((asUtc - utcMs) / 60_000);
}

/**
 * A wall-clock time in the city, as a `datetime-local` input gives it (`2026-11-20T10:15`),
 * as an ISO instant with the city's offset (`2026-11-20T10:15:00-05:00`). Undefined when malformed.
 */
export function cityWallTimeToIso(local: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const wallAsUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  if (Number.isNaN(wallAsUtc)) return undefined;
  // Two passes settle the offset across a DST change.
  let offset = cityOffsetMinutes(wallAsUtc);
  offset = cityOffsetMinutes(wallAsUtc - offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${sign}${hh}:${mm}`;
}

/** The city wall-clock time of an instant, for a `datetime-local` input's value. */
export function cityWallTime(instant: string): string {
  const ms = Date.parse(instant);
  const shifted = new Date(ms + cityOffsetMinutes(ms) * 60_000).toISOString();
  return shifted.slice(0, 16);
}

export function departmentName(id: string | undefined | null): string {
  if (!id) return '';
  return departmentById(id)?.name ?? id;
}

export { DEPARTMENTS };

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '';
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** `in-progress` → `In progress`. */
export function words(code: string): string {
  const text = code.replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
