/**
 * Streaming CSV ingestion with an in-memory sink and the real personal-data
 * scanner: chunks, sorted copies, hash, problems, held schema, findings; and
 * property tests over generated RFC 4180 files.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fieldNamesFromHeaders, type SchemaColumn } from '../../lambdas/domain/datasets/schema';
import { createPersonalDataScanner } from '../../lambdas/domain/personal-data/scanner';
import {
  ingestCsv,
  type ChunkSink,
  type IngestOptions,
  type IngestResult,
} from '../../lambdas/ingestion/ingest-csv';
import { byteSource, csvBytes, MemoryChunkSink } from './support/csv-files';

let tempDir: string;
beforeAll(async () => {
  tempDir = await mkdtemp(path.join(os.tmpdir(), 'ingest-csv-test-'));
});
afterAll(async () => {
  await rm(tempDir, { recursive: true, force: true });
});

async function ingest(
  bytes: Buffer,
  options: Partial<IngestOptions> = {},
  cuts: number[] = [],
  sink = new MemoryChunkSink(),
): Promise<{ result: IngestResult; sink: MemoryChunkSink }> {
  const result = await ingestCsv(byteSource(bytes, cuts), sink, {
    sortable: [],
    chunkRows: 3,
    createScanner: createPersonalDataScanner,
    tempDir,
    ...options,
  });
  return { result, sink };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const kinds = (result: IngestResult) => result.problems.map((p) => p.kind);
const text = (s: string) => Buffer.from(s, 'utf8');

function heldColumn(field: string, type: SchemaColumn['type'], description = `Held ${field}`): SchemaColumn {
  return { field, title: field, type, description, sortable: false };
}

describe('ingestCsv on a good file', () => {
  const records = [
    ['Request ID', 'Amount', 'Reported', 'Street'],
    ['1', '9', '2024-03-01', 'Main St'],
    ['2', '10', '1/15/2024', 'Elm St'],
    ['3', '', '2024-02-10', 'Lake Ave'],
    ['4', '2.5', '', 'main st'],
    ['5', '10', '2024-01-15', 'Main St'],
    ['6', '-1', '12/31/2023', ''],
    ['7', '9', '2024-02-10', 'Elm St'],
  ];
  const bytes = csvBytes(records);
  const dataRows = records.slice(1);

  it('writes the rows in natural chunks, in order', async () => {
    const { result, sink } = await ingest(bytes, { chunkRows: 3 });

    expect(result.problems).toEqual([]);
    expect(result.rowCount).toBe(7);
    expect(result.chunkCount).toBe(3);
    expect(sink.chunks('natural').map((c) => c.length)).toEqual([3, 3, 1]);
    expect(sink.rows('natural')).toEqual(dataRows);
  });

  it('hashes and counts the bytes as they are', async () => {
    const { result } = await ingest(bytes);

    expect(result.contentSha256).toBe(sha256(bytes));
    expect(result.sizeBytes).toBe(bytes.length);
  });

  it('names and types the columns', async () => {
    const { result } = await ingest(bytes);

    expect(result.columns).toEqual([
      { field: 'request_id', title: 'Request ID', type: 'integer', description: '', sortable: false },
      { field: 'amount', title: 'Amount', type: 'number', description: '', sortable: false },
      { field: 'reported', title: 'Reported', type: 'date', description: '', sortable: false },
      { field: 'street', title: 'Street', type: 'text', description: '', sortable: false },
    ]);
  });

  it('sorts numbers as numbers, nulls last, ties in file order', async () => {
    const { result, sink } = await ingest(bytes, { sortable: ['amount'] });

    expect(result.orders).toEqual([{ field: 'amount', chunkCount: 3 }]);
    expect(sink.rows('by-amount').map((r) => r[0])).toEqual(['6', '4', '1', '7', '2', '5', '3']);
    expect(sink.chunks('by-amount').map((c) => c.length)).toEqual([3, 3, 1]);
  });

  it('sorts ISO and US dates together as dates', async () => {
    const { sink } = await ingest(bytes, { sortable: ['reported'] });

    expect(sink.rows('by-reported').map((r) => r[2])).toEqual([
      '12/31/2023',
      '1/15/2024',
      '2024-01-15',
      '2024-02-10',
      '2024-02-10',
      '2024-03-01',
      '',
    ]);
    expect(sink.rows('by-reported').map((r) => r[0])).toEqual(['6', '2', '5', '3', '7', '1', '4']);
  });

  it('sorts text by code unit with empty cells last', async () => {
    const { sink } = await ingest(bytes, { sortable: ['street'] });

    expect(sink.rows('by-street').map((r) => r[0])).toEqual(['2', '7', '3', '1', '5', '4', '6']);
  });

  it('marks sortable columns and keeps a sorted copy per column', async () => {
    const { result, sink } = await ingest(bytes, { sortable: ['street', 'amount'] });

    expect(result.columns.filter((c) => c.sortable).map((c) => c.field)).toEqual(['amount', 'street']);
    expect(result.orders.map((o) => o.field)).toEqual(['street', 'amount']);
    expect(sink.orders()).toEqual(expect.arrayContaining(['by-amount', 'by-street', 'natural']));
    expect(sink.rows('by-street')).toHaveLength(7);
  });

  it('removes its work files', async () => {
    await ingest(bytes, { sortable: ['amount'] });

    expect(await readdir(tempDir)).toEqual([]);
  });

  it('reads the same rows whatever the byte pieces it arrives in', async () => {
    const accented = csvBytes([
      ['name', 'note'],
      ['José', 'café ☕ 😀'],
      ['Zoë', '"quoted", line\r\nbreak'],
    ]);
    const cuts = Array.from({ length: accented.length }, (_, i) => i);

    const { result, sink } = await ingest(accented, {}, cuts);

    expect(result.problems).toEqual([]);
    expect(sink.rows('natural')).toEqual([
      ['José', 'café ☕ 😀'],
      ['Zoë', '"quoted", line\r\nbreak'],
    ]);
  });

  it('strips a byte order mark from the first header', async () => {
    const { result } = await ingest(
      csvBytes(
        [
          ['id', 'name'],
          ['1', 'a'],
        ],
        { bom: true },
      ),
    );

    expect(result.columns.map((c) => [c.field, c.title])).toEqual([
      ['id', 'id'],
      ['name', 'name'],
    ]);
  });

  it('gives duplicate headers distinct fields and keeps trimmed titles', async () => {
    const { result } = await ingest(
      csvBytes([
        ['Ward', ' ward ', ''],
        ['1', '2', '3'],
      ]),
    );

    expect(result.columns.map((c) => [c.field, c.title])).toEqual([
      ['ward', 'Ward'],
      ['ward_2', 'ward'],
      ['column_3', 'column_3'],
    ]);
  });

  it('reads Unix line endings and a missing final line break', async () => {
    const { result, sink } = await ingest(
      csvBytes(
        [
          ['a', 'b'],
          ['1', 'x\ny'],
          ['2', ''],
        ],
        { eol: '\n', trailingEol: false },
      ),
    );

    expect(result.problems).toEqual([]);
    expect(sink.rows('natural')).toEqual([
      ['1', 'x\ny'],
      ['2', ''],
    ]);
  });
});

describe('ingestCsv with a sink that takes serialized chunks', () => {
  it('writes exactly the chunks of every order that the row path writes', async () => {
    const csv = text(
      'id,name,amount\r\n3,"Smith, Jo",1.5\r\n1,"Quote ""x""",2\r\n2,Ünïcode ☃,\r\n5,e,4\r\n4,d,3\r\n',
    );
    for (const options of [
      {},
      { sortable: ['amount', 'name'] },
      { primaryKey: 'id' },
    ] as Partial<IngestOptions>[]) {
      const rowsPath = await ingest(csv, options);
      const jsonPath = await ingest(csv, options, [], new MemoryChunkSink().acceptJson());
      expect(jsonPath.sink.jsonWrites).toBe(jsonPath.sink.writes.length);
      expect(jsonPath.sink.jsonWrites).toBeGreaterThan(0);
      expect(jsonPath.sink.orders()).toEqual(rowsPath.sink.orders());
      for (const order of rowsPath.sink.orders()) {
        expect(jsonPath.sink.chunks(order)).toEqual(rowsPath.sink.chunks(order));
      }
      expect(jsonPath.result.changeIndex).toEqual(rowsPath.result.changeIndex);
    }
  });
});

describe('ingestCsv by-row-hash order', () => {
  // The key lambdas/domain/rows/changes.ts computes on read when there is no primary key.
  const changesKey = (row: readonly string[]) =>
    createHash('sha1').update(JSON.stringify(row)).digest('base64');

  it('sorts the rows by the key change lists compute, duplicates kept, chunked like natural', async () => {
    const records = [
      ['Name', 'Note'],
      ...Array.from({ length: 40 }, (_, i) => [
        `n${i % 17}`,
        i % 5 === 0 ? 'a "quoted", note\nhere' : `é ${i % 3}`,
      ]),
    ];
    const dataRows = records.slice(1);

    const { result, sink } = await ingest(csvBytes(records), { chunkRows: 7 }, [5, 33, 34, 35, 100]);

    expect(result.problems).toEqual([]);
    expect(result.changeIndex).toEqual({ order: 'by-row-hash', chunkCount: 6 });
    expect(sink.chunks('by-row-hash').map((c) => c.length)).toEqual([7, 7, 7, 7, 7, 5]);
    const expected = [...dataRows].sort((a, b) => {
      const [x, y] = [changesKey(a), changesKey(b)];
      return x < y ? -1 : x > y ? 1 : 0;
    });
    expect(sink.rows('by-row-hash')).toEqual(expected);
    const keys = sink.rows('by-row-hash').map(changesKey);
    expect(keys).toEqual([...keys].sort());
  });

  it('writes no row-hash order with a primary key, and both typed and row-hash orders without one', async () => {
    const records = [
      ['id', 'amount'],
      ['2', '10'],
      ['1', '9.5'],
      ['3', ''],
    ];

    const keyed = await ingest(csvBytes(records), { primaryKey: 'id' });
    const unkeyed = await ingest(csvBytes(records), { sortable: ['amount'] });

    expect(keyed.sink.orders().sort()).toEqual(['by-id', 'natural']);
    expect(unkeyed.sink.orders().sort()).toEqual(['by-amount', 'by-row-hash', 'natural']);
    expect(unkeyed.sink.rows('by-amount')).toEqual([
      ['1', '9.5'],
      ['2', '10'],
      ['3', ''],
    ]);
    expect(unkeyed.sink.rows('by-row-hash')).toHaveLength(3);
  });
});

describe('ingestCsv chunk writes in flight', () => {
  // Chunks of 3 rows of ~210 characters: each chunk's JSON is ~650 characters.
  const records = [
    ['id', 'note'],
    ...Array.from({ length: 60 }, (_, i) => [String(i), `${i} ${'x'.repeat(200)}`]),
  ];

  /** A JSON sink whose writes take a few ms, noting the characters in flight at once. */
  function slowSink() {
    const seen = { inFlight: 0, most: 0, mostWrites: 0, writes: 0, chunkChars: 0 };
    let writing = 0;
    const sink: ChunkSink = {
      writeChunk: () => Promise.reject(new Error('a JSON sink gets JSON')),
      writeJsonChunk: async (_order, _index, json) => {
        seen.writes++;
        seen.chunkChars = Math.max(seen.chunkChars, json.length);
        seen.inFlight += json.length;
        writing++;
        seen.most = Math.max(seen.most, seen.inFlight);
        seen.mostWrites = Math.max(seen.mostWrites, writing);
        await new Promise((resolve) => setTimeout(resolve, 3));
        seen.inFlight -= json.length;
        writing--;
      },
    };
    return { sink, seen };
  }

  const ingestSlowly = (sink: ChunkSink, options: Pick<IngestOptions, 'parallelWrites' | 'charsInFlight'>) =>
    ingestCsv(byteSource(csvBytes(records)), sink, {
      sortable: [],
      chunkRows: 3,
      createScanner: createPersonalDataScanner,
      tempDir,
      ...options,
    });

  it('keeps at most charsInFlight characters of chunks in flight, several writes at once', async () => {
    const { sink, seen } = slowSink();
    const result = await ingestSlowly(sink, { parallelWrites: 16, charsInFlight: 2000 });

    expect(result.problems).toEqual([]);
    expect(seen.writes).toBe(40); // 20 natural + 20 row-hash chunks
    expect(seen.most).toBeLessThanOrEqual(2000);
    expect(seen.mostWrites).toBeGreaterThan(1);
    expect(seen.mostWrites).toBeLessThanOrEqual(Math.floor(2000 / (seen.chunkChars - 20)));
  });

  it('writes a chunk bigger than charsInFlight on its own', async () => {
    const { sink, seen } = slowSink();
    const result = await ingestSlowly(sink, { parallelWrites: 16, charsInFlight: 100 });

    expect(result.rowCount).toBe(60);
    expect(seen.mostWrites).toBe(1);
  });

  it('keeps up to parallelWrites writes in flight when the chunks are small', async () => {
    const { sink, seen } = slowSink();
    await ingestSlowly(sink, { parallelWrites: 5 });

    expect(seen.mostWrites).toBe(5);
  });
});

describe('ingestCsv on files of many parser batches', () => {
  const records = [
    ['id', 'note'],
    ...Array.from({ length: 10_000 }, (_, i) => [String(i + 1), `row ${i % 97}`]),
  ];

  it('reads every row once and in order', async () => {
    const { result, sink } = await ingest(csvBytes(records), { chunkRows: 1000 }, [1, 70_000, 70_001]);

    expect(result.problems).toEqual([]);
    expect(result.rowCount).toBe(10_000);
    expect(sink.rows('natural')).toEqual(records.slice(1));
    expect(sink.rows('by-row-hash')).toHaveLength(10_000);
  });

  it('reports a syntax error after thousands of good rows', async () => {
    const bytes = Buffer.concat([csvBytes(records), text('10001,"never closed\n')]);

    const { result, sink } = await ingest(bytes, { chunkRows: 1000 });

    expect(kinds(result)).toEqual(['csv-syntax']);
    expect(sink.orders()).not.toContain('by-row-hash');
  });
});

describe('ingestCsv problems', () => {
  it.each([
    ['a byte that is never UTF-8', [text('name\nJos'), Buffer.from([0xff]), text('\n')], 9],
    ['a Latin-1 accent', [text('id,name\n1,Jos'), Buffer.from([0xe9]), text('\n')], 14],
    ['an encoded surrogate (CESU-8)', [text('name\nJos'), Buffer.from([0xed, 0xa0, 0xbd]), text('\n')], 9],
    ['an overlong encoding', [text('name\nx'), Buffer.from([0xe0, 0x80, 0xaf]), text('\n')], 7],
    ['a character cut off at the end of the file', [text('name\nJos'), Buffer.from([0xc3])], 9],
  ])('refuses %s, naming the first bad byte', async (_what, parts, badByte) => {
    const { result, sink } = await ingest(Buffer.concat(parts));

    expect(kinds(result)).toEqual(['not-utf8']);
    expect(result.problems[0]!.message).toContain(`first bad byte at byte ${badByte})`);
    expect(sink.writes).toEqual([]);
  });

  it('names the first bad byte when a character is cut between two pieces', async () => {
    const bytes = Buffer.concat([text('name\nJos'), Buffer.from([0xc3]), text('x\n')]);

    const { result } = await ingest(bytes, {}, [9]);

    expect(result.problems[0]!.message).toContain('first bad byte at byte 9)');
  });

  it('counts ragged rows and names the first five', async () => {
    const records = [
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ];
    for (let i = 2; i <= 12; i++)
      records.push(i % 3 === 1 ? ['x', 'y', 'z'] : i % 2 ? ['only'] : ['1', '2', '3', '4']);

    const { result } = await ingest(csvBytes(records));

    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'ragged-row', count: 8, sampleRows: [2, 3, 5, 6, 8] }),
    ]);
    expect(result.rowCount).toBe(12);
  });

  it('writes no further chunks once a problem is found', async () => {
    const records = [
      ['a', 'b'],
      ['1', 'x'],
      ['2', 'x'],
      ['3', 'x'],
      ['4', 'x'],
      ['5'],
      ['6', 'x'],
      ['7', 'x'],
    ];

    const { result, sink } = await ingest(csvBytes(records), { chunkRows: 2, sortable: ['a'] });

    expect(kinds(result)).toEqual(['ragged-row']);
    expect(sink.orders()).toEqual(['natural']);
    expect(sink.rows('natural')).toEqual(records.slice(1, 5));
    expect(result.orders).toEqual([]);
  });

  it('reports an unterminated quote as a CSV syntax problem', async () => {
    const { result } = await ingest(text('a,b\n1,"open\n2,3\n'));

    expect(kinds(result)).toEqual(['csv-syntax']);
  });

  it.each([
    ['an empty file', text('')],
    ['a byte order mark alone', text('\uFEFF')],
    ['blank lines only', text('\r\n\r\n')],
    ['a header only', text('a,b\r\n')],
    ['a header without a line break', text('a,b')],
    ['a header and blank lines', text('a,b\n\n\n')],
  ])('refuses %s as empty', async (_what, bytes) => {
    const { result, sink } = await ingest(bytes);

    expect(kinds(result)).toEqual(['empty-file']);
    expect(result.rowCount).toBe(0);
    expect(sink.writes).toEqual([]);
  });

  it('refuses a sortable column the file does not have, and writes nothing', async () => {
    const { result, sink } = await ingest(
      csvBytes([
        ['id', 'ward'],
        ['1', '2'],
      ]),
      { sortable: ['ward', 'street'] },
    );

    expect(result.problems).toEqual([
      expect.objectContaining({
        kind: 'unknown-sortable-column',
        message: expect.stringContaining('"street"'),
      }),
    ]);
    expect(sink.writes).toEqual([]);
  });

  it('refuses a file with too many columns, and writes nothing', async () => {
    const { result, sink } = await ingest(
      csvBytes([
        ['a', 'b', 'c', 'd'],
        ['1', '2', '3', '4'],
      ]),
      {
        maxColumns: 3,
      },
    );

    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'too-many-columns', message: expect.stringContaining('4 columns') }),
    ]);
    expect(sink.writes).toEqual([]);
  });

  it('lets a storage failure through rather than blaming the file', async () => {
    const records = [['a'], ...Array.from({ length: 10 }, (_, i) => [String(i)])];
    const sink = new MemoryChunkSink({ order: 'natural', index: 1 });

    await expect(ingest(csvBytes(records), { chunkRows: 2, parallelWrites: 1 }, [], sink)).rejects.toThrow(
      'storage refused natural/1',
    );
  });

  it('removes its work files when storage fails', async () => {
    const records = [['a'], ...Array.from({ length: 10 }, (_, i) => [String(i)])];
    const sink = new MemoryChunkSink({ order: 'natural', index: 1 });

    await ingest(csvBytes(records), { chunkRows: 2, parallelWrites: 1, sortable: ['a'] }, [], sink).catch(
      () => undefined,
    );

    expect(await readdir(tempDir)).toEqual([]);
  });
});

describe('ingestCsv against the held schema', () => {
  const held = [
    heldColumn('id', 'integer'),
    heldColumn('amount', 'number'),
    heldColumn('ward', 'integer'),
    heldColumn('notes', 'text'),
  ];

  it('reports removed, retyped and added columns', async () => {
    const bytes = csvBytes([
      ['id', 'amount', 'notes', 'district'],
      ['A-1', '2', 'x', 'North'],
    ]);

    const { result } = await ingest(bytes, { heldColumns: held });

    expect(result.schemaChanges).toEqual([
      { kind: 'type-changed', field: 'id', from: 'integer', to: 'text', breaking: true },
      { kind: 'column-removed', field: 'ward', from: 'integer', breaking: true },
      { kind: 'column-added', field: 'district', to: 'text', breaking: false },
    ]);
  });

  it('keeps a held type the new values fit, and the held descriptions', async () => {
    const bytes = csvBytes([
      ['id', 'amount', 'ward', 'notes'],
      ['1', '2', '3', '4'],
    ]);

    const { result } = await ingest(bytes, { heldColumns: held });

    expect(result.schemaChanges).toEqual([]);
    expect(result.columns.map((c) => [c.field, c.type, c.description])).toEqual([
      ['id', 'integer', 'Held id'],
      ['amount', 'number', 'Held amount'],
      ['ward', 'integer', 'Held ward'],
      ['notes', 'text', 'Held notes'],
    ]);
  });

  it('sorts a column by its held type', async () => {
    const bytes = csvBytes([['notes'], ['9'], ['10'], ['1']]);

    const { sink } = await ingest(bytes, { heldColumns: [heldColumn('notes', 'text')], sortable: ['notes'] });

    expect(sink.rows('by-notes')).toEqual([['1'], ['10'], ['9']]);
  });

  it('holds a column that is empty in this file to its type without a breaking change', async () => {
    const heldWithDate = [heldColumn('id', 'integer'), heldColumn('closed_on', 'date')];
    const bytes = csvBytes([
      ['id', 'closed_on'],
      ['1', ''],
      ['2', ''],
    ]);

    const { result } = await ingest(bytes, { heldColumns: heldWithDate });

    expect(result.schemaChanges).toEqual([]);
    expect(result.columns.map((c) => c.type)).toEqual(['integer', 'date']);
  });
});

describe('ingestCsv personal-data findings', () => {
  it('flags an SSN column through the scanner', async () => {
    const bytes = csvBytes([
      ['permit', 'applicant_ssn'],
      ['P-1', '123-45-6789'],
      ['P-2', ''],
      ['P-3', '078-05-1120'],
    ]);

    const { result } = await ingest(bytes);

    expect(result.findings).toEqual([
      { column: 'applicant_ssn', pattern: 'us-ssn', count: 2, sampleRows: [1, 3] },
    ]);
  });

  it('finds nothing in a file without personal data', async () => {
    const { result } = await ingest(
      csvBytes([
        ['ward', 'potholes'],
        ['1', '12'],
        ['2', '7'],
      ]),
    );

    expect(result.findings).toEqual([]);
  });

  it('does not scan ragged rows', async () => {
    const { result } = await ingest(csvBytes([['ssn'], ['123-45-6789', 'extra']]));

    expect(result.findings).toEqual([]);
  });
});

// ------------------------------------------------------------------ generated files

const cellArb = fc.string({
  unit: fc.constantFrom('a', 'Z', '7', ' ', ',', '"', '""', '\r', '\n', '\r\n', 'é', '€', '😀', '-', '.'),
  maxLength: 6,
});

interface GeneratedFile {
  headers: string[];
  rows: string[][];
  eol: '\n' | '\r\n';
  bom: boolean;
  trailingEol: boolean;
  chunkRows: number;
  cuts: number[];
}

const fileArb: fc.Arbitrary<GeneratedFile> = fc.integer({ min: 1, max: 5 }).chain((width) =>
  fc
    .record({
      headers: fc.array(cellArb, { minLength: width, maxLength: width }),
      rows: fc.array(fc.array(cellArb, { minLength: width, maxLength: width }), { maxLength: 25 }),
      emptyColumns: fc.uniqueArray(fc.nat({ max: width - 1 }), { maxLength: width }),
      eol: fc.constantFrom('\n' as const, '\r\n' as const),
      bom: fc.boolean(),
      trailingEol: fc.boolean(),
      chunkRows: fc.integer({ min: 1, max: 6 }),
      cuts: fc.array(fc.nat({ max: 600 }), { maxLength: 6 }),
    })
    .map(({ emptyColumns, rows, ...rest }) => ({
      ...rest,
      rows: rows.map((row) => row.map((cell, i) => (emptyColumns.includes(i) ? '' : cell))),
    })),
);

const bytesOf = (file: GeneratedFile, rows: string[][] = file.rows) =>
  csvBytes([file.headers, ...rows], { eol: file.eol, bom: file.bom, trailingEol: file.trailingEol });

/** Offsets where a character starts (or the end), so an inserted byte does not land inside one. */
function characterStarts(bytes: Buffer): number[] {
  const starts: number[] = [];
  for (let i = 0; i <= bytes.length; i++)
    if (i === bytes.length || (bytes[i]! & 0xc0) !== 0x80) starts.push(i);
  return starts;
}

const BAD_SEQUENCES = [
  [0xff],
  [0xfe],
  [0x80],
  [0xc3],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0x80],
  [0xed, 0xa0, 0x80],
  [0xf5, 0x80, 0x80, 0x80],
];

describe('ingestCsv on generated files', () => {
  it('reports a valid file exactly: every row, in order, in full chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, async (file) => {
        const bytes = bytesOf(file);

        const { result, sink } = await ingest(bytes, { chunkRows: file.chunkRows }, file.cuts);

        expect(result.contentSha256).toBe(sha256(bytes));
        expect(result.sizeBytes).toBe(bytes.length);
        expect(result.columns.map((c) => c.field)).toEqual(fieldNamesFromHeaders(file.headers));
        if (file.rows.length === 0) {
          expect(kinds(result)).toEqual(['empty-file']);
          return;
        }
        expect(result.problems).toEqual([]);
        expect(result.rowCount).toBe(file.rows.length);
        expect(sink.rows('natural')).toEqual(file.rows);
        const sizes = sink.chunks('natural').map((c) => c.length);
        expect(sizes.slice(0, -1).every((n) => n === file.chunkRows)).toBe(true);
        expect(result.chunkCount).toBe(Math.ceil(file.rows.length / file.chunkRows));
      }),
      { numRuns: 120 },
    );
  });

  it('counts injected ragged rows and writes only whole chunks before the first', async () => {
    const raggedArb = fileArb
      .filter((f) => f.rows.length > 0)
      .chain((file) =>
        fc.record({
          file: fc.constant(file),
          ragged: fc.uniqueArray(fc.nat({ max: file.rows.length - 1 }), { minLength: 1 }),
          lengths: fc.infiniteStream(fc.integer({ min: 1, max: file.headers.length + 2 })),
        }),
      );
    await fc.assert(
      fc.asyncProperty(raggedArb, async ({ file, ragged, lengths }) => {
        const width = file.headers.length;
        const raggedRows = [...ragged].sort((a, b) => a - b);
        const rows = file.rows.map((row, i) => {
          if (!ragged.includes(i)) return row;
          const n = lengths.next().value as number;
          const length = n === width ? width + 1 : n;
          return Array.from({ length }, (_, k) => row[k] ?? 'extra');
        });

        const { result, sink } = await ingest(bytesOf(file, rows), { chunkRows: file.chunkRows }, file.cuts);

        expect(result.problems).toEqual([
          {
            kind: 'ragged-row',
            message: expect.any(String),
            count: ragged.length,
            sampleRows: raggedRows.slice(0, 5).map((i) => i + 1),
          },
        ]);
        expect(result.rowCount).toBe(rows.length);
        const whole = Math.floor(raggedRows[0]! / file.chunkRows) * file.chunkRows;
        expect(sink.rows('natural')).toEqual(rows.slice(0, whole));
      }),
      { numRuns: 80 },
    );
  });

  it('reports bad bytes and an unterminated quote, and never writes a row the file does not hold', async () => {
    const brokenArb = fc.record({
      file: fileArb,
      fault: fc.oneof(
        fc.record({
          kind: fc.constant('not-utf8' as const),
          bytes: fc.constantFrom(...BAD_SEQUENCES),
          at: fc.nat(),
        }),
        fc.record({
          kind: fc.constant('csv-syntax' as const),
          tail: fc.constantFrom('"', '"open', 'a,"b\r\nc'),
        }),
      ),
    });
    await fc.assert(
      fc.asyncProperty(brokenArb, async ({ file, fault }) => {
        let bytes = bytesOf({ ...file, trailingEol: true });
        if (fault.kind === 'not-utf8') {
          const starts = characterStarts(bytes);
          const at = starts[fault.at % starts.length]!;
          bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(fault.bytes), bytes.subarray(at)]);
        } else {
          bytes = Buffer.concat([bytes, text(fault.tail)]);
        }

        const { result, sink } = await ingest(bytes, { chunkRows: file.chunkRows }, file.cuts);

        expect(kinds(result)).toContain(fault.kind);
        const written = sink.chunks('natural');
        expect(written.every((c) => c.length === file.chunkRows)).toBe(true);
        expect(written.flat()).toEqual(file.rows.slice(0, written.flat().length));
      }),
      { numRuns: 120 },
    );
  });

  it('keeps a sorted copy in the typed order of the column, stable and nulls last', async () => {
    const dateArb = fc
      .tuple(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
        fc.boolean(),
      )
      .map(([d, us]) => {
        const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
        return us ? `${m}/${day}/${y}` : d.toISOString().slice(0, 10);
      });
    const columnArb = fc.oneof(
      fc.record({
        key: fc.constant((raw: string) => Number(raw)),
        cells: fc.array(fc.oneof(fc.integer({ min: -30, max: 30 }).map(String), fc.constant('')), {
          maxLength: 30,
        }),
      }),
      fc.record({
        key: fc.constant((raw: string) => Number(raw)),
        cells: fc.array(
          fc.oneof(
            fc.integer({ min: -300, max: 300 }).map((n) => String(n / 8)),
            fc.constant(''),
          ),
          {
            maxLength: 30,
          },
        ),
      }),
      fc.record({
        key: fc.constant((raw: string) => {
          const us = /^(\d+)\/(\d+)\/(\d{4})$/.exec(raw);
          return us ? `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}` : raw;
        }),
        cells: fc.array(fc.oneof(dateArb, fc.constant('')), { maxLength: 30 }),
      }),
      fc.record({
        key: fc.constant((raw: string) => raw),
        cells: fc.array(
          fc.oneof(
            fc.string({ unit: fc.constantFrom('a', 'B', 'é', 'Z', ' '), maxLength: 3 }).map((s) => `x${s}`),
            fc.constant(''),
          ),
          { maxLength: 30 },
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(columnArb, fc.integer({ min: 1, max: 7 }), async ({ key, cells }, chunkRows) => {
        const rows = cells.map((cell, i) => [cell, `row ${i}`]);
        const expected = rows
          .map((row, seq) => ({ row, seq, k: row[0] === '' ? null : key(row[0]!) }))
          .sort((a, b) => {
            if (a.k === null || b.k === null)
              return (a.k === null ? 1 : 0) - (b.k === null ? 1 : 0) || a.seq - b.seq;
            return a.k < b.k ? -1 : a.k > b.k ? 1 : a.seq - b.seq;
          })
          .map((e) => e.row);

        const { result, sink } = await ingest(csvBytes([['k', 'tag'], ...rows]), {
          chunkRows,
          sortable: ['k'],
        });

        if (rows.length === 0) {
          expect(kinds(result)).toEqual(['empty-file']);
          return;
        }
        expect(result.problems).toEqual([]);
        expect(sink.rows('by-k')).toEqual(expected);
        expect(result.orders).toEqual([{ field: 'k', chunkCount: Math.ceil(rows.length / chunkRows) }]);
      }),
      { numRuns: 80 },
    );
  });
});
