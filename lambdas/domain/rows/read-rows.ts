/**
 * GET rows: a page of a published version, filtered, projected and ordered as
 * asked, with a cursor that continues exactly where the page ended.
 */
import { badRequest } from '../../shared/errors';
import { CHUNK_ROWS } from '../datasets/versions';
import { getPublishedVersion, type DatasetCatalogStore, type VersionReader } from '../datasets/catalog';
import type { CellValue } from '../datasets/schema';
import { parseRowQuery } from './query-language';
import {
  decodeRowCursor,
  encodeRowCursor,
  queryFingerprint,
  readRowsPage,
  rowsEtag,
  type RowChunkReader,
  type VersionLayout,
} from './row-pages';

export interface RowsRequest {
  datasetId: string;
  version?: number;
  select?: string;
  where?: string;
  order?: string;
  limit: number;
  cursor?: string;
  format: 'json' | 'csv';
  ifNoneMatch?: string;
}

export type RowsResult =
  | { notModified: true; etag: string }
  | {
      notModified: false;
      etag: string;
      lastModified?: string;
      datasetId: string;
      version: number;
      totalRows: number;
      columns: { field: string; type: string }[];
      rows: CellValue[][];
      nextCursor: string | null;
      scannedRows: number;
      scanBudgetExhausted: boolean;
    };

export async function readRows(
  store: DatasetCatalogStore,
  versions: VersionReader,
  chunksFor: (datasetId: string, version: number) => RowChunkReader,
  request: RowsRequest,
): Promise<RowsResult> {
  const { version } = await getPublishedVersion(store, versions, request.datasetId, request.version);
  const columns = version.columns ?? [];
  const sortable = new Set((version.orders ?? []).map((o) => o.field));
  const query = parseRowQuery(
    {
      ...(request.select !== undefined ? { select: request.select } : {}),
      ...(request.where !== undefined ? { where: request.where } : {}),
      ...(request.order !== undefined ? { order: request.order } : {}),
    },
    columns.map((c) => ({ name: c.field, type: c.type, sortable: sortable.has(c.field) })),
  );
  const layout: VersionLayout = {
    version: version.version,
    rowCount: version.rowCount ?? 0,
    chunkRows: version.chunkRows ?? CHUNK_ROWS,
    columns,
    contentSha256: version.contentSha256 ?? '',
  };
  const fingerprint = queryFingerprint(query, columns);
  const start = request.cursor ? decodeRowCursor(request.cursor, version.version, fingerprint) : 0;
  if (start > layout.rowCount) throw badRequest('The cursor points past the end of the rows.');
  const selectKey = query.select.join(',');
  const etag = rowsEtag(layout, [selectKey, fingerprint, request.limit, start, request.format]);
  if (request.ifNoneMatch && request.ifNoneMatch.split(/\s*,\s*/).includes(etag))
    return { notModified: true, etag };

  const page = await readRowsPage(
    chunksFor(request.datasetId, version.version),
    layout,
    query,
    start,
    request.limit,
  );
  return {
    notModified: false,
    etag,
    ...(version.publishedAt ? { lastModified: version.publishedAt } : {}),
    datasetId: request.datasetId,
    version: version.version,
    totalRows: layout.rowCount,
    columns: query.select.map((i) => ({ field: columns[i]!.field, type: columns[i]!.type })),
    rows: page.rows,
    nextCursor:
      page.nextPosition === null
        ? null
        : encodeRowCursor({ v: version.version, p: page.nextPosition, q: fingerprint }),
    scannedRows: page.scannedRows,
    scanBudgetExhausted: page.budgetExhausted,
  };
}

/** RFC 4180 CSV of a page: header of field names, empty cells for nulls. */
export function rowsToCsv(columns: readonly { field: string }[], rows: readonly CellValue[][]): string {
  const field = (v: CellValue) => {
    if (v === null) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  let out = `${columns.map((c) => field(c.field)).join(',')}\r\n`;
  for (const row of rows) out += `${row.map(field).join(',')}\r\n`;
  return out;
}
