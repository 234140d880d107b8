/** External sort: sorted runs on disk and a k-way merge must equal a stable in-memory sort. */
import fc from 'fast-check';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compareKeys, externalSort, type SortKey } from '../../lambdas/ingestion/external-sort';

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
