/**
 * Sorts rows bigger than memory: sorted runs on local disk (Lambda /tmp),
 * then a k-way merge. Used to prepare a sorted copy of a version's rows for
 * each sortable column, after the file's types are known.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';

export type SortKey = string | number | boolean | null;

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

async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  for (const line of lines) {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
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

/**
 * Reads JSON-lines rows from `inputFile`, sorts them by `keyOf` (stable), and
 * hands them to `emit` in order. Memory holds at most `runSize` rows.
 */
export async function externalSort(
  inputFile: string,
  workDir: string,
  keyOf: (line: string) => SortKey,
  /** Receives each line in order with its position in the input (0-based). */
  emit: (line: string, seq: number) => Promise<void> | void,
  runSize = 50_000,
): Promise<void> {
  const runs: string[] = [];
  let batch: Keyed[] = [];
  let seq = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    batch.sort((a, b) => compareKeys(a.key, b.key) || a.seq - b.seq);
    const file = path.join(workDir, `run-${runs.length}.jsonl`);
    await writeLines(
      file,
      (function* () {
        for (const item of batch) yield JSON.stringify([item.key, item.seq, item.line]);
      })(),
    );
    runs.push(file);
    batch = [];
  };

  const input = createInterface({ input: createReadStream(inputFile), crlfDelay: Infinity });
  for await (const line of input) {
    if (!line) continue;
    batch.push({ key: keyOf(line), seq: seq++, line });
    if (batch.length >= runSize) await flush();
  }
  // A file that fits in one run never touches the disk again.
  if (runs.length === 0) {
    batch.sort((a, b) => compareKeys(a.key, b.key) || a.seq - b.seq);
    for (const item of batch) await emit(item.line, item.seq);
    return;
  }
  await flush();

  type Head = { key: SortKey; seq: number; line: string; next: AsyncIterator<string> };
  const heap = new Heap<Head>((a, b) => {
    const c = compareKeys(a.key, b.key);
    return c < 0 || (c === 0 && a.seq < b.seq);
  });
  const advance = async (next: AsyncIterator<string>) => {
    const { value, done } = await next.next();
    if (done) return;
    const [key, itemSeq, line] = JSON.parse(value) as [SortKey, number, string];
    heap.push({ key, seq: itemSeq, line, next });
  };
  const readers = runs.map((file) => createInterface({ input: createReadStream(file), crlfDelay: Infinity }));
  // Take every iterator before awaiting any: a reader emits lines as soon as it
  // opens, and lines emitted before its iterator exists would be lost.
  const iterators = readers.map((reader) => reader[Symbol.asyncIterator]());
  for (const iterator of iterators) await advance(iterator);
  while (heap.size > 0) {
    const head = heap.pop()!;
    await emit(head.line, head.seq);
    await advance(head.next);
  }
  for (const reader of readers) reader.close();
  await Promise.all(runs.map((file) => rm(file, { force: true })));
}
