/**
 * Streams one uploaded CSV file through every check and writes the version's
 * row chunks as it goes: never the whole file in memory. One pass over the
 * bytes (hash, UTF-8 check, parse, type inference, personal-data scan, natural
 * chunks, the rows bucketed by row hash and/or a local copy for sorting);
 * sorted copies after the pass, once the column types are known. No AWS
 * imports: storage comes in as a sink.
 */
import { isUtf8 } from 'node:buffer';
import { createHash, hash } from 'node:crypto';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { ColumnFinding, PersonalDataScanner } from '../domain/personal-data/scanner';
import {
  coerceCell,
  compareWithHeldSchema,
  fieldNamesFromHeaders,
  fitsHeldType,
  TypeInferrer,
  type SchemaChange,
  type SchemaColumn,
} from '../domain/datasets/schema';
import { CHUNK_CHARS_IN_FLIGHT, CHUNK_WRITES_IN_FLIGHT, type ChangeIndex } from '../domain/datasets/versions';
import { compareKeys, externalSort, rowFromLine, type SortKey } from './external-sort';
import { HashBuckets } from './hash-buckets';

export const NATURAL_ORDER = 'natural';
export const orderName = (field: string) => `by-${field}`;
export const ROW_HASH_ORDER = 'by-row-hash';

export interface ChunkSink {
  /** Stores rows [first, first + rows.length) of one order as chunk `index`. */
  writeChunk(order: string, index: number, rows: readonly (readonly string[])[]): Promise<void>;
  /**
   * The same, with the chunk already serialized (a JSON array of the rows, exactly
   * what JSON.stringify(rows) gives). Ingestion serializes every row once anyway
   * (for the sorted copies), so a sink that stores JSON takes this and nothing is
   * parsed or serialized twice.
   */
  writeJsonChunk?(order: string, index: number, json: string, rowCount: number): Promise<void>;
}

/** Rows serialized one by one, joined into the chunk's JSON. */
const jsonChunk = (lines: readonly string[]) => `[${lines.join(',')}]`;

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
  /** Rows per chunk of the row-hash order, read only by change lists (default `chunkRows`). */
  rowHashChunkRows?: number;
  createScanner: (columnNames: readonly string[]) => PersonalDataScanner;
  /** Column that identifies a row across versions; must be unique and never empty. */
  primaryKey?: string;
  /** Chunk writes in flight at most (default CHUNK_WRITES_IN_FLIGHT). */
  parallelWrites?: number;
  /**
   * Characters of serialized chunks in flight at most (default CHUNK_CHARS_IN_FLIGHT): with wide
   * rows, fewer writes than `parallelWrites` hold the memory in check.
   */
  charsInFlight?: number;
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
  findings: ColumnFinding[];
  chunkCount: number;
  orders: { field: string; chunkCount: number }[];
  /** The sorted copy that change lists merge: by primary key, or by row hash. */
  changeIndex?: ChangeIndex;
}

const MAX_RECORD_BYTES = 1024 * 1024;

/**
 * The key of a row in the `by-row-hash` order: SHA-1 (base64) of its JSON
 * array of cells, as lambdas/domain/rows/changes.ts computes it on read.
 */
export const rowHash = (json: string): string => hash('sha1', json, 'base64');
const ROW_HASH_LENGTH = 28;

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

/**
 * Runs writes with at most `limit` in flight and at most `maxChars` of chunk text among them (one
 * chunk always goes, however big); errors surface on the next call or on drain.
 */
class WritePool {
  private readonly inFlight = new Map<Promise<void>, number>();
  private chars = 0;
  private failure: unknown;
  constructor(
    private readonly limit: number,
    private readonly maxChars: number,
  ) {}
  async run(task: () => Promise<void>, chars = 0): Promise<void> {
    if (this.failure) throw this.failure;
    while (
      this.inFlight.size > 0 &&
      (this.inFlight.size >= this.limit || this.chars + chars > this.maxChars)
    ) {
      await Promise.race(this.inFlight.keys());
    }
    const promise = task()
      .catch((err: unknown) => {
        this.failure ??= err;
      })
      .finally(() => {
        this.inFlight.delete(promise);
        this.chars -= chars;
      });
    this.inFlight.set(promise, chars);
    this.chars += chars;
  }
  async drain(): Promise<void> {
    await Promise.all(this.inFlight.keys());
    if (this.failure) throw this.failure;
  }
}

/** Expected length of a UTF-8 sequence by its lead byte; 0 for a byte that cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Allowed range of the second byte after a lead byte (Unicode Table 3-7: no overlongs, no surrogates). */
function secondByteOk(lead: number, second: number): boolean {
  if (lead === 0xe0) return second >= 0xa0 && second <= 0xbf;
  if (lead === 0xed) return second >= 0x80 && second <= 0x9f;
  if (lead === 0xf0) return second >= 0x90 && second <= 0xbf;
  if (lead === 0xf4) return second >= 0x80 && second <= 0x8f;
  return second >= 0x80 && second <= 0xbf;
}

/**
 * Where `bytes` stops being well-formed UTF-8: the offset of the first byte of
 * the first bad sequence, or of a sequence cut off at the end (`cut`). Only
 * called once the fast decoder has failed, or to find a chunk's unfinished tail.
 */
function utf8Problem(bytes: Uint8Array): { at: number; cut: boolean } | undefined {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes[i]!);
    if (length === 0) return { at: i, cut: false };
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return { at: i, cut: true };
      const b = bytes[i + k]!;
      const ok = k === 1 ? secondByteOk(bytes[i]!, b) : b >= 0x80 && b <= 0xbf;
      if (!ok) return { at: i, cut: false };
    }
    i += length;
  }
  return undefined;
}

/** The bytes of a sequence still unfinished at the end of valid UTF-8 (empty when it ends cleanly). */
function unfinishedTail(end: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, end.length); back++) {
    const b = end[end.length - back]!;
    if ((b & 0xc0) !== 0x80)
      return sequenceLength(b) > back ? end.slice(end.length - back) : new Uint8Array(0);
  }
  return new Uint8Array(0);
}

/**
 * Hashes and counts the raw bytes, and refuses bytes that are not UTF-8,
 * naming the first bad byte. Passes the checked bytes on as they are (the
 * parser works on bytes), holding back a sequence cut off at the end of a
 * piece until the next piece completes it.
 */
function hashAndCheck(onDone: (sha256: string, bytes: number) => void) {
  const sha256 = createHash('sha256');
  let bytes = 0;
  // The unfinished sequence at the end of the previous piece (at most 3 bytes).
  let tail: Uint8Array = new Uint8Array(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      sha256.update(chunk);
      const start = bytes - tail.length;
      bytes += chunk.length;
      const data = tail.length > 0 ? Buffer.concat([tail, chunk]) : chunk;
      tail = unfinishedTail(data.subarray(Math.max(0, data.length - 3)));
      const complete = data.subarray(0, data.length - tail.length);
      if (!isUtf8(complete)) {
        callback(new NotUtf8Error(start + (utf8Problem(complete)?.at ?? 0)));
        return;
      }
      callback(null, complete);
    },
    flush(callback) {
      onDone(sha256.digest('hex'), bytes);
      callback(tail.length > 0 ? new NotUtf8Error(bytes - tail.length) : null);
    },
  });
}

/** Buffered appends to a local file, written out a megabyte at a time. */
class LineFile {
  private text = '';
  private constructor(private readonly handle: FileHandle) {}
  static async create(file: string): Promise<LineFile> {
    return new LineFile(await open(file, 'w'));
  }
  /** A promise when the buffer was written out. */
  add(line: string): Promise<unknown> | undefined {
    this.text += `${line}\n`;
    if (this.text.length < 1 << 20) return undefined;
    const text = this.text;
    this.text = '';
    return this.handle.write(text);
  }
  async close(): Promise<void> {
    try {
      if (this.text) await this.handle.write(this.text);
      this.text = '';
    } finally {
      await this.handle.close();
    }
  }
}

/**
 * The records of a parser stream in batches of what is already parsed: one
 * await per batch rather than per record.
 */
async function* recordBatches(stream: Readable): AsyncGenerator<string[][]> {
  let failure: unknown;
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const onEnd = () => {
    ended = true;
    notify();
  };
  const onError = (err: unknown) => {
    failure ??= err;
    notify();
  };
  stream.on('readable', notify);
  stream.on('end', onEnd);
  stream.on('close', onEnd);
  stream.on('error', onError);
  try {
    for (;;) {
      if (failure) throw failure;
      const batch: string[][] = [];
      let record: string[] | null;
      // Nothing more from a destroyed stream: its error comes next.
      while (
        batch.length < 4096 &&
        !stream.destroyed &&
        (record = stream.read() as string[] | null) !== null
      ) {
        batch.push(record);
      }
      if (batch.length > 0) {
        yield batch;
        continue;
      }
      if (failure) throw failure;
      if (ended) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    stream.off('readable', notify);
    stream.off('end', onEnd);
    stream.off('close', onEnd);
    stream.destroy();
    // Errors after this point (of a stream given up on) have nobody to tell.
    stream.on('error', () => undefined);
    stream.off('error', onError);
  }
}

class NotUtf8Error extends Error {
  constructor(readonly nearByte: number) {
    super('not UTF-8');
  }
}

/** csv-parse's options for every upload (the bench's raw parse uses the same, to compare like with like). */
export const PARSE_OPTIONS = {
  bom: true,
  relax_column_count: true,
  skip_empty_lines: true,
  max_record_size: MAX_RECORD_BYTES,
} as const;

export async function ingestCsv(
  source: Readable,
  sink: ChunkSink,
  options: IngestOptions,
): Promise<IngestResult> {
  // Every version gets at least one sorted copy (by primary key or row hash) for change lists,
  // so the rows also go to local files in /tmp, sorted after the pass.
  const workDir = await mkdtemp(path.join(options.tempDir ?? tmpdir(), 'ingest-'));
  try {
    return await ingestIn(workDir, source, sink, options);
  } finally {
    // Also when storage fails: Lambda's /tmp outlives one invocation.
    await rm(workDir, { recursive: true, force: true });
  }
}

async function ingestIn(
  workDir: string,
  source: Readable,
  sink: ChunkSink,
  options: IngestOptions,
): Promise<IngestResult> {
  const problems = new ProblemLog();
  const pool = new WritePool(
    options.parallelWrites ?? CHUNK_WRITES_IN_FLIGHT,
    options.charsInFlight ?? CHUNK_CHARS_IN_FLIGHT,
  );
  const maxColumns = options.maxColumns ?? 500;
  // The primary key gets a sorted copy too: it serves order= and the change list.
  const sortedFields = [
    ...new Set([...options.sortable, ...(options.primaryKey ? [options.primaryKey] : [])]),
  ];
  // Typed orders need the column types, known only after the pass: their rows
  // go to a local JSON-lines copy, sorted afterwards. The row-hash order (no
  // primary key) needs no types, so its rows are bucketed by hash as they pass.
  const copyFile = path.join(workDir, 'rows.jsonl');
  const copy = sortedFields.length > 0 ? await LineFile.create(copyFile) : undefined;
  const buckets = options.primaryKey ? undefined : new HashBuckets(workDir, ROW_HASH_LENGTH);

  let contentSha256 = '';
  let sizeBytes = 0;
  let headers: string[] | undefined;
  let fields: string[] = [];
  let inferrer: TypeInferrer | undefined;
  let scanner: PersonalDataScanner | undefined;
  let rowCount = 0;
  let chunk: string[][] = [];
  let chunkCount = 0;

  const takesJson = typeof sink.writeJsonChunk === 'function';
  let chunkLines: string[] = [];
  const flushChunk = async () => {
    if (chunk.length === 0 && chunkLines.length === 0) return;
    const index = chunkCount++;
    if (takesJson) {
      const json = jsonChunk(chunkLines);
      const rowCount = chunkLines.length;
      chunkLines = [];
      await pool.run(() => sink.writeJsonChunk!(NATURAL_ORDER, index, json, rowCount), json.length);
      return;
    }
    const rows = chunk;
    chunk = [];
    await pool.run(() => sink.writeChunk(NATURAL_ORDER, index, rows));
  };

  try {
    const parser = parse(PARSE_OPTIONS);
    const decoded = source.pipe(
      hashAndCheck((sha, bytes) => {
        contentSha256 = sha;
        sizeBytes = bytes;
      }),
    );
    decoded.on('error', (err) => parser.destroy(err));
    decoded.pipe(parser);

    reading: for await (const records of recordBatches(parser)) {
      for (const record of records) {
        if (!headers) {
          headers = record;
          if (headers.length > maxColumns) {
            problems.add(
              'too-many-columns',
              `The file has ${headers.length} columns; the limit is ${maxColumns}.`,
            );
            break reading;
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
        const line = JSON.stringify(record);
        if (takesJson) chunkLines.push(line);
        else chunk.push(record);
        if (chunk.length + chunkLines.length >= options.chunkRows) await flushChunk();
        const copied = copy?.add(line);
        if (copied) await copied;
        const bucketed = buckets?.add(rowHash(line), line);
        if (bucketed) await bucketed;
      }
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
    await copy?.close();
    await buckets?.close();
  }

  if (!problems.any && !headers) {
    problems.add('empty-file', 'The file is empty: it needs a header row and at least one data row.');
  } else if (!problems.any && rowCount === 0) {
    problems.add('empty-file', 'The file has a header but no data rows.');
  }

  const heldByField = new Map((options.heldColumns ?? []).map((c) => [c.field, c]));
  // A column with no values in this file keeps its held type: emptiness is not a type change.
  const inferred = (inferrer?.types() ?? []).map((type, i) => {
    const held = heldByField.get(fields[i]!);
    return held && !inferrer!.hasValues(i) ? held.type : type;
  });
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
  try {
    if (!problems.any) {
      await flushChunk();
      /** Writes rows in the order they are handed over, chunked like the natural order. */
      const sortedWriter = (order: string) => {
        // The sorted copies arrive as serialized rows: a JSON sink takes them as they are.
        let sorted: string[] = [];
        let count = 0;
        const flush = () => {
          const lines = sorted;
          const chunkIndex = count++;
          sorted = [];
          if (!takesJson) return pool.run(() => sink.writeChunk(order, chunkIndex, lines.map(rowFromLine)));
          const json = jsonChunk(lines);
          return pool.run(() => sink.writeJsonChunk!(order, chunkIndex, json, lines.length), json.length);
        };
        return {
          add(line: string): Promise<void> | undefined {
            sorted.push(line);
            return sorted.length >= options.chunkRows ? flush() : undefined;
          },
          async end(): Promise<number> {
            if (sorted.length > 0) await flush();
            return count;
          },
        };
      };
      for (const field of sortedFields) {
        const index = fields.indexOf(field);
        const type = columns[index]!.type;
        const keyOf = (line: string) => coerceCell(type, rowFromLine(line)[index]) as SortKey;
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
        const writer = sortedWriter(orderName(field));
        await externalSort(copyFile, workDir, keyOf, (line, seq, key) => {
          checkUnique?.(key, seq);
          return writer.add(line);
        });
        orders.push({ field, chunkCount: await writer.end() });
      }
      if (buckets) {
        // Without a primary key, rows are matched across versions by their content.
        // The chunks are cut from the bucket files' bytes: no row is decoded and joined again.
        let count = 0;
        const rowHashChunkRows = options.rowHashChunkRows ?? options.chunkRows;
        await buckets.emitSortedChunks(rowHashChunkRows, (json, rowCount) => {
          const chunkIndex = count++;
          return takesJson
            ? pool.run(() => sink.writeJsonChunk!(ROW_HASH_ORDER, chunkIndex, json, rowCount), json.length)
            : pool.run(() => sink.writeChunk(ROW_HASH_ORDER, chunkIndex, JSON.parse(json) as string[][]));
        });
        changeIndex = {
          order: ROW_HASH_ORDER,
          chunkCount: count,
          ...(rowHashChunkRows !== options.chunkRows ? { chunkRows: rowHashChunkRows } : {}),
        };
      } else {
        const primaryKey = options.primaryKey!;
        changeIndex = {
          order: orderName(primaryKey),
          field: primaryKey,
          chunkCount: orders.find((o) => o.field === primaryKey)?.chunkCount ?? 0,
        };
      }
    }
    await pool.drain();
  } finally {
    await buckets?.close();
    await pool.drain().catch(() => undefined);
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
