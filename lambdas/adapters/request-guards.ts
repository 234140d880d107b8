/**
 * What every public intake route shares: idempotent responses (an
 * `Idempotency-Key` replays the first answer for 24 hours) and per-address
 * hourly counters (atomic ADD on an item that expires). API-key
 * applications, records requests and violation reports all use these.
 */
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyPort, StoredResponse } from '../domain/idempotency';
import { keys } from './table-design';

const epochSeconds = (ms: number) => Math.floor(ms / 1000);
const DAY_SECONDS = 86_400;

export class RequestGuards implements IdempotencyPort {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async storedResponse(scope: string, keyHash: string): Promise<StoredResponse | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.idempotency(scope, keyHash) }),
    );
    return Item ? { statusCode: Number(Item.statusCode), body: Item.body } : undefined;
  }

  /** Stores the first answer; when another request stored one first, returns that one instead. */
  async rememberResponse(
    scope: string,
    keyHash: string,
    response: StoredResponse,
    nowMs: number,
  ): Promise<StoredResponse | undefined> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.idempotency(scope, keyHash),
            ...response,
            expiresAt: epochSeconds(nowMs) + DAY_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return undefined;
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      return this.storedResponse(scope, keyHash);
    }
  }

  /** Counts one event on an hourly counter item (kept 2 hours) and returns the count so far. */
  async countInHour(key: { pk: string; sk: string }, attribute: string, nowMs: number): Promise<number> {
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: 'ADD #count :one SET expiresAt = if_not_exists(expiresAt, :ttl)',
        ExpressionAttributeNames: { '#count': attribute },
        ExpressionAttributeValues: { ':one': 1, ':ttl': epochSeconds(nowMs) + 7200 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.[attribute]);
  }
}
