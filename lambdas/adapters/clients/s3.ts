import { S3Client } from '@aws-sdk/client-s3';

/**
 * One S3 client per container. S3_ENDPOINT is set only in local mode and tests
 * (s3rver), which needs path-style URLs and no streaming checksums (s3rver
 * would store the aws-chunked framing inside the object).
 */
export function createS3Client(endpoint = process.env.S3_ENDPOINT): S3Client {
  return new S3Client(
    endpoint
      ? {
          endpoint,
          forcePathStyle: true,
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }
      : {},
  );
}

export const s3Client = createS3Client();
