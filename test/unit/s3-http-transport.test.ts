/**
 * S3Http goes over node:http (not fetch), signed by the SDK's SigV4 signer: what a PUT sends,
 * and how it treats S3's answers, against a real HTTP server on 127.0.0.1 that plays S3.
 * (Against s3rver itself: test/integration/s3-http.test.ts.)
 */
import type { IncomingHttpHeaders } from 'node:http';
import { S3Http } from '../../lambdas/adapters/s3-http';
import { startLocalHttpServer, type LocalHttpServer } from '../support/local-http-server';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('S3Http over node:http', () => {
  let local: LocalHttpServer;
  let endpoint: string;
  const received: Received[] = [];
  /** What the server answers next, in order; then 200. `drop`: close the connection; `stall`: say nothing. */
  const replies: ({ status: number; body?: string } | 'drop' | 'stall')[] = [];

  beforeAll(async () => {
    local = await startLocalHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({
          method: req.method!,
          url: req.url!,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const reply = replies.shift() ?? { status: 200 };
        if (reply === 'drop') return req.socket.destroy();
        if (reply === 'stall') return;
        res.writeHead(reply.status, { 'Content-Type': 'application/xml' }).end(reply.body ?? '');
      });
    });
    endpoint = local.endpoint;
  });
  afterAll(() => local.close());
  beforeEach(() => {
    received.length = 0;
    replies.length = 0;
  });

  const s3 = () =>
    new S3Http({
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token-1' },
      idleTimeoutMs: 300,
    });

  it('sends the body with its length and type, signed (SigV4 with its content type, unsigned payload, session token)', async () => {
    const body = '[["1","é"]]';
    await s3().putObject('bucket', 'rows/natural/0 1.json', body, 'application/json');

    expect(received).toHaveLength(1);
    const [put] = received;
    expect(put).toMatchObject({ method: 'PUT', url: '/bucket/rows/natural/0%201.json', body });
    expect(put!.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(put!.headers['content-type']).toBe('application/json');
    expect(put!.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(put!.headers['x-amz-security-token']).toBe('token-1');
    expect(put!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/s3\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
  });

  it('sends bytes as they are', async () => {
    await s3().putObject('bucket', 'k', new Uint8Array([104, 105]), 'application/octet-stream');
    expect(received[0]).toMatchObject({ body: 'hi' });
    expect(received[0]!.headers['content-length']).toBe('2');
  });

  it('tries again after 503 and 429 (signed afresh each time), then succeeds', async () => {
    replies.push({ status: 503, body: '<Error><Code>SlowDown</Code></Error>' }, { status: 429 });
    await s3().putObject('bucket', 'k', 'x', 'text/plain');
    expect(received).toHaveLength(3);
  });

  it('gives up with S3’s error code after the retries, and at once on a 4xx', async () => {
    replies.push(
      ...Array.from({ length: 4 }, () => ({
        status: 500,
        body: '<Error><Code>InternalError</Code></Error>',
      })),
    );
    await expect(s3().putObject('bucket', 'k', 'x', 'text/plain')).rejects.toThrow(
      'S3 PutObject k failed: 500 InternalError',
    );
    expect(received).toHaveLength(4);

    received.length = 0;
    replies.push({ status: 403, body: '<Error><Code>AccessDenied</Code></Error>' });
    await expect(s3().putObject('bucket', 'k', 'x', 'text/plain')).rejects.toThrow('403 AccessDenied');
    expect(received).toHaveLength(1);
  });

  it('tries again when the connection drops (a kept-alive socket dead after a freeze) or stalls', async () => {
    replies.push('drop', 'stall');
    await s3().putObject('bucket', 'k', 'x', 'text/plain');
    expect(received).toHaveLength(3);
  });

  it('gives up after the retries when the connection keeps dropping', async () => {
    replies.push('drop', 'drop', 'drop', 'drop');
    await expect(s3().putObject('bucket', 'k', 'x', 'text/plain')).rejects.toMatchObject({
      code: 'ECONNRESET',
    });
    expect(received).toHaveLength(4);
  });

  it('streams a GET after trying again on 503, and tells a missing object (404) apart', async () => {
    replies.push({ status: 503 }, { status: 200, body: 'a,b\n1,2\n' });
    const chunks: Buffer[] = [];
    for await (const chunk of await s3().getObjectStream('bucket', 'data.csv')) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('utf8')).toBe('a,b\n1,2\n');
    expect(received.map((r) => r.method)).toEqual(['GET', 'GET']);

    replies.push({ status: 404 });
    await expect(s3().getObjectText('bucket', 'gone.csv')).rejects.toMatchObject({
      name: 'S3ObjectNotFound',
    });
    replies.push({ status: 404 });
    expect(await s3().headObject('bucket', 'gone.csv')).toBeUndefined();
  });
});
