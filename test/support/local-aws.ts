/** Per-test-file access to the shared local servers, with unique resource names. */
import { randomBytes } from 'node:crypto';
import { createDocumentClient } from '../../lambdas/adapters/clients/dynamodb';
import { createS3Client } from '../../lambdas/adapters/clients/s3';
import { PLATFORM_TABLE } from '../../lambdas/adapters/table-design';
import { createBucket, createTable } from '../../local/provision';

export function localEndpoints() {
  const dynamoDbEndpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  const s3Endpoint = process.env.TEST_S3_ENDPOINT;
  if (!dynamoDbEndpoint || !s3Endpoint)
    throw new Error('The local AWS servers were not started by the jest global setup');
  return { dynamoDbEndpoint, s3Endpoint };
}

/** A unique, S3-safe name prefix per test file, so files never see each other's data. */
export function uniquePrefix(label: string): string {
  return `t-${label}-${randomBytes(4).toString('hex')}`;
}

export async function freshPlatformStorage(label: string) {
  const { dynamoDbEndpoint, s3Endpoint } = localEndpoints();
  const prefix = uniquePrefix(label);
  const db = createDocumentClient(dynamoDbEndpoint);
  const s3 = createS3Client(s3Endpoint);
  const tableName = `${prefix}-platform`;
  const datasetsBucket = `${prefix}-datasets`;
  await createTable(db, tableName, PLATFORM_TABLE);
  await createBucket(s3, datasetsBucket);
  return {
    db,
    s3,
    tableName,
    datasetsBucket,
    close() {
      db.destroy();
      s3.destroy();
    },
  };
}
