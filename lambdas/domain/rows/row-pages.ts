/**
 * Reading a page of a version's rows. Rows are stored in fixed-size chunks per
 * order (natural, and one sorted copy per sortable column), so any position
 * is one chunk index away: page 1 and page 10,000 cost the same. A filtered
 * read scans at most SCAN_BUDGET_ROWS rows and hands back a cursor to go on.
 */
import { createHash } from 'node:crypto';
import { badRequest } from '../../shared/errors';
import { coerceRow, type CellValue, type SchemaColumn } from '../datasets/schema';
import type { RowQuery } from './query-language';

export const DEFAULT_ROW_LIMIT = 100;
export const MAX_ROW_LIMIT = 5000;
/** Most rows one filtered request reads before it answers with what it found. */
export const SCAN_BUDGET_ROWS = 50_000;
/** Chunks fetched at once while scanning. */
const SCAN_PARALLELISM = 8;

export interface RowChunkReader {
  readChunk(order: string, index: number): Promise<readonly (readonly string[])[]>;
}

export interface VersionLayout {
  version: number;
  rowCount: number;
  chunkRows: number;
  columns: readonly SchemaColumn[];
  contentSha256: string;
}

interface CursorState {
  /** version */
  v: number;
  /** next position in the chosen order */
  p: number;
  /** fingerprint of where + order, so a cursor is only used with its own query */
  q: string;
}

export function queryFingerprint(query: RowQuery, columns: readonly SchemaColumn[]): string {
  const order = query.order ? `${columns[query.order.column]!.field} ${query.order.direction}` : '';
  return createHash('sha256')
    .update(`${query.whereText ?? ''}\u0000${order}`)
    .digest('base64url')
    .slice(0, 12);
}

export function encodeRowCursor(state: CursorState): string {
  return Buffer.from(`r1.${state.v}.${state.p}.${state.q}`, 'utf8').toString('base64url');
}

export function decodeRowCursor(cursor: string, version: number, fingerprint: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^r1\.(\d{1,9})\.(\d{1,12})\.([A-Za-z0-9_-]{12})$/.exec(text);
  const invalid = (why: string) =>
    badRequest(`The cursor is not valid: ${why}.`, [{ path: 'query.cursor', message: why }]);
  if (!m) throw invalid('pass back the nextCursor of a previous page unchanged');
  if (Number(m[1]) !== version) throw invalid(`it belongs to version ${m[1]}, not ${version}`);
  if (m[3] !== fingerprint) throw invalid('it belongs to a different where or order');
  return Number(m[2]);
}

export interface RowsPage {
  rows: CellValue[][];
  /** Position after the last row read; null at the end. */
  nextPosition: number | null;
  scannedRows: number;
  /** True when a filtered read stopped on its scan budget rather than a full page. */
  budgetExhausted: boolean;
}

/** Which stored order serves the query, and how positions map onto it. */
function orderOf(query: RowQuery, columns: readonly SchemaColumn[]) {
  if (!query.order) return { name: 'natural', descending: false };
  return { name: `by-${columns[query.order.column]!.field}`, descending: query.order.direction === 'desc' };
}

async function readRange(
  reader: RowChunkReader,
  order: string,
  layout: VersionLayout,
  from: number,
  to: number,
  descending: boolean,
): Promise<(readonly string[])[]> {
  // Position i in descending order is stored index rowCount-1-i.
  const first = descending ? layout.rowCount - to : from;
  const last = descending ? layout.rowCount - 1 - from : to - 1;
  const firstChunk = Math.floor(first / layout.chunkRows);
  const lastChunk = Math.floor(last / layout.chunkRows);
  const indexes = Array.from({ length: lastChunk - firstChunk + 1 }, (_, i) => firstChunk + i);
  const chunks = await Promise.all(indexes.map((i) => reader.readChunk(order, i)));
  const rows: (readonly string[])[] = [];
  chunks.forEach((chunk, k) => {
    const base = indexes[k]! * layout.chunkRows;
    for (let j = 0; j < chunk.length; j++) {
      const index = base + j;
      if (index >= first && index <= last) rows.push(chunk[j]!);
    }
  });
  return descending ? rows.reverse() : rows;
}

export async function readRowsPage(
  reader: RowChunkReader,
  layout: VersionLayout,
  query: RowQuery,
  start: number,
  limit: number,
): Promise<RowsPage> {
  const { name, descending } = orderOf(query, layout.columns);
  const total = layout.rowCount;
  const project = (typed: CellValue[]) => query.select.map((i) => typed[i]!);

  if (!query.where) {
    const end = Math.min(total, start + limit);
    if (start >= end) return { rows: [], nextPosition: null, scannedRows: 0, budgetExhausted: false };
    const raw = await readRange(reader, name, layout, start, end, descending);
    return {
      rows: raw.map((r) => project(coerceRow(layout.columns, r))),
      nextPosition: end < total ? end : null,
      scannedRows: raw.length,
      budgetExhausted: false,
    };
  }

  const rows: CellValue[][] = [];
  let position = start;
  const budgetEnd = Math.min(total, start + SCAN_BUDGET_ROWS);
  const window = layout.chunkRows * SCAN_PARALLELISM;
  while (position < budgetEnd && rows.length < limit) {
    const end = Math.min(budgetEnd, position + window);
    const raw = await readRange(reader, name, layout, position, end, descending);
    for (let i = 0; i < raw.length; i++) {
      const typed = coerceRow(layout.columns, raw[i]!);
      if (query.where(typed)) {
        rows.push(project(typed));
        if (rows.length === limit) {
          const next = position + i + 1;
          return {
            rows,
            nextPosition: next < total ? next : null,
            scannedRows: next - start,
            budgetExhausted: false,
          };
        }
      }
    }
    position = end;
  }
  return {
    rows,
    nextPosition: position < total ? position : null,
    scannedRows: position - start,
    budgetExhausted: position < total,
  };
}

/** A strong validator for a rows response: versions are immutable, so the query alone decides the bytes. */
export function rowsEtag(layout: VersionLayout, parts: readonly (string | number | undefined)[]): string {
  const hash = createHash('sha256')
    .update(`${layout.contentSha256}\u0000${layout.version}\u0000${parts.map((p) => p ?? '').join('\u0000')}`)
    .digest('base64url')
    .slice(0, 27);
  return `"${hash}"`;
}
