/**
 * A big upload as the ingestion Lambda reads it: opened from S3 (s3rver) with its
 * size, parsed on the parse thread because of that size, its chunks PUT back
 * through S3RowChunks and read again as the rows endpoint reads them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createS3Http } from '../../lambdas/adapters/clients/s3-http';
import { S3RowChunks } from '../../lambdas/adapters/row-chunk-store';
import { PARSE_THREAD_MIN_BYTES, parsesOnThread, ROW_CHUNKING } from '../../lambdas/domain/datasets/versions';
import { createPersonalDataScanner } from '../../lambdas/domain/personal-data/scanner';
import { ingestCsv, NATURAL_ORDER, ROW_HASH_ORDER } from '../../lambdas/ingestion/ingest-csv';
import { freshPlatformStorage, localEndpoints } from '../support/local-aws';

describe('ingesting an upload of PARSE_THREAD_MIN_BYTES or more from s3rver', () => {
  let storage: Awaited<ReturnType<typeof freshPlatformStorage>>;
  let tempDir: string;
  const s3 = createS3Http(localEndpoints().s3Endpoint);

  beforeAll(async () => {
    storage = await freshPlatformStorage('bigupload');
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'big-upload-'));
  });
  afterAll(async () => {
    storage.close();
    await rm(tempDir, { recursive: true, force: true });
  });

  it('parses it on the parse thread and stores every row in both orders', async () => {
    const row = (i: number) => `${i},2024-0${(i % 9) + 1}-15,"Pothole, ${i % 500} Main St",${i % 97}.5\r\n`;
    const lines = ['case_id,reported_on,location,cost\r\n'];
    let bytes = lines[0]!.length;
    for (let i = 1; bytes < PARSE_THREAD_MIN_BYTES + 1024; i++) {
      lines.push(row(i));
      bytes += row(i).length;
    }
    const rowCount = lines.length - 1;
    await s3.putObject(storage.datasetsBucket, 'staging/big/upload.csv', lines.join(''), 'text/csv');

    const upload = await s3.openObject(storage.datasetsBucket, 'staging/big/upload.csv');
    expect(upload.sizeBytes).toBe(bytes);
    const chunks = new S3RowChunks(s3, storage.datasetsBucket);
    const result = await ingestCsv(upload.body, chunks.sink('big', 1), {
      sortable: [],
      ...ROW_CHUNKING,
      createScanner: createPersonalDataScanner,
      tempDir,
      parseThread: parsesOnThread(upload.sizeBytes),
    });

    expect(result.problems).toEqual([]);
    expect(result.rowCount).toBe(rowCount);
    expect(result.columns.map((c) => `${c.field}:${c.type}`)).toEqual([
      'case_id:integer',
      'reported_on:date',
      'location:text',
      'cost:number',
    ]);
    expect(result.chunkCount).toBe(Math.ceil(rowCount / ROW_CHUNKING.chunkRows));
    const reader = chunks.reader('big', 1);
    const last = await reader.readChunk(NATURAL_ORDER, result.chunkCount - 1);
    expect(last.at(-1)).toEqual([
      String(rowCount),
      expect.any(String),
      expect.any(String),
      expect.any(String),
    ]);
    const middle = Math.floor(result.chunkCount / 2);
    expect((await reader.readChunk(NATURAL_ORDER, middle))[0]![0]).toBe(
      String(middle * ROW_CHUNKING.chunkRows + 1),
    );
    expect(result.changeIndex).toMatchObject({ order: ROW_HASH_ORDER });
    let hashed = 0;
    for (let i = 0; i < result.changeIndex!.chunkCount; i++) {
      hashed += (await reader.readChunk(ROW_HASH_ORDER, i)).length;
    }
    expect(hashed).toBe(rowCount);
  }, 120_000);
});
