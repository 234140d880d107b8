import type { DatasetVersion } from '../../lambdas/domain/datasets/versions';
import {
  datasetDownloadUrl,
  decodeCatalogCursor,
  DOWNLOAD_LINK_SECONDS,
  encodeCatalogCursor,
  getPublishedDataset,
  listCatalog,
} from '../../lambdas/domain/datasets/catalog';
import { PlatformError } from '../../lambdas/shared/errors';
import {
  dataset,
  InMemoryCatalogStore,
  InMemoryFileStore,
  LeakyCatalogStore,
} from './support/in-memory-catalog';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

function expectBadCursor(cursor: string) {
  let caught: unknown;
  try {
    decodeCatalogCursor(cursor);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(PlatformError);
  expect(caught).toMatchObject({
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    details: { issues: [{ path: 'query.cursor', message: expect.any(String) }] },
  });
}

describe('catalog cursor', () => {
  it.each(['building-permits', 'abc', 'a'.repeat(64), '311-requests'])('round-trips the id %s', (id) => {
    const cursor = encodeCatalogCursor(id);

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCatalogCursor(cursor)).toBe(id);
  });

  it.each([
    ['garbage that is not base64', '!!!not*base64!!!'],
    ['base64 of random text', b64('hello world')],
    ['a wrong version prefix', b64('c2:building-permits')],
    ['no version prefix', b64('building-permits')],
    ['an empty id', b64('c1:')],
    ['an extra colon part', b64('c1:building-permits:extra')],
    ['an id with uppercase letters', b64('c1:Building-Permits')],
    ['an id that is too short', b64('c1:ab')],
    ['an id that is too long', b64(`c1:${'a'.repeat(65)}`)],
    ['an id with a slash', b64('c1:../../secrets')],
    ['an id starting with a hyphen', b64('c1:-permits')],
  ])('rejects %s with a 400', (_label, cursor) => {
    expectBadCursor(cursor);
  });
});

describe('listCatalog', () => {
  const records = [
    dataset({ datasetId: 'road-closures', keywords: ['roads', 'traffic'], ownerDepartment: 'public-works' }),
    dataset({
      datasetId: 'building-permits',
      keywords: ['building permits', 'construction'],
      ownerDepartment: 'planning-zoning',
    }),
    dataset({ datasetId: 'crime-incidents', keywords: ['public safety'], ownerDepartment: 'police' }),
    dataset({ datasetId: 'draft-budget', keywords: ['roads'], status: 'draft' }),
    dataset({ datasetId: 'old-potholes', keywords: ['roads'], status: 'unpublished' }),
    dataset({
      datasetId: 'arrest-records',
      keywords: ['public safety'],
      ownerDepartment: 'police',
      accessLevel: 'non-public',
    }),
    dataset({
      datasetId: 'pothole-repairs',
      keywords: ['roads', 'potholes'],
      ownerDepartment: 'public-works',
    }),
    dataset({ datasetId: 'tree-inventory', keywords: ['trees'], ownerDepartment: 'public-works' }),
  ];
  const publicIds = [
    'building-permits',
    'crime-incidents',
    'pothole-repairs',
    'road-closures',
    'tree-inventory',
  ];

  it('lists only published, public datasets, in id order', async () => {
    const page = await listCatalog(new InMemoryCatalogStore(records), { limit: 100 });

    expect(page.datasets.map((d) => d.datasetId)).toEqual(publicIds);
    expect(page.nextCursor).toBeNull();
  });

  it('drops drafts, unpublished and non-public datasets even when the store returns them', async () => {
    const page = await listCatalog(new LeakyCatalogStore(records), { limit: 100 });

    expect(page.datasets.map((d) => d.datasetId).sort()).toEqual(publicIds);
  });

  it('filters by department', async () => {
    const page = await listCatalog(new InMemoryCatalogStore(records), {
      limit: 100,
      department: 'public-works',
    });

    expect(page.datasets.map((d) => d.datasetId)).toEqual([
      'pothole-repairs',
      'road-closures',
      'tree-inventory',
    ]);
  });

  it('normalizes a tag before it reaches the store', async () => {
    const store = new InMemoryCatalogStore(records);

    const page = await listCatalog(store, { limit: 100, tag: '  Building \t PERMITS ' });

    expect(store.listCalls[0]!.filter).toEqual({ tag: 'building permits' });
    expect(page.datasets.map((d) => d.datasetId)).toEqual(['building-permits']);
  });

  it('searches one indexed word of a keyword search, the longest', async () => {
    const store = new InMemoryCatalogStore(records);

    const page = await listCatalog(store, { limit: 100, keyword: 'the PERMITS for building' });

    expect(store.listCalls[0]!.filter).toEqual({ term: 'building' });
    expect(page.datasets.map((d) => d.datasetId)).toEqual(['building-permits']);
  });

  it('refuses a keyword search with no searchable word', async () => {
    await expect(
      listCatalog(new InMemoryCatalogStore(records), { limit: 10, keyword: 'the a' }),
    ).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it('passes the modified-since date through', async () => {
    const store = new InMemoryCatalogStore(records);

    await listCatalog(store, { limit: 10, modifiedSince: '2026-01-01' });

    expect(store.listCalls[0]!.filter).toEqual({ modifiedSince: '2026-01-01' });
  });

  it('combines department and keyword', async () => {
    const page = await listCatalog(new InMemoryCatalogStore(records), {
      limit: 100,
      department: 'public-works',
      keyword: 'Roads',
    });

    expect(page.datasets.map((d) => d.datasetId)).toEqual(['pothole-repairs', 'road-closures']);
  });

  it('never lists a draft that matches the keyword', async () => {
    const page = await listCatalog(new InMemoryCatalogStore(records), { limit: 100, keyword: 'roads' });

    expect(page.datasets.map((d) => d.datasetId)).not.toContain('draft-budget');
    expect(page.datasets.map((d) => d.datasetId)).not.toContain('old-potholes');
  });

  it('gives a cursor while more pages follow and null on the last page', async () => {
    const store = new InMemoryCatalogStore(records);

    const first = await listCatalog(store, { limit: 2 });
    const second = await listCatalog(store, { limit: 2, cursor: first.nextCursor! });
    const last = await listCatalog(store, { limit: 2, cursor: second.nextCursor! });

    expect(first.datasets.map((d) => d.datasetId)).toEqual(['building-permits', 'crime-incidents']);
    expect(store.listCalls[1]!.afterDatasetId).toBe('crime-incidents');
    expect(second.datasets.map((d) => d.datasetId)).toEqual(['pothole-repairs', 'road-closures']);
    expect(last.datasets.map((d) => d.datasetId)).toEqual(['tree-inventory']);
    expect(last.nextCursor).toBeNull();
  });

  it.each([1, 2, 3, 4, 5, 7])(
    'pages through everything with limit %i, visiting each dataset once',
    async (limit) => {
      const many = Array.from({ length: 23 }, (_, i) =>
        dataset({
          datasetId: `set-${String(i).padStart(3, '0')}`,
          status: i % 4 === 0 ? 'draft' : 'published',
        }),
      );
      const store = new InMemoryCatalogStore(many);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;

      do {
        const page = await listCatalog(store, { limit, ...(cursor ? { cursor } : {}) });
        expect(page.datasets.length).toBeLessThanOrEqual(limit);
        seen.push(...page.datasets.map((d) => d.datasetId));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 100);

      const expected = many.filter((d) => d.status === 'published').map((d) => d.datasetId);
      expect(seen).toEqual(expected);
      expect(new Set(seen).size).toBe(seen.length);
    },
  );

  it('rejects a tampered cursor before asking the store', async () => {
    const store = new InMemoryCatalogStore(records);

    await expect(listCatalog(store, { limit: 10, cursor: b64('c1:x') })).rejects.toMatchObject({
      statusCode: 400,
    });
    expect(store.listCalls).toHaveLength(0);
  });
});

describe('getPublishedDataset', () => {
  const store = new InMemoryCatalogStore([
    dataset({ datasetId: 'tree-inventory' }),
    dataset({ datasetId: 'draft-budget', status: 'draft' }),
    dataset({ datasetId: 'old-potholes', status: 'unpublished' }),
    dataset({ datasetId: 'arrest-records', accessLevel: 'non-public' }),
    dataset({ datasetId: 'jail-roster', accessLevel: 'restricted public' }),
  ]);

  it('returns a published, public dataset', async () => {
    await expect(getPublishedDataset(store, 'tree-inventory')).resolves.toMatchObject({
      datasetId: 'tree-inventory',
    });
  });

  it.each(['draft-budget', 'old-potholes', 'arrest-records', 'jail-roster', 'does-not-exist'])(
    'answers %s with 404, like a missing dataset',
    async (id) => {
      const failure = (datasetId: string) =>
        getPublishedDataset(store, datasetId).then(
          () => undefined,
          (e: unknown) => e as PlatformError,
        );

      const err = await failure(id);
      const missing = await failure('no-such-set');

      expect(err).toBeInstanceOf(PlatformError);
      expect(err).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      // Same words as for a dataset that does not exist: nothing reveals that it does.
      expect(err?.message.replace(id, '<id>')).toBe(missing?.message.replace('no-such-set', '<id>'));
    },
  );
});

describe('datasetDownloadUrl', () => {
  const store = new InMemoryCatalogStore([
    dataset({ datasetId: 'tree-inventory', currentVersion: 4 }),
    dataset({ datasetId: 'draft-budget', status: 'draft', currentVersion: 0 }),
  ]);
  const version = (n: number, state: DatasetVersion['state']): DatasetVersion => ({
    datasetId: 'tree-inventory',
    version: n,
    state,
    fileName: 'trees.csv',
    uploadKey: `staging/tree-inventory/${n}/upload.csv`,
    fileKey: `datasets/tree-inventory/versions/${n}/trees.csv`,
    sortable: [],
    acceptBreakingChange: false,
    createdAt: '2026-11-01T00:00:00.000Z',
    createdBy: 'pat',
    decisions: [],
  });
  const versions = {
    all: [version(2, 'published'), version(3, 'withdrawn'), version(4, 'published')],
    async getVersion(datasetId: string, n: number) {
      return datasetId === 'tree-inventory' ? this.all.find((v) => v.version === n) : undefined;
    },
  };

  it('signs a short-lived link to the current version file of a published dataset', async () => {
    const files = new InMemoryFileStore();

    const url = await datasetDownloadUrl(store, versions, files, 'tree-inventory');

    expect(files.requests).toEqual([
      {
        key: 'datasets/tree-inventory/versions/4/trees.csv',
        fileName: 'tree-inventory-v4.csv',
        expiresInSeconds: DOWNLOAD_LINK_SECONDS,
      },
    ]);
    expect(DOWNLOAD_LINK_SECONDS).toBeLessThanOrEqual(900);
    expect(url).toContain('datasets/tree-inventory/versions/4/trees.csv');
  });

  it('signs an older published version on request, never a withdrawn or unknown one', async () => {
    const files = new InMemoryFileStore();

    await datasetDownloadUrl(store, versions, files, 'tree-inventory', 2);
    await expect(datasetDownloadUrl(store, versions, files, 'tree-inventory', 3)).rejects.toMatchObject({
      statusCode: 404,
    });
    await expect(datasetDownloadUrl(store, versions, files, 'tree-inventory', 9)).rejects.toMatchObject({
      statusCode: 404,
    });
    expect(files.requests.map((r) => r.key)).toEqual(['datasets/tree-inventory/versions/2/trees.csv']);
  });

  it('never signs a link for a draft', async () => {
    const files = new InMemoryFileStore();

    await expect(datasetDownloadUrl(store, versions, files, 'draft-budget')).rejects.toMatchObject({
      statusCode: 404,
    });
    expect(files.requests).toHaveLength(0);
  });
});
