import { DynamoDatasetCatalogStore } from '../../lambdas/adapters/dataset-catalog-store';
import { listCatalog } from '../../lambdas/domain/datasets/catalog';
import type { DatasetRecord } from '../../lambdas/domain/datasets/dataset';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { freshPlatformStorage } from '../support/local-aws';

function dataset(n: number, overrides: Partial<DatasetRecord> = {}): DatasetRecord {
  const id = `dataset-${String(n).padStart(3, '0')}`;
  return {
    datasetId: id,
    title: `Dataset ${n}`,
    description: 'Integration test dataset',
    keywords: n % 3 === 0 ? ['roads', 'budget'] : ['roads'],
    ownerDepartment: n % 2 === 0 ? 'public-works' : 'finance',
    contactName: 'Test',
    contactEmail: 'test@danbury.local',
    license: 'CC0',
    updateFrequency: 'R/P1D',
    accessLevel: 'public',
    status: 'published',
    currentVersion: 1,
    rowCount: n,
    columns: [{ name: 'a', type: 'text', description: 'A' }],
    file: {
      key: `datasets/${id}/versions/1/${id}.csv`,
      fileName: `${id}.csv`,
      mediaType: 'text/csv',
      sizeBytes: 10,
    },
    createdAt: '2026-11-01T00:00:00.000Z',
    modifiedAt: '2026-11-01T00:00:00.000Z',
    sampleData: false,
    ...overrides,
  };
}

describe('DynamoDatasetCatalogStore against DynamoDB Local', () => {
  let storage: Awaited<ReturnType<typeof freshPlatformStorage>>;
  let store: DynamoDatasetCatalogStore;
  const published = Array.from({ length: 23 }, (_, i) => dataset(i + 1));

  beforeAll(async () => {
    storage = await freshPlatformStorage('catalog');
    store = new DynamoDatasetCatalogStore(storage.db, storage.tableName);
    for (const d of published) await store.saveDataset(d);
    await store.saveDataset(dataset(90, { status: 'draft' }));
    await store.saveDataset(dataset(91, { accessLevel: 'non-public' }));
  });
  afterAll(() => storage.close());

  async function pageThrough(
    filter: { department?: string; keyword?: string; tag?: string; modifiedSince?: string },
    limit: number,
  ) {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const result = await listCatalog(store, { ...filter, limit, ...(cursor ? { cursor } : {}) });
      seen.push(...result.datasets.map((d) => d.datasetId));
      if (!result.nextCursor) return seen;
      cursor = result.nextCursor;
    }
    throw new Error('paging did not end');
  }

  it('pages through the whole catalog in id order, each published dataset exactly once', async () => {
    const seen = await pageThrough({}, 5);
    expect(seen).toEqual(published.map((d) => d.datasetId));
  });

  it('never lists drafts or non-public datasets, but stores them', async () => {
    const seen = await pageThrough({}, 100);
    expect(seen).not.toContain('dataset-090');
    expect(seen).not.toContain('dataset-091');
    expect((await store.getDataset('dataset-090'))?.status).toBe('draft');
  });

  it('filters by department through its index', async () => {
    const seen = await pageThrough({ department: 'public-works' }, 4);
    expect(seen).toEqual(
      published.filter((d) => d.ownerDepartment === 'public-works').map((d) => d.datasetId),
    );
  });

  it('filters by keyword, and by keyword and department together', async () => {
    expect(await pageThrough({ keyword: 'budget' }, 3)).toEqual(
      published.filter((d) => d.keywords.includes('budget')).map((d) => d.datasetId),
    );
    expect(await pageThrough({ keyword: 'budget', department: 'finance' }, 2)).toEqual(
      published
        .filter((d) => d.keywords.includes('budget') && d.ownerDepartment === 'finance')
        .map((d) => d.datasetId),
    );
    expect(await pageThrough({ keyword: 'no-such-keyword' }, 5)).toEqual([]);
  });

  it('searches title words, exact tags and modification dates through index entries', async () => {
    await store.saveDataset(
      dataset(7, { title: 'Snow Plowing Routes', modifiedAt: '2026-11-20T10:00:00.000Z' }),
    );
    expect(await pageThrough({ keyword: 'plowing' }, 5)).toEqual(['dataset-007']);
    expect(await pageThrough({ keyword: 'SNOW routes' }, 5)).toEqual(['dataset-007']);
    expect(await pageThrough({ tag: 'budget' }, 4)).toEqual(
      published.filter((d) => d.keywords.includes('budget')).map((d) => d.datasetId),
    );
    expect(await pageThrough({ modifiedSince: '2026-11-15' }, 3)).toEqual(['dataset-007']);
    expect(
      await pageThrough({ tag: 'roads', modifiedSince: '2026-11-15', department: 'finance' }, 3),
    ).toEqual(['dataset-007']);
    await store.saveDataset(dataset(7));
    expect(await pageThrough({ keyword: 'plowing' }, 5)).toEqual([]); // the old title's terms are gone
  });

  it('returns records without key attributes, with the store-managed revision', async () => {
    const record = await store.getDataset('dataset-001');
    expect(record).toEqual({ ...published[0], revision: 1 });
  });

  it('refuses a write based on a stale revision (no lost updates)', async () => {
    const { datasetWriteItems } = await import('../../lambdas/adapters/dataset-catalog-store');
    const { TransactWriteCommand } = await import('@aws-sdk/lib-dynamodb');
    const current = (await store.getDataset('dataset-002'))!;
    await store.saveDataset({ ...current, title: 'Changed by someone else' });
    const stale = datasetWriteItems(storage.tableName, { ...current, title: 'My change' }, current);
    await expect(storage.db.send(new TransactWriteCommand({ TransactItems: stale }))).rejects.toMatchObject({
      name: 'TransactionCanceledException',
    });
    expect((await store.getDataset('dataset-002'))?.title).toBe('Changed by someone else');
    await store.saveDataset(dataset(2));
  });

  it('removes index entries when a dataset is unpublished or loses a keyword', async () => {
    await store.saveDataset(dataset(3, { keywords: ['roads'] }));
    await store.saveDataset(dataset(6, { status: 'unpublished' }));
    const budget = await pageThrough({ keyword: 'budget' }, 10);
    expect(budget).not.toContain('dataset-003');
    expect(budget).not.toContain('dataset-006');
    expect(await pageThrough({}, 100)).not.toContain('dataset-006');
    const { Items = [] } = await storage.db.send(
      new QueryCommand({
        TableName: storage.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'DATASET#dataset-006' },
      }),
    );
    // No catalog, keyword or search entries left: only the record and its owner entry (the staff's list).
    expect(Items.map((i) => i.sk)).toEqual(['METADATA', 'OWNER']);
    // restore for other tests' expectations
    await store.saveDataset(dataset(3));
    await store.saveDataset(dataset(6));
  });
});
