import { S3Client } from '@aws-sdk/client-s3';

// s3rver's built-in account.
const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * S3_ENDPOINT is set only in local mode and tests (s3rver), which needs
 * path-style URLs and no streaming checksums (s3rver would store the
 * aws-chunked framing inside the object).
 */
export function createS3Client(endpoint = process.env.S3_ENDPOINT): S3Client {
  return new S3Client(
    endpoint
      ? {
          endpoint,
          credentials: S3RVER_CREDENTIALS,
          forcePathStyle: true,
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }
      : {},
  );
}

let shared: S3Client | undefined;

/** The one S3 client of this container, made on first use (a handler's cold start). */
export function sharedS3Client(): S3Client {
  shared ??= createS3Client();
  return shared;
}
