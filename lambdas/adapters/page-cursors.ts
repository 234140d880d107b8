/**
 * Opaque cursors for paged Queries: the LastEvaluatedKey as base64url JSON,
 * checked on the way back in so a cursor from another list (or a hand-made
 * one) can never read another partition.
 */
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { PlatformError } from '../shared/errors';

const notOurs = () => new PlatformError(400, 'BAD_REQUEST', 'The cursor is not one this list gave out.');

export function encodePageCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/** The ExclusiveStartKey of a cursor, which must carry exactly the `partition` key values of this list. */
export function decodePageCursor(
  cursor: string | undefined,
  partition: Record<string, string>,
): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  let key: Record<string, unknown>;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw notOurs();
  }
  if (typeof key !== 'object' || key === null) throw notOurs();
  for (const [name, value] of Object.entries(partition)) {
    if (key[name] !== value) throw notOurs();
  }
  return key;
}

/** One page of a Query on one partition (`partition`: its key values, which the cursor must carry). */
export async function queryPage(
  db: DynamoDBDocumentClient,
  tableName: string,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
  partition: Record<string, string>,
  cursor: string | undefined,
): Promise<{ items: Record<string, unknown>[]; nextCursor?: string }> {
  const start = decodePageCursor(cursor, partition);
  const { Items, LastEvaluatedKey } = await db.send(
    new QueryCommand({ TableName: tableName, ...input, ...(start ? { ExclusiveStartKey: start } : {}) }),
  );
  const nextCursor = encodePageCursor(LastEvaluatedKey);
  return { items: Items ?? [], ...(nextCursor ? { nextCursor } : {}) };
}
