import { S3Client } from '@aws-sdk/client-s3';
import { localS3Endpoint, S3RVER_CREDENTIALS } from './local-endpoints';

/**
 * s3rver needs path-style URLs and no streaming checksums (it would store the
 * aws-chunked framing inside the object).
 */
export function createS3Client(endpoint = localS3Endpoint()): S3Client {
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
