/** Pages of a version's rows from fixed-size chunks: order, depth, filters, scan budget, cursors, ETags. */
import fc from 'fast-check';
import type { CellValue } from '../../lambdas/domain/datasets/schema';
import type { RowQuery } from '../../lambdas/domain/rows/query-language';
import {
  decodeRowCursor,
  encodeRowCursor,
  queryFingerprint,
  readRowsPage,
  rowsEtag,
  SCAN_BUDGET_ROWS,
  type RowsPage,
  type VersionLayout,
} from '../../lambdas/domain/rows/row-pages';
import { PlatformError } from '../../lambdas/shared/errors';
import { ascendingNullsLast, CountingChunkReader, schemaColumn, type RawRow } from './support/chunked-rows';

const COLUMNS = [
  schemaColumn('id', 'integer'),
  schemaColumn('ward', 'integer', true),
  schemaColumn('street', 'text', true),
];
const STREETS = ['Main St', 'Elm St', 'Pembroke Rd', 'Osborne St', 'Lake Ave'];

/** Row i: id i+1, a ward (empty for every 7th row), a street. */
function rawRow(i: number): RawRow {
  return [String(i + 1), i % 7 === 3 ? '' : String((i * 37) % 9), STREETS[(i * 3) % 5]!];
}
function typedRow(i: number): CellValue[] {
  return [i + 1, i % 7 === 3 ? null : (i * 37) % 9, STREETS[(i * 3) % 5]!];
}

interface Table {
  raw: RawRow[];
  typed: CellValue[][];
}
function table(rowCount: number): Table {
  return {
    raw: Array.from({ length: rowCount }, (_, i) => rawRow(i)),
    typed: Array.from({ length: rowCount }, (_, i) => typedRow(i)),
  };
}

function layoutOf(rowCount: number, chunkRows: number): VersionLayout {
  return { version: 3, rowCount, chunkRows, columns: COLUMNS, contentSha256: 'abc123' };
}

type Order = 'natural' | 'ward asc' | 'ward desc' | 'street desc';
const ORDERS: Order[] = ['natural', 'ward asc', 'ward desc', 'street desc'];

function queryFor(order: Order, where?: (row: readonly CellValue[]) => boolean): RowQuery {
  const query: RowQuery = { select: [0, 1, 2] };
  if (order !== 'natural') {
    const [field, direction] = order.split(' ') as [string, 'asc' | 'desc'];
    query.order = { column: COLUMNS.findIndex((c) => c.field === field), direction };
  }
  if (where) {
    query.where = where;
    query.whereText = 'test filter';
  }
  return query;
}

/** The whole table in the query's order, computed directly from the typed rows. */
function expectedOrder(typed: readonly CellValue[][], order: Order): CellValue[][] {
  if (order === 'natural') return [...typed];
  const [field, direction] = order.split(' ');
  const index = COLUMNS.findIndex((c) => c.field === field);
  const ascending = typed
    .map((row, seq) => ({ row, seq }))
    .sort((a, b) => ascendingNullsLast(a.row[index]!, b.row[index]!) || a.seq - b.seq)
    .map((e) => e.row);
  return direction === 'desc' ? ascending.reverse() : ascending;
}

async function allPages(
  reader: CountingChunkReader,
  layout: VersionLayout,
  query: RowQuery,
  limit: number,
): Promise<{ pages: (RowsPage & { start: number })[]; rows: CellValue[][] }> {
  const pages: (RowsPage & { start: number })[] = [];
  let start = 0;
  for (let guard = 0; guard < 100_000; guard++) {
    const page = await readRowsPage(reader, layout, query, start, limit);
    pages.push({ ...page, start });
    if (page.nextPosition === null) return { pages, rows: pages.flatMap((p) => p.rows) };
    if (page.nextPosition <= start) throw new Error(`cursor did not move forward from ${start}`);
    start = page.nextPosition;
  }
  throw new Error('paging did not end');
}

describe('readRowsPage without a filter', () => {
  it('visits every row exactly once, in order, at any limit and chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(...ORDERS),
        async (rowCount, chunkRows, limit, order) => {
          const { raw, typed } = table(rowCount);
          const reader = new CountingChunkReader(raw, COLUMNS, chunkRows);

          const { pages, rows } = await allPages(
            reader,
            layoutOf(rowCount, chunkRows),
            queryFor(order),
            limit,
          );

          expect(rows).toEqual(expectedOrder(typed, order));
          expect(pages).toHaveLength(Math.max(1, Math.ceil(rowCount / limit)));
          for (const page of pages.slice(0, -1)) expect(page.rows).toHaveLength(limit);
          for (const page of pages) expect(page.budgetExhausted).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reads a descending order as the stored ascending copy backwards, nulls first', async () => {
    const { raw, typed } = table(20);
    const reader = new CountingChunkReader(raw, COLUMNS, 3);

    const page = await readRowsPage(reader, layoutOf(20, 3), queryFor('ward desc'), 0, 20);

    expect(page.rows).toEqual(expectedOrder(typed, 'ward desc'));
    expect(page.rows.slice(0, 4).map((r) => r[1])).toEqual([null, null, null, 8]);
    expect(new Set(reader.reads.map((r) => r.order))).toEqual(new Set(['by-ward']));
  });

  it('projects the selected columns in the order asked', async () => {
    const { raw } = table(4);
    const reader = new CountingChunkReader(raw, COLUMNS, 2);

    const page = await readRowsPage(reader, layoutOf(4, 2), { select: [2, 0] }, 1, 2);

    expect(page.rows).toEqual([
      [typedRow(1)[2], 2],
      [typedRow(2)[2], 3],
    ]);
  });

  it.each([
    ['ascending', 'natural' as Order],
    ['descending', 'ward desc' as Order],
  ])('reads only the chunks a deep page needs (%s)', async (_what, order) => {
    const { raw, typed } = table(6000);
    const reader = new CountingChunkReader(raw, COLUMNS, 50);
    const start = 4321;
    const limit = 230;

    const page = await readRowsPage(reader, layoutOf(6000, 50), queryFor(order), start, limit);

    expect(page.rows).toEqual(expectedOrder(typed, order).slice(start, start + limit));
    expect(page.nextPosition).toBe(start + limit);
    expect(reader.reads.length).toBeLessThanOrEqual(Math.ceil(limit / 50) + 1);
    expect([...reader.readCounts().values()].every((n) => n === 1)).toBe(true);
  });

  it('answers an empty last page past the end', async () => {
    const { raw } = table(5);
    const reader = new CountingChunkReader(raw, COLUMNS, 2);

    const page = await readRowsPage(reader, layoutOf(5, 2), queryFor('natural'), 5, 10);

    expect(page).toEqual({ rows: [], nextPosition: null, scannedRows: 0, budgetExhausted: false });
    expect(reader.reads).toEqual([]);
  });
});

describe('readRowsPage with a filter', () => {
  it('stops a full page right after its last match', async () => {
    const { raw } = table(100);
    const reader = new CountingChunkReader(raw, COLUMNS, 10);
    const everyThird = (row: readonly CellValue[]) => (row[0] as number) % 3 === 0;

    const page = await readRowsPage(reader, layoutOf(100, 10), queryFor('natural', everyThird), 0, 4);

    expect(page.rows.map((r) => r[0])).toEqual([3, 6, 9, 12]);
    expect(page).toMatchObject({ nextPosition: 12, scannedRows: 12, budgetExhausted: false });
  });

  describe('on a table bigger than the scan budget', () => {
    const rowCount = 130_000;
    const big = table(rowCount);
    const reader = new CountingChunkReader(big.raw, COLUMNS, 1000);
    const layout = layoutOf(rowCount, 1000);
    const inOrder = { natural: big.typed, 'ward desc': expectedOrder(big.typed, 'ward desc') };
    beforeEach(() => reader.reads.splice(0));

    it('stops at the budget with a cursor where scanning stopped', async () => {
      const ids = new Set([5, 60_001, 125_000]);
      const query = queryFor('natural', (row) => ids.has(row[0] as number));

      const { pages, rows } = await allPages(reader, layout, query, 10);

      expect(rows.map((r) => r[0])).toEqual([5, 60_001, 125_000]);
      expect(pages.map((p) => [p.start, p.nextPosition, p.scannedRows, p.budgetExhausted])).toEqual([
        [0, SCAN_BUDGET_ROWS, SCAN_BUDGET_ROWS, true],
        [SCAN_BUDGET_ROWS, 2 * SCAN_BUDGET_ROWS, SCAN_BUDGET_ROWS, true],
        [2 * SCAN_BUDGET_ROWS, null, rowCount - 2 * SCAN_BUDGET_ROWS, false],
      ]);
    });

    it('reads each chunk of the budget once from a chunk boundary', async () => {
      const page = await readRowsPage(
        reader,
        layout,
        queryFor('natural', () => false),
        2000,
        10,
      );

      expect(page).toMatchObject({ rows: [], budgetExhausted: true, nextPosition: 2000 + SCAN_BUDGET_ROWS });
      expect(reader.reads.map((r) => r.index)).toEqual(
        Array.from({ length: SCAN_BUDGET_ROWS / 1000 }, (_, i) => 2 + i),
      );
    });

    it('reads only the chunks covering the budget from a position inside a chunk', async () => {
      await readRowsPage(
        reader,
        layout,
        queryFor('natural', () => false),
        1234,
        10,
      );

      const counts = reader.readCounts();
      expect([...counts.keys()].sort()).toEqual(
        Array.from({ length: SCAN_BUDGET_ROWS / 1000 + 1 }, (_, i) => `natural/${1 + i}`).sort(),
      );
      expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    });

    it('never skips or repeats a match across budget-limited pages', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.integer({ min: 1, max: rowCount }), { maxLength: 12 }),
          fc.integer({ min: 1, max: 4 }),
          fc.constantFrom('natural' as const, 'ward desc' as const),
          async (matchIds, limit, order) => {
            const ids = new Set(matchIds);
            const where = (row: readonly CellValue[]) => ids.has(row[0] as number);

            const { pages, rows } = await allPages(reader, layout, queryFor(order, where), limit);

            expect(rows).toEqual(inOrder[order].filter(where));
            for (const page of pages) {
              expect(page.scannedRows).toBeLessThanOrEqual(SCAN_BUDGET_ROWS);
              if (page.budgetExhausted) expect(page.nextPosition).toBe(page.start + SCAN_BUDGET_ROWS);
            }
          },
        ),
        { numRuns: 4 },
      );
    });
  });

  it('pages concatenate to the filtered table (any filter, order, limit and chunk size)', async () => {
    const filterArb = fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 10 }), fc.nat({ max: 9 })).map(
        ([m, r]) =>
          (row: readonly CellValue[]) =>
            (row[0] as number) % m === r % m,
      ),
      fc.constant((row: readonly CellValue[]) => row[1] === null),
      fc.constantFrom(...STREETS).map((s) => (row: readonly CellValue[]) => row[2] === s),
      fc.constant(() => false),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom(...ORDERS),
        filterArb,
        async (rowCount, chunkRows, limit, order, where) => {
          const { raw, typed } = table(rowCount);
          const reader = new CountingChunkReader(raw, COLUMNS, chunkRows);

          const { pages, rows } = await allPages(
            reader,
            layoutOf(rowCount, chunkRows),
            queryFor(order, where),
            limit,
          );

          expect(rows).toEqual(expectedOrder(typed, order).filter(where));
          for (const page of pages.slice(0, -1)) expect(page.rows).toHaveLength(limit);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('row cursors', () => {
  it('round-trip their position', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.integer({ min: 0, max: 999_999_999_999 }),
        fc.stringMatching(/^[A-Za-z0-9_-]{12}$/),
        (v, p, q) => {
          expect(decodeRowCursor(encodeRowCursor({ v, p, q }), v, q)).toBe(p);
        },
      ),
    );
  });

  const good = encodeRowCursor({ v: 3, p: 250, q: 'abcdefghijkl' });

  it.each([
    ['garbage', 'not-a-cursor!'],
    ['an empty cursor', ''],
    ['another format', Buffer.from('r2.3.250.abcdefghijkl').toString('base64url')],
    ['a negative position', Buffer.from('r1.3.-250.abcdefghijkl').toString('base64url')],
    ['a cut-off cursor', good.slice(0, -4)],
  ])('refuse %s with 400', (_what, cursor) => {
    expect(() => decodeRowCursor(cursor, 3, 'abcdefghijkl')).toThrow(
      expect.objectContaining({
        statusCode: 400,
        details: { issues: [expect.objectContaining({ path: 'query.cursor' })] },
      }),
    );
  });

  it('refuse a cursor of another version', () => {
    expect(() => decodeRowCursor(good, 4, 'abcdefghijkl')).toThrow(/version 3, not 4/);
  });

  it('refuse a cursor of another where or order', () => {
    expect(() => decodeRowCursor(good, 3, 'ABCDEFGHIJKL')).toThrow(PlatformError);
    expect(() => decodeRowCursor(good, 3, 'ABCDEFGHIJKL')).toThrow(/different where or order/);
  });
});

describe('queryFingerprint', () => {
  const fingerprint = (order: Order, whereText?: string) => {
    const query = queryFor(order);
    if (whereText !== undefined) query.whereText = whereText;
    return queryFingerprint(query, COLUMNS);
  };

  it('is the same for the same where and order, whatever is selected', () => {
    expect(queryFingerprint({ ...queryFor('ward desc'), select: [1] }, COLUMNS)).toBe(
      fingerprint('ward desc'),
    );
  });

  it('is 12 URL-safe characters', () => {
    expect(fingerprint('natural', 'ward = 3')).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });

  it.each([
    ['order direction', fingerprint('ward asc'), fingerprint('ward desc')],
    ['order column', fingerprint('street desc'), fingerprint('ward desc')],
    ['order or none', fingerprint('natural'), fingerprint('ward asc')],
    ['filter', fingerprint('natural', 'ward = 3'), fingerprint('natural', 'ward = 4')],
  ])('tells queries apart by %s', (_what, a, b) => {
    expect(a).not.toBe(b);
  });
});

describe('rowsEtag', () => {
  const layout = layoutOf(100, 10);
  const parts = ['0,1,2', 'abcdefghijkl', 100, 0, 'json'];

  it('is a stable strong validator', () => {
    expect(rowsEtag(layout, parts)).toBe(rowsEtag({ ...layout }, [...parts]));
    expect(rowsEtag(layout, parts)).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
  });

  it.each(parts.map((_, i) => i))('changes with part %i', (i) => {
    const changed = parts.map((p, k) => (k === i ? `${p}x` : p));

    expect(rowsEtag(layout, changed)).not.toBe(rowsEtag(layout, parts));
  });

  it('changes with the content hash and the version', () => {
    const base = rowsEtag(layout, parts);

    expect(rowsEtag({ ...layout, contentSha256: 'abc124' }, parts)).not.toBe(base);
    expect(rowsEtag({ ...layout, version: 4 }, parts)).not.toBe(base);
  });

  it('tells a value apart from the same text split over two parts', () => {
    expect(rowsEtag(layout, ['ab', ''])).not.toBe(rowsEtag(layout, ['a', 'b']));
  });
});
