/**
 * Property-based tests of the row query language:
 * 1. any text → an AST or a 400 (never another error, never a hang);
 * 2. random valid filters, printed with random spelling and parsed back,
 *    agree with a plain three-valued reference evaluator on random rows;
 * 3. on rows without nulls, `not f` is exactly the negation of `f`.
 */
import fc from 'fast-check';
import type { ColumnType } from '../../lambdas/domain/datasets/dataset';
import { formatNumber } from '../../lambdas/domain/rows/literals';
import {
  compileWhere,
  parseRowQuery,
  parseWhere,
  printWhere,
  type CellValue,
  type LiteralValue,
  type QueryColumn,
  type WhereNode,
} from '../../lambdas/domain/rows/query-language';
import { PlatformError } from '../../lambdas/shared/errors';

const TYPES: ColumnType[] = ['text', 'integer', 'number', 'boolean', 'date', 'datetime'];

// ---------------------------------------------------------------- schemas and values

const nameArb = fc.oneof(
  fc.constantFrom(
    'ward',
    'street',
    'in',
    'not',
    'and',
    'or',
    'is',
    'null',
    'true',
    'starts_with',
    'between',
    'asc',
  ),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/),
);

/** 1-6 columns, names distinct ignoring case (so any spelling of a name resolves to one column). */
const schemaArb: fc.Arbitrary<QueryColumn[]> = fc.uniqueArray(
  fc.record({ name: nameArb, type: fc.constantFrom(...TYPES) }),
  { minLength: 1, maxLength: 6, selector: (c) => c.name.toLowerCase() },
);

const DAY = 86_400_000;
const FROM = Date.UTC(1900, 0, 1);
const TO = Date.UTC(2100, 11, 31);
const iso = (ms: number) => new Date(ms).toISOString();

/** Values of each type, drawn from small pools often enough that equality and prefixes hit. */
const valueArbs: Record<ColumnType, fc.Arbitrary<LiteralValue>> = {
  text: fc.oneof(
    fc.constantFrom(
      '',
      'a',
      'A',
      'ab',
      'Ab',
      'b',
      "it's",
      "''",
      'Main Street',
      'main',
      'É',
      'é',
      'ß',
      'İ',
      'Σ',
      '🚧',
    ),
    fc.string({ maxLength: 6 }),
    fc.string({ unit: 'binary', maxLength: 4 }),
    fc.string({ unit: fc.constantFrom('a', 'A', "'", '`', '\ud800', '\udc00', 'ǅ', 'K', ' '), maxLength: 4 }),
  ),
  integer: fc.oneof(
    fc.integer({ min: -3, max: 3 }),
    fc.maxSafeInteger(),
    fc.constant(-Number.MAX_SAFE_INTEGER),
  ),
  number: fc.oneof(
    fc.constantFrom(0, -0, 0.5, -2.25, 3, 1e21, 1.5e-7, 123456789.125, Number.MAX_VALUE),
    fc.integer({ min: -3, max: 3 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  ),
  boolean: fc.boolean(),
  date: fc.oneof(
    fc.constantFrom('2024-02-29', '2026-01-01', '2026-01-02', '2025-12-31', '0000-01-01', '9999-12-31'),
    fc.integer({ min: FROM / DAY, max: TO / DAY }).map((d) => iso(d * DAY).slice(0, 10)),
  ),
  datetime: fc
    .oneof(
      fc.constantFrom(Date.UTC(2026, 5, 1, 14, 3), Date.UTC(2026, 5, 1, 14, 3, 0, 1), Date.UTC(2026, 0, 1)),
      fc.integer({ min: FROM, max: TO }),
    )
    .map(iso),
};

/** Cells: a value of the type, null, a missing cell, or (rarely) bad data the filter must treat as unknown. */
function cellArb(type: ColumnType, withNulls: boolean): fc.Arbitrary<CellValue | undefined> {
  const value = type === 'datetime' ? datetimeCellArb : valueArbs[type];
  if (!withNulls) return value;
  const bad: Record<ColumnType, CellValue[]> = {
    text: [1, true],
    integer: ['3', true, NaN],
    number: ['abc', false, NaN],
    boolean: ['true', 1],
    date: [20260101, true],
    datetime: ['x', 'not a date', 7],
  };
  return fc.oneof(
    { weight: 6, arbitrary: value },
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom<CellValue | undefined>(undefined, ...bad[type]) },
  );
}

/** A datetime cell: canonical UTC, or the same instant written with an offset. */
const datetimeCellArb = fc
  .tuple(
    valueArbs.datetime as fc.Arbitrary<string>,
    fc.integer({ min: -14 * 60, max: 14 * 60 }),
    fc.boolean(),
  )
  .map(([value, offset, canonical]) =>
    canonical ? value : localText(Date.parse(value), offset, 'full') + zoneText(offset, false),
  );

const rowArb = (schema: QueryColumn[], withNulls: boolean) =>
  fc.tuple(...schema.map((c) => cellArb(c.type, withNulls))) as fc.Arbitrary<(CellValue | undefined)[]>;

// ---------------------------------------------------------------- random valid filters

const OPERATORS = ['=', '!=', '<', '<=', '>', '>='] as const;

function leafArb(schema: QueryColumn[]): fc.Arbitrary<WhereNode> {
  return fc.constantFrom(...schema).chain((column): fc.Arbitrary<WhereNode> => {
    const name = column.name;
    const value = valueArbs[column.type];
    const kinds: fc.Arbitrary<WhereNode>[] = [
      fc
        .tuple(fc.constantFrom(...(column.type === 'boolean' ? (['=', '!='] as const) : OPERATORS)), value)
        .map(([op, v]) => ({ kind: 'compare', column: name, op, value: v })),
      // short lists are scanned, lists of more than 8 distinct values go through a Set
      fc
        .oneof(
          fc.array(value, { minLength: 1, maxLength: 3 }),
          fc.array(value, { minLength: 9, maxLength: 14 }),
        )
        .map((values) => ({ kind: 'in', column: name, values })),
      fc.constant({ kind: 'is_null', column: name }),
    ];
    if (column.type !== 'boolean') {
      kinds.push(fc.tuple(value, value).map(([low, high]) => ({ kind: 'between', column: name, low, high })));
    }
    if (column.type === 'text') {
      kinds.push(
        valueArbs.text.map((prefix) => ({ kind: 'starts_with', column: name, prefix: prefix as string })),
      );
    }
    return fc.oneof(...kinds);
  });
}

function whereArb(schema: QueryColumn[]): fc.Arbitrary<WhereNode> {
  const leaf = leafArb(schema);
  return fc.letrec<{ node: WhereNode; and: WhereNode; or: WhereNode; not: WhereNode }>((tie) => ({
    node: fc.oneof({ maxDepth: 4, depthIdentifier: 'where' }, leaf, tie('and'), tie('or'), tie('not')),
    and: fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((items) => ({ kind: 'and', items })),
    or: fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((items) => ({ kind: 'or', items })),
    not: tie('node').map((item) => ({ kind: 'not', item })),
  })).node;
}

// ---------------------------------------------------------------- a printer with random spelling

/** mulberry32: the printer's choices come from a seed fast-check generates. */
function prng(seed: number) {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An instant as local time at `offsetMinutes` from UTC, without the zone: `2026-06-01T10:03:00.000`. */
function localText(
  ms: number,
  offsetMinutes: number,
  precision: 'full' | 'seconds' | 'minutes',
  lower = false,
) {
  const local = new Date(ms + offsetMinutes * 60_000);
  const date = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  let text = `${date}${lower ? 't' : 'T'}${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  if (precision !== 'minutes') text += `:${pad(local.getUTCSeconds())}`;
  if (precision === 'full') text += `.${pad(local.getUTCMilliseconds(), 3)}`;
  return text;
}

/** `+05:30`, `-04:00`, or for zero sometimes `Z` / `z`. */
const zoneText = (offsetMinutes: number, letter: string | false) =>
  offsetMinutes === 0 && letter
    ? letter
    : `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;

/**
 * Prints a filter as a person might write it: keywords in any case, spacing
 * anywhere it is optional, redundant parentheses, `<>` for `!=`, quoted
 * numbers, `not x in` or `x not in`, datetimes at any offset, names in any
 * case or in backticks.
 */
function randomPrint(node: WhereNode, schema: QueryColumn[], seed: number): string {
  const rand = prng(seed);
  const pick = <T>(...options: T[]): T => options[Math.floor(rand() * options.length)]!;
  const types = new Map(schema.map((c) => [c.name, c.type]));
  const tokens: string[] = [];
  const keyword = (word: string) =>
    tokens.push(pick(word, word.toUpperCase(), word[0]!.toUpperCase() + word.slice(1)));
  const column = (name: string) => {
    const spelled = pick(name, name.toLowerCase(), name.toUpperCase());
    tokens.push(name.toLowerCase() === 'not' || rand() < 0.2 ? `\`${name}\`` : spelled);
  };
  const text = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const value = (name: string, v: LiteralValue) => {
    const type = types.get(name)!;
    if (typeof v === 'boolean')
      tokens.push(
        rand() < 0.7
          ? pick(String(v), String(v).toUpperCase())
          : text(pick(String(v), String(v).toUpperCase())),
      );
    else if (typeof v === 'number') {
      const plain = formatNumber(v);
      const spelled =
        Number.isInteger(v) && rand() < 0.3 ? `${plain}.${'0'.repeat(1 + Math.floor(rand() * 3))}` : plain;
      tokens.push(rand() < 0.2 ? text(spelled) : spelled);
    } else if (type === 'datetime') {
      const offset = pick(0, 0, -300, -240, 330, 840, -720, Math.floor(rand() * 2 * 1439) - 1439);
      const ms = Date.parse(v);
      const precision =
        ms % 60_000 === 0
          ? pick('full', 'seconds', 'minutes')
          : ms % 1000 === 0
            ? pick('full', 'seconds')
            : 'full';
      const written = localText(ms, offset, precision as 'full', rand() < 0.2);
      tokens.push(text(written + zoneText(offset, rand() < 0.5 && pick('Z', 'z'))));
    } else tokens.push(text(v));
  };
  let level = 0; // open parentheses and nots, which the parser limits to 20
  const open = () => {
    tokens.push('(');
    level++;
  };
  const close = () => {
    tokens.push(')');
    level--;
  };
  const printNode = (n: WhereNode, needsParens: boolean): void => {
    if (level < 16 && rand() < 0.1) {
      open();
      printNode(n, false);
      close();
      return;
    }
    switch (n.kind) {
      case 'and':
      case 'or': {
        if (needsParens) open();
        n.items.forEach((item, i) => {
          if (i > 0) keyword(n.kind);
          printNode(item, n.kind === 'and' && item.kind === 'or');
        });
        if (needsParens) close();
        return;
      }
      case 'not': {
        const item = n.item;
        if (item.kind === 'is_null' && rand() < 0.5) {
          column(item.column);
          keyword('is');
          keyword('not');
          keyword('null');
        } else if ((item.kind === 'in' || item.kind === 'between') && rand() < 0.5) {
          printLeaf(item, true);
        } else {
          keyword('not');
          level++;
          printNode(item, item.kind === 'and' || item.kind === 'or');
          level--;
        }
        return;
      }
      default:
        printLeaf(n, false);
    }
  };
  const printLeaf = (n: WhereNode, negated: boolean) => {
    switch (n.kind) {
      case 'compare':
        column(n.column);
        tokens.push(n.op === '!=' && rand() < 0.5 ? '<>' : n.op);
        value(n.column, n.value);
        return;
      case 'in':
        column(n.column);
        if (negated) keyword('not');
        keyword('in');
        tokens.push('(');
        n.values.forEach((v, i) => {
          if (i > 0) tokens.push(',');
          value(n.column, v);
        });
        tokens.push(')');
        return;
      case 'between':
        column(n.column);
        if (negated) keyword('not');
        keyword('between');
        value(n.column, n.low);
        keyword('and');
        value(n.column, n.high);
        return;
      case 'starts_with':
        keyword('starts_with');
        tokens.push('(');
        column(n.column);
        tokens.push(',');
        tokens.push(text(n.prefix));
        tokens.push(')');
        return;
      case 'is_null':
        column(n.column);
        keyword('is');
        keyword('null');
        return;
      default:
        throw new Error(`not a leaf: ${n.kind}`);
    }
  };
  printNode(node, false);
  const wordy = /[A-Za-z0-9_]/;
  return tokens.reduce((out, token) => {
    const needsSpace = wordy.test(out.at(-1) ?? '') && wordy.test(token[0]!);
    const space = needsSpace ? pick(' ', '  ', '\n', '\t ') : pick('', '', ' ', '\r\n');
    return out === '' ? token : out + space + token;
  }, '');
}

// ---------------------------------------------------------------- the reference evaluator

/** A cell or literal as a comparable key of the column type; undefined when it is null or not of the type. */
function key(type: ColumnType, v: unknown): string | number | boolean | undefined {
  switch (type) {
    case 'text':
      return typeof v === 'string' ? v : undefined;
    case 'integer':
    case 'number':
      return typeof v === 'number' && !Number.isNaN(v) ? v : undefined;
    case 'boolean':
      return typeof v === 'boolean' ? v : undefined;
    case 'date': {
      const t = typeof v === 'string' ? Date.parse(`${v}T00:00:00Z`) : NaN;
      return Number.isNaN(t) ? undefined : t;
    }
    case 'datetime': {
      const t = typeof v === 'string' ? Date.parse(v) : NaN;
      return Number.isNaN(t) ? undefined : t;
    }
  }
}

const cmp = (a: string | number | boolean, b: string | number | boolean) => (a < b ? -1 : a > b ? 1 : 0);

/** SQL three-valued logic, written the obvious way: true, false or null (unknown). */
function reference(node: WhereNode, schema: QueryColumn[], row: readonly unknown[]): boolean | null {
  const at = (name: string) => {
    const i = schema.findIndex((c) => c.name === name);
    return { type: schema[i]!.type, cell: row[i] };
  };
  switch (node.kind) {
    case 'and': {
      const values = node.items.map((i) => reference(i, schema, row));
      return values.includes(false) ? false : values.includes(null) ? null : true;
    }
    case 'or': {
      const values = node.items.map((i) => reference(i, schema, row));
      return values.includes(true) ? true : values.includes(null) ? null : false;
    }
    case 'not': {
      const v = reference(node.item, schema, row);
      return v === null ? null : !v;
    }
    case 'is_null': {
      const { cell } = at(node.column);
      return cell === null || cell === undefined;
    }
    case 'starts_with': {
      const { cell } = at(node.column);
      return typeof cell === 'string' ? cell.toLowerCase().startsWith(node.prefix.toLowerCase()) : null;
    }
    case 'compare': {
      const { type, cell } = at(node.column);
      const x = key(type, cell);
      if (x === undefined) return null;
      const c = cmp(x, key(type, node.value)!);
      return { '=': c === 0, '!=': c !== 0, '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 }[node.op];
    }
    case 'in': {
      const { type, cell } = at(node.column);
      const x = key(type, cell);
      if (x === undefined) return null;
      return node.values.some((v) => cmp(x, key(type, v)!) === 0);
    }
    case 'between': {
      const { type, cell } = at(node.column);
      const x = key(type, cell);
      if (x === undefined) return null;
      return cmp(key(type, node.low)!, x) <= 0 && cmp(x, key(type, node.high)!) <= 0;
    }
  }
}

const codePoints = (s: string) => Array.from(s).length;

// ---------------------------------------------------------------- properties

/** Either an AST or a 400 about `where` that says where; anything else fails the property. */
function parsesOrRefuses(text: string, schema: readonly QueryColumn[]): WhereNode | undefined {
  try {
    return parseWhere(text, schema);
  } catch (err) {
    if (!(err instanceof PlatformError)) throw err;
    expect(err.statusCode).toBe(400);
    expect(err.message).toMatch(/^where: /);
    expect(err.message).toMatch(/at position \d+|the filter is empty|longer than the limit/);
    expect(err.details?.issues?.[0]?.path).toBe('query.where');
    return undefined;
  }
}

const fuzzSchema: QueryColumn[] = [
  { name: 'street', type: 'text' },
  { name: 'ward', type: 'integer', sortable: true },
  { name: 'cost', type: 'number' },
  { name: 'open', type: 'boolean' },
  { name: 'reported_date', type: 'date' },
  { name: 'received_at', type: 'datetime' },
  { name: 'in', type: 'text' },
];
const fuzzRows: CellValue[][] = [
  ['Main Street', 3, 2.5, true, '2026-01-31', '2026-06-01T14:03:00.000Z', 'x'],
  [null, null, null, null, null, null, null],
];

/** An accepted filter must also compile, run, and print to text that parses to the same normal form. */
function checkAccepted(ast: WhereNode) {
  const filter = compileWhere(ast, fuzzSchema);
  for (const row of fuzzRows) expect(typeof filter(row)).toBe('boolean');
  const text = printWhere(ast);
  expect(printWhere(parseWhere(text, fuzzSchema))).toBe(text);
}

const TOKENS = [
  'street', 'ward', 'WARD', 'cost', 'open', 'reported_date', 'received_at', 'in', 'stret', '`ward`', '`not`', '`',
  'and', 'or', 'not', 'in', 'between', 'is', 'null', 'true', 'FALSE', 'starts_with', 'like', 'asc',
  '=', '!=', '<>', '<', '<=', '>', '>=', '==', '!', '(', ')', ',', '-', '.', '*', ';', '"',
  '1', '-2', '3.5', '007', '1e5', '.5', '9007199254740993', '1' + '0'.repeat(400),
  "'Main Street'", "'it''s'", "'", "''", "'2026-01-31'", "'2026-02-30'", "'2026-06-01T10:00:00-04:00'",
  "'2026-06-01T10:00'", "'true'", "'3'", '🚧', 'é', '\n', '\t', '\u0000', '\ud800',
]; // prettier-ignore

const tokenSoupArb = fc
  .array(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom('', ' ', ' ', '  ')), { maxLength: 30 })
  .map((parts) => parts.map(([t, s]) => t + s).join(''));

/** A valid filter over the fuzz schema, then cut, spliced or duplicated somewhere. */
const mutatedArb = fc
  .tuple(whereArb(fuzzSchema), fc.integer(), fc.nat(), fc.nat(), fc.constantFrom(...TOKENS), fc.nat(3))
  .map(([ast, seed, a, b, token, how]) => {
    const text = randomPrint(ast, fuzzSchema, seed);
    const i = a % (text.length + 1);
    const j = i + (b % 8);
    if (how === 0) return text.slice(0, i) + text.slice(j);
    if (how === 1) return text.slice(0, i) + token + text.slice(i);
    if (how === 2) return text.slice(0, i) + token + text.slice(j);
    return text.slice(0, i) + text.slice(i, j).repeat(3) + text.slice(j);
  });

describe('property: any text is an AST or a 400', () => {
  it.each([
    ['printable ASCII', fc.string({ maxLength: 80 })],
    ['any code points', fc.string({ unit: 'binary', maxLength: 40 })],
    ['graphemes', fc.string({ unit: 'grapheme', maxLength: 40 })],
    [
      'UTF-16 units, lone surrogates included',
      fc.string({
        unit: fc.oneof(
          fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
          fc.constantFrom("'", '`', 'a', ' ', '(', '=', '1'),
        ),
        maxLength: 40,
      }),
    ],
    ['near-valid token soup', tokenSoupArb],
    ['mutated valid filters', mutatedArb],
  ])('%s', (_name, arb) => {
    let accepted = 0;
    fc.assert(
      fc.property(arb, (text) => {
        const ast = parsesOrRefuses(text, fuzzSchema);
        if (ast) {
          accepted++;
          checkAccepted(ast);
        }
      }),
      { numRuns: 1000 },
    );
    if (_name === 'mutated valid filters') expect(accepted).toBeGreaterThan(50);
  });

  it('select and order: any text is a query or a 400', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 30 }), tokenSoupArb), tokenSoupArb, (select, order) => {
        try {
          parseRowQuery({ select, order }, fuzzSchema);
        } catch (err) {
          expect(err).toBeInstanceOf(PlatformError);
          expect((err as PlatformError).statusCode).toBe(400);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a long run of any text is refused quickly, not parsed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 2001, maxLength: 3000 }), (text) => {
        fc.pre(codePoints(text) > 2000);
        expect(() => parseWhere(text, fuzzSchema)).toThrow(
          'where: the filter is longer than the limit of 2000 characters',
        );
      }),
      { numRuns: 50 },
    );
  });
});

describe('property: printed, parsed and compiled filters agree with the reference evaluator', () => {
  const caseArb = schemaArb.chain((schema) =>
    fc.record({
      schema: fc.constant(schema),
      ast: whereArb(schema),
      seed: fc.integer(),
      rows: fc.array(rowArb(schema, true), { minLength: 1, maxLength: 12 }),
    }),
  );

  it('parseWhere(randomPrint(ast)) normalizes to printWhere(ast) and filters as the reference does', () => {
    fc.assert(
      fc.property(caseArb, ({ schema, ast, seed, rows }) => {
        const text = randomPrint(ast, schema, seed);
        fc.pre(codePoints(text) <= 2000);
        const parsed = parseWhere(text, schema);
        expect(printWhere(parsed)).toBe(printWhere(ast));
        const fromText = compileWhere(parsed, schema);
        const fromTree = compileWhere(ast, schema);
        for (const row of rows) {
          const expected = reference(ast, schema, row) === true;
          expect(fromText(row as CellValue[])).toBe(expected);
          expect(fromTree(row as CellValue[])).toBe(expected);
        }
      }),
      { numRuns: 700 },
    );
  });

  it('a filter and its negation never both match, on any row', () => {
    fc.assert(
      fc.property(caseArb, ({ schema, ast, rows }) => {
        const yes = compileWhere(ast, schema);
        const no = compileWhere({ kind: 'not', item: ast }, schema);
        for (const row of rows) expect(yes(row as CellValue[]) && no(row as CellValue[])).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: on rows without nulls, not is negation', () => {
  it('not (f) matches exactly the rows f does not', () => {
    fc.assert(
      fc.property(
        schemaArb.chain((schema) =>
          fc.record({
            schema: fc.constant(schema),
            ast: whereArb(schema),
            rows: fc.array(rowArb(schema, false), { minLength: 1, maxLength: 12 }),
          }),
        ),
        ({ schema, ast, rows }) => {
          const f = compileWhere(ast, schema);
          const notF = compileWhere({ kind: 'not', item: ast }, schema);
          const text = `not (${printWhere(ast)})`;
          fc.pre(codePoints(text) <= 2000);
          const notText = compileWhere(parseWhere(text, schema), schema);
          for (const row of rows as CellValue[][]) {
            expect(notF(row)).toBe(!f(row));
            expect(notText(row)).toBe(!f(row));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('property: starts_with ignores case exactly as toLowerCase does', () => {
  const cased = fc.string({
    unit: fc.constantFrom(
      'a',
      'A',
      'z',
      'Z',
      'é',
      'É',
      'ß',
      'ẞ',
      'İ',
      'i',
      'I',
      'ı',
      'Σ',
      'σ',
      'ς',
      'K',
      'k',
      'ǅ',
      'Ǆ',
      '1',
      ' ',
      '🚧',
      '\ud800',
    ),
    maxLength: 8,
  });
  const text: QueryColumn[] = [{ name: 't', type: 'text' }];
  const alternate = (s: string) =>
    Array.from(s, (c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('');

  it('matches cell.toLowerCase().startsWith(prefix.toLowerCase()), for other text and for re-cased starts of the cell', () => {
    fc.assert(
      fc.property(cased, cased, fc.nat(), (cell, other, cut) => {
        const start = cell.slice(0, cut % (cell.length + 1));
        for (const prefix of [other, start, start.toUpperCase(), alternate(start)]) {
          const filter = compileWhere({ kind: 'starts_with', column: 't', prefix }, text);
          expect(filter([cell])).toBe(cell.toLowerCase().startsWith(prefix.toLowerCase()));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
