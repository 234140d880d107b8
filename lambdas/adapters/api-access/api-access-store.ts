/**
 * API key applications, issued keys, one-time key retrieval, per-key usage
 * counters and idempotent responses in the platform table. See docs/data-model.md.
 */
import {
  DeleteCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../domain/audit';
import type { ApiKeyApplication } from '../../domain/api-access/applications';
import type { AbuseSignal } from '../../domain/api-access/abuse-detection';
import type { ApiKeyRecord } from '../../domain/api-access/api-keys';
import type { CounterValues, DailyUsage } from '../../domain/api-access/usage-counters';
import { queryPage } from '../page-cursors';
import { RequestGuards } from '../request-guards';
import { keys } from '../table-design';
import { auditEventPut, getRecord, withoutKeys } from '../table-items';

const epochSeconds = (ms: number) => Math.floor(ms / 1000);
const DAY_SECONDS = 86_400;
const OPERATION_PREFIX = 'op:';

export class ApiAccessStore {
  private readonly guards: RequestGuards;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.guards = new RequestGuards(db, tableName);
  }

  private applicationItem(application: ApiKeyApplication) {
    return {
      ...application,
      ...keys.apiKeyApplication(application.applicationId),
      ...keys.applicationStatusIndex(application.status, application.submittedAt, application.applicationId),
      ...keys.applicationOfficeIndex(
        application.decidingOffice,
        application.status,
        application.submittedAt,
        application.applicationId,
      ),
      entity: 'ApiKeyApplication',
    };
  }

  /** Stores a new application unless the address already has an open one (returns false then). */
  async createApplication(
    application: ApiKeyApplication,
    emailHash: string,
    audit: AuditEvent,
  ): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.openApplicationLock(emailHash), applicationId: application.applicationId },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: this.applicationItem(application),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            auditEventPut(this.tableName, audit),
          ],
        }),
      );
      return true;
    } catch (err) {
      if ((err as { name?: string }).name === 'TransactionCanceledException') return false;
      throw err;
    }
  }

  async getApplication(applicationId: string): Promise<ApiKeyApplication | undefined> {
    return getRecord<ApiKeyApplication>(this.db, this.tableName, keys.apiKeyApplication(applicationId));
  }

  async listApplications(status: string, limit: number): Promise<ApiKeyApplication[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `APPLICATIONS#${status}` },
        Limit: limit,
      }),
    );
    return Items.map((item) => withoutKeys<ApiKeyApplication>(item));
  }

  /**
   * Saves a decision: the application (if still in `expectedStatus`), the key
   * record and its one-time retrieval item on approval, and the audit event.
   * A closed application releases the applicant's open-application lock.
   */
  async saveDecision(
    application: ApiKeyApplication,
    expectedStatus: string,
    emailHash: string,
    audit: AuditEvent,
    issued?: { key: ApiKeyRecord; retrievalTokenHash: string; value: string; retrievalExpiresAt: number },
  ): Promise<void> {
    const closed = application.status === 'approved' || application.status === 'rejected';
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: this.applicationItem(application),
              ConditionExpression: '#status = :expected',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':expected': expectedStatus },
            },
          },
          ...(closed
            ? [{ Delete: { TableName: this.tableName, Key: keys.openApplicationLock(emailHash) } }]
            : []),
          ...(issued
            ? [
                { Put: { TableName: this.tableName, Item: this.keyItem(issued.key) } },
                {
                  Put: {
                    TableName: this.tableName,
                    Item: {
                      ...keys.keyRetrieval(issued.retrievalTokenHash),
                      keyId: issued.key.keyId,
                      value: issued.value,
                      expiresAt: issued.retrievalExpiresAt,
                    },
                  },
                },
              ]
            : []),
          auditEventPut(this.tableName, audit),
        ],
      }),
    );
  }

  private keyItem(key: ApiKeyRecord) {
    return {
      ...key,
      ...keys.apiKey(key.keyId),
      ...keys.apiKeyStatusIndex(key.status, key.createdAt, key.keyId),
      entity: 'ApiKey',
    };
  }

  /** Reads and deletes the waiting key value in one step: a link works exactly once. */
  async takeKeyValue(
    tokenHash: string,
    nowMs: number,
  ): Promise<{ keyId: string; value: string } | undefined> {
    try {
      const { Attributes } = await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.keyRetrieval(tokenHash),
          ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
          ExpressionAttributeValues: { ':now': epochSeconds(nowMs) },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return Attributes ? { keyId: String(Attributes.keyId), value: String(Attributes.value) } : undefined;
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return undefined;
      throw err;
    }
  }

  async getKey(keyId: string): Promise<ApiKeyRecord | undefined> {
    return getRecord<ApiKeyRecord>(this.db, this.tableName, keys.apiKey(keyId));
  }

  /** Keys whose value ends in `last4` (what a reporter can see), through the status index. */
  async keysByLast4(last4: string): Promise<ApiKeyRecord[]> {
    const found: ApiKeyRecord[] = [];
    for (const status of ['active', 'suspended', 'revoked']) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await this.db.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            FilterExpression: 'last4 = :last4',
            ExpressionAttributeValues: { ':pk': `APIKEYS#${status}`, ':last4': last4 },
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        found.push(...(page.Items ?? []).map((item) => withoutKeys<ApiKeyRecord>(item)));
        start = page.LastEvaluatedKey;
      } while (start);
    }
    return found;
  }

  /** One page of the keys in a status (active, suspended, revoked), newest first, through the status index. */
  async listKeys(
    status: string,
    limit: number,
    cursor?: string,
  ): Promise<{ keys: ApiKeyRecord[]; nextCursor?: string }> {
    const gsi1pk = keys.apiKeyStatusIndex(status, '', '').gsi1pk;
    const page = await queryPage(
      this.db,
      this.tableName,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1pk },
        ScanIndexForward: false,
        Limit: limit,
      },
      { gsi1pk },
      cursor,
    );
    return {
      keys: page.items.map((item) => withoutKeys<ApiKeyRecord>(item)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  async putKey(key: ApiKeyRecord): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: this.keyItem(key) }));
  }

  async saveKey(key: ApiKeyRecord, expectedStatus: string, audit: AuditEvent): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: this.keyItem(key),
              ConditionExpression: '#status = :expected',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':expected': expectedStatus },
            },
          },
          auditEventPut(this.tableName, audit),
        ],
      }),
    );
  }

  /** A rotation: the new key and the old one's grace period, in one transaction (the old must still be unrotated). */
  async saveRotation(old: ApiKeyRecord, next: ApiKeyRecord, audit: AuditEvent): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: this.keyItem(old),
              ConditionExpression: '#status = :active AND attribute_not_exists(rotatedTo)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':active': 'active' },
            },
          },
          {
            Put: {
              TableName: this.tableName,
              Item: this.keyItem(next),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          auditEventPut(this.tableName, audit),
        ],
      }),
    );
  }

  /** Counts one request of a key in its second and its day (atomic ADDs; the items expire by TTL). */
  async countRequest(keyId: string, nowMs: number, day: string, operationId: string): Promise<CounterValues> {
    const second = epochSeconds(nowMs);
    const [perSecond, perDay] = await Promise.all([
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.usageSecond(keyId, second),
          UpdateExpression: 'ADD requests :one SET expiresAt = if_not_exists(expiresAt, :ttl)',
          ExpressionAttributeValues: { ':one': 1, ':ttl': second + 120 },
          ReturnValues: 'UPDATED_NEW',
        }),
      ),
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.usageDay(keyId, day),
          // One top-level counter per operation: ADD creates it on first use.
          UpdateExpression:
            'ADD requests :one, #op :one SET expiresAt = if_not_exists(expiresAt, :ttl), #day = :day',
          ExpressionAttributeNames: { '#op': `${OPERATION_PREFIX}${operationId}`, '#day': 'day' },
          ExpressionAttributeValues: { ':one': 1, ':ttl': second + 40 * DAY_SECONDS, ':day': day },
          ReturnValues: 'UPDATED_NEW',
        }),
      ),
    ]);
    return { thisSecond: Number(perSecond.Attributes?.requests), today: Number(perDay.Attributes?.requests) };
  }

  /** Counts one 429 for the key today; returns today's count. */
  async countThrottled(keyId: string, day: string): Promise<number> {
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.usageDay(keyId, day),
        UpdateExpression: 'ADD throttled :one',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.throttled ?? 0);
  }

  /** One signal per key and day, for the detection job (kept 7 days). */
  async raiseAbuseSignal(signal: AbuseSignal): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...signal,
            ...keys.abuseSignal(signal.keyId, signal.day),
            ...keys.abuseSignalIndex(signal.day, signal.keyId),
            expiresAt: epochSeconds(Date.parse(signal.raisedAt)) + 7 * DAY_SECONDS,
            entity: 'AbuseSignal',
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
    }
  }

  async pendingAbuseSignals(): Promise<AbuseSignal[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'ABUSE-SIGNALS' },
        Limit: 500,
      }),
    );
    return Items.map((item) => withoutKeys<AbuseSignal>(item));
  }

  /** A handled signal leaves the pending index (the item stays until its TTL, as a record). */
  async settleAbuseSignal(signal: AbuseSignal, caseNumber: string | undefined): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.abuseSignal(signal.keyId, signal.day),
        UpdateExpression: 'REMOVE gsi1pk, gsi1sk SET caseNumber = :case',
        ExpressionAttributeValues: { ':case': caseNumber ?? 'already-open' },
      }),
    );
  }

  async usageDays(keyId: string, fromDay: string): Promise<DailyUsage[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `USAGE#${keyId}`, ':from': `DAY#${fromDay}`, ':to': 'DAY#~' },
      }),
    );
    return Items.map((item) => ({
      day: String(item.day ?? String(item.sk).slice(4)),
      requests: Number(item.requests ?? 0),
      byOperation: Object.fromEntries(
        Object.entries(item)
          .filter(([name]) => name.startsWith(OPERATION_PREFIX))
          .map(([name, count]) => [name.slice(OPERATION_PREFIX.length), Number(count)]),
      ),
      throttled: Number(item.throttled ?? 0),
    }));
  }

  /** Stores the first response to an Idempotency-Key; returns the stored one when the key was used before. */
  /** Counts one application from a (hashed) address in the current hour. */

  storedResponse(scope: string, keyHash: string) {
    return this.guards.storedResponse(scope, keyHash);
  }

  rememberResponse(
    scope: string,
    keyHash: string,
    response: { statusCode: number; body: unknown },
    nowMs: number,
  ) {
    return this.guards.rememberResponse(scope, keyHash, response, nowMs);
  }

  /** Counts one application from a (hashed) address in the current hour. */
  countApplicationFrom(ipHash: string, hour: string, nowMs: number): Promise<number> {
    return this.guards.countInHour(keys.applicationRate(ipHash, hour), 'applications', nowMs);
  }
}
