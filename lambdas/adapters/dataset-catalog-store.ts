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
import { isPubliclyListed, searchTerms, type DatasetRecord } from '../domain/datasets/dataset';
import { keys } from './table-design';
import { withoutKeys } from './table-items';

const toRecord = (item: Record<string, unknown>) => withoutKeys<DatasetRecord>(item);

/** Bounds the work of one catalog page when filters skip index entries. */
const MAX_QUERY_ROUNDS = 5;

interface Source {
  index: 'gsi1' | 'gsi2';
  partition: string;
  /** Search and keyword entries point at datasets; catalog and department entries are the datasets. */
  entries: boolean;
}

/** The narrowest index partition for a filter; the rest of the filter becomes a FilterExpression. */
function sourceFor(filter: CatalogFilter): Source {
  if (filter.term) return { index: 'gsi1', partition: keys.termIndex(filter.term, '').gsi1pk, entries: true };
  if (filter.tag)
    return { index: 'gsi1', partition: keys.keywordIndex(filter.tag, '').gsi1pk, entries: true };
  if (filter.department) {
    return { index: 'gsi2', partition: keys.departmentIndex(filter.department, '').gsi2pk, entries: false };
  }
  return { index: 'gsi1', partition: keys.catalogIndex('').gsi1pk, entries: false };
}

function filterFor(filter: CatalogFilter, source: Source) {
  const parts: string[] = [];
  const values: Record<string, unknown> = {};
  if (filter.department && source.index !== 'gsi2') {
    parts.push('ownerDepartment = :department');
    values[':department'] = filter.department;
  }
  if (filter.term && filter.tag) {
    parts.push('contains(keywords, :tag)');
    values[':tag'] = filter.tag;
  }
  if (filter.modifiedSince) {
    parts.push('modifiedAt >= :since');
    values[':since'] = filter.modifiedSince;
  }
  return { filterExpression: parts.length ? parts.join(' AND ') : undefined, values };
}

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

  /** A department's datasets, every status, by id (one Query on the owner entries). */
  async listOwnedBy(
    department: string,
    limit: number,
    afterDatasetId?: string,
  ): Promise<{ datasets: OwnedDatasetSummary[]; lastDatasetId?: string }> {
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: afterDatasetId ? 'gsi1pk = :pk AND gsi1sk > :after' : 'gsi1pk = :pk',
        ExpressionAttributeValues: {
          ':pk': `DATASETS-OWNED#${department}`,
          ...(afterDatasetId ? { ':after': afterDatasetId } : {}),
        },
        Limit: limit,
      }),
    );
    const datasets = Items.map((item) => ownedDatasetSummary(item as unknown as DatasetRecord));
    return { datasets, ...(LastEvaluatedKey ? { lastDatasetId: String(LastEvaluatedKey.gsi1sk) } : {}) };
  }

  async listPublished(filter: CatalogFilter, limit: number, afterDatasetId?: string): Promise<CatalogPage> {
    const source = sourceFor(filter);
    const { filterExpression, values } = filterFor(filter, source);
    const found: Record<string, unknown>[] = [];
    let after = afterDatasetId;
    let more = false;
    for (let round = 0; round < MAX_QUERY_ROUNDS && found.length < limit; round++) {
      const input: QueryCommandInput = {
        TableName: this.tableName,
        IndexName: source.index,
        // DynamoDB rejects an empty key value, so the first page has no range condition.
        KeyConditionExpression: after
          ? `${source.index}pk = :pk AND ${source.index}sk > :after`
          : `${source.index}pk = :pk`,
        ExpressionAttributeValues: {
          ':pk': source.partition,
          ...(after ? { ':after': after } : {}),
          ...values,
        },
        ...(filterExpression ? { FilterExpression: filterExpression } : {}),
        Limit: limit - found.length,
      };
      const { Items = [], LastEvaluatedKey } = await this.db.send(new QueryCommand(input));
      found.push(...Items);
      more = Boolean(LastEvaluatedKey);
      if (!LastEvaluatedKey) break;
      after = String(LastEvaluatedKey[`${source.index}sk`]);
    }
    const datasets = source.entries
      ? await this.batchGet(found.map((item) => String(item[`${source.index}sk`])))
      : found.map(toRecord);
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
/** What the staff's dataset list shows, copied onto the owner entry so the list is one Query. */
export function ownedDatasetSummary(record: DatasetRecord) {
  return {
    datasetId: record.datasetId,
    title: record.title,
    ownerDepartment: record.ownerDepartment,
    status: record.status,
    accessLevel: record.accessLevel,
    currentVersion: record.currentVersion,
    latestVersion: record.latestVersion ?? record.currentVersion,
    modifiedAt: record.modifiedAt,
  };
}

export type OwnedDatasetSummary = ReturnType<typeof ownedDatasetSummary>;

export function datasetWriteItems(
  tableName: string,
  record: DatasetRecord,
  previous: DatasetRecord | undefined,
): TransactItem[] {
  const listed = isPubliclyListed(record);
  const staleKeywords = (previous?.keywords ?? []).filter((k) => !listed || !record.keywords.includes(k));
  const terms = searchTerms(record);
  const previousTerms = previous ? searchTerms(previous) : [];
  const staleTerms = previousTerms.filter((t) => !listed || !terms.includes(t));
  // Copied onto index entries so filters on them need no second read.
  const entryFilterAttributes = {
    ownerDepartment: record.ownerDepartment,
    modifiedAt: record.modifiedAt,
    keywords: record.keywords,
  };
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
    {
      Put: {
        TableName: tableName,
        Item: {
          ...keys.datasetOwner(record.datasetId),
          ...keys.ownedDatasetIndex(record.ownerDepartment, record.datasetId),
          entity: 'DatasetOwner',
          ...ownedDatasetSummary(record),
        },
      },
    },
    ...staleKeywords.map((keyword) => ({
      Delete: { TableName: tableName, Key: keys.datasetKeyword(record.datasetId, keyword) },
    })),
    ...staleTerms.map((term) => ({
      Delete: { TableName: tableName, Key: keys.datasetTerm(record.datasetId, term) },
    })),
    ...(listed ? record.keywords : []).map((keyword) => ({
      Put: {
        TableName: tableName,
        Item: {
          ...keys.datasetKeyword(record.datasetId, keyword),
          ...keys.keywordIndex(keyword, record.datasetId),
          entity: 'DatasetKeyword',
          ...entryFilterAttributes,
        },
      },
    })),
    ...(listed ? terms : []).map((term) => ({
      Put: {
        TableName: tableName,
        Item: {
          ...keys.datasetTerm(record.datasetId, term),
          ...keys.termIndex(term, record.datasetId),
          entity: 'DatasetSearchTerm',
          ...entryFilterAttributes,
        },
      },
    })),
  ];
}
