import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { DatasetFileStore } from '../domain/datasets/catalog';

/** Dataset files in the private datasets bucket; the public gets short-lived signed links only. */
export class S3DatasetFileStore implements DatasetFileStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  downloadUrl(key: string, fileName: string, expiresInSeconds: number): Promise<string> {
    const safeName = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: `attachment; filename="${safeName}"`,
      }),
      { expiresIn: expiresInSeconds },
    );
  }

  async putFile(key: string, body: Buffer | string, contentType: string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }
}
