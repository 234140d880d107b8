/**
 * Sorts lines by a content hash without a merge: while the file streams, each
 * line goes to one of 64 bucket files by the first character of its key (a
 * base64 hash, so the buckets fill evenly); afterwards the buckets are read
 * back in key order, each sorted in memory (or, if one grew too big, by the
 * external sort). The key is written in front of the line, so it is computed
 * once. Used for the `by-row-hash` order, whose key is known during the pass.
 * Keys are base64 (at least the first 6 characters) and longer than 5 characters.
 *
 * Lines go to the bucket files as UTF-8 bytes straight from the caller's
 * strings, and come back as bytes: sorting and cutting into JSON chunks works
 * on byte offsets, so no line is decoded, sliced or joined as a string.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { externalSort } from './external-sort';

/** The base64 alphabet in code-unit order (how `compareKeys` orders strings). */
const ALPHABET = '+/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BUCKET_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) BUCKET_OF[ALPHABET.charCodeAt(i)] = i;

/** Characters after the first that the sort packs into a number (6 bits each). */
const PACKED_CHARS = 5;
const INDEX_SPACE = 2 ** 22;
const NEWLINE = 10;

/**
 * Bytes buffered per bucket before they are appended to its file (64 buckets: 8 MiB):
 * few, big writes, as each write costs ~25 µs of the event loop whatever its size.
 */
const BUCKET_BYTES = 128 << 10;
/** Bucket writes in flight before `add` asks the caller to wait. */
const WRITES_IN_FLIGHT = 8;
/**
 * A bucket file up to this size is sorted in memory (the next one is read meanwhile: at most
 * ~2.5× this off the heap); a bigger one, from files over ~2.5 GB of 100-byte rows, goes through
 * the external sort, bounded but about ten times slower (5M rows: 22.9 s of sorting at 8 MiB, 2.0 s
 * at 64 MiB).
 */
const IN_MEMORY_BYTES = 64 << 20;

/**
 * Typed arrays sortedEntries works in, kept from one bucket to the next: off-heap memory a
 * fresh set per bucket would leave for a major GC to free.
 */
class SortScratch {
  private capacity = 0;
  starts = new Int32Array(0);
  ends = new Int32Array(0);
  codes = new Float64Array(0);
  order = new Int32Array(0);
  sortedStarts = new Int32Array(0);
  sortedEnds = new Int32Array(0);

  /** Room for `n` entries (the arrays may be longer: use their first `n`). */
  fit(n: number): this {
    if (n <= this.capacity) return this;
    this.capacity = Math.ceil(n * 1.25);
    this.starts = new Int32Array(this.capacity);
    this.ends = new Int32Array(this.capacity);
    this.codes = new Float64Array(this.capacity);
    this.order = new Int32Array(this.capacity);
    this.sortedStarts = new Int32Array(this.capacity);
    this.sortedEnds = new Int32Array(this.capacity);
    return this;
  }
}

/**
 * The entries of one bucket file (`key` + line + `\n` each), in key order:
 * their start and end offsets in `bytes`, sorted by the PACKED_CHARS key
 * characters after the first (packed into a number, with the entry's index,
 * in one typed-array sort), then entries equal in that prefix by the whole key.
 * The offsets are views of `scratch`, valid until its next use.
 */
function sortedEntries(
  bytes: Buffer,
  keyLength: number,
  scratch: SortScratch,
): { starts: Int32Array; ends: Int32Array } {
  let n = 0;
  for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) n++;
  scratch.fit(n);
  const starts = scratch.starts.subarray(0, n);
  const ends = scratch.ends.subarray(0, n);
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = bytes.indexOf(NEWLINE, start);
    starts[i] = start;
    ends[i] = end;
    start = end + 1;
  }
  const byKey = (a: number, b: number) =>
    // Buffer#compare(target, targetStart, targetEnd, sourceStart, sourceEnd) orders the source (a) against the target (b).
    bytes.compare(bytes, starts[b]!, starts[b]! + keyLength, starts[a]!, starts[a]! + keyLength);
  let order: ArrayLike<number>;
  if (n >= INDEX_SPACE) {
    order = Array.from({ length: n }, (_, i) => i).sort(byKey);
  } else {
    const codes = scratch.codes.subarray(0, n);
    for (let i = 0; i < n; i++) {
      const s = starts[i]!;
      let prefix = 0;
      for (let c = 1; c <= PACKED_CHARS; c++) prefix = prefix * 64 + BUCKET_OF[bytes[s + c]!]!;
      codes[i] = prefix * INDEX_SPACE + i;
    }
    codes.sort();
    const sorted = scratch.order.subarray(0, n);
    for (let i = 0; i < n; i++) sorted[i] = codes[i]! % INDEX_SPACE;
    // Entries equal in the packed prefix (rare): by the whole key.
    let group = 0;
    for (let i = 1; i <= n; i++) {
      if (i < n && Math.floor(codes[i]! / INDEX_SPACE) === Math.floor(codes[group]! / INDEX_SPACE)) continue;
      if (i - group > 1) sorted.set(Array.from(sorted.subarray(group, i)).sort(byKey), group);
      group = i;
    }
    order = sorted;
  }
  const sortedStarts = scratch.sortedStarts.subarray(0, n);
  const sortedEnds = scratch.sortedEnds.subarray(0, n);
  for (let i = 0; i < n; i++) {
    sortedStarts[i] = starts[order[i]!]!;
    sortedEnds[i] = ends[order[i]!]!;
  }
  return { starts: sortedStarts, ends: sortedEnds };
}

/** JSON arrays of `rowsPerChunk` lines, built from the lines' bytes. */
class JsonChunks {
  private bytes = Buffer.allocUnsafe(1 << 16);
  private used = 1;
  private rows = 0;
  constructor(
    private readonly rowsPerChunk: number,
    private readonly emit: (json: string, rowCount: number) => Promise<void> | void,
  ) {
    this.bytes[0] = 0x5b; // [
  }

  private room(length: number): void {
    if (this.used + length + 2 <= this.bytes.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + length + 2));
    this.bytes.copy(bigger, 0, 0, this.used);
    this.bytes = bigger;
  }

  addBytes(source: Buffer, start: number, end: number): Promise<void> | void {
    this.room(end - start);
    if (this.rows > 0) this.bytes[this.used++] = 0x2c; // ,
    this.used += source.copy(this.bytes, this.used, start, end);
    return ++this.rows >= this.rowsPerChunk ? this.flush() : undefined;
  }

  addLine(line: string): Promise<void> | void {
    const bytes = Buffer.from(line, 'utf8');
    return this.addBytes(bytes, 0, bytes.length);
  }

  flush(): Promise<void> | void {
    if (this.rows === 0) return undefined;
    this.bytes[this.used++] = 0x5d; // ]
    const json = this.bytes.toString('utf8', 0, this.used);
    const rows = this.rows;
    this.used = 1;
    this.rows = 0;
    return this.emit(json, rows);
  }
}

export class HashBuckets {
  private readonly buffers: (Buffer | undefined)[] = new Array<Buffer | undefined>(ALPHABET.length).fill(
    undefined,
  );
  private readonly used = new Int32Array(ALPHABET.length);
  private readonly files: (FileHandle | undefined)[] = new Array<FileHandle | undefined>(
    ALPHABET.length,
  ).fill(undefined);
  /** The last write of each bucket: a bucket's writes go one after another. */
  private readonly tails: (Promise<void> | undefined)[] = new Array<Promise<void> | undefined>(
    ALPHABET.length,
  ).fill(undefined);
  private readonly inFlight = new Set<Promise<void>>();
  /** Bucket buffers whose writes are done, for reuse. */
  private readonly spare: Buffer[] = [];
  private failure: unknown;

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

  /**
   * Adds one line (without line breaks) under its base64 key. Writes run in the
   * background; a promise when enough are in flight that the caller should wait.
   */
  add(key: string, line: string): Promise<void> | undefined {
    if (key.length !== this.keyLength) throw new Error(`hash key of ${key.length} characters`);
    const bucket = BUCKET_OF[key.charCodeAt(0)] ?? -1;
    for (let c = 0; c <= PACKED_CHARS; c++) {
      if ((BUCKET_OF[key.charCodeAt(c)] ?? -1) < 0) throw new Error('hash key is not base64');
    }
    if (this.failure) throw this.failure;
    // At most 3 UTF-8 bytes per UTF-16 code unit; the key is ASCII.
    const most = key.length + 3 * line.length + 1;
    let buffer = this.buffers[bucket];
    let used = this.used[bucket]!;
    if (buffer === undefined || used + most > buffer.length) {
      if (buffer !== undefined && used > 0) this.write(bucket, buffer, used);
      buffer = this.buffers[bucket] = this.freshBuffer(most);
      used = 0;
    }
    used += buffer.write(key, used, 'latin1');
    used += buffer.write(line, used, 'utf8');
    buffer[used++] = NEWLINE;
    this.used[bucket] = used;
    return this.inFlight.size >= WRITES_IN_FLIGHT ? this.settle(WRITES_IN_FLIGHT / 2) : undefined;
  }

  /**
   * A bucket buffer, one whose write is done when there is one. Buffers live outside V8's heap,
   * and one that outlived a few minor GCs is freed only by a major one: without reuse, a big file
   * leaves a garbage buffer per 128 KiB of rows until then (peak memory that grows with the file).
   */
  private freshBuffer(most: number): Buffer {
    if (most <= BUCKET_BYTES) {
      const spare = this.spare.pop();
      if (spare) return spare;
    }
    return Buffer.allocUnsafe(Math.max(BUCKET_BYTES, most));
  }

  /** Appends a buffer's first `used` bytes to a bucket's file, after that bucket's earlier writes. */
  private write(bucket: number, buffer: Buffer, used: number): void {
    const previous = this.tails[bucket];
    const write = (async () => {
      await previous;
      let file = this.files[bucket];
      if (!file) this.files[bucket] = file = await open(this.fileName(bucket), 'a');
      for (let at = 0; at < used;) at += (await file.write(buffer, at, used - at)).bytesWritten;
      if (buffer.length === BUCKET_BYTES) this.spare.push(buffer);
    })().catch((err: unknown) => {
      this.failure ??= err;
    });
    this.tails[bucket] = write;
    this.inFlight.add(write);
    void write.finally(() => this.inFlight.delete(write));
  }

  /** Waits until at most `limit` writes are in flight; throws the first failed write. */
  private async settle(limit: number): Promise<void> {
    while (this.inFlight.size > limit) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
  }

  private async writeOut(): Promise<void> {
    for (let bucket = 0; bucket < this.buffers.length; bucket++) {
      const buffer = this.buffers[bucket];
      if (buffer !== undefined && this.used[bucket]! > 0) this.write(bucket, buffer, this.used[bucket]!);
      this.buffers[bucket] = undefined;
      this.used[bucket] = 0;
    }
    await this.settle(0);
  }

  /** Closes the bucket files (also after a failure). */
  async close(): Promise<void> {
    await Promise.allSettled(this.inFlight);
    const files = this.files.splice(0, this.files.length);
    await Promise.all(files.map((file) => file?.close()));
  }

  /**
   * Every bucket in key order: in-memory ones as their bytes with the entries'
   * offsets in key order, a too-big one as its file, for the external sort.
   */
  private async eachBucket(
    sorted: (bytes: Buffer, starts: Int32Array, ends: Int32Array) => Promise<void>,
    tooBig: (file: string) => Promise<void>,
  ): Promise<void> {
    await this.writeOut();
    await this.close();
    this.spare.length = 0; // nothing is bucketed any more
    // Two read buffers, reused (as the sort's arrays are): the bucket being sorted and the next,
    // read meanwhile. Fresh ones per bucket would pile up outside the heap until a major GC.
    const reads: (Buffer | undefined)[] = [undefined, undefined];
    const scratch = new SortScratch();
    const load = async (bucket: number) => {
      const file = this.fileName(bucket);
      const size = await stat(file).then(
        (s) => s.size,
        () => -1,
      );
      if (size < 0) return undefined;
      if (size > this.inMemoryBytes) return file;
      let buffer = reads[bucket % 2];
      if (!buffer || buffer.length < size) {
        buffer = reads[bucket % 2] = Buffer.allocUnsafe(Math.min(this.inMemoryBytes, Math.ceil(size * 1.25)));
      }
      const handle = await open(file, 'r');
      try {
        for (let at = 0; at < size;) {
          const { bytesRead } = await handle.read(buffer, at, size - at, at);
          if (bytesRead === 0) throw new Error(`bucket file ${file} ended early`);
          at += bytesRead;
        }
      } finally {
        await handle.close();
      }
      return buffer.subarray(0, size);
    };
    // The next bucket is read while this one is sorted and emitted.
    let next = load(0);
    for (let bucket = 0; bucket < ALPHABET.length; bucket++) {
      const loaded = await next;
      next = bucket + 1 < ALPHABET.length ? load(bucket + 1) : Promise.resolve(undefined);
      // Awaited on the next turn; a failure while this bucket is emitted must not go unhandled.
      next.catch(() => undefined);
      if (loaded === undefined) continue;
      if (typeof loaded === 'string') {
        await tooBig(loaded);
        continue;
      }
      const { starts, ends } = sortedEntries(loaded, this.keyLength, scratch);
      await sorted(loaded, starts, ends);
    }
  }

  /**
   * The lines in key order (code units, as `compareKeys` orders strings) as JSON
   * arrays of `rowsPerChunk` lines (the last one shorter), without decoding each line.
   */
  async emitSortedChunks(
    rowsPerChunk: number,
    emit: (json: string, rowCount: number) => Promise<void> | void,
  ): Promise<void> {
    const k = this.keyLength;
    const chunks = new JsonChunks(rowsPerChunk, emit);
    await this.eachBucket(
      async (bytes, starts, ends) => {
        for (let i = 0; i < starts.length; i++) {
          const pending = chunks.addBytes(bytes, starts[i]! + k, ends[i]!);
          if (pending) await pending;
        }
      },
      (file) =>
        externalSort(
          file,
          this.workDir,
          (entry) => entry.slice(0, k),
          (entry) => chunks.addLine(entry.slice(k)),
        ),
    );
    await chunks.flush();
  }
}
