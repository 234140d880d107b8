/**
 * Records-request adapters, built once per container: the table store and
 * the records bucket (presigned uploads and downloads, streamed reads).
 */
import { requiredEnv } from '../../shared/config';
import type { RequestFilesPort } from '../../domain/records/ports';
import { sharedDocumentClient } from '../clients/dynamodb';
import { sharedS3Http } from '../clients/s3-http';
import { sharedS3Presigner } from '../clients/s3-presigner';
import { RecordsStore } from './records-store';

let store: RecordsStore | undefined;
export function recordsStore(): RecordsStore {
  store ??= new RecordsStore(sharedDocumentClient(), requiredEnv('TABLE_NAME'));
  return store;
}

export function requestFiles(): RequestFilesPort {
  const bucket = requiredEnv('RECORDS_BUCKET');
  const presigner = sharedS3Presigner();
  const s3 = sharedS3Http();
  return {
    presignUpload: (key, _contentType, expiresInSeconds) =>
      presigner.presignPut({ bucket, key, expiresInSeconds }),
    startMultipartUpload: (key, contentType) => s3.createMultipartUpload(bucket, key, contentType),
    presignUploadPart: (key, uploadId, partNumber, expiresInSeconds) =>
      presigner.presignUploadPart({ bucket, key, uploadId, partNumber, expiresInSeconds }),
    completeMultipartUpload: (key, uploadId, parts) =>
      s3.completeMultipartUpload(bucket, key, uploadId, parts),
    presignDownload: (key, fileName, expiresInSeconds) =>
      presigner.presignGet({
        bucket,
        key,
        expiresInSeconds,
        responseContentDisposition: `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      }),
    openFile: (key) => s3.getObjectStream(bucket, key),
    putFile: (key, body, contentType) => s3.putObject(bucket, key, body, contentType),
    fileSize: async (key) => (await s3.headObject(bucket, key))?.sizeBytes,
  };
}
