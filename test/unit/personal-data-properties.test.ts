import fc from 'fast-check';
import {
  createPersonalDataScanner,
  MAX_SAMPLE_ROWS,
  PERSONAL_DATA_PATTERNS,
  type ColumnFinding,
  type PersonalDataPattern,
} from '../../lambdas/domain/personal-data';

const PATTERN_ORDER = PERSONAL_DATA_PATTERNS.map((p) => p.pattern);

/** Column names that switch rules on, mixed with arbitrary ones. */
const columnName = fc.oneof(
  fc.constantFrom(
    'notes',
    'name',
    'owner_name',
    'street_name',
    'address',
    'ssn',
    'taxpayer_id',
    'dob',
    'date_of_birth',
    'inspection_date',
    'phone',
    'fax',
    'drivers_license',
    'account_number',
    'routing_number',
    'iban',
    'permit_number',
    'home_address',
  ),
  fc.string({ maxLength: 20 }),
);

/** Text that tends to sit near the rules' edges: digits, separators, '@', street words. */
const nearMiss = fc
  .array(
    fc.constantFrom(
      '12',
      '203',
      '555',
      '0147',
      '123-45-6789',
      '4111',
      '1111',
      'Main',
      'St',
      'Ave',
      'Ward',
      '@',
      'a@b',
      '.com',
      '(',
      ')',
      '+1',
      '-',
      '.',
      '/',
      ' ',
      'x',
      '*',
      '#',
      '1985-03-12',
      'Mar',
      'é',
      '\u2022',
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const cell = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'0123456789 -./()+@x#*,:'.split('')), maxLength: 40 }),
  nearMiss,
);

function datasetArbitrary(uniqueColumns: boolean) {
  const columns = uniqueColumns
    ? fc.uniqueArray(columnName, { minLength: 1, maxLength: 6 })
    : fc.array(columnName, { minLength: 1, maxLength: 6 });
  return columns.chain((names) =>
    fc.record({
      columns: fc.constant(names),
      rows: fc.array(fc.array(cell, { minLength: names.length, maxLength: names.length }), {
        maxLength: 12,
      }),
    }),
  );
}
const dataset = datasetArbitrary(false);
/** Unique column names, so a finding's column name points at one column. */
const datasetUniqueColumns = datasetArbitrary(true);

function scan(columns: string[], rows: string[][]): ColumnFinding[] {
  const scanner = createPersonalDataScanner(columns);
  rows.forEach((row, i) => scanner.scanRow(i + 1, row));
  return scanner.findings();
}

/** Rows (1-based) whose cell in `column` alone matches `pattern`, cell by cell. */
function matchingRows(columns: string[], rows: string[][], column: number, pattern: PersonalDataPattern) {
  const found: number[] = [];
  rows.forEach((row, i) => {
    const scanner = createPersonalDataScanner(columns);
    scanner.scanRow(
      i + 1,
      columns.map((_, c) => (c === column ? row[c]! : '')),
    );
    if (scanner.findings().some((f) => f.pattern === pattern)) found.push(i + 1);
  });
  return found;
}

/** Appends the Luhn check digit. */
function luhnComplete(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

const digitString = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));

/** Prefixes and lengths of the networks the scanner knows. */
const CARD_NETWORKS: [string, number][] = [
  ['4', 13],
  ['4', 16],
  ['4', 19],
  ['51', 16],
  ['55', 16],
  ['2221', 16],
  ['2720', 16],
  ['34', 15],
  ['37', 15],
  ['6011', 16],
  ['6011', 19],
  ['644', 16],
  ['65', 17],
  ['3528', 16],
  ['36', 14],
  ['300', 14],
  ['62', 18],
  ['6759', 13],
  ['2200', 16],
];

/** A valid card number: the digits, and how it is written. */
const validCard = fc.constantFrom(...CARD_NETWORKS).chain(([prefix, length]) =>
  fc.record({
    digits: digitString(length - prefix.length - 1).map((middle) => luhnComplete(prefix + middle)),
    separator: fc.constantFrom('', ' ', '-'),
  }),
);

/**
 * Writes a card number bare or in groups of four. Numbers longer than 16 digits
 * are written bare here: grouped, they contain a 16-digit window that may itself
 * be a valid card, which the scanner reports by design (a card followed by more digits).
 */
function writeCard(digits: string, separator: string): string {
  if (separator === '' || digits.length > 16) return digits;
  return digits.match(/.{1,4}/g)!.join(separator);
}

const validSsn = fc
  .record({
    area: fc.integer({ min: 1, max: 899 }).filter((a) => a !== 666),
    group: fc.integer({ min: 1, max: 99 }),
    serial: fc.integer({ min: 1, max: 9999 }),
    separator: fc.constantFrom('-', ' '),
  })
  .map(
    ({ area, group, serial, separator }) =>
      `${String(area).padStart(3, '0')}${separator}${String(group).padStart(2, '0')}${separator}${String(serial).padStart(4, '0')}`,
  );

/** fast-check's RFC 5322 addresses; a TLD that is an image extension (icon@2x.png) is excluded by rule. */
const validEmail = fc.emailAddress().filter((e) => !/\.(png|jpe?g|gif|svg|webp|bmp|tiff?)$/.test(e));

/** Words around an inserted value: no digits or '@', so they cannot form or break a number. */
const words = fc.string({ unit: fc.constantFrom(...'abcXYZ ,;:!?'.split('')), maxLength: 15 });

const planted: [PersonalDataPattern, fc.Arbitrary<string>][] = [
  ['us-ssn', validSsn],
  ['payment-card-number', validCard.map(({ digits, separator }) => writeCard(digits, separator))],
  ['email-address', validEmail],
];

describe('personal-data scanner properties', () => {
  it('never throws, and every report is well formed', () => {
    fc.assert(
      fc.property(dataset, ({ columns, rows }) => {
        const findings = scan(columns, rows);
        // Findings follow header order, then pattern order (greedy match; names may repeat).
        let column = 0;
        let pattern = -1;
        for (const f of findings) {
          const p = PATTERN_ORDER.indexOf(f.pattern);
          expect(p).toBeGreaterThanOrEqual(0);
          if (!(columns[column] === f.column && p > pattern)) {
            column = columns.findIndex((name, i) => i > column && name === f.column);
            expect(column).toBeGreaterThanOrEqual(0);
          }
          pattern = p;
          expect(f.count).toBeGreaterThanOrEqual(1);
          expect(f.count).toBeLessThanOrEqual(rows.length);
          expect(f.sampleRows.length).toBe(Math.min(f.count, MAX_SAMPLE_ROWS));
          expect([...f.sampleRows].sort((a, b) => a - b)).toEqual(f.sampleRows);
          expect(new Set(f.sampleRows).size).toBe(f.sampleRows.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('aggregates exactly what each cell shows on its own', () => {
    fc.assert(
      fc.property(datasetUniqueColumns, ({ columns, rows }) => {
        const findings = scan(columns, rows);
        for (const f of findings) {
          const column = columns.indexOf(f.column);
          const expected = matchingRows(columns, rows, column, f.pattern);
          expect(f.count).toBe(expected.length);
          expect(f.sampleRows).toEqual(expected.slice(0, MAX_SAMPLE_ROWS));
        }
      }),
      { numRuns: 150 },
    );
  });

  it.each(planted)('always finds a planted %s in its column and row', (pattern, value) => {
    fc.assert(
      fc.property(
        datasetUniqueColumns.filter(({ rows }) => rows.length > 0),
        fc.nat(),
        fc.nat(),
        value,
        words,
        words,
        ({ columns, rows }, r, c, planted, before, after) => {
          const row = r % rows.length;
          const column = c % columns.length;
          const withValue = rows.map((cells) => [...cells]);
          withValue[row]![column] = `${before} ${planted} ${after}`;

          const expected = matchingRows(columns, withValue, column, pattern);
          expect(expected).toContain(row + 1);
          const finding = scan(columns, withValue).find(
            (f) => f.column === columns[column] && f.pattern === pattern,
          );
          expect(finding).toBeDefined();
          expect(finding!.count).toBe(expected.length);
          expect(finding!.sampleRows).toEqual(expected.slice(0, MAX_SAMPLE_ROWS));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never reports a Luhn-invalid variant of a card number as a card', () => {
    fc.assert(
      fc.property(
        validCard,
        fc.integer({ min: 1, max: 9 }),
        words,
        words,
        ({ digits, separator }, shift, before, after) => {
          const check = (Number(digits[digits.length - 1]) + shift) % 10;
          const invalid = digits.slice(0, -1) + String(check);
          const value = `${before} ${writeCard(invalid, separator)} ${after}`;
          const scanner = createPersonalDataScanner(['notes']);
          scanner.scanRow(1, [value]);
          expect(scanner.findings().map((f) => f.pattern)).not.toContain('payment-card-number');
        },
      ),
      { numRuns: 500 },
    );
  });
});
