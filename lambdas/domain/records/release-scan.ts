/**
 * The release gate for documents given to a public-records requester. Before
 * release, every text-bearing file (CSV, plain text, JSON, the text layer of
 * a PDF) passes the personal-data scanner that guards open datasets
 * (lambdas/domain/personal-data, docs/personal-data-gate.md), and a check for
 * the residential addresses of people protected by C.G.S. §1-217 against the
 * staff-maintained list (protected-addresses.ts). Pure: no I/O, no logging;
 * lambdas/ingestion/extract-document-text.ts feeds it from a file.
 *
 * What blocks a release (releaseNeedsDecision): any finding, a file that could
 * not be scanned (`not-scannable`: images, scanned PDFs without a text layer,
 * Word, Excel, zip, invalid UTF-8 ...), and a file scanned only in part
 * (`truncated`: size caps, PDF pages without text, a CSV syntax error). The
 * caller keeps such a document from release until staff upload a redacted
 * version or record a decision. A clean report is not proof of a clean
 * document: it says the patterns below were not found.
 *
 * A finding holds where (column or "text"), the pattern, how many cells or
 * lines matched and up to 5 sample locations ("row 12", "line 40", "page 2"),
 * never a matched value. Column names come from the header row, which is
 * scanned like data: a header cell that holds personal data or more than 4
 * digits (a file without a header) is named by position ("column 3").
 *
 * CSV (`scanRow`, first row = header): exactly the dataset rules per column
 * (planColumns: SSN, birth, phone, license, bank and person-address columns),
 * plus the free-text context rules below inside every cell, so a notes column
 * saying "DOB 3/12/1985" is caught too.
 *
 * Free text (`scanText`: text, JSON and PDF pages, line by line): the patterns
 * the dataset scanner finds anywhere in a cell (formatted SSNs, e-mail
 * addresses, formatted phone numbers, card numbers) are found anywhere in a
 * line. Patterns that need a column name to be told apart from ordinary
 * numbers and dates take their context from the line instead:
 * - Labels: "Label: value" pairs (form letters, PDF forms, JSON keys) are read
 *   like a column: the label (up to 4 words before a colon) is classified by
 *   the same column-name rules, and the value up to the next label is scanned
 *   with that column's rules. So "SSN: 123456789", "Date of Birth: 03/12/1985",
 *   `"dob": "1985-03-12"`, "Cell: 2035550147", "Account #: 12345678" are found,
 *   while "Permit: 123456789" or "Issued: 03/12/1985" are not. A label that
 *   names a person ("Owner:", "Tenant Name:") makes street addresses anywhere
 *   in that line personal, as a person column does in a dataset.
 * - Dates of birth: a full date right after "DOB", "D.O.B.", "date of birth",
 *   "birth date", "birthdate", "birthday" or "born" (optionally followed by
 *   "on", "is", "was", ":" ...): "born on March 12, 1985", "DOB 3/12/85". Not a
 *   date before the keyword, nor a year alone ("born in 1985"). Every other
 *   date in a letter is ordinary (hearing dates, deadlines), so there is no
 *   date rule without a keyword.
 * - Bare SSNs: 7 to 9 digits right after "SSN", "SS#", "social security (no)"
 *   or "taxpayer id" without a colon ("SSN 123456789", as PDF forms lay out
 *   label and value); formatted SSNs are found anywhere anyway.
 * - Street addresses: the dataset's address rule (house number, street, suffix)
 *   within 80 characters before and 120 after "address", "addr", "residence",
 *   "resides", "residing", "lives at", "living at" or "domicile". This errs on
 *   the side of review: "the property address is 12 Main St" is reported
 *   although property and business locations are usually public; a staff
 *   decision clears it. An address without such a word nearby is not reported,
 *   because letters and reports are full of incident, property and office
 *   locations.
 * Context is one line: a label on one line and its value on the next (common
 * in PDF forms) is not connected. Lines longer than MAX_SCANNED_CHARS are
 * scanned in overlapping windows that start and end at spaces.
 *
 * Protected addresses are looked for in every cell and line, and across
 * adjacent CSV cells when one holds a bare house number ("12" | "N Main St").
 */
import {
  COL_ADDRESS,
  COL_BIRTH,
  COL_SSN,
  FOUND_ADDRESS,
  FOUND_BIRTH_DATE,
  FOUND_SSN,
  MAX_SCANNED_CHARS,
  scanCell,
} from '../personal-data/cell-scan';
import { PATTERN_COUNT, PERSONAL_DATA_PATTERNS, type PersonalDataPattern } from '../personal-data/patterns';
import { columnFlags, planColumns } from '../personal-data/scanner';
import {
  createProtectedAddressMatcher,
  PROTECTED_ADDRESS_CATEGORIES,
  type ProtectedAddress,
  type ProtectedAddressMatch,
  type ProtectedAddressMatcher,
} from './protected-addresses';

export type DocumentKind = 'csv' | 'text' | 'json' | 'pdf' | 'not-scannable';
export type ScannableKind = Exclude<DocumentKind, 'not-scannable'>;

/** Pattern id of a finding about a §1-217 protected address (the others are PersonalDataPattern ids). */
export const PROTECTED_ADDRESS_PATTERN = 'protected-address';
export const MAX_SAMPLE_LOCATIONS = 5;

export interface DocumentFinding {
  /** A PersonalDataPattern id, or 'protected-address'. */
  pattern: PersonalDataPattern | typeof PROTECTED_ADDRESS_PATTERN;
  /** Title for staff (for protected addresses, with the §1-217 category). */
  label: string;
  /** 'column "ssn"', 'column 3' (header unusable or missing), 'row (across columns)', or 'text'. */
  where: string;
  /** Cells (CSV) or lines (text, JSON, PDF) where the pattern was found; each counted once per pattern. */
  count: number;
  /** Up to 5 distinct locations, in file order: 'row 12' (data rows, header excluded), 'header row', 'line 40', 'page 2'. */
  sampleLocations: string[];
}

export interface DocumentScanReport {
  scannedAs: DocumentKind;
  /** Bytes of the file that were read and scanned. */
  bytesScanned: number;
  /** Part of the file was not scanned (size cap, PDF pages without text, CSV syntax error): see `note`. */
  truncated: boolean;
  /** In file order: CSV by column, then pattern (PERSONAL_DATA_PATTERNS order, protected addresses last). */
  findings: DocumentFinding[];
  /** Why the file was not (fully) scanned. Never holds file content. */
  note?: string;
}

/**
 * Whether staff must act before the document may be released: a finding, a
 * file that could not be scanned, or one scanned only in part.
 */
export function releaseNeedsDecision(report: DocumentScanReport): boolean {
  return report.findings.length > 0 || report.scannedAs === 'not-scannable' || report.truncated;
}

export function notScannableReport(
  note: string,
  options: { bytesScanned?: number; truncated?: boolean; findings?: DocumentFinding[] } = {},
): DocumentScanReport {
  return {
    scannedAs: 'not-scannable',
    bytesScanned: options.bytesScanned ?? 0,
    truncated: options.truncated ?? false,
    findings: options.findings ?? [],
    note,
  };
}

// ---------------------------------------------------------------- file kinds

const EXTENSION_KINDS: Readonly<Record<string, ScannableKind>> = {
  csv: 'csv',
  txt: 'text',
  text: 'text',
  log: 'text',
  md: 'text',
  markdown: 'text',
  tsv: 'text',
  tab: 'text',
  htm: 'text',
  html: 'text',
  xml: 'text',
  json: 'json',
  geojson: 'json',
  jsonl: 'json',
  ndjson: 'json',
  pdf: 'pdf',
};

const CONTENT_TYPE_KINDS: Readonly<Record<string, ScannableKind>> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/comma-separated-values': 'csv',
  'text/plain': 'text',
  'text/markdown': 'text',
  'text/tab-separated-values': 'text',
  'text/html': 'text',
  'text/xml': 'text',
  'application/xml': 'text',
  'application/json': 'json',
  'application/x-ndjson': 'json',
  'application/pdf': 'pdf',
};

/**
 * How a file is scanned: by its extension, else by its content type, else
 * 'not-scannable' (images, Word, Excel, zip, e-mail files ...). The content is
 * checked while scanning: a "PDF" that is not one, or "text" that is not
 * UTF-8, is reported not-scannable then.
 */
export function kindOf(fileName: string, contentType?: string): DocumentKind {
  const dot = fileName.lastIndexOf('.');
  const extension = dot >= 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  const byExtension = Object.hasOwn(EXTENSION_KINDS, extension) ? EXTENSION_KINDS[extension] : undefined;
  if (byExtension) return byExtension;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (Object.hasOwn(CONTENT_TYPE_KINDS, type)) return CONTENT_TYPE_KINDS[type]!;
  if (type.endsWith('+json')) return 'json';
  return 'not-scannable';
}

// ---------------------------------------------------------------- free text

/** Windows of a long line overlap by this much, so a pattern on a window edge is seen whole. */
const WINDOW_OVERLAP = 512;
const LABEL_CACHE_LIMIT = 10_000;

/** COL_* traits of a label read as a column name; cached, labels repeat on every page of a form. */
const labelFlagsCache = new Map<string, number>();

function labelFlags(label: string): number {
  let flags = labelFlagsCache.get(label);
  if (flags === undefined) {
    flags = columnFlags(planColumns([label])[0]!);
    if (labelFlagsCache.size >= LABEL_CACHE_LIMIT) labelFlagsCache.clear();
    labelFlagsCache.set(label, flags);
  }
  return flags;
}

/**
 * The label before a colon: up to 4 words, each starting with a letter (or
 * '#'), optionally quoted, after the start, a space or a mark ("SSN",
 * "Date of Birth", "License #", `"dob"`). A number is never part of a label,
 * so "SSN: 212345678 DOB: ..." ends the SSN value at "DOB".
 */
const LABEL_BEFORE_COLON =
  /(?:^|[^\p{L}\p{N}_#.'\u2019-])["']?((?:(?:\p{L}[\p{L}\p{N}_#.'\u2019-]*|#) ){0,3}(?:\p{L}[\p{L}\p{N}_#.'\u2019-]*|#))["']?\s*$/du;
const HAS_LETTER = /\p{L}/u;
const LABEL_LOOKBEHIND = 64;
/** Space, tab, no-break space, " ' ( [ { */
const VALUE_LEAD: ReadonlySet<number> = new Set([32, 9, 0xa0, 34, 39, 40, 91, 123]);

/**
 * "Label: value" pairs read as column name and cell. Returns the FOUND_* bits
 * of the values, plus street addresses anywhere in the line when a label
 * names a person.
 */
function scanLabelledValues(line: string): number {
  const starts: number[] = [];
  const colons: number[] = [];
  const flags: number[] = [];
  for (let colon = line.indexOf(':'); colon >= 0; colon = line.indexOf(':', colon + 1)) {
    let from = Math.max(0, colon - LABEL_LOOKBEHIND);
    // Do not start inside a word.
    while (from > 0 && from < colon && !isBlank(line.charCodeAt(from - 1))) from++;
    const m = LABEL_BEFORE_COLON.exec(line.slice(from, colon));
    if (!m || !HAS_LETTER.test(m[1]!)) continue;
    let start = from + m.indices![1]![0];
    if (start > 0 && (line.charCodeAt(start - 1) === 34 || line.charCodeAt(start - 1) === 39)) start--;
    starts.push(start);
    colons.push(colon);
    flags.push(labelFlags(m[1]!));
  }
  let found = 0;
  let personLine = false;
  for (let i = 0; i < colons.length; i++) {
    const f = flags[i]!;
    if (f === 0) continue;
    if ((f & COL_ADDRESS) !== 0) personLine = true;
    const end = i + 1 < colons.length ? starts[i + 1]! : line.length;
    // The value starts after the colon, spaces and an opening quote or bracket (JSON strings).
    let from = colons[i]! + 1;
    while (from < end && VALUE_LEAD.has(line.charCodeAt(from))) from++;
    found |= scanCell(line.slice(from, end), f & ~COL_ADDRESS);
  }
  if (personLine) found |= scanCell(line, COL_ADDRESS) & FOUND_ADDRESS;
  return found;
}

const BIRTH_KEYWORDS =
  /\b(?:d\.?\s?o\.?\s?b|date\s+of\s+birth|birth\s*-?\s*date|birthdate|birthday|born)\b\.?/gi;
const SSN_KEYWORDS =
  /\b(?:ssn|s\.s\.n|ss\s?#|soc(?:ial|\.)?\s*sec(?:urity|\.)?(?:\s+(?:no|num|number))?|taxpayer\s+id(?:entification)?(?:\s+(?:no|num|number))?)(?:\b|(?<=#))\.?/gi;
/** Separators and small words between a keyword and its value: "DOB:", "born on", "SSN #", "SSN is". */
const AFTER_KEYWORD = /^(?:[\s:=|,"'()#.\u2013\u2014-]|\b(?:on|is|was|of|no|number)\b)*/i;

/**
 * A value right after a keyword, read with a column's rules: a date of birth
 * after "DOB" or "born" (the date must start the value), an SSN after "SSN" or
 * "social security number" (the digits must start the value: "SSN 123456789",
 * not "SSN unknown, ref 1234567").
 */
function valueAfterKeyword(
  line: string,
  keywords: RegExp,
  flags: number,
  bit: number,
  digitFirst: boolean,
): number {
  keywords.lastIndex = 0;
  for (let m = keywords.exec(line); m; m = keywords.exec(line)) {
    const rest = line.slice(keywords.lastIndex, keywords.lastIndex + 80);
    const skip = AFTER_KEYWORD.exec(rest)![0].length;
    const first = rest.charCodeAt(skip);
    if (digitFirst && !(first >= 48 && first <= 57)) continue;
    if (scanCell(rest.slice(skip, skip + (digitFirst ? 16 : 40)), flags) & bit) return bit;
  }
  return 0;
}

const ADDRESS_KEYWORDS =
  /\b(?:address(?:es)?|addr|residence|resides|reside|residing|lives\s+at|living\s+at|domicile)\b/gi;
const BEFORE_ADDRESS_KEYWORD = 80;
const AFTER_ADDRESS_KEYWORD = 120;

const isBlank = (c: number) => c === 32 || c === 9 || c === 0xa0;

/** `start` moved forward past the word it cuts into; `end` moved back before the word it cuts into. */
function wordWindow(line: string, start: number, end: number): string {
  if (start > 0 && !isBlank(line.charCodeAt(start - 1))) {
    while (start < end && !isBlank(line.charCodeAt(start))) start++;
  }
  if (end < line.length && !isBlank(line.charCodeAt(end))) {
    while (end > start && !isBlank(line.charCodeAt(end - 1))) end--;
  }
  return line.slice(start, end);
}

function addressNearKeyword(line: string): number {
  ADDRESS_KEYWORDS.lastIndex = 0;
  for (let m = ADDRESS_KEYWORDS.exec(line); m; m = ADDRESS_KEYWORDS.exec(line)) {
    const start = Math.max(0, m.index - BEFORE_ADDRESS_KEYWORD);
    const end = Math.min(line.length, ADDRESS_KEYWORDS.lastIndex + AFTER_ADDRESS_KEYWORD);
    if (scanCell(wordWindow(line, start, end), COL_ADDRESS) & FOUND_ADDRESS) return FOUND_ADDRESS;
  }
  return 0;
}

const HAS_DIGIT = /\d/;

/** FOUND_* bits of one piece of text at most MAX_SCANNED_CHARS long, with the column traits `flags`. */
function scanPiece(text: string, flags: number): number {
  let found = scanCell(text, flags);
  // Every context rule looks for numbers; most prose lines have none.
  if (!HAS_DIGIT.test(text)) return found;
  if (text.includes(':')) found |= scanLabelledValues(text);
  if ((found & FOUND_BIRTH_DATE) === 0) {
    found |= valueAfterKeyword(text, BIRTH_KEYWORDS, COL_BIRTH, FOUND_BIRTH_DATE, false);
  }
  if ((found & FOUND_SSN) === 0) found |= valueAfterKeyword(text, SSN_KEYWORDS, COL_SSN, FOUND_SSN, true);
  if ((found & FOUND_ADDRESS) === 0) found |= addressNearKeyword(text);
  return found;
}

/** FOUND_* bits of a line of free text or a cell (column traits `flags`), scanned in windows when long. */
function scanFreeText(text: string, flags: number): number {
  const len = text.length;
  if (len <= MAX_SCANNED_CHARS) return scanPiece(text, flags);
  let found = 0;
  let start = 0;
  for (;;) {
    const end = start + MAX_SCANNED_CHARS;
    if (end >= len) return found | scanPiece(text.slice(start), flags);
    found |= scanPiece(wordWindow(text, start, end), flags);
    start = end - WINDOW_OVERLAP;
  }
}

/** The personal-data patterns found in one line of free text (for previews and tests). */
export function personalDataInText(line: string): PersonalDataPattern[] {
  const found = scanFreeText(line, 0);
  return PERSONAL_DATA_PATTERNS.filter((_, p) => (found & (1 << p)) !== 0).map((p) => p.pattern);
}

// ---------------------------------------------------------------- findings

const PROTECTED_LABEL = 'Residential address of a protected person (C.G.S. \u00a71-217)';
/** Pattern slots: the personal-data patterns, then one per §1-217 category, then unknown categories. */
const PROTECTED_SLOT = PATTERN_COUNT;
const SLOTS = PATTERN_COUNT + PROTECTED_ADDRESS_CATEGORIES.length + 1;
const ACROSS_COLUMNS = 1 << 20;

function protectedSlot(category: string): number {
  const i = PROTECTED_ADDRESS_CATEGORIES.findIndex((c) => c.category === category);
  return PROTECTED_SLOT + (i < 0 ? PROTECTED_ADDRESS_CATEGORIES.length : i);
}

function slotPattern(slot: number): DocumentFinding['pattern'] {
  return slot < PATTERN_COUNT ? PERSONAL_DATA_PATTERNS[slot]!.pattern : PROTECTED_ADDRESS_PATTERN;
}

function slotLabel(slot: number): string {
  if (slot < PATTERN_COUNT) return PERSONAL_DATA_PATTERNS[slot]!.title;
  const category = PROTECTED_ADDRESS_CATEGORIES[slot - PROTECTED_SLOT];
  return category ? `${PROTECTED_LABEL}: ${category.title}` : PROTECTED_LABEL;
}

interface Tally {
  where: string;
  slot: number;
  count: number;
  samples: string[];
}

/** Findings keyed by place (column index, or 0 for text) and pattern slot. */
class Tallies {
  private readonly byKey = new Map<number, Tally>();

  add(place: number, where: string, slot: number, location: string): void {
    const key = place * SLOTS + slot;
    let tally = this.byKey.get(key);
    if (!tally) {
      tally = { where, slot, count: 0, samples: [] };
      this.byKey.set(key, tally);
    }
    tally.count++;
    const samples = tally.samples;
    if (samples.length < MAX_SAMPLE_LOCATIONS && samples[samples.length - 1] !== location) {
      if (!samples.includes(location)) samples.push(location);
    }
  }

  addMask(place: number, where: string, found: number, location: string): void {
    for (let p = 0; p < PATTERN_COUNT; p++) {
      if ((found & (1 << p)) !== 0) this.add(place, where, p, location);
    }
  }

  /** Each category counted once per cell or line. */
  addProtected(
    place: number,
    where: string,
    matches: readonly ProtectedAddressMatch[],
    location: string,
  ): void {
    let seen = 0;
    for (const m of matches) {
      const slot = protectedSlot(m.category);
      const bit = 1 << (slot - PROTECTED_SLOT);
      if ((seen & bit) !== 0) continue;
      seen |= bit;
      this.add(place, where, slot, location);
    }
  }

  findings(): DocumentFinding[] {
    return [...this.byKey.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, t]) => ({
        pattern: slotPattern(t.slot),
        label: slotLabel(t.slot),
        where: t.where,
        count: t.count,
        sampleLocations: [...t.samples],
      }));
  }
}

// ---------------------------------------------------------------- the scanner

export interface ReleaseScannerOptions {
  kind: ScannableKind;
  /** The §1-217 list, or a matcher built from it once for many documents. */
  protectedAddresses: readonly ProtectedAddress[] | ProtectedAddressMatcher;
}

export interface ReleaseScanner {
  /** CSV only: the first call is the header row, then one call per data row. */
  scanRow(cells: readonly string[]): void;
  /** Text, JSON and PDF: `text` may hold several lines; `location` is recorded as the sample ("line 40", "page 2"). */
  scanText(text: string, location: string): void;
  /**
   * The report so far. `bytesScanned` defaults to the characters scanned; the
   * file reader passes the real byte count, `truncated` and a `note`.
   */
  report(summary?: { bytesScanned?: number; truncated?: boolean; note?: string }): DocumentScanReport;
}

const MAX_COLUMN_LABEL = 80;
const BARE_HOUSE_NUMBER = /^\s*\d{1,6}[A-Za-z]?\s*$/;
const CONTROL_CHARACTERS = /\p{Cc}/u;

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

export function createReleaseScanner(options: ReleaseScannerOptions): ReleaseScanner {
  const { kind } = options;
  const matcher =
    'findIn' in options.protectedAddresses
      ? options.protectedAddresses
      : createProtectedAddressMatcher(options.protectedAddresses);
  const checkAddresses = matcher.size > 0;
  const tallies = new Tallies();
  let chars = 0;

  // CSV state, set by the header row.
  let header: readonly string[] | undefined;
  let flags: Int32Array = new Int32Array(0);
  let whereOf: string[] = [];
  let row = 0;

  const columnWhere = (c: number) => whereOf[c] ?? `column ${c + 1}`;

  function scanHeader(cells: readonly string[]): void {
    header = [...cells];
    flags = Int32Array.from(planColumns(header), columnFlags);
    whereOf = header.map((name, c) => {
      const found = scanFreeText(name, 0);
      const protectedMatches = checkAddresses ? matcher.findIn(name) : [];
      const where = `column ${c + 1}`;
      if (found !== 0) tallies.addMask(c, where, found, 'header row');
      if (protectedMatches.length > 0) tallies.addProtected(c, where, protectedMatches, 'header row');
      // A header cell that is data (no header row), or unfit as a label, is named by position.
      const usable =
        found === 0 &&
        protectedMatches.length === 0 &&
        name.trim().length > 0 &&
        name.length <= MAX_COLUMN_LABEL &&
        digitCount(name) <= 4 &&
        !CONTROL_CHARACTERS.test(name);
      return usable ? `column "${name.trim()}"` : where;
    });
  }

  function scanDataRow(cells: readonly string[]): void {
    row++;
    const location = `row ${row}`;
    let houseNumberCell = false;
    let protectedIds: Set<string> | undefined;
    for (let c = 0; c < cells.length; c++) {
      let cell: unknown = cells[c];
      if (typeof cell !== 'string') {
        if (cell === undefined || cell === null) continue;
        cell = String(cell);
      }
      const value = cell as string;
      if (value.length === 0) continue;
      chars += value.length;
      const found = scanFreeText(value, c < flags.length ? flags[c]! : 0);
      if (found !== 0) tallies.addMask(c, columnWhere(c), found, location);
      if (!checkAddresses) continue;
      const matches = matcher.findIn(value);
      if (matches.length > 0) {
        tallies.addProtected(c, columnWhere(c), matches, location);
        protectedIds ??= new Set();
        for (const m of matches) protectedIds.add(m.id);
      }
      if (!houseNumberCell && value.length <= 12 && BARE_HOUSE_NUMBER.test(value)) houseNumberCell = true;
    }
    // A house number in one column and the street in the next.
    if (houseNumberCell && cells.length > 1) {
      const across = matcher.findIn(cells.join(' ')).filter((m) => !protectedIds?.has(m.id));
      if (across.length > 0) tallies.addProtected(ACROSS_COLUMNS, 'row (across columns)', across, location);
    }
  }

  function scanLine(line: string, location: string): void {
    if (line.length === 0) return;
    chars += line.length;
    const found = scanFreeText(line, 0);
    if (found !== 0) tallies.addMask(0, 'text', found, location);
    if (checkAddresses) {
      const matches = matcher.findIn(line);
      if (matches.length > 0) tallies.addProtected(0, 'text', matches, location);
    }
  }

  return {
    scanRow(cells) {
      if (kind !== 'csv') throw new Error(`scanRow is for CSV files; this scanner reads ${kind}`);
      if (header === undefined) scanHeader(cells);
      else scanDataRow(cells);
    },

    scanText(text, location) {
      if (kind === 'csv') throw new Error('scanText is for text, JSON and PDF; CSV rows go to scanRow');
      let from = 0;
      for (;;) {
        const newline = text.indexOf('\n', from);
        if (newline < 0) {
          scanLine(from === 0 ? text : text.slice(from), location);
          return;
        }
        const end = newline > from && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
        scanLine(text.slice(from, end), location);
        from = newline + 1;
      }
    },

    report(summary = {}) {
      return {
        scannedAs: kind,
        bytesScanned: summary.bytesScanned ?? chars,
        truncated: summary.truncated ?? false,
        findings: tallies.findings(),
        ...(summary.note !== undefined ? { note: summary.note } : {}),
      };
    },
  };
}
