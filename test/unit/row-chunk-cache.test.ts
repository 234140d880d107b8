/**
 * The parsed row chunks a Lambda keeps between requests are bounded by rows, not by chunk count:
 * the row-hash order's chunks are five times the natural order's. Read through the real S3RowChunks
 * and S3Http from a server on 127.0.0.1 that plays S3 and counts the GETs.
 */
import { S3RowChunks } from '../../lambdas/adapters/row-chunk-store';
import { S3Http } from '../../lambdas/adapters/s3-http';
import { startLocalHttpServer, type LocalHttpServer } from '../support/local-http-server';

describe('S3RowChunks cache', () => {
  let local: LocalHttpServer;
  let endpoint: string;
  const gets = new Map<string, number>();

  beforeAll(async () => {
    local = await startLocalHttpServer((req, res) => {
      gets.set(req.url!, (gets.get(req.url!) ?? 0) + 1);
      // /<bucket>/…/rows/<order>/<index>.json; the bucket name says the rows per chunk.
      const rows = Number(/^\/rows-(\d+)\//.exec(req.url!)?.[1] ?? 0);
      const body = JSON.stringify(Array.from({ length: rows }, (_, i) => [String(i)]));
      // Chunks of the `slow` order answer late: they are still loading while others come and go.
      const delay = req.url!.includes('/rows/slow/') ? 150 : 0;
      setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body), delay);
    });
    endpoint = local.endpoint;
  });
  afterAll(() => local.close());

  const chunksOf = (rowsPerChunk: number) =>
    new S3RowChunks(
      new S3Http({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 's' } }),
      `rows-${rowsPerChunk}`,
    ).reader('trees', 1);
  const getsOf = (rowsPerChunk: number) =>
    [...gets].filter(([url]) => url.startsWith(`/rows-${rowsPerChunk}/`)).map(([, n]) => n);

  it('keeps 64 chunks of 1,000 rows: reading them again costs no GET', async () => {
    const reader = chunksOf(1000);
    for (let i = 0; i < 64; i++) expect(await reader.readChunk('natural', i)).toHaveLength(1000);
    for (let i = 0; i < 64; i++) await reader.readChunk('natural', i);
    expect(getsOf(1000)).toEqual(Array(64).fill(1));
  });

  it('does not drop a chunk still loading: a second reader shares its GET', async () => {
    const reader = chunksOf(4000);
    const first = reader.readChunk('slow', 0);
    // 17 chunks of 4,000 rows (68,000) arrive meanwhile, past the 64,000-row bound.
    for (let i = 0; i < 17; i++) await reader.readChunk('fast', i);
    const second = reader.readChunk('slow', 0);

    expect(await second).toBe(await first);
    expect([...gets].filter(([url]) => url.includes('/rows/slow/')).map(([, n]) => n)).toEqual([1]);
  });

  it('keeps fewer chunks of 5,000 rows: the oldest are read again', async () => {
    const reader = chunksOf(5000);
    for (let i = 0; i < 20; i++) expect(await reader.readChunk('by-row-hash', i)).toHaveLength(5000);
    // 64,000 rows: the last 12 chunks stay, the first 8 went.
    for (let i = 19; i >= 0; i--) await reader.readChunk('by-row-hash', i);
    const counts = getsOf(5000);
    expect(counts.filter((n) => n === 1)).toHaveLength(12);
    expect(counts.filter((n) => n === 2)).toHaveLength(8);
  });
});
