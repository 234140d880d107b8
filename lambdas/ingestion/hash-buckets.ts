/**
 * Sorts lines by a content hash without a merge: while the file streams, each
 * line goes to one of 64 bucket files by the first character of its key (a
 * base64 hash, so the buckets fill evenly); afterwards the buckets are read
 * back in key order, each sorted in memory (or, if one grew too big, by the
 * external sort). The key is written in front of the line, so it is computed
 * once. Used for the `by-row-hash` order, whose key is known during the pass.
 * Keys are base64 (at least the first 6 characters) and longer than 5 characters.
 */
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { externalSort } from './external-sort';

/** The base64 alphabet in code-unit order (how `compareKeys` orders strings). */
const ALPHABET = '+/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BUCKET_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) BUCKET_OF[ALPHABET.charCodeAt(i)] = i;

/** Characters after the first that `sortEntries` packs into a number (6 bits each). */
const PACKED_CHARS = 5;
const INDEX_SPACE = 2 ** 22;

/**
 * Sorts bucket entries (each starting with its base64 key) in code-unit order:
 * by the next PACKED_CHARS key characters packed into a number, with the
 * entry's index, in one typed-array sort, then entries equal in that prefix by
 * the whole string. Much cheaper than comparing the (sliced) strings.
 */
function sortEntries(entries: readonly string[]): string[] {
  const n = entries.length;
  if (n >= INDEX_SPACE) return [...entries].sort();
  const codes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const entry = entries[i]!;
    let prefix = 0;
    for (let c = 1; c <= PACKED_CHARS; c++) prefix = prefix * 64 + BUCKET_OF[entry.charCodeAt(c)]!;
    codes[i] = prefix * INDEX_SPACE + i;
  }
  codes.sort();
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = entries[codes[i]! % INDEX_SPACE]!;
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && Math.floor(codes[i]! / INDEX_SPACE) === Math.floor(codes[start]! / INDEX_SPACE)) continue;
    if (i - start > 1) {
      const group = out.slice(start, i).sort();
      for (let j = 0; j < group.length; j++) out[start + j] = group[j]!;
    }
    start = i;
  }
  return out;
}

/** Buffered text of all buckets, written out together once it reaches this many characters. */
const BUFFER_CHARS = 1 << 20;
/** A bucket file up to this size is sorted in memory; a bigger one goes through the external sort. */
const IN_MEMORY_BYTES = 8 << 20;

export class HashBuckets {
  private readonly buffers: string[] = new Array<string>(ALPHABET.length).fill('');
  private readonly files: (FileHandle | undefined)[] = new Array<FileHandle | undefined>(
    ALPHABET.length,
  ).fill(undefined);
  private buffered = 0;

  /** `keyLength`: every key has exactly this many characters, and equal keys mean equal lines. */
  constructor(
    private readonly workDir: string,
    private readonly keyLength: number,
    private readonly inMemoryBytes = IN_MEMORY_BYTES,
  ) {
    if (keyLength <= PACKED_CHARS) throw new Error(`hash keys need more than ${PACKED_CHARS} characters`);
  }

  private fileName(bucket: number): string {
    return path.join(this.workDir, `bucket-${bucket}.txt`);
  }

  /** Adds one line (without line breaks) under its base64 key; a promise when the buffers were written out. */
  add(key: string, line: string): Promise<void> | undefined {
    if (key.length !== this.keyLength) throw new Error(`hash key of ${key.length} characters`);
    const bucket = BUCKET_OF[key.charCodeAt(0)] ?? -1;
    for (let c = 0; c <= PACKED_CHARS; c++) {
      if ((BUCKET_OF[key.charCodeAt(c)] ?? -1) < 0) throw new Error('hash key is not base64');
    }
    const entry = `${key}${line}\n`;
    this.buffers[bucket] += entry;
    this.buffered += entry.length;
    return this.buffered >= BUFFER_CHARS ? this.writeOut() : undefined;
  }

  private async writeOut(): Promise<void> {
    this.buffered = 0;
    const writes: Promise<unknown>[] = [];
    for (let bucket = 0; bucket < this.buffers.length; bucket++) {
      const text = this.buffers[bucket]!;
      if (!text) continue;
      this.buffers[bucket] = '';
      let file = this.files[bucket];
      if (!file) this.files[bucket] = file = await open(this.fileName(bucket), 'a');
      writes.push(file.write(text));
    }
    await Promise.all(writes);
  }

  /** Closes the bucket files (also after a failure). */
  async close(): Promise<void> {
    const files = this.files.splice(0, this.files.length);
    await Promise.all(files.map((file) => file?.close()));
  }

  /** Hands every line to `emit` in key order (code units, as `compareKeys` orders strings). */
  async emitSorted(emit: (line: string) => Promise<void> | void): Promise<void> {
    await this.writeOut();
    await this.close();
    const k = this.keyLength;
    for (let bucket = 0; bucket < ALPHABET.length; bucket++) {
      const file = this.fileName(bucket);
      const size = await stat(file).then(
        (s) => s.size,
        () => -1,
      );
      if (size < 0) continue;
      if (size > this.inMemoryBytes) {
        await externalSort(
          file,
          this.workDir,
          (entry) => entry.slice(0, k),
          (entry) => emit(entry.slice(k)),
        );
        continue;
      }
      const entries = (await readFile(file, 'utf8')).split('\n');
      entries.pop(); // after the last line break
      // Whole entries in code-unit order: keys have one length, and equal keys have equal lines.
      for (const entry of sortEntries(entries)) {
        const pending = emit(entry.slice(k));
        if (pending) await pending;
      }
    }
  }
}
