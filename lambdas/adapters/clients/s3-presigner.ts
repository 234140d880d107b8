import { S3Presigner } from '../s3-presigner';
import { localS3Endpoint, S3RVER_CREDENTIALS } from './local-endpoints';

export function createS3Presigner(endpoint = localS3Endpoint()): S3Presigner {
  const region = process.env.AWS_REGION ?? 'us-east-1';
  return new S3Presigner(endpoint ? { region, endpoint, credentials: S3RVER_CREDENTIALS } : { region });
}

let shared: S3Presigner | undefined;

export function sharedS3Presigner(): S3Presigner {
  shared ??= createS3Presigner();
  return shared;
}
