/** External sort: sorted runs on disk and a k-way merge must equal a stable in-memory sort. */
import fc from 'fast-check';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compareKeys, externalSort, rowFromLine, type SortKey } from '../../lambdas/ingestion/external-sort';
import { HashBuckets } from '../../lambdas/ingestion/hash-buckets';

let workDir: string;
beforeEach(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'external-sort-test-'));
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** Rows are JSON lines `[key, tag]`; the tag tells equal keys apart, to check stability. */
async function writeInput(keys: readonly SortKey[], name = 'input.jsonl'): Promise<string> {
  const file = path.join(workDir, name);
  await writeFile(file, keys.map((key, tag) => `${JSON.stringify([key, tag])}\n`).join(''));
  return file;
}

const keyOf = (line: string) => (JSON.parse(line) as [SortKey, number])[0];

/** The reference: a stable in-memory sort, nulls last. */
function referenceSort(keys: readonly SortKey[]): string[] {
  const rank = (k: SortKey) => (k === null ? 1 : 0);
  return keys
    .map((key, tag) => ({ key, tag }))
    .sort(
      (a, b) =>
        rank(a.key) - rank(b.key) || (a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0) || a.tag - b.tag,
    )
    .map(({ key, tag }) => JSON.stringify([key, tag]));
}

/** Sorts and collects the emitted lines; fails instead of hanging if the sort never finishes. */
async function sortLines(
  file: string,
  runSize: number,
  emitDelay: 'sync' | 'async' = 'sync',
  timeoutMs = 2000,
): Promise<string[]> {
  const out: string[] = [];
  const emit =
    emitDelay === 'sync'
      ? (line: string) => {
          out.push(line);
        }
      : async (line: string) => {
          out.push(line);
          await new Promise((resolve) => setImmediate(resolve));
        };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`externalSort did not finish in ${timeoutMs} ms (${out.length} lines emitted)`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([externalSort(file, workDir, keyOf, emit, runSize), timeout]);
  } finally {
    clearTimeout(timer);
  }
  return out;
}

describe('compareKeys', () => {
  it.each([
    [1, 2, -1],
    [2, 10, -1],
    [10, 2, 1],
    [-1.5, -1, -1],
    ['B', 'a', -1],
    ['Main', 'Main St', -1],
    ['Z', 'É', -1],
    [false, true, -1],
    [true, false, 1],
    [3, 3, 0],
    ['x', 'x', 0],
    [null, null, 0],
  ] as [SortKey, SortKey, number][])('compares %j with %j as %i', (a, b, sign) => {
    expect(Math.sign(compareKeys(a, b))).toBe(sign);
  });

  it.each([0, -5, '', 'text', false, true] as SortKey[])('puts null after %j', (value) => {
    expect([compareKeys(null, value), compareKeys(value, null)]).toEqual([1, -1]);
  });
});

describe('externalSort', () => {
  it('sorts a file that fits in one run, stably and with nulls last', async () => {
    const file = await writeInput([3, null, 1, 3, 2, null, 1]);

    const out = await sortLines(file, 100);

    expect(out).toEqual(referenceSort([3, null, 1, 3, 2, null, 1]));
    expect(out.map((l) => JSON.parse(l))).toEqual([
      [1, 2],
      [1, 6],
      [2, 4],
      [3, 0],
      [3, 3],
      [null, 1],
      [null, 5],
    ]);
  });

  it('emits nothing for an empty file', async () => {
    const file = await writeInput([]);

    expect(await sortLines(file, 10)).toEqual([]);
  });

  it('skips blank lines', async () => {
    const file = path.join(workDir, 'blank.jsonl');
    await writeFile(file, '["b",0]\n\n["a",1]\n\n');

    expect(await sortLines(file, 10)).toEqual(['["a",1]', '["b",0]']);
  });

  it('merges many runs into one stable order', async () => {
    const keys = Array.from({ length: 4000 }, (_, i) => (i % 11 === 0 ? null : (i * 7919) % 13));
    const file = await writeInput(keys);

    const out = await sortLines(file, 10);

    expect(out).toHaveLength(keys.length);
    expect(out).toEqual(referenceSort(keys));
  });

  it('merges runs while the consumer is slow', async () => {
    const keys = Array.from({ length: 300 }, (_, i) => `k${(i * 31) % 17}`);
    const file = await writeInput(keys);

    const out = await sortLines(file, 25, 'async');

    expect(out).toEqual(referenceSort(keys));
  });

  it('removes its run files when done', async () => {
    const file = await writeInput(Array.from({ length: 50 }, (_, i) => i % 4));

    await sortLines(file, 10);

    expect(await readdir(workDir)).toEqual(['input.jsonl']);
  });

  it('equals a stable in-memory sort for any keys and run size', async () => {
    const keysArb = fc.oneof(
      fc.array(fc.option(fc.integer({ min: -20, max: 20 }), { nil: null }), { maxLength: 120 }),
      fc.array(fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null }), {
        maxLength: 120,
      }),
      fc.array(fc.option(fc.string({ maxLength: 3 }), { nil: null }), { maxLength: 120 }),
      fc.array(fc.option(fc.boolean(), { nil: null }), { maxLength: 120 }),
    );
    await fc.assert(
      fc.asyncProperty(
        keysArb,
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom('sync' as const, 'async' as const),
        async (keys, runSize, emitDelay) => {
          await rm(workDir, { recursive: true, force: true });
          workDir = await mkdtemp(path.join(os.tmpdir(), 'external-sort-test-'));
          const file = await writeInput(keys.map((k) => (Object.is(k, -0) ? 0 : k)));

          const out = await sortLines(file, runSize, emitDelay, 2000);

          expect(out).toEqual(referenceSort(keys.map((k) => (Object.is(k, -0) ? 0 : k))));
        },
      ),
      { numRuns: 60, endOnFailure: true },
    );
  }, 60_000);
});

describe('externalSort hands over', () => {
  it('each line with its input position and its key, over many runs', async () => {
    const keys = Array.from({ length: 200 }, (_, i) => (i % 7 === 0 ? null : (i * 37) % 11));
    const file = await writeInput(keys);
    const seen: [string, number, SortKey][] = [];

    await externalSort(
      file,
      workDir,
      keyOf,
      (line, seq, key) => {
        seen.push([line, seq, key]);
      },
      16,
    );

    expect(seen.map(([line]) => line)).toEqual(referenceSort(keys));
    for (const [line, seq, key] of seen) {
      expect(JSON.parse(line)).toEqual([key, seq]);
    }
  });

  it('keys of every kind exactly as keyOf gave them, after a trip through the run files', async () => {
    const table: SortKey[] = [-0, 0, 1e21, 0.1 + 0.2, -1.5e-7, Number.MAX_VALUE, 5e-324, 42];
    table.push(true, false, null, 'a"b\tc\nd\\e', '', 'true', '0', '-0', 'null');
    const file = await writeInput(table.map(() => 0));
    const seen: [number, SortKey][] = [];

    // Runs of 2 rows: every key is written to a run file and read back.
    await externalSort(
      file,
      workDir,
      (line) => table[(JSON.parse(line) as [0, number])[1]]!,
      (_, seq, key) => {
        seen.push([seq, key]);
      },
      2,
    );

    expect(seen).toHaveLength(table.length);
    for (const [seq, key] of seen) expect(Object.is(key, table[seq])).toBe(true);
  });

  it('lines holding tabs and keys holding tabs and quotes unchanged', async () => {
    const file = path.join(workDir, 'tabs.jsonl');
    const lines = ['b\t"x"\t\t', 'a\tone', 'c', 'a\ttwo', 'b\t\\t'];
    await writeFile(file, `${lines.join('\n')}\n`);
    const tabKey = (line: string) => `${line.split('\t')[0]!}\t"`;
    const out: [string, SortKey][] = [];

    await externalSort(
      file,
      workDir,
      tabKey,
      (line, _seq, key) => {
        out.push([line, key]);
      },
      2,
    );

    expect(out).toEqual([
      ['a\tone', 'a\t"'],
      ['a\ttwo', 'a\t"'],
      ['b\t"x"\t\t', 'b\t"'],
      ['b\t\\t', 'b\t"'],
      ['c', 'c\t"'],
    ]);
  });

  it('a last line without a line break', async () => {
    const file = path.join(workDir, 'open.jsonl');
    await writeFile(file, '["b",0]\n["a",1]');

    expect(await sortLines(file, 1)).toEqual(['["a",1]', '["b",0]']);
  });
});

describe('HashBuckets', () => {
  const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  // Keys of 8 base64 characters, often sharing a long prefix (the first 6 are packed into a number);
  // the line is a function of the key, as with a content hash.
  const keyArb = fc
    .tuple(
      fc.constantFrom('AAAAAA', 'AAAAA+', 'zzzzzz', '+/09Az'),
      fc.array(fc.constantFrom(...BASE64), { minLength: 8, maxLength: 8 }),
      fc.integer({ min: 0, max: 8 }),
    )
    .map(([prefix, chars, shared]) => `${prefix.slice(0, Math.min(shared, 6))}${chars.join('')}`.slice(0, 8));

  async function sorted(keys: readonly string[], inMemoryBytes?: number): Promise<string[]> {
    const buckets = new HashBuckets(workDir, 8, inMemoryBytes);
    try {
      for (const key of keys) await buckets.add(key, JSON.stringify([`row ${key}`, '\t"é"']));
      const out: string[] = [];
      // One line per chunk: each chunk is `[<line>]`.
      await buckets.emitSortedChunks(1, (json, rowCount) => {
        expect(rowCount).toBe(1);
        out.push(json.slice(1, -1));
      });
      return out;
    } finally {
      await buckets.close();
    }
  }
  const expected = (keys: readonly string[]) =>
    [...keys].sort().map((key) => JSON.stringify([`row ${key}`, '\t"é"']));

  it('emits every line in key order, code units as compareKeys orders them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(keyArb, { maxLength: 300 }), async (keys) => {
        await rm(workDir, { recursive: true, force: true });
        workDir = await mkdtemp(path.join(os.tmpdir(), 'external-sort-test-'));

        const out = await sorted(keys);

        expect(out).toEqual(expected(keys));
        const keyOrder = [...keys].sort((a, b) => compareKeys(a, b));
        expect(out).toEqual(keyOrder.map((key) => JSON.stringify([`row ${key}`, '\t"é"'])));
      }),
      { numRuns: 40 },
    );
  });

  it('sorts a bucket too big for memory through the external sort', async () => {
    const keys = Array.from(
      { length: 3000 },
      (_, i) => `A${BASE64[i % 64]!}${BASE64[(i * 7) % 64]!}${BASE64[(i * 13) % 64]!}AAAA`,
    );

    expect(await sorted(keys, 1000)).toEqual(expected(keys));
  });

  it('writes its buffers out as they fill, reuses them, and keeps lines over many writes', async () => {
    const keys = Array.from(
      { length: 40_000 },
      (_, i) => `${BASE64[(i * 31) % 64]!}${BASE64[i % 64]!}xyzAB${BASE64[(i >> 6) % 64]!}`,
    );
    // ~600 bytes a line, 24 MB in all: each bucket's 128 KiB buffer fills about three times, and
    // a buffer whose write is done is filled again (by any bucket).
    const lineOf = (key: string) => JSON.stringify([`row ${key}`, key.repeat(70)]);
    const buckets = new HashBuckets(workDir, 8);
    const out: string[] = [];
    const allocations = jest.spyOn(Buffer, 'allocUnsafe');
    try {
      for (const key of keys) await buckets.add(key, lineOf(key));
      const bucketBuffers = allocations.mock.calls.filter(([size]) => size === 128 << 10).length;
      // 64 buckets' first buffers, and a few more while writes are in flight; not one per fill (~190).
      expect(bucketBuffers).toBeGreaterThanOrEqual(64);
      expect(bucketBuffers).toBeLessThan(100);
      // Emitting waits now and then, as a sink's write does: the next bucket is read meanwhile,
      // into the other read buffer.
      await buckets.emitSortedChunks(1, async (json) => {
        out.push(json.slice(1, -1));
        if (out.length % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      });
    } finally {
      allocations.mockRestore();
      await buckets.close();
    }

    expect(out).toHaveLength(keys.length);
    expect(out).toEqual([...keys].sort().map(lineOf));
  });

  it('refuses a key of another length or not base64', async () => {
    const buckets = new HashBuckets(workDir, 8);
    try {
      expect(() => buckets.add('abc', 'x')).toThrow('hash key of 3 characters');
      expect(() => buckets.add('-abcdefg', 'x')).toThrow('not base64');
      expect(() => buckets.add('abcde-fg', 'x')).toThrow('not base64');
      expect(() => new HashBuckets(workDir, 5)).toThrow('more than 5 characters');
    } finally {
      await buckets.close();
    }
  });

  it('emits nothing when nothing was added', async () => {
    expect(await sorted([])).toEqual([]);
  });

  it('cuts the sorted lines into JSON chunks, from memory and through the external sort alike', async () => {
    const keys = Array.from(
      { length: 2500 },
      (_, i) => `${BASE64[(i * 7) % 64]!}${BASE64[i % 3]!}AAAA${BASE64[(i * 13) % 64]!}${BASE64[i % 5]!}`,
    );
    for (const inMemoryBytes of [undefined, 1000]) {
      // Bucket files are appended to: each run gets its own directory.
      const buckets = new HashBuckets(await mkdtemp(path.join(workDir, 'chunks-')), 8, inMemoryBytes);
      const chunks: { rows: unknown; rowCount: number }[] = [];
      try {
        for (const key of keys) await buckets.add(key, JSON.stringify([`row ${key}`, '\t"é"']));
        await buckets.emitSortedChunks(1000, (json, rowCount) => {
          chunks.push({ rows: JSON.parse(json), rowCount });
        });
      } finally {
        await buckets.close();
      }

      expect(chunks.map((c) => c.rowCount)).toEqual([1000, 1000, 500]);
      expect(chunks.flatMap((c) => c.rows as unknown[])).toEqual(
        expected(keys).map((line) => JSON.parse(line) as unknown),
      );
    }
  });
});

describe('rowFromLine', () => {
  it('reads back the cells of any row from its JSON', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.string({ unit: 'binary' }),
            fc.constantFrom('', '","', '"', '\\', '\n', '\u0001', '[', ']', '","x', 'a\\"b'),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        (cells) => {
          expect(rowFromLine(JSON.stringify(cells))).toEqual(cells);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([[['']], [['', '']], [['a']], [['a', 'b c', '', '2024-01-02']], [['é', '日本', '😀']]])(
    'splits %j without JSON.parse',
    (cells) => {
      expect(rowFromLine(JSON.stringify(cells))).toEqual(cells);
    },
  );
});
