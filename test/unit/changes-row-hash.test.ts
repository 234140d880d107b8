/**
 * Change lists of a dataset without a primary key, over versions written by the real ingestion:
 * the row-hash order is chunked at its own size (ROW_HASH_CHUNK_ROWS in AWS), and the change list
 * must read it at that size, not the natural order's.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { VersionReader } from '../../lambdas/domain/datasets/catalog';
import type { DatasetVersion } from '../../lambdas/domain/datasets/versions';
import { createPersonalDataScanner } from '../../lambdas/domain/personal-data/scanner';
import { readChanges, type RowChange } from '../../lambdas/domain/rows/changes';
import type { RowChunkReader } from '../../lambdas/domain/rows/row-pages';
import { ingestCsv } from '../../lambdas/ingestion/ingest-csv';
import { byteSource, csvBytes, MemoryChunkSink } from './support/csv-files';
import { datasetVersion } from './support/dataset-versions';
import { dataset, InMemoryCatalogStore } from './support/in-memory-catalog';

let tempDir: string;
beforeAll(async () => {
  tempDir = await mkdtemp(path.join(os.tmpdir(), 'changes-row-hash-'));
});
afterAll(async () => {
  await rm(tempDir, { recursive: true, force: true });
});

const HEADER = ['street', 'ward'];
const NATURAL_CHUNK = 3;
const ROW_HASH_CHUNK = 4;

async function ingestVersion(version: number, rows: string[][]) {
  const sink = new MemoryChunkSink().acceptJson();
  const result = await ingestCsv(byteSource(csvBytes([HEADER, ...rows])), sink, {
    sortable: [],
    chunkRows: NATURAL_CHUNK,
    rowHashChunkRows: ROW_HASH_CHUNK,
    createScanner: createPersonalDataScanner,
    tempDir,
  });
  expect(result.problems).toEqual([]);
  const record: DatasetVersion = datasetVersion({
    datasetId: 'street-lights',
    version,
    state: 'published',
    rowCount: result.rowCount,
    columns: result.columns,
    chunkRows: NATURAL_CHUNK,
    chunkCount: result.chunkCount,
    orders: result.orders,
    ...(result.changeIndex ? { changeIndex: result.changeIndex } : {}),
    publishedAt: `2026-0${version}-01T00:00:00.000Z`,
  });
  const reader: RowChunkReader = {
    readChunk: async (order, index) => {
      const chunk = sink.chunks(order)[index];
      if (!chunk) throw new Error(`no chunk ${order}/${index}`);
      return chunk;
    },
  };
  return { record, reader, sink };
}

const streets = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => [`Street ${from + i}`, String((from + i) % 7)]);

describe('change lists by row content', () => {
  it('reads a row-hash order chunked at its own size: every added and removed row, once', async () => {
    // 1–14 then 6–21: rows 1–5 removed, 15–20 added, 6–14 the same in both.
    const v1 = await ingestVersion(1, streets(1, 15));
    const v2 = await ingestVersion(2, streets(6, 21));
    expect(v2.record.changeIndex).toEqual({ order: 'by-row-hash', chunkCount: 4, chunkRows: ROW_HASH_CHUNK });
    expect(v2.sink.chunks('by-row-hash').map((c) => c.length)).toEqual([4, 4, 4, 3]);

    const store = new InMemoryCatalogStore([dataset({ datasetId: 'street-lights', currentVersion: 2 })]);
    const byNumber = new Map([
      [1, v1],
      [2, v2],
    ]);
    const versions: VersionReader = { getVersion: async (_id, n) => byNumber.get(n)?.record };
    const changes: RowChange[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const result = await readChanges(store, versions, (_id, n) => byNumber.get(n)!.reader, {
        datasetId: 'street-lights',
        since: 1,
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      changes.push(...result.changes);
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }

    const streetsOf = (kind: string) =>
      changes
        .filter((c) => c.change === kind)
        .map((c) => c.row.street)
        .sort();
    expect(streetsOf('removed')).toEqual(
      streets(1, 6)
        .map(([s]) => s)
        .sort(),
    );
    expect(streetsOf('added')).toEqual(
      streets(15, 21)
        .map(([s]) => s)
        .sort(),
    );
    expect(streetsOf('changed')).toEqual([]);
  });
});
