/**
 * An in-memory version's rows, split into chunks per order the way ingestion
 * stores them (natural, and an ascending copy per sortable column), with a
 * reader that counts what it is asked for.
 */
import { coerceCell, type SchemaColumn } from '../../../lambdas/domain/datasets/schema';
import type { RowChunkReader } from '../../../lambdas/domain/rows/row-pages';

export type RawRow = readonly string[];

export function schemaColumn(field: string, type: SchemaColumn['type'], sortable = false): SchemaColumn {
  return { field, title: field, type, description: `The ${field}`, sortable };
}

type Key = string | number | boolean | null;

/** Ascending, nulls last (the order ingestion stores a sorted copy in). */
export function ascendingNullsLast(a: Key, b: Key): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rows sorted ascending by one column's typed value, nulls last, ties in natural order. */
export function sortedCopy(
  rows: readonly RawRow[],
  columns: readonly SchemaColumn[],
  field: string,
): RawRow[] {
  const index = columns.findIndex((c) => c.field === field);
  const type = columns[index]!.type;
  return rows
    .map((row, seq) => ({ row, seq, key: coerceCell(type, row[index]) }))
    .sort((a, b) => ascendingNullsLast(a.key, b.key) || a.seq - b.seq)
    .map((e) => e.row);
}

export function chunked(rows: readonly RawRow[], chunkRows: number): RawRow[][] {
  const chunks: RawRow[][] = [];
  for (let i = 0; i < rows.length; i += chunkRows) chunks.push(rows.slice(i, i + chunkRows));
  return chunks;
}

export class CountingChunkReader implements RowChunkReader {
  readonly reads: { order: string; index: number }[] = [];
  private readonly orders = new Map<string, RawRow[][]>();

  constructor(
    rows: readonly RawRow[],
    columns: readonly SchemaColumn[],
    readonly chunkRows: number,
  ) {
    this.orders.set('natural', chunked(rows, chunkRows));
    for (const column of columns) {
      if (column.sortable)
        this.orders.set(`by-${column.field}`, chunked(sortedCopy(rows, columns, column.field), chunkRows));
    }
  }

  async readChunk(order: string, index: number): Promise<readonly RawRow[]> {
    this.reads.push({ order, index });
    const chunks = this.orders.get(order);
    if (!chunks) throw new Error(`no stored order ${order}`);
    const chunk = chunks[index];
    if (!chunk) throw new Error(`no chunk ${index} in order ${order}`);
    return chunk;
  }

  /** How many times each chunk was read, keyed `order/index`. */
  readCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { order, index } of this.reads) {
      const key = `${order}/${index}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }
}
