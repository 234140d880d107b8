/**
 * The one streaming pass of ingestion over an uploaded CSV file: SHA-256 and a
 * UTF-8 check of every byte, csv-parse, type inference and the personal-data
 * scan, each good row serialized once (its JSON array of cells) and handed on a
 * natural chunk at a time. Holds no more than a chunk of rows. Runs on the
 * ingestion's own thread or on a parse thread (./parse-thread.ts): everything it
 * takes and gives is plain data. No AWS imports.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { ColumnFinding, PersonalDataScanner } from '../domain/personal-data/scanner';
import type { ColumnType } from '../domain/datasets/dataset';
import { fieldNamesFromHeaders, TypeInferrer } from '../domain/datasets/schema';
import { sequenceLength } from './utf8';

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

const MAX_RECORD_BYTES = 1024 * 1024;

export class ProblemLog {
  private readonly byKind = new Map<IngestProblemKind, IngestProblem>();
  constructor(earlier: readonly IngestProblem[] = []) {
    for (const problem of earlier) this.byKind.set(problem.kind, { ...problem });
  }
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
        // The bytes before the bad one go on too: the rows before it are parsed as far as the parser gets.
        const at = utf8Problem(complete)?.at ?? 0;
        if (at > 0) this.push(complete.subarray(0, at));
        callback(new NotUtf8Error(start + at));
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

/**
 * Records handed over per batch. A batch lives across the awaits of storing a chunk, so what
 * survives a young-generation GC and piles up in the old space until a full one: 4,096 records
 * put ~13 MiB more on the 1M-row peak RSS than 256 (ingest-memory, one thread, same load), at no
 * cost in speed.
 */
const RECORDS_PER_BATCH = 256;

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
      const batch: string[][] = [];
      let record: string[] | null;
      // Records parsed before a failure are read before it is thrown (a destroyed stream still
      // gives what it holds), however soon the failure arrives after them.
      while (batch.length < RECORDS_PER_BATCH && (record = stream.read() as string[] | null) !== null) {
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

export interface PassOptions {
  sortable: readonly string[];
  /** Column that identifies a row across versions; checked to be a column here. */
  primaryKey?: string;
  /** Rows per natural chunk: `onRows` gets them this many at a time (the last batch shorter). */
  chunkRows: number;
  maxColumns?: number;
}

/** What the pass learned of the file: plain data, so a parse thread can post it. */
export interface PassResult {
  problems: IngestProblem[];
  rowCount: number;
  sizeBytes: number;
  contentSha256: string;
  /** The header row as written (absent for an empty file). */
  headers?: string[];
  fields: string[];
  /** Inferred type of each column, and whether the column had any value at all. */
  types: ColumnType[];
  hasValues: boolean[];
  findings: ColumnFinding[];
}

/**
 * Reads `source` to its end. While the file has no problem, `onRows` gets each
 * natural chunk's rows serialized (JSON.stringify of the row's cells) and is
 * awaited; after the first problem the pass keeps reading, to report every
 * problem, but hands on nothing more.
 */
export async function parsePass(
  source: Readable,
  options: PassOptions,
  createScanner: (columnNames: readonly string[]) => PersonalDataScanner,
  onRows: (lines: string[]) => Promise<void> | void,
): Promise<PassResult> {
  const problems = new ProblemLog();
  const maxColumns = options.maxColumns ?? 500;
  let contentSha256 = '';
  let sizeBytes = 0;
  let headers: string[] | undefined;
  let fields: string[] = [];
  let inferrer: TypeInferrer | undefined;
  let scanner: PersonalDataScanner | undefined;
  let rowCount = 0;
  let lines: string[] = [];
  let stoppedEarly = false;

  try {
    const parser = parse(PARSE_OPTIONS);
    const decoded = source.pipe(
      hashAndCheck((sha, bytes) => {
        contentSha256 = sha;
        sizeBytes = bytes;
      }),
    );
    // pipe() passes no errors on: a source that fails (a reset S3 connection) must end the pass.
    source.on('error', (err) => decoded.destroy(err));
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
            stoppedEarly = true;
            break reading;
          }
          fields = fieldNamesFromHeaders(headers);
          inferrer = new TypeInferrer(fields.length);
          scanner = createScanner(headers);
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
        if (problems.any) continue; // keep reading to report every problem, but hand on nothing more
        lines.push(JSON.stringify(record));
        if (lines.length >= options.chunkRows) {
          const full = lines;
          lines = [];
          await onRows(full);
        }
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
    // Whatever stopped the pass early, the rest of the upload (an S3 connection) is let go.
    if (!source.readableEnded) source.destroy();
  }

  if (stoppedEarly) {
    // The rest is not read (an upload can be a gigabyte): no size or hash of a file only partly seen.
    sizeBytes = 0;
    contentSha256 = '';
  }
  if (!problems.any && !headers) {
    problems.add('empty-file', 'The file is empty: it needs a header row and at least one data row.');
  } else if (!problems.any && rowCount === 0) {
    problems.add('empty-file', 'The file has a header but no data rows.');
  }
  if (!problems.any && lines.length > 0) await onRows(lines);

  const types = inferrer?.types() ?? [];
  return {
    problems: problems.list(),
    rowCount,
    sizeBytes,
    contentSha256,
    ...(headers ? { headers } : {}),
    fields,
    types,
    hasValues: types.map((_, i) => inferrer!.hasValues(i)),
    findings: scanner?.findings() ?? [],
  };
}
