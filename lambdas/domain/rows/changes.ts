/**
 * Change lists between two published versions: rows added, changed and
 * removed. Ingestion keeps each version's rows sorted by the primary key (or
 * by row hash without one), so a change list is a merge of two sorted
 * streams: bounded memory, resumable from a cursor, bounded work per request.
 */
import { createHash } from 'node:crypto';
import { badRequest } from '../../shared/errors';
import { compareCells } from './query-language';
import { getPublishedVersion, type DatasetCatalogStore, type VersionReader } from '../datasets/catalog';
import { coerceCell, coerceRow, type CellValue, type SchemaColumn } from '../datasets/schema';
import { CHUNK_ROWS, type DatasetVersion } from '../datasets/versions';
import type { RowChunkReader } from './row-pages';

export const DEFAULT_CHANGES_LIMIT = 100;
export const MAX_CHANGES_LIMIT = 1000;
/** Rows of both versions one request reads at most before it answers with a cursor. */
export const CHANGES_SCAN_BUDGET = 50_000;

export type ChangeKind = 'added' | 'changed' | 'removed';

export interface RowChange {
  change: ChangeKind;
  key: CellValue;
  row: Record<string, CellValue>;
}

/** Reads one sorted order of a version front to back, a chunk at a time. */
class SortedRows {
  private chunk: readonly (readonly string[])[] = [];
  private chunkIndex = -1;
  constructor(
    private readonly reader: RowChunkReader,
    private readonly order: string,
    private readonly chunkRows: number,
    readonly total: number,
    public position: number,
  ) {}

  async current(): Promise<readonly string[] | undefined> {
    if (this.position >= this.total) return undefined;
    const index = Math.floor(this.position / this.chunkRows);
    if (index !== this.chunkIndex) {
      this.chunk = await this.reader.readChunk(this.order, index);
      this.chunkIndex = index;
    }
    return this.chunk[this.position - index * this.chunkRows];
  }
}

interface Side {
  version: DatasetVersion;
  columns: readonly SchemaColumn[];
  keyOf: (row: readonly string[]) => CellValue;
  contentOf: (row: readonly string[]) => string;
  rows: SortedRows;
}

function encodeCursor(since: number, to: number, i: number, j: number): string {
  return Buffer.from(`k1.${since}.${to}.${i}.${j}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, since: number, to: number): [number, number] {
  const m = /^k1\.(\d{1,9})\.(\d{1,9})\.(\d{1,12})\.(\d{1,12})$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  if (!m || Number(m[1]) !== since || Number(m[2]) !== to) {
    throw badRequest('The cursor is not valid for these versions: pass back nextCursor unchanged.', [
      { path: 'query.cursor', message: 'not a cursor of this change list' },
    ]);
  }
  return [Number(m[3]), Number(m[4])];
}

function side(version: DatasetVersion, reader: RowChunkReader, position: number): Side {
  const columns = version.columns ?? [];
  const index = version.changeIndex!;
  const keyColumn = index.field ? columns.findIndex((c) => c.field === index.field) : -1;
  const fields = columns.map((c) => c.field);
  // Content compared by field name, so a reordered column is not a change.
  const contentOf = (row: readonly string[]) =>
    JSON.stringify(fields.map((f, i) => [f, row[i] ?? '']).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
  const keyOf =
    keyColumn >= 0
      ? (row: readonly string[]) => coerceCell(columns[keyColumn]!.type, row[keyColumn])
      : (row: readonly string[]) => createHash('sha1').update(JSON.stringify(row)).digest('base64');
  return {
    version,
    columns,
    keyOf,
    contentOf,
    rows: new SortedRows(
      reader,
      index.order,
      index.chunkRows ?? version.chunkRows ?? CHUNK_ROWS,
      version.rowCount ?? 0,
      position,
    ),
  };
}

function asObject(columns: readonly SchemaColumn[], row: readonly string[]): Record<string, CellValue> {
  const typed = coerceRow(columns, row);
  return Object.fromEntries(columns.map((c, i) => [c.field, typed[i] ?? null]));
}

export interface ChangesRequest {
  datasetId: string;
  since: number;
  version?: number;
  limit: number;
  cursor?: string;
}

export async function readChanges(
  store: DatasetCatalogStore,
  versions: VersionReader,
  chunksFor: (datasetId: string, version: number) => RowChunkReader,
  request: ChangesRequest,
) {
  const to = (await getPublishedVersion(store, versions, request.datasetId, request.version)).version;
  const from = (await getPublishedVersion(store, versions, request.datasetId, request.since)).version;
  if (!from.changeIndex || !to.changeIndex) {
    throw badRequest(
      'These versions were published before change lists existed; compare their downloads instead.',
    );
  }
  if (from.changeIndex.field !== to.changeIndex.field) {
    throw badRequest(
      `The two versions identify rows differently (${from.changeIndex.field ?? 'row content'} vs ${to.changeIndex.field ?? 'row content'}).`,
    );
  }
  const keyTypeOf = (v: DatasetVersion) =>
    v.changeIndex?.field
      ? ((v.columns ?? []).find((c) => c.field === v.changeIndex!.field)?.type ?? 'text')
      : 'text';
  const keyType = keyTypeOf(to);
  if (keyTypeOf(from) !== keyType) {
    throw badRequest(`The key column changed type between the versions (${keyTypeOf(from)} → ${keyType}).`);
  }
  const [i, j] = request.cursor ? decodeCursor(request.cursor, from.version, to.version) : [0, 0];
  const old = side(from, chunksFor(request.datasetId, from.version), i);
  const next = side(to, chunksFor(request.datasetId, to.version), j);

  const changes: RowChange[] = [];
  let scanned = 0;
  while (changes.length < request.limit && scanned < CHANGES_SCAN_BUDGET) {
    const a = await old.rows.current();
    const b = await next.rows.current();
    if (!a && !b) break;
    const order = !a ? 1 : !b ? -1 : compareCells(old.keyOf(a), next.keyOf(b), keyType);
    if (order < 0) {
      changes.push({ change: 'removed', key: old.keyOf(a!), row: asObject(old.columns, a!) });
      old.rows.position++;
      scanned++;
    } else if (order > 0) {
      changes.push({ change: 'added', key: next.keyOf(b!), row: asObject(next.columns, b!) });
      next.rows.position++;
      scanned++;
    } else {
      if (old.contentOf(a!) !== next.contentOf(b!)) {
        changes.push({ change: 'changed', key: next.keyOf(b!), row: asObject(next.columns, b!) });
      }
      old.rows.position++;
      next.rows.position++;
      scanned += 2;
    }
  }
  const done = old.rows.position >= old.rows.total && next.rows.position >= next.rows.total;
  return {
    datasetId: request.datasetId,
    since: from.version,
    version: to.version,
    keyedBy: to.changeIndex.field ?? 'row-content',
    changes,
    nextCursor: done ? null : encodeCursor(from.version, to.version, old.rows.position, next.rows.position),
    scannedRows: scanned,
  };
}
