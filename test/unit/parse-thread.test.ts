/**
 * Ingestion with the pass on a parse thread (a real worker thread, this source
 * through tsx) gives what the single-thread ingestion gives: the same result,
 * the same chunks in every order; and it fails as cleanly, with no thread left.
 * The thread also runs from the ingestion Lambda's own bundle, as in AWS.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createPersonalDataScanner } from '../../lambdas/domain/personal-data/scanner';
import { ingestCsv, type IngestOptions, type IngestResult } from '../../lambdas/ingestion/ingest-csv';
import { bundleHandler } from '../support/lambda-bundle';
import { byteSource, csvBytes, MemoryChunkSink } from './support/csv-files';

let tempDir: string;
beforeAll(async () => {
  tempDir = await mkdtemp(path.join(os.tmpdir(), 'parse-thread-test-'));
});
afterAll(async () => {
  await rm(tempDir, { recursive: true, force: true });
});

async function ingest(
  source: () => Readable,
  options: Partial<IngestOptions>,
  parseThread: boolean,
  sink = new MemoryChunkSink(),
): Promise<{ result: IngestResult; sink: MemoryChunkSink }> {
  const result = await ingestCsv(source(), sink, {
    sortable: [],
    chunkRows: 3,
    createScanner: createPersonalDataScanner,
    tempDir,
    parseThread,
    ...options,
  });
  return { result, sink };
}

/** Threads of this process (Linux): a worker thread is one. */
const osThreads = () => Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);

/** Cut offsets every `step` bytes. */
const cutsEvery = (step: number, length: number) =>
  Array.from({ length: Math.floor(length / step) }, (_, i) => (i + 1) * step);

/** Every order's chunks, by order name. */
const stored = (sink: MemoryChunkSink) => Object.fromEntries(sink.orders().map((o) => [o, sink.chunks(o)]));

async function expectSameBothWays(source: () => Readable, options: Partial<IngestOptions> = {}) {
  const alone = await ingest(source, options, false);
  const threaded = await ingest(source, options, true);
  expect(threaded.result).toEqual(alone.result);
  expect(stored(threaded.sink)).toEqual(stored(alone.sink));
  return threaded;
}

const people = [
  ['Case', 'Resident e-mail', 'Amount', 'Opened'],
  ['3', 'ann@example.org', '9.5', '2024-03-01'],
  ['1', 'bob@example.org', '10', '1/15/2024'],
  ['2', '', '', '2024-02-10'],
  ['5', 'cy@example.org', '-1', ''],
  ['4', 'dee@example.org', '7', '2024-01-15'],
];

describe('ingestCsv with the parse thread', () => {
  it('gives the single-thread result and chunks for a file with findings, a primary key and a sortable column', async () => {
    const bytes = csvBytes(people, { bom: true });
    const { result, sink } = await expectSameBothWays(() => byteSource(bytes, [1, 2, 17, 40, 41]), {
      primaryKey: 'case',
      sortable: ['amount'],
    });

    expect(result.rowCount).toBe(5);
    expect(result.findings.map((f) => `${f.column}: ${f.pattern}`)).toEqual([
      'Resident e-mail: email-address',
    ]);
    expect(sink.orders()).toEqual(['by-amount', 'by-case', 'natural']);
    expect(sink.rows('by-case').map((r) => r[0])).toEqual(['1', '2', '3', '4', '5']);
  });

  it('gives the same row-hash order without a primary key', async () => {
    const bytes = csvBytes(people);
    const { sink } = await expectSameBothWays(() => byteSource(bytes), { rowHashChunkRows: 2 });

    expect(sink.chunks('by-row-hash').map((c) => c.length)).toEqual([2, 2, 1]);
  });

  it.each([
    ['a byte that is not UTF-8, in a piece of its own', Buffer.from('a,b\n1,\xff\n', 'latin1'), [6, 7]],
    ['a ragged row', Buffer.from('a,b\n1,2\n3\n4,5\n'), []],
    ['an unclosed quote', Buffer.from('a,b\n1,"2\n'), []],
    ['a header only', Buffer.from('a,b\n'), []],
    ['nothing', Buffer.alloc(0), []],
  ])('reports %s as the single thread does', async (_what, bytes, cuts) => {
    const { result } = await expectSameBothWays(() => byteSource(bytes, cuts));
    expect(result.problems.length).toBeGreaterThan(0);
  });

  it('stops as the single thread does at too many columns, leaving the rest of the upload unread', async () => {
    const records = [['a', 'b', 'c'], ...Array.from({ length: 20_000 }, (_, i) => [String(i), 'x', 'y'])];
    const bytes = csvBytes(records);
    const sources: Readable[] = [];
    const { result } = await expectSameBothWays(
      () => sources[sources.push(byteSource(bytes, cutsEvery(1000, bytes.length))) - 1]!,
      { maxColumns: 2 },
    );

    expect(result.problems.map((p) => p.kind)).toEqual(['too-many-columns']);
    expect([result.sizeBytes, result.contentSha256]).toEqual([0, '']); // not read to its end
    expect(sources.map((s) => [s.destroyed, s.readableEnded])).toEqual([
      [true, false],
      [true, false],
    ]);
  });

  it('reads characters cut between pieces as the single thread does', async () => {
    const bytes = Buffer.from('a,b\n1,é\n2,€\n');
    const { result } = await expectSameBothWays(() => byteSource(bytes, [7, 12, 13]));
    expect(result.problems).toEqual([]);
    expect(result.rowCount).toBe(2);
  });

  it('reads the upload no faster than chunks are stored: a stalled store stops the reading', async () => {
    const records = [['id', 'note'], ...Array.from({ length: 20_000 }, (_, i) => [String(i), `row ${i}`])];
    const bytes = csvBytes(records);
    const pieceBytes = 100;
    let piecesRead = 0;
    const source = new Readable({
      read() {
        const at = piecesRead++ * pieceBytes;
        this.push(at < bytes.length ? bytes.subarray(at, at + pieceBytes) : null);
      },
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let firstWrite!: () => void;
    const writing = new Promise<void>((resolve) => (firstWrite = resolve));
    const sink = new MemoryChunkSink();
    const store = sink.writeChunk.bind(sink);
    sink.writeChunk = async (order, index, rows) => {
      firstWrite();
      await released;
      return store(order, index, rows);
    };

    const ingesting = ingest(() => source, { chunkRows: 10, parallelWrites: 1 }, true, sink);
    await writing;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const readWhileStalled = piecesRead;
    release();
    const { result } = await ingesting;

    // A few chunks, the pieces sent ahead and the streams' buffers (16 KiB each): far from the file.
    const totalPieces = Math.ceil(bytes.length / pieceBytes);
    expect(readWhileStalled).toBeLessThan(1000);
    expect(totalPieces).toBeGreaterThan(2500);
    expect(result.rowCount).toBe(20_000);
    expect(sink.rows('natural')).toEqual(records.slice(1));
  });

  it('takes a source that gives text rather than bytes', async () => {
    const { result } = await expectSameBothWays(() => Readable.from(['id,name\n1,Ann\n', '2,Bé\n']));
    expect(result.rowCount).toBe(2);
  });

  it('agrees with the single thread on generated files', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '7', ',', '"', '\n', 'é', '😀', ' '), maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }).chain((width) =>
          fc.record({
            records: fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
              minLength: 1,
              maxLength: 12,
            }),
            cuts: fc.array(fc.nat({ max: 200 }), { maxLength: 5 }),
            chunkRows: fc.integer({ min: 1, max: 4 }),
          }),
        ),
        async ({ records, cuts, chunkRows }) => {
          const bytes = csvBytes(records);
          await expectSameBothWays(() => byteSource(bytes, cuts), { chunkRows });
        },
      ),
      // Each run starts two ingestions and a thread: a few runs are enough to vary the shapes.
      { numRuns: 12 },
    );
  });

  it('fails with the storage error when a chunk write fails, and stops the thread', async () => {
    const records = [['id'], ...Array.from({ length: 200 }, (_, i) => [String(i)])];
    await ingest(() => byteSource(csvBytes(records)), { chunkRows: 10 }, true); // thread pools warm
    const threadsBefore = osThreads();
    const failing = new MemoryChunkSink({ order: 'natural', index: 3 });

    await expect(
      ingest(() => byteSource(csvBytes(records), [100, 300]), { chunkRows: 10 }, true, failing),
    ).rejects.toThrow('storage refused natural/3');
    expect(osThreads()).toBe(threadsBefore);
    // The next ingestion starts a thread of its own and works.
    const { result } = await ingest(() => byteSource(csvBytes(records)), { chunkRows: 10 }, true);
    expect(result.rowCount).toBe(200);
  });

  it.each([false, true])(
    'fails with the source error when the upload cannot be read to its end (parse thread: %s)',
    async (parseThread) => {
      const broken = () =>
        new Readable({
          read() {
            this.push(Buffer.from('a,b\n1,2\n'));
            this.destroy(new Error('connection reset by S3'));
          },
        });

      await expect(ingest(broken, {}, parseThread)).rejects.toThrow('connection reset by S3');
    },
  );

  it('refuses another scanner: the thread runs the platform one', async () => {
    await expect(
      ingest(
        () => byteSource(csvBytes(people)),
        { createScanner: () => createPersonalDataScanner([]) },
        true,
      ),
    ).rejects.toThrow('platform scanner only');
  });
});

describe('the ingestion Lambda bundle as the parse thread', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('serves the pass when a thread runs it, as in Lambda (INGEST_PARSE_THREAD_FILE)', async () => {
    // The handler bundled exactly as the CDK bundles it, written where Lambda would find index.mjs.
    const bundle = await bundleHandler('events/ingest-dataset-version');
    const dir = await mkdtemp(path.join(tempDir, 'task-'));
    const file = path.join(dir, 'index.mjs');
    await writeFile(file, bundle.text);
    // What Lambda's environment gives the function (its clients read them at import).
    Object.assign(process.env, {
      INGEST_PARSE_THREAD_FILE: file,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'TESTPLACEHOLDERKEYID',
      AWS_SECRET_ACCESS_KEY: 'test-placeholder-secret',
      TABLE_NAME: 'test-table',
      DATASETS_BUCKET: 'test-datasets',
    });
    const bytes = csvBytes(people);

    const fromBundle = await ingest(() => byteSource(bytes, [9]), { primaryKey: 'case' }, true);
    delete process.env.INGEST_PARSE_THREAD_FILE;
    const alone = await ingest(() => byteSource(bytes, [9]), { primaryKey: 'case' }, false);

    expect(fromBundle.result).toEqual(alone.result);
    expect(stored(fromBundle.sink)).toEqual(stored(alone.sink));
  }, 60_000);

  it.each([
    ['fails as it loads', 'throw new Error("the bundle broke");', 'the bundle broke'],
    ['never serves the pass', 'export const handler = () => undefined;', 'stopped (exit code 0)'],
  ])('fails the ingestion, not hangs, when the bundle %s', async (_what, code, message) => {
    const dir = await mkdtemp(path.join(tempDir, 'task-'));
    const file = path.join(dir, 'index.mjs');
    await writeFile(file, code);
    process.env.INGEST_PARSE_THREAD_FILE = file;

    await expect(ingest(() => byteSource(csvBytes(people)), {}, true)).rejects.toThrow(message);
  });
});
