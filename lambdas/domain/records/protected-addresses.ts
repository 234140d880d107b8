/**
 * C.G.S. §1-217: the residential addresses of certain people (judges, sworn
 * police, firefighters, correction staff ...) may not be disclosed from
 * personnel, medical or similar files. Staff keep a list of those addresses;
 * every document released to a requester is checked against it
 * (release-scan.ts).
 *
 * The list holds an address and the §1-217 category only: never the person's
 * name, which the check does not need. Matches report the entry id and
 * category, never the address.
 *
 * Matching works on a canonical form of "house number + street" (see
 * normalizeStreetAddress): case, punctuation, unit numbers and the usual
 * abbreviations do not matter, so "12 North Main Street, Apt 4" in a letter
 * matches a listed "12 N Main St". Units are ignored on purpose: a listed
 * address protects the whole building, so another unit of it is reported too
 * (a false alarm costs a look; a miss discloses a home). Not matched: house
 * numbers written in words, a different house number in a range ("12-14 Main
 * St" is read as 12), and a street written without its directional when the
 * list has one ("12 Main St" is not "12 N Main St": both streets exist).
 *
 * Speed: entries are indexed by house number, so a line of text costs one pass
 * over its characters and one map lookup per number in it; street words are
 * compared only for the few entries with that house number. A thousand listed
 * addresses cost about the same as ten.
 */

/** The groups of people §1-217 covers, as stored in a list entry's `category`. */
export const PROTECTED_ADDRESS_CATEGORIES = Object.freeze([
  { category: 'judge', title: 'Judge, magistrate or family support magistrate' },
  { category: 'police-officer', title: 'Sworn police or law enforcement officer' },
  { category: 'firefighter', title: 'Firefighter' },
  { category: 'correction-employee', title: 'Department of Correction employee' },
  { category: 'prosecutor', title: 'Prosecutor (attorney for the state in criminal cases)' },
  { category: 'public-defender', title: 'Public defender' },
  { category: 'criminal-justice-inspector', title: 'Division of Criminal Justice inspector' },
  { category: 'dcf-employee', title: 'Department of Children and Families employee' },
  { category: 'judicial-employee', title: 'Judicial branch employee' },
  { category: 'state-marshal', title: 'State marshal' },
] as const);

export type ProtectedAddressCategory = (typeof PROTECTED_ADDRESS_CATEGORIES)[number]['category'];

export interface ProtectedAddress {
  id: string;
  /** House number and street ("12 N Main St"); a unit, city, state or ZIP after it is ignored. */
  address: string;
  /** One of PROTECTED_ADDRESS_CATEGORIES. */
  category: string;
}

export interface ProtectedAddressMatch {
  id: string;
  category: string;
}

export interface ProtectedAddressMatcher {
  /** Entries that can be matched. */
  readonly size: number;
  /** Ids of entries without a house number and street, which can never match (show them to staff). */
  readonly unmatchable: readonly string[];
  /** Listed addresses written in `text` (each entry at most once), in list order. */
  findIn(text: string): ProtectedAddressMatch[];
}

export function isProtectedAddressCategory(category: string): category is ProtectedAddressCategory {
  return PROTECTED_ADDRESS_CATEGORIES.some((c) => c.category === category);
}

// ---------------------------------------------------------------- canonical words

const entries = (pairs: Record<string, readonly string[]>): ReadonlyMap<string, string> =>
  new Map(
    Object.entries(pairs).flatMap(([canonical, forms]) => [canonical, ...forms].map((f) => [f, canonical])),
  );

/** Street suffixes (USPS abbreviations as the canonical form). */
const SUFFIXES = entries({
  st: ['street', 'str', 'strt'],
  ave: ['avenue', 'av', 'aven', 'avn', 'avnue'],
  rd: ['road'],
  dr: ['drive', 'drv'],
  ln: ['lane'],
  ct: ['court', 'crt'],
  blvd: ['boulevard', 'boul', 'blv'],
  pl: ['place'],
  ter: ['terrace', 'terr'],
  cir: ['circle', 'circ'],
  hwy: ['highway', 'hiway'],
  pkwy: ['parkway', 'pky', 'pkway'],
  tpke: ['turnpike', 'tpk', 'trnpk'],
  way: ['wy'],
  trl: ['trail'],
  sq: ['square'],
  plz: ['plaza'],
  ext: ['extension'],
  hts: ['heights'],
  rdg: ['ridge'],
  hl: ['hill'],
  holw: ['hollow'],
  xing: ['crossing'],
  aly: ['alley'],
  cres: ['crescent'],
  expy: ['expressway'],
  loop: [],
  pike: [],
  path: [],
  row: [],
  run: [],
  walk: [],
  cmns: ['commons'],
});

const DIRECTIONALS = entries({
  n: ['north'],
  s: ['south'],
  e: ['east'],
  w: ['west'],
  ne: ['northeast'],
  nw: ['northwest'],
  se: ['southeast'],
  sw: ['southwest'],
});

const ORDINALS = entries({
  '1st': ['first'],
  '2nd': ['second'],
  '3rd': ['third'],
  '4th': ['fourth'],
  '5th': ['fifth'],
  '6th': ['sixth'],
  '7th': ['seventh'],
  '8th': ['eighth'],
  '9th': ['ninth'],
  '10th': ['tenth'],
  '11th': ['eleventh'],
  '12th': ['twelfth'],
  '13th': ['thirteenth'],
  '14th': ['fourteenth'],
  '15th': ['fifteenth'],
  '16th': ['sixteenth'],
  '17th': ['seventeenth'],
  '18th': ['eighteenth'],
  '19th': ['nineteenth'],
  '20th': ['twentieth'],
});

/** Words inside street names with a common abbreviation ("Mt Pleasant Rd", "St Marys Ave"). */
const NAME_WORDS = entries({ mt: ['mount'], ft: ['fort'], st: ['saint'] });

/** A unit designator: it and everything after it are not part of the street. */
const UNIT_WORDS: ReadonlySet<string> = new Set([
  '#', 'apt', 'apartment', 'unit', 'ste', 'suite', 'fl', 'floor', 'rm', 'room', 'bldg', 'building', 'lot',
  'trlr', 'trailer', 'spc', 'space', 'dept', 'po', 'box',
]); // prettier-ignore

/** The canonical form of one lower-case word at `index` among the street words. */
function canonicalWord(word: string, index: number): string {
  return (
    SUFFIXES.get(word) ??
    DIRECTIONALS.get(word) ??
    ORDINALS.get(word) ??
    (index === 0 || word !== 'saint' ? NAME_WORDS.get(word) : undefined) ??
    word
  );
}

// ---------------------------------------------------------------- parsing a listed address

const isDigitCode = (c: number) => c >= 48 && c <= 57;
const isLowerLetterCode = (c: number) => c >= 97 && c <= 122;
const isZip = (w: string) => /^\d{5}(?:-\d{4})?$/.test(w);
const isHouseNumber = (w: string) => /^\d{1,6}(?:-\d{1,6})?[a-z]?$/.test(w);

/** Lower-case ASCII words of one part of an address; '#' is a word, digits joined by - or / stay one word. */
function addressWords(s: string): string[] {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .replace(/#/g, ' # ')
    .replace(/(\d)\s*([-/])\s*(?=\d)/g, '$1$2')
    .split(/[^a-z0-9#/-]+|(?<!\d)[-/]|[-/](?!\d)/)
    .filter((w) => w.length > 0);
}

interface ParsedAddress {
  /** Lookup key of the house number (see houseKey). */
  house: number;
  houseText: string;
  /** Canonical street words, the suffix last when there is one. */
  street: string[];
  /** The last street word is a suffix (the text may leave it out). */
  endsWithSuffix: boolean;
}

/** Key of a house number: the number times 27, plus 1-26 for a letter (12 -> 324, 12A -> 325). */
function houseKey(digits: number, letter: number): number {
  return digits * 27 + (letter === 0 ? 0 : letter - 96);
}

function keyOfHouseWord(w: string): number {
  const m = /^(\d{1,6})(?:-\d{1,6})?([a-z]?)$/.exec(w)!;
  return houseKey(Number(m[1]), m[2] ? m[2].charCodeAt(0) : 0);
}

/**
 * House number and street of an address as staff write it: the first
 * comma-separated part that starts with a house number; the street ends after
 * its suffix (or at a unit, ZIP code or the end), so a unit, city, state and
 * ZIP are dropped.
 */
function parseAddress(s: string): ParsedAddress | undefined {
  const parts = s.split(/[,;\n]/).map(addressWords);
  const words = parts.find((p) => p.length > 0 && isHouseNumber(p[0]!));
  if (!words || words.length < 2) return undefined;
  const houseText = words[0]!.replace(/-\d+/, '');
  const raw: string[] = [];
  for (const w of words.slice(1)) {
    if (UNIT_WORDS.has(w) || isZip(w)) break;
    raw.push(w);
  }
  const street = raw.map(canonicalWord);
  // The street ends at its first suffix after the first word ("Court St" is a street named Court),
  // taking the suffixes right after it too ("Deer Hill Ave"), but not a state ("Main St CT 06810").
  let end = street.findIndex((w, i) => i > 0 && SUFFIXES.has(w));
  if (end >= 0) {
    while (
      end + 1 < street.length &&
      SUFFIXES.has(street[end + 1]!) &&
      !(street[end + 1] === 'ct' && (end + 2 === street.length || isZip(street[end + 2]!)))
    ) {
      end++;
    }
    street.length = end + 1;
  } else {
    // No suffix ("12 Broadway"): trailing state names are not part of the street.
    while (street.length > 1 && (street.at(-1) === 'ct' || street.at(-1) === 'connecticut')) street.pop();
  }
  if (street.length === 0) return undefined;
  return {
    house: keyOfHouseWord(words[0]!),
    houseText,
    street,
    endsWithSuffix: end >= 0,
  };
}

/**
 * The canonical form of a street address: lower case, no punctuation, unit
 * numbers, city, state and ZIP dropped, suffixes and directionals abbreviated
 * (Street -> st, Avenue -> ave, North -> n ...), ordinals as numbers (Fifth ->
 * 5th). "12 North Main Street, Apt 4" and "12 N. Main St." both give
 * "12 n main st". Text without a house number is only lower-cased and stripped
 * of punctuation, with its words abbreviated the same way.
 */
export function normalizeStreetAddress(s: string): string {
  const parsed = parseAddress(s);
  if (parsed) return `${parsed.houseText} ${parsed.street.join(' ')}`;
  return addressWords(s)
    .map((w, i) => canonicalWord(w, i))
    .join(' ');
}

/** Why an entry can never match, or undefined when it is usable (for the staff list editor). */
export function protectedAddressProblem(address: string): string | undefined {
  if (!parseAddress(address)) return 'An address needs a house number and a street, e.g. "12 N Main St".';
  return undefined;
}

// ---------------------------------------------------------------- finding listed addresses in text

interface IndexedEntry {
  id: string;
  category: string;
  street: string[];
  endsWithSuffix: boolean;
}

/** Words that end a street in running text: a comma or similar mark. */
const isHardBreak = (c: number) =>
  c === 44 ||
  c === 59 ||
  c === 58 ||
  c === 40 ||
  c === 41 ||
  c === 91 ||
  c === 93 ||
  c === 34 ||
  c === 124 ||
  c === 10 ||
  c === 13;
const isAlnumCode = (c: number) => isDigitCode(c) || ((c | 32) >= 97 && (c | 32) <= 122) || c >= 0xc0;
const isSpaceCode = (c: number) => c === 32 || c === 9 || c === 0xa0;

/**
 * Reads up to `max` canonical street words from `text` starting at `i`,
 * stopping at a hard break (comma, semicolon, brackets, line end) or a unit.
 * `endsAtBreak` says whether the words were followed by a break, the end of
 * the text, a unit or sentence-ending punctuation (for streets written
 * without their suffix).
 */
function streetWordsAt(text: string, i: number, max: number): { words: string[]; endsAtBreak: boolean } {
  const words: string[] = [];
  const len = text.length;
  let abbreviated = true;
  while (words.length < max) {
    let sawPeriod = false;
    while (i < len && !isAlnumCode(text.charCodeAt(i))) {
      const c = text.charCodeAt(i);
      if (isHardBreak(c) || c === 35 /* # */) return { words, endsAtBreak: true };
      if (c === 46) sawPeriod = true;
      else if (!isSpaceCode(c) && c !== 45 && c !== 39 && c !== 0x2019) return { words, endsAtBreak: true };
      i++;
    }
    if (i >= len) return { words, endsAtBreak: true };
    // A period after a whole word, then a capital, ends a sentence ("... at 12 Deer Hill. She ...");
    // after an abbreviation ("N. Main St. Danbury") it does not.
    const c = text.charCodeAt(i);
    if (sawPeriod && !abbreviated && c >= 65 && c <= 90) return { words, endsAtBreak: true };
    const start = i;
    while (
      i < len &&
      (isAlnumCode(text.charCodeAt(i)) || text.charCodeAt(i) === 39 || text.charCodeAt(i) === 0x2019)
    )
      i++;
    let word = text
      .slice(start, i)
      .toLowerCase()
      .replace(/['\u2019]/g, '');
    if (/[^ -~]/.test(word)) word = word.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    if (UNIT_WORDS.has(word)) return { words, endsAtBreak: true };
    const canonical = canonicalWord(word, words.length);
    abbreviated = word.length <= 2 || (canonical === word && SUFFIXES.has(word));
    words.push(canonical);
  }
  return { words, endsAtBreak: false };
}

export function createProtectedAddressMatcher(list: readonly ProtectedAddress[]): ProtectedAddressMatcher {
  const byHouse = new Map<number, IndexedEntry[]>();
  const unmatchable: string[] = [];
  let size = 0;
  let longest = 0;
  for (const entry of list) {
    const parsed = parseAddress(entry.address);
    if (!parsed) {
      unmatchable.push(entry.id);
      continue;
    }
    size++;
    longest = Math.max(longest, parsed.street.length);
    const indexed: IndexedEntry = {
      id: entry.id,
      category: entry.category,
      street: parsed.street,
      endsWithSuffix: parsed.endsWithSuffix,
    };
    const bucket = byHouse.get(parsed.house);
    if (bucket) bucket.push(indexed);
    else byHouse.set(parsed.house, [indexed]);
  }
  const order = new Map(list.map((e, i) => [e.id, i]));

  function matches(entry: IndexedEntry, found: { words: string[]; endsAtBreak: boolean }): boolean {
    const { street } = entry;
    const { words } = found;
    let n = 0;
    while (n < street.length && n < words.length && street[n] === words[n]) n++;
    if (n === street.length) return true;
    // The street without its suffix, at the end of a phrase: "lives at 12 North Main, Apt 4".
    return (
      entry.endsWithSuffix && n === street.length - 1 && n > 0 && words.length === n && found.endsAtBreak
    );
  }

  return {
    size,
    unmatchable,
    findIn(text) {
      if (size === 0) return [];
      let out: ProtectedAddressMatch[] | undefined;
      const len = text.length;
      for (let i = 0; i < len; i++) {
        if (!isDigitCode(text.charCodeAt(i))) continue;
        const start = i;
        let digits = 0;
        let value = 0;
        while (i < len && isDigitCode(text.charCodeAt(i))) {
          value = value * 10 + text.charCodeAt(i) - 48;
          digits++;
          i++;
        }
        if (digits > 6) continue;
        if (start > 0) {
          const p = text.charCodeAt(start - 1);
          // Not glued to a word or number (A12, 3.12), nor a unit, amount or time (#12, $12, 10:12, 2024-12).
          if (isAlnumCode(p) || p === 35 || p === 36 || p === 46 || p === 58 || p === 47) continue;
          if (p === 45 && start >= 2 && isDigitCode(text.charCodeAt(start - 2))) continue;
        }
        // 12-14 Main St is read as 12.
        if (i + 1 < len && text.charCodeAt(i) === 45 && isDigitCode(text.charCodeAt(i + 1))) {
          i++;
          while (i < len && isDigitCode(text.charCodeAt(i))) i++;
        }
        let letter = 0;
        if (
          i + 1 < len &&
          isLowerLetterCode(text.charCodeAt(i) | 32) &&
          isSpaceCode(text.charCodeAt(i + 1))
        ) {
          letter = text.charCodeAt(i) | 32;
          i++;
        }
        if (i >= len || !isSpaceCode(text.charCodeAt(i))) continue;
        const bucket = byHouse.get(houseKey(value, letter));
        if (!bucket) continue;
        const found = streetWordsAt(text, i, longest);
        for (const entry of bucket) {
          if (!matches(entry, found)) continue;
          out ??= [];
          if (!out.some((m) => m.id === entry.id)) out.push({ id: entry.id, category: entry.category });
        }
      }
      if (!out) return [];
      return out.length > 1 ? out.sort((a, b) => order.get(a.id)! - order.get(b.id)!) : out;
    },
  };
}
