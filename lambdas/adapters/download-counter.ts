/** File downloads per dataset version: one atomic counter item per version. */
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DownloadCounter } from '../domain/datasets/catalog';
import { keys } from './table-design';

export function downloadCounter(db: DynamoDBDocumentClient, tableName: string): DownloadCounter {
  return {
    async countDownload(datasetId, version) {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.versionDownloads(datasetId, version),
          UpdateExpression: 'ADD downloads :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
    },
  };
}
