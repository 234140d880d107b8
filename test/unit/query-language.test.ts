import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlatformError } from '../../lambdas/shared/errors';
import {
  compareCells,
  compileWhere,
  parseRowQuery,
  parseWhere,
  printWhere,
  WHERE_LIMITS,
  type CellValue,
  type QueryColumn,
  type WhereNode,
} from '../../lambdas/domain/rows/query-language';

const columns: QueryColumn[] = [
  { name: 'request_id', type: 'text' },
  { name: 'street', type: 'text' },
  { name: 'ward', type: 'integer', sortable: true },
  { name: 'cost', type: 'number' },
  { name: 'open', type: 'boolean' },
  { name: 'reported_date', type: 'date', sortable: true },
  { name: 'received_at', type: 'datetime' },
];

// request_id, street, ward, cost, open, reported_date, received_at
const rows: CellValue[][] = [
  ['r1', 'Main Street', 1, 10.5, true, '2026-01-05', '2026-06-01T14:03:00.000Z'],
  ['r2', 'main street', 2, -3, false, '2026-01-31', '2026-06-01T14:03:00.001Z'],
  ['r3', "O'Brien Road", 3, 0, true, '2026-02-28', '2025-12-31T23:59:59.999Z'],
  ['r4', 'Élan Avenue', 7, 1e6, false, '2025-12-31', '2026-01-01T00:00:00.000Z'],
  ['r5', null, null, null, null, null, null],
  ['r6', 'Lake Avenue', 3, 2.25, true, '2026-03-01', '2026-03-08T07:00:00.000Z'],
];

/** Ids of the fixture rows the filter matches. */
function matching(where: string, data: CellValue[][] = rows): string[] {
  const filter = compileWhere(parseWhere(where, columns), columns);
  return data.filter((row) => filter(row)).map((row) => row[0] as string);
}

/** The 400 a call throws (fails the test if it throws anything else, or nothing). */
function rejection(run: () => unknown): PlatformError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(PlatformError);
    expect((err as PlatformError).statusCode).toBe(400);
    return err as PlatformError;
  }
  throw new Error('expected a 400, but the call returned');
}

const whereError = (text: string, cols: readonly QueryColumn[] = columns) =>
  rejection(() => parseWhere(text, cols)).message;

describe('parseWhere + compileWhere: operators by type', () => {
  it.each([
    // text: ordinal, case-sensitive
    ["street = 'Main Street'", ['r1']],
    ["street != 'Main Street'", ['r2', 'r3', 'r4', 'r6']],
    ["street <> 'Main Street'", ['r2', 'r3', 'r4', 'r6']],
    ["street < 'Main Street'", ['r6']],
    ["street <= 'Main Street'", ['r1', 'r6']],
    ["street > 'Main Street'", ['r2', 'r3', 'r4']], // lower case and É sort after upper-case ASCII
    ["street >= 'main street'", ['r2', 'r4']],
    ["street in ('Main Street', 'Lake Avenue', 'nowhere')", ['r1', 'r6']],
    ["street between 'L' and 'O'", ['r1', 'r6']],
    // integer
    ['ward = 3', ['r3', 'r6']],
    ['ward != 3', ['r1', 'r2', 'r4']],
    ['ward < 3', ['r1', 'r2']],
    ['ward <= 3', ['r1', 'r2', 'r3', 'r6']],
    ['ward > 3', ['r4']],
    ['ward >= 3', ['r3', 'r4', 'r6']],
    ['ward in (1, 7)', ['r1', 'r4']],
    ['ward between 2 and 3', ['r2', 'r3', 'r6']],
    ['ward between 3 and 2', []],
    ['ward not between 3 and 2', ['r1', 'r2', 'r3', 'r4', 'r6']],
    // number: decimals and negatives
    ['cost = 10.5', ['r1']],
    ['cost < 0', ['r2']],
    ['cost >= -3', ['r1', 'r2', 'r3', 'r4', 'r6']],
    ['cost > -3.5 and cost < 2.25', ['r2', 'r3']],
    ['cost between -3 and 2.25', ['r2', 'r3', 'r6']],
    ['cost in (0, 1000000)', ['r3', 'r4']],
    ['cost = 1000000.0', ['r4']],
    // boolean
    ['open = true', ['r1', 'r3', 'r6']],
    ['open = false', ['r2', 'r4']],
    ['open != true', ['r2', 'r4']],
    ['open in (true)', ['r1', 'r3', 'r6']],
    // date: real calendar dates, compared by day
    ["reported_date = '2026-01-31'", ['r2']],
    ["reported_date < '2026-01-31'", ['r1', 'r4']],
    ["reported_date > '2026-02-28'", ['r6']],
    ["reported_date between '2026-01-01' and '2026-02-28'", ['r1', 'r2', 'r3']],
    ["reported_date in ('2025-12-31', '2026-03-01')", ['r4', 'r6']],
    // datetime: instants, whatever the offset
    ["received_at = '2026-06-01T14:03:00Z'", ['r1']],
    ["received_at = '2026-06-01T10:03:00-04:00'", ['r1']],
    ["received_at = '2026-06-01T15:03+01:00'", ['r1']],
    ["received_at > '2026-06-01T10:03:00-04:00'", ['r2']],
    ["received_at >= '2026-06-01t14:03:00.000z'", ['r1', 'r2']],
    ["received_at < '2026-01-01T00:00:00Z'", ['r3']],
    ["received_at <= '2025-12-31T19:00:00-05:00'", ['r3', 'r4']],
    ["received_at between '2026-01-01T00:00:00Z' and '2026-06-01T14:03:00Z'", ['r1', 'r4', 'r6']],
    ["received_at in ('2026-03-08T02:00:00-05:00', '2026-06-01T14:03:00.0011Z')", ['r2', 'r6']],
    ["received_at != '2026-06-01T14:03:00Z'", ['r2', 'r3', 'r4', 'r6']],
    // starts_with: case-insensitive prefix
    ["starts_with(street, 'main')", ['r1', 'r2']],
    ["starts_with(street, 'MAIN ST')", ['r1', 'r2']],
    ["starts_with(street, 'élan')", ['r4']],
    ["starts_with(street, 'o''b')", ['r3']],
    ["starts_with(street, '')", ['r1', 'r2', 'r3', 'r4', 'r6']],
    ["starts_with(street, 'Main Street and more')", []],
    // null tests
    ['ward is null', ['r5']],
    ['ward is not null', ['r1', 'r2', 'r3', 'r4', 'r6']],
    ['not ward is null', ['r1', 'r2', 'r3', 'r4', 'r6']],
  ])('%s', (where, expected) => {
    expect(matching(where)).toEqual(expected);
  });
});

describe('null handling (SQL three-valued logic)', () => {
  it.each([
    ['ward = 1', []],
    ['ward != 1', []],
    ['not (ward = 1)', []],
    ['not ward < 1', []],
    ['ward not in (1, 2)', []],
    ['ward not between 1 and 2', []],
    ["not starts_with(street, 'x')", []],
    ['not (ward = 1 and cost = 2)', []],
    ['not (ward = 1 or cost = 2)', []],
    // unknown or true is true; unknown and false is false
    ["ward = 1 or request_id = 'r5'", ['r5']],
    ["not (ward = 1 and request_id = 'r1')", ['r5']],
    ["not (ward = 1 or request_id = 'r1')", []],
    ['ward is null and cost is null', ['r5']],
    ['not not ward is null', ['r5']],
  ])('on a row of nulls, %s matches %j', (where, expected) => {
    expect(matching(where, [rows[4]!])).toEqual(expected);
  });

  it('treats a cell missing from a short row as null, and a cell of the wrong type as unknown', () => {
    const short: CellValue[] = ['short', 'Main Street'];
    const bad: CellValue[] = ['bad', 42, 'three', 'x', 'yes', 20260101, 'yesterday'];
    const nan: CellValue[] = ['nan', 'x', NaN, NaN, true, '2026-01-01', '2026-01-01T00:00:00Z'];
    const data = [short, bad, nan];
    expect(matching('ward is null', data)).toEqual(['short']);
    expect(matching('ward is not null', data)).toEqual(['bad', 'nan']);
    expect(matching("street = 'x' or street != 'x'", data)).toEqual(['short', 'nan']);
    for (const where of [
      'ward = 1 or ward != 1',
      'cost < 0 or cost >= 0',
      'ward in (1, 2) or ward not in (1, 2)',
      'open = true or open != true',
      "reported_date < '2026-01-01' or not reported_date < '2026-01-01'",
      "received_at < '2026-01-01T00:00:00Z' or received_at >= '2026-01-01T00:00:00Z'",
      "received_at = '2026-01-01T00:00:00Z' or received_at != '2026-01-01T00:00:00Z'",
    ]) {
      expect(matching(where, data).filter((id) => id !== 'nan' || !where.startsWith('ward'))).not.toContain(
        'bad',
      );
      expect(matching(where, data)).not.toContain('short');
    }
    expect(matching('ward = 1 or ward != 1', data)).toEqual([]);
    // long lists take another path (a Set); same answers
    expect(
      matching(
        'ward in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10) or ward not in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)',
        data,
      ),
    ).toEqual([]);
    expect(matching("street not in ('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i')", data)).toEqual([
      'short',
      'nan',
    ]);
    expect(matching('cost > -1 or not cost > -1', data)).toEqual([]);
    expect(matching("received_at = '2026-01-01T00:00:00Z'", data)).toEqual(['nan']);
  });
});

describe('precedence and grouping', () => {
  it('binds not tighter than and, and and tighter than or', () => {
    expect(parseWhere('ward = 1 or ward = 2 and cost = 3', columns)).toEqual({
      kind: 'or',
      items: [
        { kind: 'compare', column: 'ward', op: '=', value: 1 },
        {
          kind: 'and',
          items: [
            { kind: 'compare', column: 'ward', op: '=', value: 2 },
            { kind: 'compare', column: 'cost', op: '=', value: 3 },
          ],
        },
      ],
    });
    expect(parseWhere('not ward = 1 and cost = 3', columns)).toEqual({
      kind: 'and',
      items: [
        { kind: 'not', item: { kind: 'compare', column: 'ward', op: '=', value: 1 } },
        { kind: 'compare', column: 'cost', op: '=', value: 3 },
      ],
    });
  });

  it('evaluates with that precedence, and parentheses override it', () => {
    expect(matching('ward = 1 or ward = 3 and open = false')).toEqual(['r1']);
    expect(matching('(ward = 1 or ward = 3) and open = false')).toEqual([]);
    expect(matching('(ward = 1 or ward = 3) and open = true')).toEqual(['r1', 'r3', 'r6']);
    expect(matching('not ward = 3 and open = true')).toEqual(['r1']);
    expect(matching('not (ward = 3 and open = true)')).toEqual(['r1', 'r2', 'r4']);
    expect(matching('not (ward = 3 or open = true)')).toEqual(['r2', 'r4']);
    expect(matching("ward between 1 and 3 and starts_with(street, 'main')")).toEqual(['r1', 'r2']);
  });

  it('flattens chains of and / or', () => {
    const ast = parseWhere('ward = 1 and (cost = 2 and (open = true and ward = 4))', columns);
    expect(ast.kind === 'and' && ast.items.length).toBe(4);
    expect(printWhere(ast)).toBe('ward = 1 and cost = 2 and open = true and ward = 4');
  });
});

describe('syntax details', () => {
  it('reads keywords, true/false and column names in any case', () => {
    const where =
      "WARD = 3 AnD Street IS NOT NULL aNd OPEN = TRUE and Not Cost Between 1 AND 2 Or STARTS_WITH(street, 'x')";
    expect(printWhere(parseWhere(where, columns))).toBe(
      "ward = 3 and street is not null and open = true and cost not between 1 and 2 or starts_with(street, 'x')",
    );
    expect(matching('WARD IN (3) AND OPEN = True')).toEqual(['r3', 'r6']);
  });

  it("reads '' as a quote inside a string, and any characters inside quotes", () => {
    expect(matching("street = 'O''Brien Road'")).toEqual(['r3']);
    expect(parseWhere("street = ''''", columns)).toMatchObject({ value: "'" });
    expect(parseWhere("street = ''", columns)).toMatchObject({ value: '' });
    expect(parseWhere("street = 'a\"b\\n  (c) and d 🚧'", columns)).toMatchObject({
      value: 'a"b\\n  (c) and d 🚧',
    });
    expect(printWhere(parseWhere("street = 'it''s'", columns))).toBe("street = 'it''s'");
  });

  it('allows any whitespace, or none, between tokens', () => {
    expect(matching("ward=3 and(street='Lake Avenue')or`ward`=7")).toEqual(['r4', 'r6']);
    expect(matching('\n\tward\r\n>=\t7 ')).toEqual(['r4']);
    expect(matching('ward in(1,2)')).toEqual(['r1', 'r2']);
  });

  it('accepts quoted numbers and booleans for number and boolean columns, as SoQL does', () => {
    expect(matching("ward = '3'")).toEqual(['r3', 'r6']);
    expect(matching("cost in ('-3', '10.5')")).toEqual(['r1', 'r2']);
    expect(matching("open = 'FALSE'")).toEqual(['r2', 'r4']);
    expect(matching('ward = 3.0')).toEqual(['r3', 'r6']);
    expect(matching('ward = -0')).toEqual([]);
    expect(matching('cost = -0.0')).toEqual(['r3']);
    expect(matching('ward = 007')).toEqual(['r4']);
  });

  it('writes datetimes canonically and keeps milliseconds', () => {
    const ast = parseWhere("received_at = '2026-06-01T10:03:00.123456789-04:00'", columns);
    expect(ast).toMatchObject({ value: '2026-06-01T14:03:00.123Z' });
    expect(printWhere(parseWhere("received_at > '2026-03-08T02:00-05:00'", columns))).toBe(
      "received_at > '2026-03-08T07:00:00.000Z'",
    );
  });

  it('accepts leap days only in leap years', () => {
    expect(() => parseWhere("reported_date = '2024-02-29'", columns)).not.toThrow();
    expect(() => parseWhere("reported_date = '2000-02-29'", columns)).not.toThrow();
    expect(whereError("reported_date = '2100-02-29'")).toMatch(/not a calendar date/);
    expect(whereError("reported_date = '2026-04-31'")).toMatch(/not a calendar date/);
    expect(whereError("reported_date = '2026-13-01'")).toMatch(/not a calendar date/);
  });

  it('reads a column named like a keyword, bare where unambiguous and always in backticks', () => {
    const odd: QueryColumn[] = [
      { name: 'in', type: 'integer' },
      { name: 'not', type: 'integer' },
      { name: 'starts_with', type: 'text' },
      { name: 'is', type: 'boolean' },
    ];
    const filter = (where: string) => compileWhere(parseWhere(where, odd), odd);
    expect(
      filter("in in (1, 2) and `not` = 3 and starts_with = 'x' and is is not null")([1, 3, 'x', true]),
    ).toBe(true);
    expect(filter('`not` = 3')([1, 3, 'x', true])).toBe(true);
    expect(filter('not `not` = 3')([1, 3, 'x', true])).toBe(false);
    expect(filter("starts_with(starts_with, 'X')")([1, 3, 'xyz', true])).toBe(true);
    const ast = parseWhere('`in` = 1 and `not` != 2', odd);
    expect(printWhere(ast)).toBe('`in` = 1 and `not` != 2');
    expect(parseWhere(printWhere(ast), odd)).toEqual(ast);
    expect(whereError('in = 1')).toBe('where: expected a condition at position 1, got the keyword "in"');
  });

  it('resolves column names ignoring case, unless that is ambiguous', () => {
    expect(parseWhere('Reported_Date IS NULL', columns)).toEqual({
      kind: 'is_null',
      column: 'reported_date',
    });
    const twins: QueryColumn[] = [
      { name: 'Ward', type: 'integer' },
      { name: 'WARD', type: 'integer' },
    ];
    expect(parseWhere('WARD = 1', twins)).toMatchObject({ column: 'WARD' });
    expect(whereError('ward = 1', twins)).toBe(
      'where: column "ward" at position 1 is ambiguous; write it exactly as one of "Ward", "WARD"',
    );
  });
});

describe('errors point at the offending token', () => {
  it.each([
    ["stret = 'x'", 'where: unknown column "stret" at position 1; did you mean "street"?'],
    [
      'ward = 3 and zzz = 1',
      'where: unknown column "zzz" at position 14; the columns are: request_id, street, ward, cost, open, reported_date, received_at',
    ],
    ['ward = 3 and cost =', 'where: expected a value after "=" at position 20 (the end of the filter)'],
    ['ward = )', 'where: expected a value after "=" at position 8, got ")"'],
    [
      "ward = 'abc'",
      'where: expected a whole number (like 3) for integer column "ward" at position 8, got \'abc\'',
    ],
    [
      'ward = 1.5',
      'where: expected a whole number (like 3) for integer column "ward" at position 8, got 1.5 (not a whole number)',
    ],
    [
      'ward = 9007199254740993',
      'where: expected a whole number (like 3) for integer column "ward" at position 8, got 9007199254740993 (beyond ±9007199254740991)',
    ],
    ['open = 3', 'where: expected true or false for boolean column "open" at position 8, got 3'],
    ['open < true', 'where: "<" does not apply to boolean column "open" at position 6; use = or !='],
    ['open between false and true', 'where: "between" does not apply to boolean column "open" at position 6'],
    ['cost = true', 'where: expected a number (like 2.5) for number column "cost" at position 8, got "true"'],
    [
      "cost = 'abc'",
      'where: expected a number (like 2.5) for number column "cost" at position 8, got \'abc\'',
    ],
    [
      'street = 3',
      'where: expected quoted text (like \'Main Street\') for text column "street" at position 10, got 3',
    ],
    [
      "reported_date = '2026-02-30'",
      "where: expected a date (like '2026-01-31') for date column \"reported_date\" at position 17, got '2026-02-30' (not a calendar date)",
    ],
    [
      "reported_date = '01/31/2026'",
      "where: expected a date (like '2026-01-31') for date column \"reported_date\" at position 17, got '01/31/2026'",
    ],
    [
      "received_at > '2026-06-01'",
      "where: expected a date and time with Z or an offset (like '2026-06-01T14:03:00Z') for datetime column \"received_at\" at position 15, got '2026-06-01' (add a time, like 'T00:00:00Z')",
    ],
    [
      "received_at > '2026-06-01T10:00:00'",
      "where: expected a date and time with Z or an offset (like '2026-06-01T14:03:00Z') for datetime column \"received_at\" at position 15, got '2026-06-01T10:00:00' (not a valid date-time, or no Z or offset like -05:00)",
    ],
    [
      "received_at > '0000-01-01T00:00:00+01:00'",
      "where: expected a date and time with Z or an offset (like '2026-06-01T14:03:00Z') for datetime column \"received_at\" at position 15, got '0000-01-01T00:00:00+01:00' (outside years 0000-9999 in UTC)",
    ],
    [
      "starts_with(ward, '1')",
      'where: starts_with needs a text column; "ward" at position 13 is an integer column',
    ],
    [
      'starts_with(street, 1)',
      'where: expected a quoted prefix, like \'Main\' after "," at position 21, got 1',
    ],
    ["starts_with(street 'x')", 'where: expected "," after "street" at position 20, got \'x\''],
    [
      "street like 'M%'",
      'where: expected an operator (=, !=, <, <=, >, >=, in, between, is null) after "street" at position 8, got "like"; to match the start of a text use starts_with(street, \'prefix\')',
    ],
    [
      'ward betwen 1 and 2',
      'where: expected an operator (=, !=, <, <=, >, >=, in, between, is null) after "ward" at position 6, got "betwen"; did you mean "between"?',
    ],
    [
      'ward',
      'where: expected an operator (=, !=, <, <=, >, >=, in, between, is null) after "ward" at position 5 (the end of the filter)',
    ],
    [
      'ward between 1 or 2',
      'where: expected "and" after 1 at position 16, got "or"; write between low and high',
    ],
    ['ward in 1, 2', 'where: expected "(" to start the list after "in" at position 9, got 1'],
    ['ward in ()', 'where: expected a value after "(" at position 10, got ")"'],
    ['ward in (1 2)', 'where: expected "," or ")" in the "in" list after 1 at position 12, got 2'],
    ['ward in (1,', 'where: expected a value after "," at position 12 (the end of the filter)'],
    ['ward is 3', 'where: expected "null" or "not null" after "is" at position 9, got 3'],
    [
      'ward not null',
      'where: expected "in" or "between" after "not" at position 10, got "null"; write "is not null"',
    ],
    ['ward = null', 'where: use "is null" or "is not null" to test for null at position 8'],
    [
      'ward = cost',
      'where: expected a value after "=" at position 8, got "cost"; comparing two columns is not supported',
    ],
    [
      'street = Main',
      'where: expected a value after "=" at position 10, got "Main"; quote text values, like \'Main\'',
    ],
    ['ward = 1 ward = 2', 'where: expected "and", "or" or the end of the filter at position 10, got "ward"'],
    ['ward = 1)', 'where: unmatched ")" at position 9'],
    [
      '(ward = 1',
      'where: expected ")" at position 10 (the end of the filter) to close the "(" at position 1',
    ],
    [
      '((ward = 1) ward = 2)',
      'where: expected ")" at position 13 to close the "(" at position 1, got "ward"; join conditions with "and" or "or"',
    ],
    ['ward = 1 and', 'where: expected a condition after "and" at position 13 (the end of the filter)'],
    ['and ward = 1', 'where: expected a condition at position 1, got the keyword "and"'],
    ['= 3', 'where: expected a condition (like ward = 3) at position 1, got "="'],
    [
      "'x' = street",
      "where: expected a condition (like ward = 3) at position 1, got 'x'; a condition starts with a column name",
    ],
    ["street = 'Main", "where: unterminated string starting at position 10; end it with '"],
    [
      'street = "Main"',
      'where: unexpected character "\\"" at position 10; text values use single quotes, like \'Main Street\'',
    ],
    ['ward == 1', 'where: unexpected "==" at position 6; use a single "="'],
    ['ward ! 1', 'where: unexpected character "!" at position 6; did you mean "!="?'],
    [
      'cost > .5',
      'where: unexpected character "." at position 8; numbers need a digit before the point, like 0.5',
    ],
    ['cost > 1e5', 'where: invalid number "1e5" at position 8; numbers look like 42, -7 or 3.25'],
    ['ward = 3and cost = 1', 'where: invalid number "3and" at position 8; numbers look like 42, -7 or 3.25'],
    ['cost > 1.2.3', 'where: invalid number "1.2.3" at position 8; numbers look like 42, -7 or 3.25'],
    ['cost > - 1', 'where: unexpected character "-" at position 8'],
    ["street = 'x' ; drop table", 'where: unexpected character ";" at position 14'],
    ['`stret` = 1', 'where: unknown column "stret" at position 1; did you mean "street"?'],
    ['`ward = 1', 'where: unterminated column name starting at position 1; end it with `'],
    ['   ', 'where: the filter is empty'],
  ])('%s', (where, message) => {
    expect(whereError(where)).toBe(message);
  });

  it('counts positions in characters, so an emoji is one', () => {
    expect(whereError("street = '🚧🚧' and stret = 'x'")).toBe(
      'where: unknown column "stret" at position 19; did you mean "street"?',
    );
    expect(whereError('ward = 1 and é = 2')).toBe('where: unexpected character "é" at position 14');
    expect(whereError('ward = 1 and 🚧 = 2')).toBe('where: unexpected character "🚧" at position 14');
  });

  it('shortens a long token in a message', () => {
    const message = whereError(`${'x'.repeat(500)} = 1`);
    expect(message).toContain(`"${'x'.repeat(40)}…"`);
    expect(message.length).toBeLessThan(300);
  });

  it('reports each message as an issue at query.where', () => {
    const err = rejection(() => parseWhere("stret = 'x'", columns));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.details?.issues).toEqual([
      { path: 'query.where', message: 'unknown column "stret" at position 1; did you mean "street"?' },
    ]);
  });
});

describe('limits', () => {
  it('accepts a filter of 2,000 characters and refuses 2,001', () => {
    const base = "street = '";
    const at = (n: number) => `${base}${'x'.repeat(n - base.length - 1)}'`;
    expect(at(2000)).toHaveLength(2000);
    expect(() => parseWhere(at(2000), columns)).not.toThrow();
    expect(whereError(at(2001))).toBe('where: the filter is longer than the limit of 2000 characters');
    // characters, not UTF-16 units: 1,990 emoji is within the limit
    expect(() => parseWhere(`${base}${'🚧'.repeat(1989)}'`, columns)).not.toThrow();
    expect(whereError('x'.repeat(5_000_000))).toMatch(/longer than the limit/);
  });

  it('accepts 100 conditions and refuses 101', () => {
    const conditions = (n: number) => Array.from({ length: n }, (_, i) => `ward = ${i}`).join(' or ');
    expect(() => parseWhere(conditions(100), columns)).not.toThrow();
    expect(whereError(conditions(101))).toBe(
      `where: too many conditions: the one at position ${conditions(100).length + 5} is number 101; the limit is 100`,
    );
    expect(whereError(`${conditions(100)} or starts_with(street, 'x')`)).toMatch(
      /number 101; the limit is 100$/,
    );
  });

  it('accepts 20 levels of parentheses and not, and refuses 21', () => {
    const nested = (n: number) => `${'('.repeat(n)}ward = 1${')'.repeat(n)}`;
    expect(() => parseWhere(nested(20), columns)).not.toThrow();
    expect(whereError(nested(21))).toBe(
      'where: the filter nests too deeply at position 21; the limit is 20 levels of parentheses and "not"',
    );
    expect(() => parseWhere(`${'not '.repeat(20)}ward = 1`, columns)).not.toThrow();
    expect(whereError(`${'not '.repeat(21)}ward = 1`)).toMatch(/nests too deeply at position 81/);
    expect(whereError(`${'not ('.repeat(11)}ward = 1${')'.repeat(11)}`)).toMatch(
      /nests too deeply at position 51/,
    );
    // "x not in", "is not null" and "not between" are operators, not levels
    expect(() =>
      parseWhere(`${'('.repeat(20)}ward not in (1) and ward is not null${')'.repeat(20)}`, columns),
    ).not.toThrow();
  });

  it('accepts 100 values in an in list and refuses 101', () => {
    const list = (n: number) => `ward in (${Array.from({ length: n }, (_, i) => i).join(',')})`;
    expect(() => parseWhere(list(100), columns)).not.toThrow();
    expect(whereError(list(101))).toBe(
      `where: too many values in the "in" list: the one at position ${list(100).length + 1} is number 101; the limit is 100`,
    );
    expect(WHERE_LIMITS).toEqual({ maxLength: 2000, maxPredicates: 100, maxDepth: 20, maxInValues: 100 });
  });

  it('parses a worst-case filter quickly', () => {
    const worst = [
      '('.repeat(2000),
      `${'not '.repeat(499)}x`,
      `ward in (${'1,'.repeat(999)}`,
      "'".repeat(2000),
      "''".repeat(1000),
      'ward = 1 or '.repeat(166),
    ];
    const started = performance.now();
    for (const text of worst) expect(() => parseWhere(text, columns)).toThrow(PlatformError);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('compileWhere on a tree built by code', () => {
  const compile = (ast: unknown) => compileWhere(ast as WhereNode, columns);

  it('compiles a valid tree without parsing', () => {
    const filter = compile({
      kind: 'and',
      items: [
        { kind: 'compare', column: 'ward', op: '>=', value: 3 },
        { kind: 'not', item: { kind: 'starts_with', column: 'street', prefix: 'LAKE' } },
      ],
    });
    expect(rows.filter(filter).map((r) => r[0])).toEqual(['r3', 'r4']);
  });

  it.each([
    [{ kind: 'compare', column: 'nope', op: '=', value: 1 }, 'unknown column "nope"'],
    [{ kind: 'compare', column: 'ward', op: '=', value: 1.5 }, '1.5 is not a integer value for "ward"'],
    [{ kind: 'compare', column: 'ward', op: '=', value: '1' }, '"1" is not a integer value for "ward"'],
    [{ kind: 'compare', column: 'reported_date', op: '=', value: '2026-02-30' }, 'is not a date value'],
    [{ kind: 'compare', column: 'received_at', op: '=', value: '2026-02-01' }, 'is not a datetime value'],
    [{ kind: 'compare', column: 'ward', op: '~', value: 1 }, 'unknown operator "~"'],
    [{ kind: 'compare', column: 'open', op: '<', value: true }, 'does not apply to boolean column'],
    [{ kind: 'between', column: 'open', low: false, high: true }, 'does not apply to boolean column'],
    [{ kind: 'in', column: 'ward', values: [] }, '"in" without values'],
    [{ kind: 'and', items: [] }, '"and" without conditions'],
    [{ kind: 'starts_with', column: 'ward', prefix: '1' }, 'starts_with needs a text column'],
    [{ kind: 'starts_with', column: 'street', prefix: 1 }, 'starts_with needs a text prefix'],
    [{ kind: 'xor' }, 'unknown node "xor"'],
    [null, 'unknown node null'],
  ])('refuses %j with a 400', (ast, message) => {
    expect(rejection(() => compile(ast)).message).toContain(message);
  });

  it('never evaluates generated code', () => {
    const dir = join(__dirname, '../../lambdas/domain/rows');
    const files = [
      'query-language',
      'lexer',
      'columns',
      'literals',
      'where-ast',
      'where-parser',
      'where-compiler',
      'where-printer',
    ];
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(files.map((f) => `${f}.ts`)));
    for (const file of files.map((f) => `${f}.ts`)) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect(source).not.toMatch(/\beval\s*\(|new\s+Function\b|\bFunction\s*\(/);
    }
  });
});

describe('printWhere', () => {
  it.each([
    ["  WARD=3   AND  ( street='x' OR street = 'y' )", "ward = 3 and (street = 'x' or street = 'y')"],
    ['(ward = 1 and cost = 2) or open = true', 'ward = 1 and cost = 2 or open = true'],
    ['not (ward = 1) and not (ward = 2 or ward = 3)', 'not ward = 1 and not (ward = 2 or ward = 3)'],
    ['not ward in (1, 2)', 'ward not in (1, 2)'],
    ['not (ward between 1 and 2)', 'ward not between 1 and 2'],
    ['not (ward is null)', 'ward is not null'],
    ["ward = '3' and cost in (1.50, -0.0, '2')", 'ward = 3 and cost in (1.5, 0, 2)'],
    [
      'cost > 0.0000001 and cost < 100000000000000000000000',
      'cost > 0.0000001 and cost < 100000000000000000000000',
    ],
  ])('%s → %s', (where, normalized) => {
    const text = printWhere(parseWhere(where, columns));
    expect(text).toBe(normalized);
    expect(printWhere(parseWhere(text, columns))).toBe(text);
  });
});

describe('parseRowQuery', () => {
  it('selects every column when select is absent, empty or *', () => {
    for (const select of [undefined, '', '  ', '*', ' * ']) {
      expect(parseRowQuery({ select }, columns)).toEqual({ select: [0, 1, 2, 3, 4, 5, 6] });
    }
  });

  it('selects the named columns in the order asked', () => {
    expect(parseRowQuery({ select: 'ward, street,REQUEST_ID' }, columns).select).toEqual([2, 1, 0]);
    expect(parseRowQuery({ select: '`ward`' }, columns).select).toEqual([2]);
  });

  it('compiles the filter and gives its normalized text and tree', () => {
    const query = parseRowQuery({ where: 'WARD = 3 AND open = TRUE' }, columns);
    expect(query.whereText).toBe('ward = 3 and open = true');
    expect(query.whereAst).toEqual(parseWhere('ward = 3 and open = true', columns));
    expect(rows.filter(query.where!).map((r) => r[0])).toEqual(['r3', 'r6']);
    expect(parseRowQuery({ where: '  ' }, columns)).toEqual({ select: [0, 1, 2, 3, 4, 5, 6] });
  });

  it('orders by a sortable column, ascending unless desc', () => {
    expect(parseRowQuery({ order: 'ward' }, columns).order).toEqual({ column: 2, direction: 'asc' });
    expect(parseRowQuery({ order: 'reported_date DESC' }, columns).order).toEqual({
      column: 5,
      direction: 'desc',
    });
    expect(parseRowQuery({ order: ' Ward  asc ' }, columns).order).toEqual({ column: 2, direction: 'asc' });
  });

  it.each([
    [{ select: 'ward, ward' }, 'select: column "ward" at position 7 is already selected'],
    [{ select: 'ward, Ward' }, 'select: column "ward" at position 7 is already selected'],
    [{ select: 'ward, stret' }, 'select: unknown column "stret" at position 7; did you mean "street"?'],
    [
      { select: 'ward,' },
      'select: expected a column name after "," at position 6 (the end of the select list)',
    ],
    [{ select: ',ward' }, 'select: expected a column name at position 1, got ","'],
    [{ select: 'ward street' }, 'select: expected "," between column names at position 6, got "street"'],
    [{ select: 'ward; street' }, 'select: unexpected character ";" at position 5'],
    [
      { order: 'street' },
      'order: column "street" at position 1 is not sortable; sortable columns are: ward, reported_date',
    ],
    [{ order: 'ward up' }, 'order: expected "asc" or "desc" at position 6, got "up"'],
    [{ order: 'ward, street' }, 'order: expected "asc" or "desc" at position 5, got ","; sort by one column'],
    [
      { order: 'ward desc, street' },
      'order: expected the end of the order at position 10, got ","; sort by one column',
    ],
    [{ order: 'wrd desc' }, 'order: unknown column "wrd" at position 1; did you mean "ward"?'],
    [{ order: '3' }, 'order: expected a column name at position 1, got 3'],
  ])('refuses %j', (input, message) => {
    const err = rejection(() => parseRowQuery(input, columns));
    expect(err.message).toBe(message);
    const [field, ...rest] = message.split(': ');
    expect(err.details?.issues).toEqual([{ path: `query.${field}`, message: rest.join(': ') }]);
  });

  it('says when no column is sortable', () => {
    const plain = columns.map(({ name, type }) => ({ name, type }));
    expect(rejection(() => parseRowQuery({ order: 'ward' }, plain)).message).toBe(
      'order: column "ward" at position 1 is not sortable; this dataset has no sortable columns',
    );
  });

  it('reports problems in all three parameters at once', () => {
    const err = rejection(() => parseRowQuery({ select: 'x', where: 'ward =', order: 'street' }, columns));
    expect(err.details?.issues?.map((i) => i.path)).toEqual(['query.select', 'query.where', 'query.order']);
    expect(err.message).toMatch(
      /^select: unknown column "x".*; where: expected a value.*; order: column "street"/,
    );
  });

  it('refuses a parameter given twice (an array) rather than crashing', () => {
    const input = { select: ['a', 'b'], where: 42 } as unknown as { select: string };
    const err = rejection(() => parseRowQuery(input, columns));
    expect(err.details?.issues).toEqual([
      { path: 'query.select', message: 'give it once, as text' },
      { path: 'query.where', message: 'give it once, as text' },
    ]);
  });
});

describe('compareCells', () => {
  it('orders like the filter compares, with nulls and bad data last', () => {
    const sort = (cells: CellValue[], type: QueryColumn['type']) =>
      [...cells].sort((a, b) => compareCells(a, b, type));
    expect(sort([3, null, -1, NaN, 2.5], 'number')).toEqual([-1, 2.5, 3, null, NaN]);
    expect(sort(['b', null, 'B', 'a'], 'text')).toEqual(['B', 'a', 'b', null]);
    expect(sort([true, null, false], 'boolean')).toEqual([false, true, null]);
    expect(sort(['2026-01-02', '2025-12-31', null], 'date')).toEqual(['2025-12-31', '2026-01-02', null]);
    expect(
      sort(
        ['2026-06-01T14:03:00.000Z', '2026-06-01T10:02:00-04:00', 'bad', '2026-06-01T14:02:00.500Z'],
        'datetime',
      ),
    ).toEqual(['2026-06-01T10:02:00-04:00', '2026-06-01T14:02:00.500Z', '2026-06-01T14:03:00.000Z', 'bad']);
  });
});
