/**
 * Sorts rows bigger than memory: sorted runs on local disk (Lambda /tmp),
 * then a k-way merge. Used to prepare a sorted copy of a version's rows for
 * each sortable column, after the file's types are known.
 */
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';

export type SortKey = string | number | boolean | null;

/**
 * The cells of a row from its `JSON.stringify` (the lines of the local sort
 * files). Without a backslash in the JSON no cell holds a quote, backslash or
 * control character, so the cells are what lies between `","`: a split, much
 * cheaper than JSON.parse.
 */
export function rowFromLine(line: string): string[] {
  return line.indexOf('\\') < 0 ? line.slice(2, -2).split('","') : (JSON.parse(line) as string[]);
}

/** Nulls last; then numbers, text and booleans by their natural order. */
export function compareKeys(a: SortKey, b: SortKey): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Keyed {
  key: SortKey;
  seq: number;
  line: string;
}

/** Writes lines to a new file, a megabyte at a time. */
async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const out = await open(file, 'w');
  try {
    let text = '';
    for (const line of lines) {
      text += `${line}\n`;
      if (text.length >= 1 << 20) {
        await out.write(text);
        text = '';
      }
    }
    if (text) await out.write(text);
  } finally {
    await out.close();
  }
}

/** Reads a file's lines (split at `\n`), a block at a time. */
export class LineReader {
  private lines: string[] = [];
  private index = 0;
  private rest = '';
  private readonly blocks: AsyncIterator<string>;
  constructor(file: string) {
    const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });
    this.blocks = stream[Symbol.asyncIterator]() as AsyncIterator<string>;
  }
  /** The next line already read, without waiting; undefined when `next()` has to read on. */
  buffered(): string | undefined {
    return this.index < this.lines.length ? this.lines[this.index++] : undefined;
  }
  /** The next line, or undefined at the end of the file. */
  async next(): Promise<string | undefined> {
    while (this.index >= this.lines.length) {
      const { value, done } = await this.blocks.next();
      if (done) {
        const last = this.rest;
        this.rest = '';
        return last ? last : undefined;
      }
      const lines = (this.rest + value).split('\n');
      this.rest = lines.pop()!;
      this.lines = lines;
      this.index = 0;
    }
    return this.lines[this.index++];
  }
  async close(): Promise<void> {
    await this.blocks.return?.();
  }
}

/** Min-heap of run heads. */
class Heap<T> {
  private readonly items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}
  get size() {
    return this.items.length;
  }
  push(item: T) {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(a[i]!, a[parent]!)) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

const byKeyThenSeq = (a: Keyed, b: Keyed) => compareKeys(a.key, b.key) || a.seq - b.seq;

/**
 * A key in a run file, with no raw tab or line break: text as JSON (starting with a quote), a
 * number or boolean as written (Number() reads back the same number), null as nothing.
 */
function keyText(key: SortKey): string {
  if (typeof key === 'string') return JSON.stringify(key);
  if (key === null) return '';
  return Object.is(key, -0) ? '-0' : String(key); // String(-0) is "0"
}

function keyFromText(text: string): SortKey {
  if (text === '') return null;
  if (text.charCodeAt(0) === 34) return JSON.parse(text) as string;

  if (text === 'true') return true;
  if (text === 'false') return false;
  return Number(text);
}

/** A run file line: `seq`, tab, the key (`keyText`), tab, the line. */
function runLine(item: Keyed): string {
  return `${item.seq}\t${keyText(item.key)}\t${item.line}`;
}

/** A run's next row, kept with the run it came from. */
interface RunHead extends Keyed {
  reader: LineReader;
}

function fromRunLine(text: string, reader: LineReader): RunHead {
  const first = text.indexOf('\t');
  const second = text.indexOf('\t', first + 1);
  return {
    seq: Number(text.slice(0, first)),
    key: keyFromText(text.slice(first + 1, second)),
    line: text.slice(second + 1),
    reader,
  };
}

/**
 * Reads lines (rows as JSON arrays, for `rowFromLine`) from `inputFile`, sorts them by `keyOf` (stable), and
 * hands them to `emit` in order. Memory holds at most `runSize` rows.
 */
export async function externalSort(
  inputFile: string,
  workDir: string,
  keyOf: (line: string) => SortKey,
  /** Receives each line in order with its position in the input (0-based) and its key. */
  emit: (line: string, seq: number, key: SortKey) => Promise<void> | void,
  runSize = 50_000,
): Promise<void> {
  const runs: string[] = [];
  let batch: Keyed[] = [];
  let seq = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    batch.sort(byKeyThenSeq);
    const file = path.join(workDir, `run-${runs.length}.txt`);
    runs.push(file);
    const sorted = batch;
    batch = [];
    await writeLines(
      file,
      (function* () {
        for (const item of sorted) yield runLine(item);
      })(),
    );
  };

  const input = new LineReader(inputFile);
  try {
    for (;;) {
      const line = input.buffered() ?? (await input.next());
      if (line === undefined) break;
      if (!line) continue;
      batch.push({ key: keyOf(line), seq: seq++, line });
      if (batch.length >= runSize) await flush();
    }
  } finally {
    await input.close();
  }
  // A file that fits in one run never touches the disk again.
  if (runs.length === 0) {
    batch.sort(byKeyThenSeq);
    for (const item of batch) {
      const pending = emit(item.line, item.seq, item.key);
      if (pending) await pending;
    }
    return;
  }
  await flush();

  const heap = new Heap<RunHead>((a, b) => {
    const c = compareKeys(a.key, b.key);
    return c < 0 || (c === 0 && a.seq < b.seq);
  });
  const readers = runs.map((file) => new LineReader(file));
  try {
    const push = (reader: LineReader, text: string | undefined) => {
      if (text !== undefined) heap.push(fromRunLine(text, reader));
    };
    for (const reader of readers) push(reader, await reader.next());
    while (heap.size > 0) {
      const head = heap.pop()!;
      const pending = emit(head.line, head.seq, head.key);
      if (pending) await pending;
      push(head.reader, head.reader.buffered() ?? (await head.reader.next()));
    }
  } finally {
    await Promise.all(readers.map((reader) => reader.close()));
    await Promise.all(runs.map((file) => rm(file, { force: true })));
  }
}
