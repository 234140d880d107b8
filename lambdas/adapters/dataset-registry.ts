/**
 * Datasets, their versions and the audit trail in the platform table. Every
 * state change is one transaction: the dataset or version items plus the
 * audit event, with conditions that refuse concurrent changes.
 */
import {
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/audit';
import { PlatformError } from '../shared/errors';
import type { DatasetRecord } from '../domain/datasets/dataset';
import type { DatasetVersion } from '../domain/datasets/versions';
import { datasetWriteItems, DynamoDatasetCatalogStore } from './dataset-catalog-store';
import { keys } from './table-design';
import { auditEventPut, getRecord, withoutKeys } from './table-items';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const WORK_QUEUE_STATES = new Set(['quarantined', 'failed', 'ready', 'ingesting']);

/** A conditional write lost a race: the client reloads and retries. */
export class ConcurrentChangeError extends PlatformError {
  constructor(what: string) {
    super(409, 'CONFLICT', `${what} changed while this request was running; reload and try again.`);
    this.name = 'ConcurrentChangeError';
  }
}

export class DynamoDatasetRegistry {
  readonly catalog: DynamoDatasetCatalogStore;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.catalog = new DynamoDatasetCatalogStore(db, tableName);
  }

  getDataset(datasetId: string): Promise<DatasetRecord | undefined> {
    return this.catalog.getDataset(datasetId);
  }

  async getVersion(datasetId: string, version: number): Promise<DatasetVersion | undefined> {
    return getRecord<DatasetVersion>(this.db, this.tableName, keys.datasetVersion(datasetId, version));
  }

  async listVersions(datasetId: string): Promise<DatasetVersion[]> {
    const versions: DatasetVersion[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.dataset(datasetId).pk, ':prefix': 'VERSION#' },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      versions.push(...(page.Items ?? []).map((item) => withoutKeys<DatasetVersion>(item)));
      start = page.LastEvaluatedKey;
    } while (start);
    return versions;
  }

  /** Hands out the next version number atomically. */
  async allocateVersion(datasetId: string): Promise<number> {
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.dataset(datasetId),
        UpdateExpression: 'ADD latestVersion :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const latest = Number(Attributes?.latestVersion);
    // The staff list reads the owner entry's copy: keep its latest version in step (never backwards).
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.datasetOwner(datasetId),
          UpdateExpression: 'SET latestVersion = :latest',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(latestVersion) OR latestVersion < :latest)',
          ExpressionAttributeValues: { ':latest': latest },
        }),
      )
      .catch((err: unknown) => {
        if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
      });
    return latest;
  }

  private versionItem(version: DatasetVersion, expectedState?: string): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...version,
          ...keys.datasetVersion(version.datasetId, version.version),
          entity: 'DatasetVersion',
          ...(WORK_QUEUE_STATES.has(version.state)
            ? keys.versionStateIndex(version.state, version.createdAt, version.datasetId, version.version)
            : {}),
        },
        ...(expectedState
          ? {
              ConditionExpression: '#state = :expected',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: { ':expected': expectedState },
            }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    };
  }

  private async transact(items: TransactItem[], what: string): Promise<void> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (err) {
      if ((err as { name?: string }).name === 'TransactionCanceledException')
        throw new ConcurrentChangeError(what);
      throw err;
    }
  }

  async createDataset(record: DatasetRecord, audit: AuditEvent): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            ...datasetWriteItems(this.tableName, record, undefined),
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

  async createVersion(version: DatasetVersion, audit: AuditEvent): Promise<void> {
    await this.transact(
      [this.versionItem(version), auditEventPut(this.tableName, audit)],
      `Version ${version.version}`,
    );
  }

  /** Replaces a version if it is still in `expectedState`. */
  async updateVersion(version: DatasetVersion, expectedState: string, audit: AuditEvent): Promise<void> {
    await this.transact(
      [this.versionItem(version, expectedState), auditEventPut(this.tableName, audit)],
      `Version ${version.version}`,
    );
  }

  /** Dataset and versions change together (publish, withdraw, roll back). */
  async saveDatasetAndVersions(
    dataset: DatasetRecord,
    previous: DatasetRecord,
    versions: { version: DatasetVersion; expectedState: string }[],
    audit: AuditEvent,
  ): Promise<void> {
    await this.transact(
      [
        ...datasetWriteItems(this.tableName, dataset, previous),
        ...versions.map((v) => this.versionItem(v.version, v.expectedState)),
        auditEventPut(this.tableName, audit),
      ],
      `Dataset ${dataset.datasetId}`,
    );
  }

  /** Versions in a work-queue state (quarantined, failed, ready, ingesting), oldest first: the state index. */
  async versionsInState(state: string, limit = 100): Promise<DatasetVersion[]> {
    if (!WORK_QUEUE_STATES.has(state)) throw new Error(`Versions in state "${state}" are not indexed.`);
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `VERSION-STATE#${state}` },
        Limit: limit,
      }),
    );
    return Items.map((item) => withoutKeys<DatasetVersion>(item));
  }

  async auditTrail(subjectType: string, subjectId: string, limit = 100): Promise<AuditEvent[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.auditTrail(subjectType, subjectId) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map((item) => withoutKeys<AuditEvent>(item));
  }
}
