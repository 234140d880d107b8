/** Column schemas: field names from headers, type inference, coercion and the held schema. */
import fc from 'fast-check';
import type { ColumnType } from '../../lambdas/domain/datasets/dataset';
import {
  coerceCell,
  coerceRow,
  compareWithHeldSchema,
  fieldNamesFromHeaders,
  fitsHeldType,
  toIsoDate,
  toIsoDatetime,
  TypeInferrer,
} from '../../lambdas/domain/datasets/schema';

/** The API's pattern for a column field name (lambdas/api/schemas/publishing.ts FieldName). */
const API_FIELD_NAME = /^[a-z_][a-z0-9_]{0,63}$/;

const TYPES: ColumnType[] = ['text', 'integer', 'number', 'boolean', 'date', 'datetime'];

function inferOne(values: readonly string[]): ColumnType {
  const inferrer = new TypeInferrer(1);
  for (const value of values) inferrer.observe([value]);
  return inferrer.types()[0]!;
}

describe('fieldNamesFromHeaders', () => {
  it.each([
    ['Permit Number', 'permit_number'],
    ['\uFEFFPermit Number', 'permit_number'],
    ['Número de Café', 'numero_de_cafe'],
    ['  Street   Name  ', 'street_name'],
    ['Cost ($)', 'cost'],
    ['2024 Total', '_2024_total'],
    ['ÅNGSTRÖM', 'angstrom'],
  ])('%j → %j', (header, field) => {
    expect(fieldNamesFromHeaders([header])).toEqual([field]);
  });

  it('names empty and symbol-only headers by position', () => {
    expect(fieldNamesFromHeaders(['id', '', '***', '   '])).toEqual([
      'id',
      'column_2',
      'column_3',
      'column_4',
    ]);
  });

  it('numbers duplicates from 2 and skips names already taken', () => {
    expect(fieldNamesFromHeaders(['Ward', 'ward', 'WARD', 'ward 2'])).toEqual([
      'ward',
      'ward_2',
      'ward_3',
      'ward_2_2',
    ]);
  });

  it('cuts long headers to 64 characters', () => {
    expect(fieldNamesFromHeaders(['x'.repeat(100)])).toEqual(['x'.repeat(64)]);
  });

  it.each([
    ['a long header starting with a digit', ['1' + 'a'.repeat(80)]],
    ['two long headers that are the same', ['x'.repeat(80), 'x'.repeat(80)]],
    ['a long header that is cut at a space', ['a'.repeat(63) + ' b']],
  ])('gives a name the API accepts (≤ 64 characters) to %s', (_what, headers) => {
    const names = fieldNamesFromHeaders(headers);

    for (const name of names) expect(name).toMatch(API_FIELD_NAME);
  });

  it('never returns an empty, duplicate or digit-first name (any headers)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 20 }), { maxLength: 12 }), (headers) => {
        const names = fieldNamesFromHeaders(headers);

        expect(names).toHaveLength(headers.length);
        expect(new Set(names).size).toBe(names.length);
        for (const name of names) expect(name).toMatch(/^[a-z_][a-z0-9_]*$/);
      }),
    );
  });
});

describe('TypeInferrer', () => {
  it.each([
    ['integer', ['1', '22', '-3', '0']],
    ['number', ['1', '2.5', '-0.25']],
    ['number', ['.5', '-.75']],
    ['text', ['007', '8']],
    ['text', ['00123']],
    ['text', ['1e5']],
    ['text', ['1', 'abc']],
    ['boolean', ['true', 'FALSE', 'True', 'false']],
    ['text', ['true', 'yes']],
    ['text', ['tRUE']],
    ['date', ['2024-01-15', '2024-02-29']],
    ['date', ['1/5/2024', '12/31/2023', '2024-01-06']],
    ['text', ['2023-02-29']],
    ['text', ['2024-02-30']],
    ['text', ['2/30/2024']],
    ['text', ['13/01/2024']],
    ['datetime', ['2024-01-15T10:30:00Z', '2024-01-15 10:30', '2024-07-04T08:00:00.123-04:00']],
    ['text', ['2024-01-15', '2024-01-15T10:30']],
    ['text', ['2024-01-15T25:00']],
  ] as [ColumnType, string[]][])('names %s for %j', (type, values) => {
    expect(inferOne(values)).toBe(type);
  });

  it('ignores empty and missing cells', () => {
    const inferrer = new TypeInferrer(2);

    inferrer.observe(['', '2024-01-15']);
    inferrer.observe(['5']);
    inferrer.observe(['', '']);

    expect(inferrer.types()).toEqual(['integer', 'date']);
  });

  it('calls a column with no values text', () => {
    const inferrer = new TypeInferrer(2);

    inferrer.observe(['1', '']);
    inferrer.observe(['2']);

    expect(inferrer.types()).toEqual(['integer', 'text']);
  });

  it('ignores cells beyond its columns', () => {
    const inferrer = new TypeInferrer(1);

    inferrer.observe(['1', 'not a number']);

    expect(inferrer.types()).toEqual(['integer']);
  });

  it('keeps columns apart', () => {
    const inferrer = new TypeInferrer(3);

    inferrer.observe(['1', 'x', 'true']);
    inferrer.observe(['2.5', 'y', 'false']);

    expect(inferrer.types()).toEqual(['number', 'text', 'boolean']);
  });

  it.each([
    ['the largest safe integer', '9007199254740991'],
    ['a negative integer', '-42'],
    ['an integer beyond 2^53', '9007199254740993'],
    ['a 17-digit integer', '12345678901234567'],
    ['a number too large for a double', '1' + '0'.repeat(400)],
  ])('reads %s back exactly as written', (_what, raw) => {
    const type = inferOne([raw]);

    expect(String(coerceCell(type, raw))).toBe(raw);
  });
});

// Cells that look like the types, and some that almost do.
const digits = (min: number, max: number) =>
  fc
    .integer({ min, max })
    .chain((n) => fc.string({ unit: fc.constantFrom('0', '1', '5', '9'), minLength: n, maxLength: n }));
const cellArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', 'true', 'FALSE', 'True', 'yes', '007', '-', '.', '-.5', '0', '1e5'),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc
    .tuple(fc.constantFrom('', '-'), fc.constantFrom('1', '7'), digits(0, 400), fc.option(digits(1, 20)))
    .map(([sign, lead, rest, fraction]) => `${sign}${lead}${rest}${fraction === null ? '' : `.${fraction}`}`),
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.boolean(),
    )
    .map(([y, m, d, us]) =>
      us
        ? `${m}/${d}/${String(y).padStart(4, '0')}`
        : `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    ),
  fc
    .tuple(
      fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
      fc.constantFrom('T', ' '),
      fc.constantFrom('', 'Z', '+05:30', '-0400', '+14:00'),
      fc.integer({ min: 13, max: 23 }),
    )
    .map(
      ([d, sep, zone, cut]) =>
        `${d.toISOString().slice(0, 10)}${sep}${d.toISOString().slice(11, cut)}${zone}`,
    ),
);

/**
 * The type inference as it was written first (every check by regex on every
 * cell, dates through `Date.UTC`): the reference the faster TypeInferrer must
 * agree with on every column.
 */
function referenceTypes(width: number, rows: readonly (readonly string[])[]): ColumnType[] {
  const validDate = (y: number, m: number, d: number) =>
    m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
  const isDate = (raw: string) => {
    let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
    if (m) return validDate(+m[1]!, +m[2]!, +m[3]!);
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
    return m !== null && validDate(+m[3]!, +m[1]!, +m[2]!);
  };
  const fits = (raw: string): string[] => {
    const out: string[] = [];
    if (/^[0-9.-]/.test(raw)) {
      if (/^-?(0|[1-9][0-9]*)$/.test(raw)) {
        if (Number.isSafeInteger(Number(raw))) out.push('integer', 'number');
      } else if (/^-?(0|[1-9][0-9]*)(\.[0-9]+)?$|^-?\.[0-9]+$/.test(raw) && Number.isFinite(Number(raw))) {
        out.push('number');
      }
      if (raw.length >= 8 && isDate(raw)) out.push('date');
      if (raw.length >= 16 && toIsoDatetime(raw)) out.push('datetime');
    } else if (['true', 'false', 'TRUE', 'FALSE', 'True', 'False'].includes(raw)) {
      out.push('boolean');
    }
    return out;
  };
  return Array.from({ length: width }, (_, i) => {
    const values = rows.map((row) => row[i]).filter((v): v is string => v !== undefined && v !== '');
    if (values.length === 0) return 'text';
    const order: ColumnType[] = ['integer', 'number', 'boolean', 'date', 'datetime'];
    return order.find((type) => values.every((v) => fits(v).includes(type))) ?? 'text';
  });
}

describe('TypeInferrer properties', () => {
  const tableArb = fc.integer({ min: 1, max: 4 }).chain((width) =>
    fc.record({
      width: fc.constant(width),
      rows: fc.array(fc.array(cellArb, { minLength: 0, maxLength: width + 1 }), { maxLength: 30 }),
    }),
  );

  it('names the same types as the regex reference', () => {
    fc.assert(
      fc.property(tableArb, ({ width, rows }) => {
        const inferrer = new TypeInferrer(width);
        for (const row of rows) inferrer.observe(row);

        expect(inferrer.types()).toEqual(referenceTypes(width, rows));
      }),
      { numRuns: 1000 },
    );
  });

  it('names the same type as the regex reference for every single cell', () => {
    fc.assert(
      fc.property(cellArb, (raw) => {
        expect(inferOne([raw])).toEqual(referenceTypes(1, [[raw]])[0]);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    '0000-02-29',
    '1900-02-29',
    '2000-02-29',
    '2023-02-29',
    '2024-02-29',
    '0099-02-29',
    '0096-02-29',
    '2024-04-31',
    '2024-12-31',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '2024-1a-01',
    '2/29/2024',
    '2/29/2023',
  ])('reads %s as a date exactly when Date.UTC does', (raw) => {
    expect(toIsoDate(raw) !== undefined).toBe(referenceTypes(1, [[raw]])[0] === 'date');
  });

  it('never throws on any strings', () => {
    fc.assert(
      fc.property(fc.nat({ max: 6 }), fc.array(fc.array(fc.string())), (width, rows) => {
        const inferrer = new TypeInferrer(width);

        for (const row of rows) inferrer.observe(row);

        expect(inferrer.types()).toHaveLength(width);
      }),
    );
  });

  it('names a type that reads every observed value as a non-null value', () => {
    fc.assert(
      fc.property(tableArb, ({ width, rows }) => {
        const inferrer = new TypeInferrer(width);
        for (const row of rows) inferrer.observe(row);

        const types = inferrer.types();

        for (const row of rows) {
          for (let i = 0; i < width; i++) {
            const raw = row[i];
            if (raw === undefined || raw === '') continue;
            expect({ type: types[i], raw, value: coerceCell(types[i]!, raw) }).not.toMatchObject({
              value: null,
            });
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('toIsoDatetime', () => {
  it.each([
    ['2024-01-15T10:30:00Z', '2024-01-15T10:30:00.000Z'],
    ['2024-01-15T10:30:00.5Z', '2024-01-15T10:30:00.500Z'],
    ['2024-01-15T10:30:00+05:30', '2024-01-15T05:00:00.000Z'],
    ['2024-01-15T10:30:00+0530', '2024-01-15T05:00:00.000Z'],
    ['2024-01-15 10:30-05:00', '2024-01-15T15:30:00.000Z'],
    ['2024-01-15T10:30:00', '2024-01-15T15:30:00.000Z'],
    ['2024-07-04 10:30', '2024-07-04T14:30:00.000Z'],
    ['2024-12-31T23:59:59', '2025-01-01T04:59:59.000Z'],
    ['2024-03-10T01:30:00', '2024-03-10T06:30:00.000Z'],
    ['2024-03-10T03:30:00', '2024-03-10T07:30:00.000Z'],
    ['2024-11-03T00:30:00', '2024-11-03T04:30:00.000Z'],
    ['2024-11-03T02:30:00', '2024-11-03T07:30:00.000Z'],
  ])('reads %j as %j', (raw, iso) => {
    expect(toIsoDatetime(raw)).toBe(iso);
  });

  it.each([
    '2024-02-30T10:00',
    '2024-01-15T24:00',
    '2024-01-15T10:60',
    '2024-01-15T10:30:60',
    '2024-01-15',
    '15/01/2024 10:30',
    'not a date',
  ])('refuses %j', (raw) => {
    expect(toIsoDatetime(raw)).toBeUndefined();
  });
});

describe('coerceCell', () => {
  it.each([
    ['text', ' spaced ', ' spaced '],
    ['integer', '-12', -12],
    ['number', '2.50', 2.5],
    ['number', '.5', 0.5],
    ['number', 'abc', null],
    ['boolean', 'TRUE', true],
    ['boolean', 'False', false],
    ['boolean', 'yes', null],
    ['date', '1/5/2024', '2024-01-05'],
    ['date', '2024-01-05', '2024-01-05'],
    ['date', '2/30/2024', null],
    ['datetime', '2024-01-15T10:30:00Z', '2024-01-15T10:30:00.000Z'],
    ['datetime', 'soon', null],
  ] as [ColumnType, string, unknown][])('reads %s %j as %j', (type, raw, value) => {
    expect(coerceCell(type, raw)).toStrictEqual(value);
  });

  it.each(TYPES)('reads an empty or missing %s cell as null', (type) => {
    expect([coerceCell(type, ''), coerceCell(type, undefined)]).toEqual([null, null]);
  });
});

describe('coerceRow', () => {
  it('coerces each cell by its column and fills missing cells with null', () => {
    const columns = [{ type: 'integer' }, { type: 'text' }, { type: 'boolean' }, { type: 'date' }] as const;

    expect(coerceRow(columns, ['7', 'Main St', 'true'])).toEqual([7, 'Main St', true, null]);
  });

  it('drops cells beyond the columns', () => {
    expect(coerceRow([{ type: 'text' }], ['a', 'b'])).toEqual(['a']);
  });
});

describe('fitsHeldType', () => {
  it.each(TYPES)('accepts %s where the held type is the same', (type) => {
    expect(fitsHeldType(type, type)).toBe(true);
  });

  it.each(TYPES)('accepts %s where the held type is text', (type) => {
    expect(fitsHeldType(type, 'text')).toBe(true);
  });

  it('accepts integers where numbers are held', () => {
    expect(fitsHeldType('integer', 'number')).toBe(true);
  });

  it.each([
    ['number', 'integer'],
    ['text', 'integer'],
    ['date', 'datetime'],
    ['datetime', 'date'],
    ['boolean', 'integer'],
    ['text', 'date'],
  ] as [ColumnType, ColumnType][])('refuses %s where %s is held', (actual, held) => {
    expect(fitsHeldType(actual, held)).toBe(false);
  });
});

describe('compareWithHeldSchema', () => {
  const held = [
    { field: 'id', type: 'integer' as const },
    { field: 'amount', type: 'number' as const },
    { field: 'ward', type: 'integer' as const },
    { field: 'notes', type: 'text' as const },
  ];

  it('finds nothing when the columns are the same', () => {
    expect(compareWithHeldSchema(held, held)).toEqual([]);
  });

  it('reports a removed column as breaking', () => {
    const inferred = held.filter((c) => c.field !== 'ward');

    expect(compareWithHeldSchema(held, inferred)).toEqual([
      { kind: 'column-removed', field: 'ward', from: 'integer', breaking: true },
    ]);
  });

  it('reports a changed type as breaking', () => {
    const inferred = held.map((c) => (c.field === 'id' ? { field: 'id', type: 'text' as const } : c));

    expect(compareWithHeldSchema(held, inferred)).toEqual([
      { kind: 'type-changed', field: 'id', from: 'integer', to: 'text', breaking: true },
    ]);
  });

  it('reports decimals in a held integer column as breaking', () => {
    const inferred = held.map((c) => (c.field === 'ward' ? { field: 'ward', type: 'number' as const } : c));

    expect(compareWithHeldSchema(held, inferred)).toEqual([
      { kind: 'type-changed', field: 'ward', from: 'integer', to: 'number', breaking: true },
    ]);
  });

  it('accepts integers in a held number column and anything in a held text column', () => {
    const inferred = held.map((c) =>
      c.field === 'amount'
        ? { field: 'amount', type: 'integer' as const }
        : c.field === 'notes'
          ? { field: 'notes', type: 'date' as const }
          : c,
    );

    expect(compareWithHeldSchema(held, inferred)).toEqual([]);
  });

  it('reports an added column as not breaking', () => {
    const inferred = [...held, { field: 'district', type: 'text' as const }];

    expect(compareWithHeldSchema(held, inferred)).toEqual([
      { kind: 'column-added', field: 'district', to: 'text', breaking: false },
    ]);
  });

  it('does not mind columns in a different order', () => {
    expect(compareWithHeldSchema(held, [...held].reverse())).toEqual([]);
  });
});
