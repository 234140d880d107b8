/**
 * A version's row chunks in the datasets bucket: JSON arrays of raw cell
 * strings. Versions never change, so chunks read once stay cached in the
 * container for the next request.
 */
import { rowChunkKey } from '../domain/datasets/dataset';
import type { RowChunkReader } from '../domain/rows/row-pages';
import type { ChunkSink } from '../ingestion/ingest-csv';
import type { S3Http } from './s3-http';

type Chunk = readonly (readonly string[])[];

/** Rows kept parsed in the container (chunks differ in size: 1,000 rows, 5,000 in the row-hash order). */
const CACHE_ROWS = 64_000;
const cache = new Map<string, { chunk: Promise<Chunk>; rows: number }>();
let cachedRows = 0;

function forget(key: string): void {
  const entry = cache.get(key);
  if (!entry) return;
  cache.delete(key);
  cachedRows -= entry.rows;
}

/**
 * Drops the least recently used chunks until the rows fit, never `keep` (just loaded) and never
 * one still loading (it holds nothing yet, and a second reader of it shares its GET).
 */
function evictOldest(keep: { rows: number }): void {
  for (const [key, entry] of cache) {
    if (cachedRows <= CACHE_ROWS) return;
    if (entry !== keep && entry.rows > 0) forget(key);
  }
}

function remember(key: string, load: () => Promise<Chunk>): Promise<Chunk> {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // most recently used goes last
    cache.set(key, hit);
    return hit.chunk;
  }
  const entry = { chunk: load(), rows: 0 };
  cache.set(key, entry);
  entry.chunk.then(
    (rows) => {
      if (cache.get(key) !== entry) return;
      entry.rows = rows.length;
      cachedRows += rows.length;
      evictOldest(entry);
    },
    () => {
      if (cache.get(key) === entry) forget(key);
    },
  );
  return entry.chunk;
}

export class S3RowChunks {
  constructor(
    private readonly s3: S3Http,
    private readonly bucket: string,
  ) {}

  sink(datasetId: string, version: number): ChunkSink {
    return {
      writeChunk: (order, index, rows) =>
        this.s3.putObject(
          this.bucket,
          rowChunkKey(datasetId, version, order, index),
          JSON.stringify(rows),
          'application/json',
        ),
      writeJsonChunk: (order, index, json) =>
        this.s3.putObject(
          this.bucket,
          rowChunkKey(datasetId, version, order, index),
          json,
          'application/json',
        ),
    };
  }

  reader(datasetId: string, version: number): RowChunkReader {
    return {
      readChunk: (order, index) => {
        const key = rowChunkKey(datasetId, version, order, index);
        return remember(
          `${this.bucket}/${key}`,
          async () => JSON.parse(await this.s3.getObjectText(this.bucket, key)) as Chunk,
        );
      },
    };
  }
}
