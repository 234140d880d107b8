/**
 * Per-cell detection, the hot path of ingestion. One pass over the cell's
 * character codes records its digit runs ("groups") and the first '@'; every
 * rule then works on those groups with cheap digit-count guards, so a typical
 * cell costs one loop and no allocation. Regular expressions run only in
 * birth-date and bank-account columns and on rare candidates (IBAN).
 *
 * Only the first MAX_SCANNED_CHARS characters of a cell are examined.
 * Nothing here logs or keeps a cell's value: the result is a bit mask.
 */
import {
  abaRoutingValidDigits,
  cardNetworkMatchesDigits,
  isIban,
  luhnValidDigits,
  ssnPartsValid,
} from './checksums';

/** Cells longer than this are scanned on their first 8 KiB only (documented in docs/personal-data-gate.md). */
export const MAX_SCANNED_CHARS = 8192;

// Column traits, decided once from the header (see column-names.ts).
export const COL_SSN = 1;
export const COL_BIRTH = 2;
export const COL_PHONE = 4;
export const COL_DRIVERS_LICENSE = 8;
export const COL_BANK_ACCOUNT = 16;
export const COL_ROUTING = 32;
export const COL_ADDRESS = 64;

// Finding bits, in the order of PERSONAL_DATA_PATTERNS.
export const FOUND_SSN = 1 << 0;
export const FOUND_BIRTH_DATE = 1 << 1;
export const FOUND_EMAIL = 1 << 2;
export const FOUND_PHONE = 1 << 3;
export const FOUND_DRIVERS_LICENSE = 1 << 4;
export const FOUND_CARD = 1 << 5;
export const FOUND_BANK = 1 << 6;
export const FOUND_ADDRESS = 1 << 7;

const TAB = 9;
const SPACE = 32;
const HASH = 35;
const DOLLAR = 36;
const PERCENT = 37;
const APOSTROPHE = 39;
const LPAREN = 40;
const RPAREN = 41;
const STAR = 42;
const PLUS = 43;
const DASH = 45;
const DOT = 46;
const SLASH = 47;
const ONE = 49;
const AT = 64;
const NBSP = 0xa0;

// Start and end (exclusive) of each digit run of the current cell. Reused by every call:
// scanning is synchronous, so one buffer serves all scanners of the process.
const GROUP_START = new Int32Array(MAX_SCANNED_CHARS / 2 + 1);
const GROUP_END = new Int32Array(MAX_SCANNED_CHARS / 2 + 1);
const DIGITS = new Uint8Array(20);

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAsciiLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;
/** ASCII letters plus Latin-1 and Latin Extended letters (not × and ÷). */
const isLetter = (c: number) => isAsciiLetter(c) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
const isAlnum = (c: number) => isDigit(c) || isLetter(c);
const isSpace = (c: number) => c === SPACE || c === TAB || c === NBSP;

function readNumber(s: string, start: number, n: number): number {
  let v = 0;
  for (let i = start; i < start + n; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  return v;
}

/**
 * Can a number start at `pos`? Not when glued to a letter or digit, not as the
 * fraction of a decimal (0.4532...), and when `strict`, not as the tail of a
 * dashed or slashed number (2025-123456789, 12/345678901).
 */
function leftClear(s: string, pos: number, strict: boolean): boolean {
  if (pos === 0) return true;
  const c = s.charCodeAt(pos - 1);
  if (isAlnum(c)) return false;
  if (pos >= 2 && isDigit(s.charCodeAt(pos - 2))) {
    if (c === DOT) return false;
    if (strict && (c === DASH || c === SLASH)) return false;
  }
  return true;
}

/** Can a number end at `end`? Like leftClear; a decimal tail of zeros (2035550147.0) is allowed. */
function rightClear(s: string, end: number, len: number, strict: boolean): boolean {
  if (end >= len) return true;
  const c = s.charCodeAt(end);
  if (isAlnum(c)) return false;
  if (end + 1 < len && isDigit(s.charCodeAt(end + 1))) {
    if (c === DOT) {
      let j = end + 1;
      while (j < len && s.charCodeAt(j) === 48) j++;
      return j >= len || !isAlnum(s.charCodeAt(j));
    }
    if (strict && (c === DASH || c === SLASH)) return false;
  }
  return true;
}

// ---------------------------------------------------------------- e-mail

const isLocalPartChar = (c: number) =>
  isAlnum(c) ||
  c >= 0x80 ||
  c === DOT ||
  c === DASH ||
  c === 95 || // _
  c === PLUS ||
  c === 33 || // !
  c === HASH ||
  c === DOLLAR ||
  c === PERCENT ||
  c === 38 || // &
  c === APOSTROPHE ||
  c === STAR ||
  c === SLASH ||
  c === 61 || // =
  c === 63 || // ?
  c === 94 || // ^
  c === 96 || // `
  c === 123 || // {
  c === 124 || // |
  c === 125 || // }
  c === 126; // ~

const isDomainChar = (c: number) => isDigit(c) || isAsciiLetter(c) || c === DASH || c >= 0x80;

/** Image file names such as icon@2x.png look like addresses but are not. */
const FILE_EXTENSIONS: ReadonlySet<string> = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'webp',
  'bmp',
  'tif',
  'tiff',
]);

function emailAt(s: string, at: number, len: number): boolean {
  if (at === 0) return false;
  const before = s.charCodeAt(at - 1);
  if (!isLocalPartChar(before) || before === DOT) return false;
  let i = at + 1;
  let labels = 0;
  let tldStart = i;
  let tldEnd = i;
  let tldAlpha = true;
  for (;;) {
    const start = i;
    let alpha = true;
    while (i < len) {
      const c = s.charCodeAt(i);
      if (!isDomainChar(c)) break;
      if (isDigit(c) || c === DASH) alpha = false;
      i++;
    }
    if (i === start) break;
    labels++;
    tldStart = start;
    tldEnd = i;
    tldAlpha = alpha;
    if (i + 1 < len && s.charCodeAt(i) === DOT && isDomainChar(s.charCodeAt(i + 1))) i++;
    else break;
  }
  if (labels < 2 || tldEnd - tldStart < 2) return false;
  if (!tldAlpha && !s.startsWith('xn--', tldStart)) return false;
  return tldEnd - tldStart > 4 || !FILE_EXTENSIONS.has(s.slice(tldStart, tldEnd).toLowerCase());
}

function hasEmail(s: string, firstAt: number, len: number): boolean {
  for (let p = firstAt; p !== -1 && p < len; p = s.indexOf('@', p + 1)) {
    if (emailAt(s, p, len)) return true;
  }
  return false;
}

// ---------------------------------------------------------------- SSN

function hasSsn(s: string, len: number, groups: number, ssnColumn: boolean): boolean {
  for (let k = 0; k + 2 < groups; k++) {
    const a = GROUP_START[k]!;
    const aEnd = GROUP_END[k]!;
    const b = GROUP_START[k + 1]!;
    const bEnd = GROUP_END[k + 1]!;
    const c = GROUP_START[k + 2]!;
    const cEnd = GROUP_END[k + 2]!;
    if (aEnd - a !== 3 || bEnd - b !== 2 || cEnd - c !== 4 || b - aEnd !== 1 || c - bEnd !== 1) continue;
    const sep = s.charCodeAt(aEnd);
    if (sep !== s.charCodeAt(bEnd)) continue;
    if (!(sep === DASH || sep === SPACE || (ssnColumn && (sep === DOT || sep === SLASH)))) continue;
    if (!leftClear(s, a, true) || !rightClear(s, cEnd, len, true)) continue;
    if (ssnPartsValid(readNumber(s, a, 3), readNumber(s, b, 2), readNumber(s, c, 4))) return true;
  }
  if (ssnColumn) {
    // Bare digits; spreadsheets drop leading zeros, so 7 and 8 digits are read left-padded to 9.
    for (let k = 0; k < groups; k++) {
      const a = GROUP_START[k]!;
      const end = GROUP_END[k]!;
      const n = end - a;
      if (n < 7 || n > 9 || !leftClear(s, a, true) || !rightClear(s, end, len, true)) continue;
      const v = readNumber(s, a, n);
      if (ssnPartsValid(Math.floor(v / 1_000_000), Math.floor(v / 10_000) % 100, v % 10_000)) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------- phone

const isPhoneSeparator = (c: number) => c === DASH || c === DOT || c === SPACE;

/** NANP: area code N(2-9)XX and not N11; exchange N(2-9)XX. Area code digits at `area`, exchange at `exchange`. */
function nanpAt(s: string, area: number, exchange: number): boolean {
  return (
    s.charCodeAt(area) >= 50 &&
    !(s.charCodeAt(area + 1) === ONE && s.charCodeAt(area + 2) === ONE) &&
    s.charCodeAt(exchange) >= 50
  );
}

/** An extension right after the number: x12, x 12, ext. 12. */
function phoneRightClear(s: string, end: number, len: number): boolean {
  if (rightClear(s, end, len, true)) return true;
  const c = s.charCodeAt(end) | 32;
  if (c === 120) return end + 1 < len && (isDigit(s.charCodeAt(end + 1)) || isSpace(s.charCodeAt(end + 1)));
  return c === 101 && (s.charCodeAt(end + 1) | 32) === 120 && (s.charCodeAt(end + 2) | 32) === 116;
}

/** Left edge of a number that may carry the country code: "1-203-...", "+1 (203) ...". */
function phoneLeftClear(s: string, pos: number, k: number): boolean {
  if (leftClear(s, pos, true)) return true;
  if (k === 0 || pos < 2 || !isPhoneSeparator(s.charCodeAt(pos - 1))) return false;
  const cc = GROUP_START[k - 1]!;
  return GROUP_END[k - 1] === pos - 1 && cc === pos - 2 && s.charCodeAt(cc) === ONE && leftClear(s, cc, true);
}

/** "+1" right before the 10 digits of group k (+12035550147 is handled as 11 digits). */
function plusOneBefore(s: string, k: number): boolean {
  if (k === 0) return false;
  const cc = GROUP_START[k - 1]!;
  const gap = GROUP_START[k]! - GROUP_END[k - 1]!;
  return (
    GROUP_END[k - 1]! - cc === 1 &&
    s.charCodeAt(cc) === ONE &&
    cc > 0 &&
    s.charCodeAt(cc - 1) === PLUS &&
    gap === 1 &&
    isPhoneSeparator(s.charCodeAt(cc + 1))
  );
}

/** 3-3-4 groups at k: (203) 555-0147, (203)555-0147, 203-555-0147, 203.555.0147, 203 555 0147. */
function formattedNanpAt(s: string, len: number, k: number): boolean {
  const a = GROUP_START[k]!;
  const aEnd = GROUP_END[k]!;
  const b = GROUP_START[k + 1]!;
  const bEnd = GROUP_END[k + 1]!;
  const c = GROUP_START[k + 2]!;
  const cEnd = GROUP_END[k + 2]!;
  if (aEnd - a !== 3 || bEnd - b !== 3 || cEnd - c !== 4) return false;
  if (c - bEnd !== 1 || !isPhoneSeparator(s.charCodeAt(bEnd))) return false;
  const gap = b - aEnd;
  if (a > 0 && s.charCodeAt(a - 1) === LPAREN) {
    if (
      s.charCodeAt(aEnd) !== RPAREN ||
      gap > 2 ||
      (gap === 2 && !isPhoneSeparator(s.charCodeAt(aEnd + 1)))
    ) {
      return false;
    }
    if (!phoneLeftClear(s, a - 1, k)) return false;
  } else {
    if (gap !== 1 || !isPhoneSeparator(s.charCodeAt(aEnd))) return false;
    if (!phoneLeftClear(s, a, k)) return false;
  }
  return phoneRightClear(s, cEnd, len) && nanpAt(s, a, b);
}

/** In a phone column: a value starting with '+' and 8-15 digits of phone characters (+44 20 7946 0958). */
function internationalPhone(s: string, len: number): boolean {
  let i = 0;
  while (i < len && isSpace(s.charCodeAt(i))) i++;
  if (i >= len || s.charCodeAt(i) !== PLUS) return false;
  let digits = 0;
  for (i++; i < len; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if ((c | 32) === 120 || (c | 32) === 101)
      break; // extension
    else if (!(isSpace(c) || c === DASH || c === DOT || c === LPAREN || c === RPAREN || c === SLASH))
      return false;
  }
  return digits >= 8 && digits <= 15;
}

function hasPhone(s: string, len: number, groups: number, phoneColumn: boolean): boolean {
  for (let k = 0; k < groups; k++) {
    const a = GROUP_START[k]!;
    const end = GROUP_END[k]!;
    const n = end - a;
    if (n === 3) {
      if (k + 2 < groups && formattedNanpAt(s, len, k)) return true;
      // Local 7-digit number written 555-0147 in a phone column.
      if (
        phoneColumn &&
        k + 1 < groups &&
        GROUP_END[k + 1]! - GROUP_START[k + 1]! === 4 &&
        GROUP_START[k + 1]! - end === 1 &&
        isPhoneSeparator(s.charCodeAt(end)) &&
        s.charCodeAt(a) >= 50 &&
        leftClear(s, a, true) &&
        phoneRightClear(s, GROUP_END[k + 1]!, len)
      ) {
        return true;
      }
    } else if (n === 10) {
      if (
        (plusOneBefore(s, k) || (phoneColumn && leftClear(s, a, true))) &&
        phoneRightClear(s, end, len) &&
        nanpAt(s, a, a + 3)
      ) {
        return true;
      }
    } else if (n === 11) {
      if (
        s.charCodeAt(a) === ONE &&
        ((a > 0 && s.charCodeAt(a - 1) === PLUS && leftClear(s, a - 1, true)) ||
          (phoneColumn && leftClear(s, a, true))) &&
        phoneRightClear(s, end, len) &&
        nanpAt(s, a + 1, a + 4)
      ) {
        return true;
      }
    } else if (n === 7 && phoneColumn) {
      if (s.charCodeAt(a) >= 50 && leftClear(s, a, true) && phoneRightClear(s, end, len)) return true;
    }
  }
  return phoneColumn && internationalPhone(s, len);
}

// ---------------------------------------------------------------- payment cards

const isCardSeparator = (c: number) => c === SPACE || c === DASH;

function cardAt(s: string, first: number, last: number, n: number): boolean {
  let d = 0;
  for (let k = first; k <= last; k++) {
    for (let i = GROUP_START[k]!, end = GROUP_END[k]!; i < end; i++) DIGITS[d++] = s.charCodeAt(i) - 48;
  }
  return cardNetworkMatchesDigits(DIGITS, n) && luhnValidDigits(DIGITS, n);
}

/**
 * Runs of digit groups joined by one space or dash are candidate card numbers.
 * Every window of 13-19 digits aligned on the groups is tried (so a card
 * followed by an expiry or CVV is still found); inside a window only the last
 * group may be shorter than 3 digits, which keeps lists of small numbers out.
 */
function hasCard(s: string, len: number, groups: number): boolean {
  let k = 0;
  while (k < groups) {
    let end = k;
    while (
      end + 1 < groups &&
      GROUP_START[end + 1]! - GROUP_END[end]! === 1 &&
      isCardSeparator(s.charCodeAt(GROUP_END[end]!))
    ) {
      end++;
    }
    for (let first = k; first <= end; first++) {
      const lead = s.charCodeAt(GROUP_START[first]!);
      if (lead < 50 || lead > 54) continue; // every network listed starts with 2-6
      if (first === k && !leftClear(s, GROUP_START[first]!, false)) continue;
      let n = 0;
      for (let last = first; last <= end; last++) {
        const size = GROUP_END[last]! - GROUP_START[last]!;
        n += size;
        if (n > 19) break;
        if (
          n >= 13 &&
          (last < end || rightClear(s, GROUP_END[last]!, len, false)) &&
          cardAt(s, first, last, n)
        ) {
          return true;
        }
        if (size < 3) break;
      }
    }
    k = end + 1;
  }
  return false;
}

// ---------------------------------------------------------------- driver's license

function hasDriversLicense(s: string, len: number, groups: number): boolean {
  for (let k = 0; k < groups; k++) {
    const a = GROUP_START[k]!;
    const end = GROUP_END[k]!;
    if (end - a === 9 && leftClear(s, a, true) && rightClear(s, end, len, true)) return true;
  }
  return false;
}

// ---------------------------------------------------------------- bank accounts

/** Masked numbers (****1234, XXXX-1234, •••• 1234) show only the last digits and are not reported. */
function maskedBefore(s: string, pos: number): boolean {
  if (pos === 0) return false;
  let c = s.charCodeAt(pos - 1);
  if ((c === SPACE || c === DASH) && pos >= 2) c = s.charCodeAt(pos - 2);
  return c === STAR || (c | 32) === 120 || c === 0x2022 || c === 0x25cf || c === 0xb7;
}

function hasBankNumber(s: string, len: number, groups: number, flags: number): boolean {
  const account = (flags & COL_BANK_ACCOUNT) !== 0;
  const routing = (flags & COL_ROUTING) !== 0;
  let k = 0;
  while (k < groups) {
    let end = k;
    let n = GROUP_END[k]! - GROUP_START[k]!;
    while (
      end + 1 < groups &&
      GROUP_START[end + 1]! - GROUP_END[end]! === 1 &&
      isCardSeparator(s.charCodeAt(GROUP_END[end]!))
    ) {
      end++;
      n += GROUP_END[end]! - GROUP_START[end]!;
    }
    const start = GROUP_START[k]!;
    if (leftClear(s, start, true) && !maskedBefore(s, start) && rightClear(s, GROUP_END[end]!, len, true)) {
      if (account && n >= 4 && n <= 17) return true;
      if (routing && end === k && (n === 9 || n === 8)) {
        // Spreadsheets drop the leading zero of routing numbers 0xxxxxxxx.
        DIGITS[0] = 0;
        for (let i = 0; i < n; i++) DIGITS[9 - n + i] = s.charCodeAt(start + i) - 48;
        if (abaRoutingValidDigits(DIGITS)) return true;
      }
    }
    k = end + 1;
  }
  // A cell that is an IBAN (letters first, so cheap to rule out).
  let i = 0;
  while (i < len && isSpace(s.charCodeAt(i))) i++;
  return i < len && isAsciiLetter(s.charCodeAt(i)) && len - i <= 64 && isIban(s.slice(i, len).trim());
}

// ---------------------------------------------------------------- street addresses

const STREET_SUFFIXES: ReadonlySet<string> = new Set([
  'street', 'st', 'str', 'avenue', 'ave', 'av', 'road', 'rd', 'lane', 'ln', 'drive', 'dr', 'drv',
  'court', 'ct', 'crt', 'boulevard', 'blvd', 'way', 'place', 'pl', 'terrace', 'ter', 'terr',
  'circle', 'cir', 'highway', 'hwy', 'parkway', 'pkwy', 'turnpike', 'tpke', 'pike', 'trail', 'trl',
  'square', 'sq', 'plaza', 'plz', 'alley', 'aly', 'crescent', 'cres', 'expressway', 'expy',
  'heights', 'hts', 'ridge', 'rdg', 'hill', 'hollow', 'extension', 'ext', 'loop', 'crossing', 'xing',
]); // prettier-ignore

/** Words that end a street name: "3 dogs ran on Main St" is narrative, not an address. */
const NOT_STREET_WORDS: ReadonlySet<string> = new Set([
  'at', 'on', 'in', 'near', 'by', 'to', 'from', 'and', 'or', 'for', 'with', 'off', 'of', 'was', 'were', 'is', 'are',
]); // prettier-ignore

/** A number after these words is not a house number: Ward 3, Route 7, Suite 200, March 12 ... */
const NOT_HOUSE_NUMBER_AFTER: ReadonlySet<string> = new Set([
  'ward', 'district', 'route', 'rte', 'rt', 'suite', 'ste', 'unit', 'apt', 'apartment', 'room', 'rm', 'floor', 'fl',
  'no', 'number', 'building', 'bldg', 'lot', 'box', 'exit', 'zone', 'page', 'item', 'grade', 'level', 'gate', 'dock',
  'pier', 'station', 'precinct', 'sector', 'section', 'block', 'phase', 'interstate', 'us', 'i',
  'jan', 'january', 'feb', 'february', 'mar', 'march', 'apr', 'april', 'may', 'jun', 'june', 'jul', 'july',
  'aug', 'august', 'sep', 'sept', 'september', 'oct', 'october', 'nov', 'november', 'dec', 'december',
]); // prettier-ignore

const isWordChar = (c: number) => isAlnum(c) || c === APOSTROPHE || c === DOT || c === DASH;

function wordIn(words: ReadonlySet<string>, s: string, start: number, end: number): boolean {
  const n = end - start;
  return n > 0 && n <= 12 && words.has(s.slice(start, end).toLowerCase());
}

function isOrdinal(s: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && isDigit(s.charCodeAt(i))) i++;
  if (end - i !== 2) return false;
  const suffix = ((s.charCodeAt(i) | 32) << 8) | (s.charCodeAt(i + 1) | 32);
  return suffix === 0x7374 || suffix === 0x6e64 || suffix === 0x7264 || suffix === 0x7468; // st nd rd th
}

/** One to four street-name words, then a suffix: "Main St", "N. Main Street", "Deer Hill Ave", "5th Ave". */
function streetNameWithSuffixAt(s: string, i: number, len: number): boolean {
  for (let words = 0; words < 5 && i < len; words++) {
    const start = i;
    const first = s.charCodeAt(i);
    if (!isAlnum(first)) return false;
    while (i < len && isWordChar(s.charCodeAt(i))) i++;
    let end = i;
    while (end > start && !isAlnum(s.charCodeAt(end - 1))) end--;
    if (isDigit(first) && !isOrdinal(s, start, end)) return false;
    if (words >= 1 && wordIn(STREET_SUFFIXES, s, start, end)) return true;
    if (wordIn(NOT_STREET_WORDS, s, start, end)) return false;
    if (i >= len || !isSpace(s.charCodeAt(i))) return false; // a comma or other mark ends the street name
    while (i < len && isSpace(s.charCodeAt(i))) i++;
  }
  return false;
}

function precededByNonHouseWord(s: string, pos: number): boolean {
  let end = pos;
  while (end > 0 && isSpace(s.charCodeAt(end - 1))) end--;
  if (end > 0 && s.charCodeAt(end - 1) === DOT) end--;
  let start = end;
  while (start > 0 && isAsciiLetter(s.charCodeAt(start - 1))) start--;
  return start < end && wordIn(NOT_HOUSE_NUMBER_AFTER, s, start, end);
}

function hasStreetAddress(s: string, len: number, groups: number): boolean {
  for (let k = 0; k < groups; k++) {
    const a = GROUP_START[k]!;
    let i = GROUP_END[k]!;
    if (i - a > 6) continue;
    if (a > 0) {
      const p = s.charCodeAt(a - 1);
      if (isAlnum(p) || p === HASH || p === DOLLAR || p === PLUS || p === AT || p === SLASH) continue;
      if ((p === DASH || p === DOT || p === 58) && a >= 2 && isDigit(s.charCodeAt(a - 2))) continue; // 58 ':' (12:30)
    }
    if (i < len) {
      const c = s.charCodeAt(i);
      if (isAsciiLetter(c) && i + 1 < len && isSpace(s.charCodeAt(i + 1))) {
        i++; // 12A Main St
      } else if (c === DASH && i + 1 < len && isDigit(s.charCodeAt(i + 1))) {
        i++; // 12-14 Main St
        while (i < len && isDigit(s.charCodeAt(i))) i++;
        if (i + 1 < len && isAsciiLetter(s.charCodeAt(i)) && isSpace(s.charCodeAt(i + 1))) i++;
      }
    }
    if (i >= len || !isSpace(s.charCodeAt(i))) continue;
    while (i < len && isSpace(s.charCodeAt(i))) i++;
    if (
      i + 3 < len &&
      isDigit(s.charCodeAt(i)) &&
      s.charCodeAt(i + 1) === SLASH &&
      isDigit(s.charCodeAt(i + 2)) &&
      isSpace(s.charCodeAt(i + 3))
    ) {
      i += 4; // 12 1/2 Main St
      while (i < len && isSpace(s.charCodeAt(i))) i++;
    }
    if (streetNameWithSuffixAt(s, i, len) && !precededByNonHouseWord(s, a)) return true;
  }
  return false;
}

// ---------------------------------------------------------------- dates of birth

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function monthNumber(word: string): number {
  const w = word.toLowerCase();
  if (w === 'sept') return 9;
  if (w.length < 3) return 0;
  const i = MONTHS.findIndex((m) => m.startsWith(w));
  return i + 1;
}

function validDate(year: number, month: number, day: number, yearDigits: number): boolean {
  if (yearDigits === 4 && (year < 1850 || year > 2100)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = yearDigits === 2 || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  const days =
    month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

const DATE_YMD = /^\s*(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/;
const DATE_NUMERIC = /^\s*(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?!\d)/;
const DATE_COMPACT = /^\s*(\d{4})(\d{2})(\d{2})(?!\d)/;
const DATE_MONTH_FIRST = /^\s*([A-Za-z]{3,9})\.?[\s-]+(\d{1,2})(?:st|nd|rd|th)?,?[\s-]+(\d{4})(?!\d)/i;
const DATE_DAY_FIRST = /^\s*(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?,?[\s-]+(\d{4}|\d{2})(?!\d)/i;

/** A full date at the start of the value (a time may follow). Years alone and month/year are not dates of birth. */
function hasBirthDate(s: string): boolean {
  let m = DATE_YMD.exec(s);
  if (m) return validDate(Number(m[1]), Number(m[3]), Number(m[4]), 4);
  m = DATE_NUMERIC.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = Number(m[4]);
    const yd = m[4]!.length;
    return validDate(y, a, b, yd) || validDate(y, b, a, yd); // US month/day, or day/month
  }
  m = DATE_COMPACT.exec(s);
  if (m) {
    const [, p1, p2, p3] = m;
    // YYYYMMDD, or MMDDYYYY read from the same 8 digits.
    return (
      validDate(Number(p1), Number(p2), Number(p3), 4) ||
      validDate(Number(`${p2}${p3}`), Number(p1!.slice(0, 2)), Number(p1!.slice(2)), 4)
    );
  }
  m = DATE_MONTH_FIRST.exec(s);
  if (m) return validDate(Number(m[3]), monthNumber(m[1]!), Number(m[2]), 4);
  m = DATE_DAY_FIRST.exec(s);
  if (m) return validDate(Number(m[3]), monthNumber(m[2]!), Number(m[1]), m[3]!.length);
  return false;
}

// ---------------------------------------------------------------- the cell

const DIGIT_OR_AT = /[0-9@]/;

/**
 * The patterns found in one cell (FOUND_* bits), given its column's COL_* traits.
 * Each pattern is reported at most once per cell.
 */
export function scanCell(s: string, columnFlags: number): number {
  // Every pattern needs a digit or an '@': text without either (most text cells) is cleared by one
  // native regex instead of the loop below. A cell starting with a digit goes straight to the loop.
  const first = s.charCodeAt(0);
  if ((first < 48 || first > 57) && !DIGIT_OR_AT.test(s)) return 0;
  const len = s.length < MAX_SCANNED_CHARS ? s.length : MAX_SCANNED_CHARS;
  let groups = 0;
  let digits = 0;
  let at = -1;
  let inGroup = false;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c <= 57 && c >= 48) {
      if (!inGroup) {
        GROUP_START[groups] = i;
        inGroup = true;
      }
      digits++;
    } else {
      if (inGroup) {
        GROUP_END[groups++] = i;
        inGroup = false;
      }
      if (c === AT && at < 0) at = i;
    }
  }
  if (inGroup) GROUP_END[groups++] = len;

  let found = 0;
  if (at >= 0 && hasEmail(s, at, len)) found |= FOUND_EMAIL;
  if (digits === 0) return found;

  const ssnColumn = (columnFlags & COL_SSN) !== 0;
  const phoneColumn = (columnFlags & COL_PHONE) !== 0;
  if ((digits >= 9 || (ssnColumn && digits >= 7)) && hasSsn(s, len, groups, ssnColumn)) found |= FOUND_SSN;
  if ((columnFlags & COL_BIRTH) !== 0 && digits >= 4 && hasBirthDate(s)) found |= FOUND_BIRTH_DATE;
  if ((digits >= 10 || (phoneColumn && digits >= 7)) && hasPhone(s, len, groups, phoneColumn)) {
    found |= FOUND_PHONE;
  }
  if ((columnFlags & COL_DRIVERS_LICENSE) !== 0 && digits >= 9 && hasDriversLicense(s, len, groups)) {
    found |= FOUND_DRIVERS_LICENSE;
  }
  if (digits >= 13 && hasCard(s, len, groups)) found |= FOUND_CARD;
  if (
    (columnFlags & (COL_BANK_ACCOUNT | COL_ROUTING)) !== 0 &&
    digits >= 4 &&
    hasBankNumber(s, len, groups, columnFlags)
  ) {
    found |= FOUND_BANK;
  }
  if ((columnFlags & COL_ADDRESS) !== 0 && hasStreetAddress(s, len, groups)) found |= FOUND_ADDRESS;
  return found;
}
