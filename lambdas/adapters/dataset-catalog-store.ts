import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type TransactWriteCommandInput,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { CatalogFilter, CatalogPage, DatasetCatalogStore } from '../domain/datasets/catalog';
import { isPubliclyListed, type DatasetRecord } from '../domain/datasets/dataset';
import { keys } from './table-design';

/** Attributes that are keys, not part of the dataset record. */
const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'entity'] as const;

function toRecord(item: Record<string, unknown>): DatasetRecord {
  const record = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete record[attribute];
  return record as unknown as DatasetRecord;
}

/** Index query for one partition, after a sort key when paging (DynamoDB rejects an empty key value). */
function keyCondition(index: 'gsi1' | 'gsi2', partition: string, after: string | undefined) {
  return {
    IndexName: index,
    KeyConditionExpression: after ? `${index}pk = :pk AND ${index}sk > :after` : `${index}pk = :pk`,
    ExpressionAttributeValues: { ':pk': partition, ...(after ? { ':after': after } : {}) } as Record<
      string,
      string
    >,
  };
}

function withFilter(
  query: ReturnType<typeof keyCondition>,
  filter: { expression: string; values: Record<string, string> } | undefined,
) {
  if (!filter) return query;
  return {
    ...query,
    FilterExpression: filter.expression,
    ExpressionAttributeValues: { ...query.ExpressionAttributeValues, ...filter.values },
  };
}

// Bounds the work of one catalog page when a department filter skips keyword entries.
const MAX_QUERY_ROUNDS = 5;

/** Dataset metadata in the platform table (single-table design, see docs/data-model.md). */
export class DynamoDatasetCatalogStore implements DatasetCatalogStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getDataset(datasetId: string): Promise<DatasetRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.dataset(datasetId) }),
    );
    return Item ? toRecord(Item) : undefined;
  }

  async listPublished(filter: CatalogFilter, limit: number, afterDatasetId?: string): Promise<CatalogPage> {
    if (filter.keyword) return this.listByKeyword(filter.keyword, filter.department, limit, afterDatasetId);
    const input: QueryCommandInput = filter.department
      ? {
          TableName: this.tableName,
          ...keyCondition('gsi2', keys.departmentIndex(filter.department, '').gsi2pk, afterDatasetId),
          Limit: limit,
        }
      : {
          TableName: this.tableName,
          ...keyCondition('gsi1', keys.catalogIndex('').gsi1pk, afterDatasetId),
          Limit: limit,
        };
    const { Items = [], LastEvaluatedKey } = await this.db.send(new QueryCommand(input));
    const datasets = Items.map(toRecord);
    const last = datasets.at(-1);
    return { datasets, ...(LastEvaluatedKey && last ? { lastDatasetId: last.datasetId } : {}) };
  }

  private async listByKeyword(
    keyword: string,
    department: string | undefined,
    limit: number,
    afterDatasetId?: string,
  ): Promise<CatalogPage> {
    const ids: string[] = [];
    let after = afterDatasetId;
    let more = false;
    for (let round = 0; round < MAX_QUERY_ROUNDS && ids.length < limit; round++) {
      const { Items = [], LastEvaluatedKey } = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          ...withFilter(
            keyCondition('gsi1', keys.keywordIndex(keyword, '').gsi1pk, after),
            department
              ? { expression: 'ownerDepartment = :department', values: { ':department': department } }
              : undefined,
          ),
          Limit: limit - ids.length,
        }),
      );
      for (const item of Items) ids.push(String(item.gsi1sk));
      more = Boolean(LastEvaluatedKey);
      if (!LastEvaluatedKey) break;
      after = String(LastEvaluatedKey.gsi1sk);
    }
    const datasets = await this.batchGet(ids);
    return { datasets, ...(more && after ? { lastDatasetId: after } : {}) };
  }

  private async batchGet(ids: string[]): Promise<DatasetRecord[]> {
    if (ids.length === 0) return [];
    const found = new Map<string, DatasetRecord>();
    let pending: Record<string, unknown>[] | undefined = ids.map((id) => keys.dataset(id));
    // BatchGet may return some keys unprocessed under load: retry those.
    for (let attempt = 0; pending && pending.length > 0 && attempt < 5; attempt++) {
      const { Responses, UnprocessedKeys }: BatchGetCommandOutput = await this.db.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending } } }),
      );
      for (const item of Responses?.[this.tableName] ?? []) {
        const record = toRecord(item);
        found.set(record.datasetId, record);
      }
      pending = UnprocessedKeys?.[this.tableName]?.Keys;
    }
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  /**
   * Writes a dataset's metadata and its index entries in one transaction.
   * Only publicly listed datasets get catalog, department and keyword index entries.
   */
  async saveDataset(record: DatasetRecord): Promise<void> {
    const previous = await this.getDataset(record.datasetId);
    await this.db.send(
      new TransactWriteCommand({ TransactItems: datasetWriteItems(this.tableName, record, previous) }),
    );
  }
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The writes that store `record` over `previous` (undefined = new dataset):
 * the metadata item, guarded by its revision so concurrent writers cannot
 * overwrite each other, and its index entries. Callers add their own items
 * (versions, audit events) to the same transaction.
 */
export function datasetWriteItems(
  tableName: string,
  record: DatasetRecord,
  previous: DatasetRecord | undefined,
): TransactItem[] {
  const listed = isPubliclyListed(record);
  const staleKeywords = (previous?.keywords ?? []).filter((k) => !listed || !record.keywords.includes(k));
  const revision = (previous?.revision ?? 0) + 1;
  return [
    {
      Put: {
        TableName: tableName,
        Item: {
          ...record,
          revision,
          ...keys.dataset(record.datasetId),
          entity: 'Dataset',
          ...(listed
            ? {
                ...keys.catalogIndex(record.datasetId),
                ...keys.departmentIndex(record.ownerDepartment, record.datasetId),
              }
            : {}),
        },
        ...(previous
          ? {
              ConditionExpression: 'revision = :revision',
              ExpressionAttributeValues: { ':revision': previous.revision ?? 0 },
            }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    ...staleKeywords.map((keyword) => ({
      Delete: { TableName: tableName, Key: keys.datasetKeyword(record.datasetId, keyword) },
    })),
    ...(listed ? record.keywords : []).map((keyword) => ({
      Put: {
        TableName: tableName,
        Item: {
          ...keys.datasetKeyword(record.datasetId, keyword),
          ...keys.keywordIndex(keyword, record.datasetId),
          entity: 'DatasetKeyword',
          ownerDepartment: record.ownerDepartment,
        },
      },
    })),
  ];
}
