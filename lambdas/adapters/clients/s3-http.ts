import { S3Http } from '../s3-http';
import { localS3Endpoint, S3RVER_CREDENTIALS } from './local-endpoints';

/** In Lambda the execution role's credentials are in the environment. */
function environmentCredentials() {
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new Error('No AWS credentials in the environment');
  return {
    accessKeyId,
    secretAccessKey,
    ...(process.env.AWS_SESSION_TOKEN ? { sessionToken: process.env.AWS_SESSION_TOKEN } : {}),
  };
}

export function createS3Http(endpoint = localS3Endpoint()): S3Http {
  const region = process.env.AWS_REGION ?? 'us-east-1';
  return endpoint
    ? new S3Http({ region, endpoint, credentials: S3RVER_CREDENTIALS })
    : new S3Http({ region, credentials: environmentCredentials() });
}

let shared: S3Http | undefined;

export function sharedS3Http(): S3Http {
  shared ??= createS3Http();
  return shared;
}
