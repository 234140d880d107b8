/**
 * Creates the platform's table and buckets on the local servers from the same
 * definitions the CDK stateful stack uses (lambdas/adapters/table-design.ts).
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketCorsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { TableDesign } from '../lambdas/adapters/table-design';

export async function createTable(db: DynamoDBClient, tableName: string, design: TableDesign): Promise<void> {
  const attributes = new Map<string, 'S' | 'N'>();
  for (const key of [
    design.partitionKey,
    design.sortKey,
    ...design.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ]) {
    attributes.set(key.name, key.type);
  }
  try {
    await db.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
          AttributeName,
          AttributeType,
        })),
        KeySchema: [
          { AttributeName: design.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: design.sortKey.name, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: design.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
            { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
    await db.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: design.timeToLiveAttribute, Enabled: true },
      }),
    );
  } catch (err) {
    // A second `npm start` finds the persisted table: that is the point.
    if (!(err instanceof ResourceInUseException)) throw err;
  }
  await db.send(new DescribeTableCommand({ TableName: tableName }));
}

export async function createBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }
}

/** The records bucket's CORS rule of the CDK stack (lib/stateful-stack.ts), for the local gateway's origin. */
export async function allowBrowserUploads(s3: S3Client, bucket: string, origin: string): Promise<void> {
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: [origin],
            AllowedMethods: ['PUT'],
            AllowedHeaders: ['content-type'],
            ExposeHeaders: ['ETag'],
            MaxAgeSeconds: 3600,
          },
        ],
      },
    }),
  );
}
