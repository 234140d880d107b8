import { createS3Presigner } from '../../lambdas/adapters/clients/s3-presigner';
import { createS3Http } from '../../lambdas/adapters/clients/s3-http';
import { S3ObjectNotFound } from '../../lambdas/adapters/s3-http';
import { freshPlatformStorage, localEndpoints } from '../support/local-aws';

describe("S3 over signed HTTP (the SDK's SigV4 signer) against s3rver", () => {
  let storage: Awaited<ReturnType<typeof freshPlatformStorage>>;
  const s3 = () => createS3Http(localEndpoints().s3Endpoint);

  beforeAll(async () => {
    storage = await freshPlatformStorage('s3http');
  });
  afterAll(() => storage.close());

  it('puts, heads, reads as text and as a stream', async () => {
    const body = 'a,b\r\n1,"x, y"\r\n' + 'é'.repeat(1000);
    await s3().putObject(storage.datasetsBucket, 'dir/file one.csv', body, 'text/csv');
    expect(await s3().headObject(storage.datasetsBucket, 'dir/file one.csv')).toMatchObject({
      sizeBytes: Buffer.byteLength(body),
    });
    expect(await s3().getObjectText(storage.datasetsBucket, 'dir/file one.csv')).toBe(body);
    const chunks: Buffer[] = [];
    for await (const chunk of await s3().getObjectStream(storage.datasetsBucket, 'dir/file one.csv')) {
      chunks.push(chunk as Buffer);
    }
    expect(Buffer.concat(chunks).toString('utf8')).toBe(body);
  });

  it('says not found for a missing object', async () => {
    await expect(s3().getObjectStream(storage.datasetsBucket, 'nope.csv')).rejects.toBeInstanceOf(
      S3ObjectNotFound,
    );
    expect(await s3().headObject(storage.datasetsBucket, 'nope.csv')).toBeUndefined();
  });

  it('copies an object server-side', async () => {
    await s3().putObject(storage.datasetsBucket, 'src/a.csv', 'hello', 'text/csv');
    await s3().copyObject(storage.datasetsBucket, 'src/a.csv', 'dst/b.csv');
    expect(await s3().getObjectText(storage.datasetsBucket, 'dst/b.csv')).toBe('hello');
  });

  it('takes a multipart upload through presigned part URLs and completes it', async () => {
    const key = 'staging/big.csv';
    const uploadId = await s3().createMultipartUpload(storage.datasetsBucket, key, 'text/csv');
    const presigner = createS3Presigner(localEndpoints().s3Endpoint);
    const parts = [Buffer.alloc(5 * 1024 * 1024, 'a'), Buffer.from('tail-of-file')];
    const etags: { partNumber: number; etag: string }[] = [];
    for (const [i, part] of parts.entries()) {
      const url = await presigner.presignUploadPart({
        bucket: storage.datasetsBucket,
        key,
        uploadId,
        partNumber: i + 1,
        expiresInSeconds: 60,
      });
      const response = await fetch(url, { method: 'PUT', body: part });
      expect(response.status).toBe(200);
      etags.push({ partNumber: i + 1, etag: response.headers.get('etag')! });
    }
    await s3().completeMultipartUpload(storage.datasetsBucket, key, uploadId, etags);
    const head = await s3().headObject(storage.datasetsBucket, key);
    expect(head?.sizeBytes).toBe(parts[0]!.length + parts[1]!.length);
  });

  it('accepts a whole-file PUT through a presigned URL', async () => {
    const url = await createS3Presigner(localEndpoints().s3Endpoint).presignPut({
      bucket: storage.datasetsBucket,
      key: 'staging/small.csv',
      expiresInSeconds: 60,
    });
    expect((await fetch(url, { method: 'PUT', body: 'x,y\r\n1,2\r\n' })).status).toBe(200);
    expect(await s3().getObjectText(storage.datasetsBucket, 'staging/small.csv')).toBe('x,y\r\n1,2\r\n');
  });
});
