/**
 * Human numbers without gaps or collisions (records-request tracking numbers,
 * violation report numbers): read the year's counter, then write the counter
 * (conditional on the value read) and the new record's items in one
 * transaction. A lost race retries with the next number, so two concurrent
 * writers never share a number and a failed write never burns one.
 */
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PlatformError } from '../shared/errors';

/** Concurrent submissions retry the counter; 25 tries covers far more than a city's peak. */
const MAX_ALLOCATION_ATTEMPTS = 25;

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

export async function createWithNextNumber<T>(
  db: DynamoDBDocumentClient,
  tableName: string,
  counterKey: { pk: string; sk: string },
  format: (sequence: number) => string,
  build: (number: string) => { result: T; items: TransactItem[] },
): Promise<T> {
  for (let attempt = 0; attempt < MAX_ALLOCATION_ATTEMPTS; attempt++) {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: counterKey, ConsistentRead: true }),
    );
    const last = Item ? Number(Item.last) : 0;
    const { result, items } = build(format(last + 1));
    try {
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: counterKey,
                UpdateExpression: 'SET #last = :next',
                ConditionExpression: Item ? '#last = :last' : 'attribute_not_exists(pk)',
                ExpressionAttributeNames: { '#last': 'last' },
                ExpressionAttributeValues: { ':next': last + 1, ...(Item ? { ':last': last } : {}) },
              },
            },
            ...items,
          ],
        }),
      );
      return result;
    } catch (err) {
      if ((err as { name?: string }).name !== 'TransactionCanceledException') throw err;
      // Someone else took this number: a short random backoff, then the next one.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));
    }
  }
  throw new PlatformError(503, 'THROTTLED', 'Too many submissions are arriving at once; try again.', {
    retryAfterSeconds: 1,
  });
}
