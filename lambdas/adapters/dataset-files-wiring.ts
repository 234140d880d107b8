/**
 * Dataset files, uploads and row chunks in S3, built once per container. Kept
 * apart from datasets-wiring.ts so handlers that only read the table do not
 * bundle the S3 code.
 */
import { requiredEnv } from '../shared/config';
import { versionPrefix } from '../domain/datasets/dataset';
import type { UploadPort, VersionFilesPort } from '../domain/datasets/publishing';
import { sharedS3Http } from './clients/s3-http';
import { sharedS3Presigner } from './clients/s3-presigner';
import { S3RowChunks } from './row-chunk-store';

export function rowChunks(): S3RowChunks {
  return new S3RowChunks(sharedS3Http(), requiredEnv('DATASETS_BUCKET'));
}

export function datasetUploads(): UploadPort {
  const bucket = requiredEnv('DATASETS_BUCKET');
  const presigner = sharedS3Presigner();
  const s3 = sharedS3Http();
  return {
    presignPut: (key, expiresInSeconds) => presigner.presignPut({ bucket, key, expiresInSeconds }),
    announceAgain: (key) => s3.rewriteObject(bucket, key),
    createMultipartUpload: (key) => s3.createMultipartUpload(bucket, key, 'text/csv'),
    presignUploadPart: (key, uploadId, partNumber, expiresInSeconds) =>
      presigner.presignUploadPart({ bucket, key, uploadId, partNumber, expiresInSeconds }),
    completeMultipartUpload: (key, uploadId, parts) =>
      s3.completeMultipartUpload(bucket, key, uploadId, parts),
  };
}

export function versionFiles(): VersionFilesPort {
  const bucket = requiredEnv('DATASETS_BUCKET');
  const s3 = sharedS3Http();
  const chunks = rowChunks();
  return {
    openUpload: (key) => s3.openObject(bucket, key),
    copy: (fromKey, toKey) => s3.copyObject(bucket, fromKey, toKey),
    putManifest: (datasetId, version, manifest) =>
      s3.putObject(
        bucket,
        `${versionPrefix(datasetId, version)}/manifest.json`,
        JSON.stringify(manifest, null, 2),
        'application/json',
      ),
    chunkSink: (datasetId, version) => chunks.sink(datasetId, version),
  };
}
