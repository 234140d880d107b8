import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DatasetFileStore } from '../domain/datasets/catalog';
import type { S3Presigner } from './s3-presigner';

/** Download links to dataset files in the private datasets bucket: the public never gets more. */
export class S3DatasetFileLinks implements DatasetFileStore {
  constructor(
    private readonly presigner: S3Presigner,
    private readonly bucket: string,
  ) {}

  downloadUrl(key: string, fileName: string, expiresInSeconds: number): Promise<string> {
    const safeName = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
    return this.presigner.presignGet({
      bucket: this.bucket,
      key,
      expiresInSeconds,
      responseContentDisposition: `attachment; filename="${safeName}"`,
    });
  }
}

/** Writes dataset files (seeding now; ingestion later). */
export class S3DatasetFileWriter {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async putFile(key: string, body: Buffer | string, contentType: string): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }),
    );
  }
}
