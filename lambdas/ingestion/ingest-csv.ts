/**
 * Streams one uploaded CSV file through every check and writes the version's
 * row chunks as it goes: never the whole file in memory. One pass over the
 * bytes (./parse-pass.ts: hash, UTF-8 check, parse, type inference,
 * personal-data scan), whose natural chunks are stored, bucketed by row hash
 * and/or copied locally for sorting as they come; sorted copies after the
 * pass, once the column types are known. A big file is parsed on a second
 * thread (./parse-thread.ts) while this one stores. No AWS imports: storage
 * comes in as a sink.
 */
import { hash } from 'node:crypto';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  createPersonalDataScanner,
  type ColumnFinding,
  type PersonalDataScanner,
} from '../domain/personal-data/scanner';
import {
  coerceCell,
  compareWithHeldSchema,
  fitsHeldType,
  type SchemaChange,
  type SchemaColumn,
} from '../domain/datasets/schema';
import { CHUNK_CHARS_IN_FLIGHT, CHUNK_WRITES_IN_FLIGHT, type ChangeIndex } from '../domain/datasets/versions';
import { compareKeys, externalSort, rowFromLine, type SortKey } from './external-sort';
import { HashBuckets } from './hash-buckets';
import { parsePass, ProblemLog, type IngestProblem, type PassOptions, type PassResult } from './parse-pass';
import { parsePassInThread } from './parse-thread';

export { PARSE_OPTIONS, type IngestProblem, type IngestProblemKind } from './parse-pass';

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
  /**
   * Parse on a second thread (./parse-thread.ts) while this one stores: for big files, on a
   * Lambda with two vCPUs' worth of memory. The thread runs the platform's own scanner
   * (createPersonalDataScanner), so `createScanner` must be that one.
   */
  parseThread?: boolean;
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

/**
 * The key of a row in the `by-row-hash` order: SHA-1 (base64) of its JSON
 * array of cells, as lambdas/domain/rows/changes.ts computes it on read.
 */
export const rowHash = (json: string): string => hash('sha1', json, 'base64');
const ROW_HASH_LENGTH = 28;

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

export async function ingestCsv(
  source: Readable,
  sink: ChunkSink,
  options: IngestOptions,
): Promise<IngestResult> {
  if (options.parseThread && options.createScanner !== createPersonalDataScanner) {
    throw new Error('The parse thread runs the platform scanner only (createPersonalDataScanner).');
  }
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
  const pool = new WritePool(
    options.parallelWrites ?? CHUNK_WRITES_IN_FLIGHT,
    options.charsInFlight ?? CHUNK_CHARS_IN_FLIGHT,
  );
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

  let chunkCount = 0;
  const takesJson = typeof sink.writeJsonChunk === 'function';
  /** One natural chunk from the pass: stored, copied for sorting, bucketed by row hash. */
  const onRows = async (lines: string[]) => {
    const index = chunkCount++;
    if (takesJson) {
      const json = jsonChunk(lines);
      await pool.run(() => sink.writeJsonChunk!(NATURAL_ORDER, index, json, lines.length), json.length);
    } else {
      await pool.run(() => sink.writeChunk(NATURAL_ORDER, index, lines.map(rowFromLine)));
    }
    for (const line of lines) {
      const copied = copy?.add(line);
      if (copied) await copied;
      const bucketed = buckets?.add(rowHash(line), line);
      if (bucketed) await bucketed;
    }
  };

  // Only plain data: a parse thread gets a copy.
  const { sortable, primaryKey, chunkRows, maxColumns } = options;
  const passOptions: PassOptions = { sortable, primaryKey, chunkRows, maxColumns };
  let pass: PassResult;
  try {
    pass = options.parseThread
      ? await parsePassInThread(source, passOptions, onRows)
      : await parsePass(source, passOptions, options.createScanner, onRows);
  } finally {
    await copy?.close();
    await buckets?.close();
  }
  const problems = new ProblemLog(pass.problems);
  const { rowCount, sizeBytes, contentSha256, headers, fields } = pass;

  const heldByField = new Map((options.heldColumns ?? []).map((c) => [c.field, c]));
  // A column with no values in this file keeps its held type: emptiness is not a type change.
  const inferred = pass.types.map((type, i) => {
    const held = heldByField.get(fields[i]!);
    return held && !pass.hasValues[i] ? held.type : type;
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
    findings: pass.findings,
    chunkCount,
    orders,
    ...(changeIndex ? { changeIndex } : {}),
  };
}
