/** GET rows: published versions only, select/where/order, cursors, ETags, and the CSV form of a page. */
import type { VersionReader } from '../../lambdas/domain/datasets/catalog';
import type { DatasetRecord } from '../../lambdas/domain/datasets/dataset';
import type { CellValue } from '../../lambdas/domain/datasets/schema';
import type { DatasetVersion } from '../../lambdas/domain/datasets/versions';
import { readRows, rowsToCsv, type RowsRequest, type RowsResult } from '../../lambdas/domain/rows/read-rows';
import { encodeRowCursor, queryFingerprint } from '../../lambdas/domain/rows/row-pages';
import { CountingChunkReader, schemaColumn, type RawRow } from './support/chunked-rows';
import { datasetVersion } from './support/dataset-versions';
import { dataset, InMemoryCatalogStore } from './support/in-memory-catalog';

const COLUMNS = [
  schemaColumn('id', 'integer'),
  schemaColumn('ward', 'integer', true),
  schemaColumn('street', 'text', true),
];
const CURRENT_ROWS: RawRow[] = [
  ['1', '3', 'Main St'],
  ['2', '7', 'Elm St'],
  ['3', '', 'Lake Ave'],
  ['4', '5', 'Main St'],
  ['5', '7', 'Osborne St'],
  ['6', '1', 'Elm St'],
  ['7', '5', 'Pembroke Rd'],
];
const OLD_ROWS: RawRow[] = [
  ['1', '2', 'Old Ridgebury Rd'],
  ['2', '4', 'White St'],
];

function publishedVersion(version: number, rows: RawRow[], overrides: Partial<DatasetVersion> = {}) {
  return datasetVersion({
    datasetId: 'pothole-repairs',
    version,
    state: 'published',
    rowCount: rows.length,
    columns: COLUMNS,
    chunkRows: 3,
    orders: [
      { field: 'ward', chunkCount: Math.ceil(rows.length / 3) },
      { field: 'street', chunkCount: Math.ceil(rows.length / 3) },
    ],
    contentSha256: `sha-of-v${version}`,
    publishedAt: `2026-0${version}-01T00:00:00.000Z`,
    ...overrides,
  });
}

interface Fixture {
  versions: Map<number, DatasetVersion>;
  rows: Map<number, RawRow[]>;
  readers: Map<number, CountingChunkReader>;
  datasetRecord: DatasetRecord;
}

function fixture(datasetOverrides: Partial<DatasetRecord> = {}): Fixture {
  const rows = new Map<number, RawRow[]>([
    [1, OLD_ROWS],
    [2, CURRENT_ROWS],
    [3, CURRENT_ROWS],
    [4, CURRENT_ROWS],
  ]);
  const versions = new Map<number, DatasetVersion>([
    [1, publishedVersion(1, OLD_ROWS)],
    [2, publishedVersion(2, CURRENT_ROWS)],
    [3, publishedVersion(3, CURRENT_ROWS, { state: 'withdrawn' })],
    [4, publishedVersion(4, CURRENT_ROWS, { state: 'ready' })],
  ]);
  return {
    versions,
    rows,
    readers: new Map(),
    datasetRecord: dataset({ datasetId: 'pothole-repairs', currentVersion: 2, ...datasetOverrides }),
  };
}

async function read(f: Fixture, request: Partial<RowsRequest> = {}): Promise<RowsResult> {
  const store = new InMemoryCatalogStore([f.datasetRecord]);
  const versions: VersionReader = {
    getVersion: async (datasetId, version) =>
      datasetId === 'pothole-repairs' ? f.versions.get(version) : undefined,
  };
  const chunksFor = (datasetId: string, version: number) => {
    const reader = new CountingChunkReader(f.rows.get(version) ?? [], COLUMNS, 3);
    f.readers.set(version, reader);
    return reader;
  };
  return readRows(store, versions, chunksFor, {
    datasetId: 'pothole-repairs',
    limit: 100,
    format: 'json',
    ...request,
  });
}

function page(result: RowsResult) {
  if (result.notModified) throw new Error('expected a page, got 304');
  return result;
}

async function rejection(promise: Promise<unknown>): Promise<{ statusCode?: number; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { statusCode?: number; message: string };
  }
  throw new Error('expected the read to be refused');
}

describe('readRows', () => {
  it('reads every row and column of the current version', async () => {
    const result = page(await read(fixture()));

    expect(result).toMatchObject({
      datasetId: 'pothole-repairs',
      version: 2,
      totalRows: 7,
      lastModified: '2026-02-01T00:00:00.000Z',
      nextCursor: null,
      scannedRows: 7,
      scanBudgetExhausted: false,
      columns: [
        { field: 'id', type: 'integer' },
        { field: 'ward', type: 'integer' },
        { field: 'street', type: 'text' },
      ],
    });
    expect(result.rows[2]).toEqual([3, null, 'Lake Ave']);
    expect(result.rows.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('returns the selected columns in the order asked', async () => {
    const result = page(await read(fixture(), { select: 'street, id' }));

    expect(result.columns).toEqual([
      { field: 'street', type: 'text' },
      { field: 'id', type: 'integer' },
    ]);
    expect(result.rows.slice(0, 2)).toEqual([
      ['Main St', 1],
      ['Elm St', 2],
    ]);
  });

  it('filters and orders together', async () => {
    const result = page(await read(fixture(), { where: 'ward >= 5', order: 'ward desc', select: 'id,ward' }));

    expect(result.rows).toEqual([
      [5, 7],
      [2, 7],
      [7, 5],
      [4, 5],
    ]);
  });

  it('pages through a filtered, ordered result with its cursors', async () => {
    const f = fixture();
    const request = { where: "street != 'Lake Ave'", order: 'street', select: 'id', limit: 2 };
    const ids: CellValue[] = [];
    let cursor: string | undefined;

    for (let guard = 0; guard < 10; guard++) {
      const result = page(await read(f, { ...request, ...(cursor ? { cursor } : {}) }));
      ids.push(...result.rows.map((r) => r[0]!));
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }

    expect(ids).toEqual([2, 6, 1, 4, 5, 7]);
  });

  it('answers 304 for a matching If-None-Match without reading a chunk', async () => {
    const f = fixture();
    const first = page(await read(f, { select: 'id', limit: 5 }));
    f.readers.clear();

    const again = await read(f, { select: 'id', limit: 5, ifNoneMatch: `"other", ${first.etag}` });

    expect(again).toEqual({ notModified: true, etag: first.etag });
    expect(f.readers.size).toBe(0);
  });

  it('answers in full when If-None-Match names another ETag', async () => {
    const result = await read(fixture(), { ifNoneMatch: '"some-other-etag"' });

    expect(result.notModified).toBe(false);
  });

  it.each([
    ['select', { select: 'id' }],
    ['where', { where: 'ward = 7' }],
    ['order', { order: 'ward' }],
    ['limit', { limit: 99 }],
    ['format', { format: 'csv' as const }],
    ['version', { version: 1 }],
  ])('gives another ETag for another %s', async (_what, change) => {
    const f = fixture();
    const base = page(await read(f));

    const other = page(await read(f, change));

    expect(other.etag).not.toBe(base.etag);
  });

  it('gives the same ETag for the same request', async () => {
    const f = fixture();

    const [a, b] = [page(await read(f, { where: 'ward = 7' })), page(await read(f, { where: 'ward  =  7' }))];

    expect(a.etag).toBe(b.etag);
  });

  it('reads an older published version when asked', async () => {
    const f = fixture();

    const result = page(await read(f, { version: 1 }));

    expect(result).toMatchObject({ version: 1, totalRows: 2, lastModified: '2026-01-01T00:00:00.000Z' });
    expect(result.rows.map((r) => r[2])).toEqual(['Old Ridgebury Rd', 'White St']);
    expect([...f.readers.keys()]).toEqual([1]);
  });

  it.each([
    ['a withdrawn version', {}, { version: 3 }],
    ['a version not yet published', {}, { version: 4 }],
    ['a missing version', {}, { version: 9 }],
    ['an unpublished dataset', { status: 'unpublished' as const }, {}],
    ['a draft dataset', { status: 'draft' as const }, {}],
    ['a non-public dataset', { accessLevel: 'non-public' as const }, {}],
    ['another dataset', {}, { datasetId: 'no-such-dataset' }],
  ])('answers 404 for %s', async (_what, datasetOverrides, request) => {
    const f = fixture(datasetOverrides);

    const err = await rejection(read(f, request));

    expect(err.statusCode).toBe(404);
    expect(f.readers.size).toBe(0);
  });

  it('answers 404 when the current version was withdrawn', async () => {
    const f = fixture({ currentVersion: 3 });

    const err = await rejection(read(f));

    expect(err.statusCode).toBe(404);
  });

  it('refuses a cursor past the end with 400', async () => {
    const query = { select: [0, 1, 2] };
    const cursor = encodeRowCursor({ v: 2, p: 8, q: queryFingerprint(query, COLUMNS) });

    const err = await rejection(read(fixture(), { cursor }));

    expect(err.statusCode).toBe(400);
    expect(err.message).toMatch(/past the end/);
  });

  it('answers an empty last page for a cursor at the end', async () => {
    const cursor = encodeRowCursor({ v: 2, p: 7, q: queryFingerprint({ select: [0] }, COLUMNS) });

    const result = page(await read(fixture(), { cursor }));

    expect(result.rows).toEqual([]);
    expect(result.nextCursor).toBeNull();
  });

  it('refuses a cursor of another query or version with 400', async () => {
    const f = fixture();
    const first = page(await read(f, { where: 'ward = 7', limit: 1 }));

    const otherQuery = await rejection(read(f, { where: 'ward = 5', limit: 1, cursor: first.nextCursor! }));
    const otherVersion = await rejection(
      read(f, { where: 'ward = 7', limit: 1, version: 1, cursor: first.nextCursor! }),
    );

    expect([otherQuery.statusCode, otherVersion.statusCode]).toEqual([400, 400]);
  });

  it('refuses an unknown column with 400', async () => {
    const err = await rejection(read(fixture(), { select: 'nope' }));

    expect(err.statusCode).toBe(400);
  });

  it('refuses to order by a column without a sorted copy', async () => {
    const err = await rejection(read(fixture(), { order: 'id' }));

    expect(err.statusCode).toBe(400);
  });
});

describe('rowsToCsv', () => {
  it('writes a header of field names and CRLF-terminated rows', () => {
    expect(rowsToCsv([{ field: 'id' }, { field: 'ok' }], [[1, true]])).toBe('id,ok\r\n1,true\r\n');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    const csv = rowsToCsv(
      [{ field: 'a' }],
      [['x,y'], ['say "hi"'], ['line\nbreak'], ['carriage\rreturn'], ['plain']],
    );

    expect(csv).toBe('a\r\n"x,y"\r\n"say ""hi"""\r\n"line\nbreak"\r\n"carriage\rreturn"\r\nplain\r\n');
  });

  it('writes nulls as empty cells', () => {
    expect(rowsToCsv([{ field: 'a' }, { field: 'b' }, { field: 'c' }], [[null, 2.5, null]])).toBe(
      'a,b,c\r\n,2.5,\r\n',
    );
  });

  it('quotes a header that needs it', () => {
    expect(rowsToCsv([{ field: 'a,b' }], [])).toBe('"a,b"\r\n');
  });
});
