/** CSV files for ingestion tests: an RFC 4180 writer, a byte source, and an in-memory chunk sink. */
import { Readable } from 'node:stream';
import type { ChunkSink } from '../../../lambdas/ingestion/ingest-csv';

export interface CsvLayout {
  eol?: '\n' | '\r\n';
  bom?: boolean;
  /** Whether the last record ends with a line break too. */
  trailingEol?: boolean;
}

/** One field: quoted when it holds a quote, comma or line break (quotes doubled). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * RFC 4180 text. A record of one empty field is written `""` so that it is not
 * an empty line (which readers skip), as Python's csv module does.
 */
export function toCsv(records: readonly (readonly string[])[], layout: CsvLayout = {}): string {
  const eol = layout.eol ?? '\r\n';
  const lines = records.map((r) => (r.length === 1 && r[0] === '' ? '""' : r.map(csvField).join(',')));
  const body = lines.join(eol) + (layout.trailingEol === false || lines.length === 0 ? '' : eol);
  return (layout.bom ? '\uFEFF' : '') + body;
}

export function csvBytes(records: readonly (readonly string[])[], layout: CsvLayout = {}): Buffer {
  return Buffer.from(toCsv(records, layout), 'utf8');
}

/** A readable that hands the bytes over in pieces cut at the given offsets (possibly inside a character). */
export function byteSource(bytes: Buffer, cuts: readonly number[] = []): Readable {
  const offsets = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const cut of [...offsets, bytes.length]) {
    pieces.push(bytes.subarray(from, cut));
    from = cut;
  }
  return Readable.from(pieces.filter((p) => p.length > 0));
}

export class MemoryChunkSink implements ChunkSink {
  readonly writes: { order: string; index: number; rows: string[][] }[] = [];

  constructor(private readonly failOn?: { order: string; index: number }) {}

  async writeChunk(order: string, index: number, rows: readonly (readonly string[])[]): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failOn && this.failOn.order === order && this.failOn.index === index) {
      throw new Error(`storage refused ${order}/${index}`);
    }
    this.writes.push({ order, index, rows: rows.map((r) => [...r]) });
  }

  /** Switches this sink to the serialized path (what S3RowChunks takes); the rows are parsed back to compare. */
  acceptJson(): this {
    (this as ChunkSink).writeJsonChunk = async (order, index, json, rowCount) => {
      const rows = JSON.parse(json) as string[][];
      if (rows.length !== rowCount)
        throw new Error(`chunk ${order}/${index}: ${rows.length} rows, said ${rowCount}`);
      this.jsonWrites++;
      await this.writeChunk(order, index, rows);
    };
    return this;
  }

  jsonWrites = 0;

  /** The chunks of one order by index, checking that each index was written once. */
  chunks(order: string): string[][][] {
    const mine = this.writes.filter((w) => w.order === order).sort((a, b) => a.index - b.index);
    mine.forEach((w, i) => {
      if (w.index !== i) throw new Error(`order ${order}: chunk ${i} missing or written twice`);
    });
    return mine.map((w) => w.rows);
  }

  rows(order: string): string[][] {
    return this.chunks(order).flat();
  }

  orders(): string[] {
    return [...new Set(this.writes.map((w) => w.order))].sort();
  }
}
