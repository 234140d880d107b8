/**
 * Streams one uploaded CSV file through every check and writes the version's
 * row chunks as it goes: never the whole file in memory. One pass over the
 * bytes (hash, UTF-8 check, parse, type inference, personal-data scan, natural
 * chunks, a local copy for sorting); sorted copies after the pass, once the
 * column types are known. No AWS imports: storage comes in as a sink.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { ColumnFindingLike, PersonalDataScannerLike } from './personal-data-port';
import {
  coerceCell,
  compareWithHeldSchema,
  fieldNamesFromHeaders,
  fitsHeldType,
  TypeInferrer,
  type SchemaChange,
  type SchemaColumn,
} from '../domain/datasets/schema';
import { compareKeys, externalSort, type SortKey } from './external-sort';

export const NATURAL_ORDER = 'natural';
export const orderName = (field: string) => `by-${field}`;
export const ROW_HASH_ORDER = 'by-row-hash';

export interface ChunkSink {
  /** Stores rows [first, first + rows.length) of one order as chunk `index`. */
  writeChunk(order: string, index: number, rows: readonly (readonly string[])[]): Promise<void>;
}

export type IngestProblemKind =
  | 'empty-file'
  | 'not-utf8'
  | 'csv-syntax'
  | 'ragged-row'
  | 'too-many-columns'
  | 'unknown-sortable-column'
  | 'unknown-primary-key'
  | 'duplicate-primary-key';

export interface IngestProblem {
  kind: IngestProblemKind;
  message: string;
  count?: number;
  /** Up to 5 data row numbers (1-based, header excluded). */
  sampleRows?: number[];
}

export interface IngestOptions {
  /** The dataset's published schema, which a new version is held to. */
  heldColumns?: readonly SchemaColumn[];
  sortable: readonly string[];
  chunkRows: number;
  createScanner: (columnNames: readonly string[]) => PersonalDataScannerLike;
  /** Column that identifies a row across versions; must be unique and never empty. */
  primaryKey?: string;
  /** Bounded concurrency of chunk writes. */
  parallelWrites?: number;
  maxColumns?: number;
  tempDir?: string;
}

export interface IngestResult {
  problems: IngestProblem[];
  rowCount: number;
  sizeBytes: number;
  contentSha256: string;
  columns: SchemaColumn[];
  schemaChanges: SchemaChange[];
  findings: ColumnFindingLike[];
  chunkCount: number;
  orders: { field: string; chunkCount: number }[];
  /** The sorted copy that change lists merge: by primary key, or by row hash. */
  changeIndex?: { order: string; field?: string; chunkCount: number };
}

const MAX_RECORD_BYTES = 1024 * 1024;

class ProblemLog {
  private readonly byKind = new Map<IngestProblemKind, IngestProblem>();
  add(kind: IngestProblemKind, message: string, row?: number): void {
    const existing = this.byKind.get(kind);
    if (existing) {
      existing.count = (existing.count ?? 1) + 1;
      if (row !== undefined && existing.sampleRows && existing.sampleRows.length < 5)
        existing.sampleRows.push(row);
      return;
    }
    this.byKind.set(kind, { kind, message, count: 1, ...(row !== undefined ? { sampleRows: [row] } : {}) });
  }
  get any(): boolean {
    return this.byKind.size > 0;
  }
  list(): IngestProblem[] {
    return [...this.byKind.values()];
  }
}

/** Runs writes with at most `limit` in flight; errors surface on the next call or on drain. */
class WritePool {
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown;
  constructor(private readonly limit: number) {}
  async run(task: () => Promise<void>): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.inFlight.size >= this.limit) await Promise.race(this.inFlight);
    const promise = task()
      .catch((err: unknown) => {
        this.failure ??= err;
      })
      .finally(() => this.inFlight.delete(promise));
    this.inFlight.add(promise);
  }
  async drain(): Promise<void> {
    await Promise.all(this.inFlight);
    if (this.failure) throw this.failure;
  }
}

/** Hashes and counts the raw bytes, and refuses bytes that are not UTF-8. */
function hashAndDecode(onDone: (sha256: string, bytes: number) => void) {
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      try {
        callback(null, decoder.decode(chunk, { stream: true }));
      } catch {
        callback(new NotUtf8Error(bytes - chunk.length + firstInvalidUtf8(chunk)));
      }
    },
    flush(callback) {
      onDone(hash.digest('hex'), bytes);
      try {
        const rest = decoder.decode();
        callback(null, rest);
      } catch {
        callback(new NotUtf8Error(bytes));
      }
    },
  });
}

/** Offset of the first byte that starts no valid UTF-8 sequence (only called once a decode failed). */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return i; // cut off at the chunk end: the next chunk decides
      if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return 0;
}

class NotUtf8Error extends Error {
  constructor(readonly nearByte: number) {
    super('not UTF-8');
  }
}

export async function ingestCsv(
  source: Readable,
  sink: ChunkSink,
  options: IngestOptions,
): Promise<IngestResult> {
  const problems = new ProblemLog();
  const pool = new WritePool(options.parallelWrites ?? 4);
  const maxColumns = options.maxColumns ?? 500;
  // Every version gets at least one sorted copy (by primary key or row hash) for change lists,
  // so the rows also go to a local file that is sorted once the column types are known.
  const workDir = await mkdtemp(path.join(options.tempDir ?? tmpdir(), 'ingest-'));
  const copyFile = path.join(workDir, 'rows.jsonl');
  const copy = createWriteStream(copyFile);

  let contentSha256 = '';
  let sizeBytes = 0;
  let headers: string[] | undefined;
  let fields: string[] = [];
  let inferrer: TypeInferrer | undefined;
  let scanner: PersonalDataScannerLike | undefined;
  let rowCount = 0;
  let chunk: string[][] = [];
  let chunkCount = 0;

  const flushChunk = async () => {
    if (chunk.length === 0) return;
    const rows = chunk;
    const index = chunkCount++;
    chunk = [];
    await pool.run(() => sink.writeChunk(NATURAL_ORDER, index, rows));
  };

  try {
    const parser = parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_BYTES,
    });
    const decoded = source.pipe(
      hashAndDecode((sha, bytes) => {
        contentSha256 = sha;
        sizeBytes = bytes;
      }),
    );
    decoded.on('error', (err) => parser.destroy(err));
    decoded.pipe(parser);

    for await (const record of parser as AsyncIterable<string[]>) {
      if (!headers) {
        headers = record;
        if (headers.length > maxColumns) {
          problems.add(
            'too-many-columns',
            `The file has ${headers.length} columns; the limit is ${maxColumns}.`,
          );
          break;
        }
        fields = fieldNamesFromHeaders(headers);
        inferrer = new TypeInferrer(fields.length);
        scanner = options.createScanner(headers);
        if (options.primaryKey && !fields.includes(options.primaryKey)) {
          problems.add(
            'unknown-primary-key',
            `The primary key "${options.primaryKey}" is not a column of this file (columns: ${fields.join(', ')}).`,
          );
        }
        for (const wanted of options.sortable) {
          if (!fields.includes(wanted)) {
            problems.add(
              'unknown-sortable-column',
              `"${wanted}" is not a column of this file (columns: ${fields.join(', ')}).`,
            );
          }
        }
        continue;
      }
      rowCount++;
      if (record.length !== fields.length) {
        problems.add(
          'ragged-row',
          `Rows must have as many fields as the header (${fields.length}).`,
          rowCount,
        );
        continue;
      }
      inferrer!.observe(record);
      scanner!.scanRow(rowCount, record);
      if (problems.any) continue; // keep reading to report every problem, but write nothing more
      chunk.push(record);
      if (chunk.length >= options.chunkRows) await flushChunk();
      if (copy && !copy.write(`${JSON.stringify(record)}\n`)) await once(copy, 'drain');
    }
  } catch (err) {
    if (err instanceof NotUtf8Error || (err as { cause?: unknown }).cause instanceof NotUtf8Error) {
      const nearByte =
        err instanceof NotUtf8Error ? err.nearByte : (err as { cause: NotUtf8Error }).cause.nearByte;
      problems.add(
        'not-utf8',
        `The file is not UTF-8 text (first bad byte at byte ${nearByte + 1}). Save it as "CSV UTF-8".`,
      );
    } else if (
      typeof (err as { code?: unknown }).code === 'string' &&
      String((err as { code: string }).code).startsWith('CSV_')
    ) {
      problems.add('csv-syntax', `The file is not valid CSV: ${(err as Error).message}`);
    } else {
      throw err;
    }
  } finally {
    if (copy) {
      copy.end();
      await once(copy, 'finish').catch(() => undefined);
    }
  }

  if (!problems.any && !headers) {
    problems.add('empty-file', 'The file is empty: it needs a header row and at least one data row.');
  } else if (!problems.any && rowCount === 0) {
    problems.add('empty-file', 'The file has a header but no data rows.');
  }

  const inferred = inferrer?.types() ?? [];
  const heldByField = new Map((options.heldColumns ?? []).map((c) => [c.field, c]));
  const columns: SchemaColumn[] = fields.map((field, i) => {
    const held = heldByField.get(field);
    const type = held && fitsHeldType(inferred[i]!, held.type) ? held.type : inferred[i]!;
    return {
      field,
      title: headers?.[i]?.replace(/^\uFEFF/, '').trim() || field,
      type,
      description: held?.description ?? '',
      sortable: options.sortable.includes(field) || field === options.primaryKey,
    };
  });
  const schemaChanges = options.heldColumns
    ? compareWithHeldSchema(
        options.heldColumns,
        fields.map((field, i) => ({ field, type: inferred[i]! })),
      )
    : [];

  const orders: { field: string; chunkCount: number }[] = [];
  let changeIndex: IngestResult['changeIndex'];
  // The primary key gets a sorted copy too: it serves order= and the change list.
  const sortedFields = [
    ...new Set([...options.sortable, ...(options.primaryKey ? [options.primaryKey] : [])]),
  ];
  try {
    if (!problems.any) {
      await flushChunk();
      if (copyFile && workDir) {
        // Writes the rows again in the order of `keyOf`, chunked like the natural order.
        const writeSorted = async (
          order: string,
          keyOf: (line: string) => SortKey,
          onRow?: (key: SortKey, seq: number) => void,
        ) => {
          let sorted: string[][] = [];
          let count = 0;
          const flush = async () => {
            const rows = sorted;
            const chunkIndex = count++;
            sorted = [];
            await pool.run(() => sink.writeChunk(order, chunkIndex, rows));
          };
          await externalSort(copyFile, workDir, keyOf, async (line, seq) => {
            const row = JSON.parse(line) as string[];
            onRow?.(keyOf(line), seq);
            sorted.push(row);
            if (sorted.length >= options.chunkRows) await flush();
          });
          if (sorted.length > 0) await flush();
          return count;
        };
        for (const field of sortedFields) {
          const index = fields.indexOf(field);
          const type = columns[index]!.type;
          const keyOf = (line: string) => coerceCell(type, (JSON.parse(line) as string[])[index]) as SortKey;
          let previous: SortKey | undefined;
          const checkUnique =
            field === options.primaryKey
              ? (key: SortKey, seq: number) => {
                  if (key === null)
                    problems.add(
                      'duplicate-primary-key',
                      `Primary key "${field}" is empty in some rows.`,
                      seq + 1,
                    );
                  else if (previous !== undefined && compareKeys(previous, key) === 0) {
                    problems.add(
                      'duplicate-primary-key',
                      `Primary key "${field}" has the same value in more than one row.`,
                      seq + 1,
                    );
                  }
                  previous = key;
                }
              : undefined;
          orders.push({ field, chunkCount: await writeSorted(orderName(field), keyOf, checkUnique) });
        }
        if (!options.primaryKey) {
          // Without a primary key, rows are matched across versions by their content.
          const chunks = await writeSorted(ROW_HASH_ORDER, (line) =>
            createHash('sha1').update(line).digest('base64'),
          );
          changeIndex = { order: ROW_HASH_ORDER, chunkCount: chunks };
        } else {
          changeIndex = {
            order: orderName(options.primaryKey),
            field: options.primaryKey,
            chunkCount: orders.at(-1)?.chunkCount ?? 0,
          };
        }
      }
    }
    await pool.drain();
  } finally {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }

  return {
    problems: problems.list(),
    rowCount,
    sizeBytes,
    contentSha256,
    columns,
    schemaChanges,
    findings: scanner?.findings() ?? [],
    chunkCount,
    orders,
    ...(changeIndex ? { changeIndex } : {}),
  };
}
