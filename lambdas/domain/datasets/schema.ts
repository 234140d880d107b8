/**
 * Column schemas of dataset versions: field names from CSV headers, type
 * inference while a file streams through, value coercion, and the rule that
 * holds a dataset to its published schema. Pure; no AWS imports.
 */
import type { ColumnType } from './dataset';

export interface SchemaColumn {
  /** Query name: lowercase letters, digits and underscores. */
  field: string;
  /** The header as the file had it. */
  title: string;
  type: ColumnType;
  description: string;
  /** Ingestion prepares a sorted copy of the rows for each sortable column. */
  sortable: boolean;
}

/** `Permit Number` → `permit_number`; unique, never empty, never starting with a digit. */
export function fieldNamesFromHeaders(headers: readonly string[]): string[] {
  const used = new Set<string>();
  return headers.map((header, i) => {
    let base = header
      .replace(/^\uFEFF/, '')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 64);
    if (!base) base = `column_${i + 1}`;
    if (/^[0-9]/.test(base)) base = `_${base}`.slice(0, 64);
    let name = base;
    // The suffix fits inside the 64 characters a field name may have.
    for (let n = 2; used.has(name); n++) name = `${base.slice(0, 64 - String(n).length - 1)}_${n}`;
    used.add(name);
    return name;
  });
}

// Candidate bits: a column keeps the types every non-empty value so far fits.
const INTEGER = 1;
const NUMBER = 2;
const BOOLEAN = 4;
const DATE = 8;
const DATETIME = 16;
const ALL = INTEGER | NUMBER | BOOLEAN | DATE | DATETIME;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const US_DATE_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DATETIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(:(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  if (m !== 2) return d <= DAYS_IN_MONTH[m - 1]!;
  // As Date.UTC reads the year: 0–99 are 1900–1999.
  const year = y >= 0 && y <= 99 ? 1900 + y : y;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return d <= (leap ? 29 : 28);
}

/** Value of the digits raw[from, to), or -1 if one is not an ASCII digit. */
function digitsAt(raw: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = raw.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** `YYYY-MM-DD` from ISO or US (M/D/YYYY) dates; undefined if not a real date. */
export function toIsoDate(raw: string): string | undefined {
  // The common case without a regex: exactly `DDDD-DD-DD`.
  if (raw.length === 10 && raw.charCodeAt(4) === 45 && raw.charCodeAt(7) === 45) {
    const y = digitsAt(raw, 0, 4);
    const mo = digitsAt(raw, 5, 7);
    const d = digitsAt(raw, 8, 10);
    if (y >= 0 && mo >= 0 && d >= 0) return validDate(y, mo, d) ? raw : undefined;
  }
  let m = DATE_RE.exec(raw);
  if (m) return validDate(+m[1]!, +m[2]!, +m[3]!) ? raw : undefined;
  m = US_DATE_RE.exec(raw);
  if (m && validDate(+m[3]!, +m[1]!, +m[2]!))
    return `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
  return undefined;
}

const offsetCache = new Map<string, number>();
// Made on first use: building a time-zone formatter loads ICU data, ~15 ms that
// every Lambda importing this module would otherwise pay at cold start.
let newYorkFormat: Intl.DateTimeFormat | undefined;
function newYork(): Intl.DateTimeFormat {
  newYorkFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/New_York',
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return newYorkFormat;
}

/** Offset of New York local time from UTC (ms) at a UTC instant, cached per hour. */
function newYorkOffset(utcMs: number): number {
  const hourKey = String(Math.floor(utcMs / 3_600_000));
  const cached = offsetCache.get(hourKey);
  if (cached !== undefined) return cached;
  const parts = Object.fromEntries(
    newYork()
      .formatToParts(new Date(utcMs))
      .map((p) => [p.type, Number(p.value)]),
  );
  const local = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
  const offset = local - Math.floor(utcMs / 1000) * 1000;
  if (offsetCache.size > 10_000) offsetCache.clear();
  offsetCache.set(hourKey, offset);
  return offset;
}

/**
 * ISO 8601 instant (UTC) from a date-time. A value without an offset is city
 * local time (America/New_York), as city systems export it.
 */
export function toIsoDatetime(raw: string): string | undefined {
  const m = DATETIME_RE.exec(raw);
  if (!m || !validDate(+m[1]!, +m[2]!, +m[3]!) || +m[4]! > 23 || +m[5]! > 59 || +(m[7] ?? 0) > 59)
    return undefined;
  const iso = raw.replace(' ', 'T');
  if (m[9]) {
    const time = Date.parse(m[9].length === 5 ? `${iso.slice(0, -2)}:${iso.slice(-2)}` : iso);
    return Number.isNaN(time) ? undefined : new Date(time).toISOString();
  }
  const asUtc = Date.parse(`${iso}Z`);
  if (Number.isNaN(asUtc)) return undefined;
  const guess = asUtc - newYorkOffset(asUtc);
  return new Date(asUtc - newYorkOffset(guess)).toISOString();
}

/**
 * INTEGER | NUMBER when `raw` is a plain whole number that reads back as
 * written (past 2^53 it stays text), NUMBER for a plain decimal, else 0; the
 * same as `/^-?(0|[1-9][0-9]*)$/` and `/^-?(0|[1-9][0-9]*)(\.[0-9]+)?$|^-?\.[0-9]+$/`
 * with a finite value, by character codes.
 */
function numberBits(raw: string): number {
  const length = raw.length;
  let i = raw.charCodeAt(0) === 45 ? 1 : 0; // '-'
  const intStart = i;
  while (i < length) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  const intDigits = i - intStart;
  // No leading zeros: `0`, `0.5` and `12` but not `012`.
  if (intDigits > 1 && raw.charCodeAt(intStart) === 48) return 0;
  if (i === length) {
    if (intDigits === 0) return 0;
    // Up to 15 digits is always below 2^53.
    return intDigits <= 15 || Number.isSafeInteger(Number(raw)) ? INTEGER | NUMBER : 0;
  }
  if (raw.charCodeAt(i) !== 46) return 0; // '.'
  i++;
  if (i === length) return 0; // `1.` needs a digit after the point
  for (; i < length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return 0;
  }
  // Up to 300 digits before the point is always finite.
  return intDigits <= 300 || Number.isFinite(Number(raw)) ? NUMBER : 0;
}

/** Whether `raw` could be a date-time: `DDDD-DD-DD` then `T` or a space (the regex decides). */
function datetimeShape(raw: string): boolean {
  const sep = raw.charCodeAt(10);
  return raw.charCodeAt(4) === 45 && raw.charCodeAt(7) === 45 && (sep === 84 || sep === 32);
}

/** The candidate types (of `candidates`) that non-empty `raw` fits; checks only those. */
function fits(raw: string, candidates: number): number {
  let bits = 0;
  const first = raw.charCodeAt(0);
  const numeric = (first >= 48 && first <= 57) || first === 45 || first === 46; // digit, '-', '.'
  if (numeric) {
    if (candidates & (INTEGER | NUMBER)) bits |= numberBits(raw);
    if (candidates & DATE && raw.length >= 8 && toIsoDate(raw)) bits |= DATE;
    if (candidates & DATETIME && raw.length >= 16 && datetimeShape(raw) && toIsoDatetime(raw))
      bits |= DATETIME;
  } else if (
    candidates & BOOLEAN &&
    (raw === 'true' ||
      raw === 'false' ||
      raw === 'TRUE' ||
      raw === 'FALSE' ||
      raw === 'True' ||
      raw === 'False')
  ) {
    bits |= BOOLEAN;
  }
  return bits & candidates;
}

function typeOf(bits: number, seen: boolean): ColumnType {
  if (!seen) return 'text';
  if (bits & INTEGER) return 'integer';
  if (bits & NUMBER) return 'number';
  if (bits & BOOLEAN) return 'boolean';
  if (bits & DATE) return 'date';
  if (bits & DATETIME) return 'datetime';
  return 'text';
}

/** Watches every cell of a streaming file and names the narrowest type each column fits. */
export class TypeInferrer {
  private readonly bits: number[];
  private readonly seen: boolean[];

  constructor(columnCount: number) {
    this.bits = new Array<number>(columnCount).fill(ALL);
    this.seen = new Array<boolean>(columnCount).fill(false);
  }

  observe(cells: readonly string[]): void {
    for (let i = 0; i < this.bits.length; i++) {
      const raw = cells[i];
      if (raw === undefined || raw === '') continue;
      this.seen[i] = true;
      const current = this.bits[i]!;
      // A column down to text has nothing left to check.
      if (current !== 0) this.bits[i] = fits(raw, current);
    }
  }

  types(): ColumnType[] {
    return this.bits.map((bits, i) => typeOf(bits, this.seen[i]!));
  }

  /** Whether column `i` had any non-empty value (an empty column says nothing about its type). */
  hasValues(i: number): boolean {
    return this.seen[i] ?? false;
  }
}

export type CellValue = string | number | boolean | null;

/** A raw CSV cell as the column's type; an empty cell is null. Values that do not fit are null. */
export function coerceCell(type: ColumnType, raw: string | undefined): CellValue {
  if (raw === undefined || raw === '') return null;
  switch (type) {
    case 'text':
      return raw;
    case 'integer':
    case 'number': {
      const n = Number(raw);
      return Number.isFinite(n) ? n : null;
    }
    case 'boolean':
      return /^true$/i.test(raw) ? true : /^false$/i.test(raw) ? false : null;
    case 'date':
      return toIsoDate(raw) ?? null;
    case 'datetime':
      return toIsoDatetime(raw) ?? null;
  }
}

export function coerceRow(columns: readonly { type: ColumnType }[], raw: readonly string[]): CellValue[] {
  const out = new Array<CellValue>(columns.length);
  for (let i = 0; i < columns.length; i++) out[i] = coerceCell(columns[i]!.type, raw[i]);
  return out;
}

/** Whether values of type `actual` can be read as `held` without loss (the published schema holds). */
export function fitsHeldType(actual: ColumnType, held: ColumnType): boolean {
  if (actual === held || held === 'text') return true;
  if (held === 'number' && actual === 'integer') return true;
  return false;
}

export interface SchemaChange {
  kind: 'column-removed' | 'type-changed' | 'column-added';
  field: string;
  from?: ColumnType;
  to?: ColumnType;
  breaking: boolean;
}

/**
 * Compares a new file's inferred columns with the dataset's published schema.
 * Removing a column or changing its type breaks consumers; adding one does not.
 */
export function compareWithHeldSchema(
  held: readonly Pick<SchemaColumn, 'field' | 'type'>[],
  inferred: readonly Pick<SchemaColumn, 'field' | 'type'>[],
): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const byField = new Map(inferred.map((c) => [c.field, c]));
  for (const column of held) {
    const next = byField.get(column.field);
    if (!next)
      changes.push({ kind: 'column-removed', field: column.field, from: column.type, breaking: true });
    else if (!fitsHeldType(next.type, column.type)) {
      changes.push({
        kind: 'type-changed',
        field: column.field,
        from: column.type,
        to: next.type,
        breaking: true,
      });
    }
  }
  const heldFields = new Set(held.map((c) => c.field));
  for (const column of inferred) {
    if (!heldFields.has(column.field)) {
      changes.push({ kind: 'column-added', field: column.field, to: column.type, breaking: false });
    }
  }
  return changes;
}
