import { S3GetPresigner } from '../s3-presigner';
import { localS3Endpoint, S3RVER_CREDENTIALS } from './local-endpoints';

export function createS3Presigner(endpoint = localS3Endpoint()): S3GetPresigner {
  const region = process.env.AWS_REGION ?? 'us-east-1';
  return new S3GetPresigner(endpoint ? { region, endpoint, credentials: S3RVER_CREDENTIALS } : { region });
}

let shared: S3GetPresigner | undefined;

export function sharedS3Presigner(): S3GetPresigner {
  shared ??= createS3Presigner();
  return shared;
}
