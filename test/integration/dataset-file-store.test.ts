import { createS3Presigner } from '../../lambdas/adapters/clients/s3-presigner';
import { S3DatasetFileLinks, S3DatasetFileWriter } from '../../lambdas/adapters/dataset-file-store';
import { freshPlatformStorage, localEndpoints } from '../support/local-aws';

describe('dataset files against s3rver', () => {
  let storage: Awaited<ReturnType<typeof freshPlatformStorage>>;
  let writer: S3DatasetFileWriter;
  let links: S3DatasetFileLinks;

  beforeAll(async () => {
    storage = await freshPlatformStorage('files');
    writer = new S3DatasetFileWriter(storage.s3, storage.datasetsBucket);
    links = new S3DatasetFileLinks(createS3Presigner(localEndpoints().s3Endpoint), storage.datasetsBucket);
  });
  afterAll(() => storage.close());

  it('stores a file byte for byte and hands out a signed link a plain HTTP client can fetch', async () => {
    const csv = 'name,amount\r\n"Smith, J",12.50\r\nÉcole,3\r\n';
    await writer.putFile('datasets/x/versions/1/x.csv', csv, 'text/csv');
    const url = await links.downloadUrl('datasets/x/versions/1/x.csv', 'x file.csv', 60);
    expect(url).toMatch(/X-Amz-Signature=/);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(csv);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="x_file.csv"');
  });

  it('refuses a link once it has expired', async () => {
    await writer.putFile('datasets/y/versions/1/y.csv', 'a\r\n1\r\n', 'text/csv');
    const url = await links.downloadUrl('datasets/y/versions/1/y.csv', 'y.csv', 1);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await fetch(url)).status).toBe(403);
  });

  it('says 404 for a key that does not exist', async () => {
    const url = await links.downloadUrl('datasets/none/versions/1/none.csv', 'none.csv', 60);
    expect((await fetch(url)).status).toBe(404);
  });
});
