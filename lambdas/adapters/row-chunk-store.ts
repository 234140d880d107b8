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

const CACHE_LIMIT = 64;
const cache = new Map<string, Promise<Chunk>>();

function remember(key: string, load: () => Promise<Chunk>): Promise<Chunk> {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // most recently used goes last
    cache.set(key, hit);
    return hit;
  }
  const promise = load();
  promise.catch(() => cache.delete(key));
  cache.set(key, promise);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return promise;
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
