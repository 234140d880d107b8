/** In-memory implementations of the catalog's storage ports, honouring their contracts. */
import type {
  CatalogFilter,
  CatalogPage,
  DatasetCatalogStore,
  DatasetFileStore,
} from '../../../lambdas/domain/datasets/catalog';
import {
  isPubliclyListed,
  normalizeKeyword,
  searchTerms,
  type DatasetRecord,
} from '../../../lambdas/domain/datasets/dataset';

export class InMemoryCatalogStore implements DatasetCatalogStore {
  readonly listCalls: { filter: CatalogFilter; limit: number; afterDatasetId?: string }[] = [];

  constructor(private readonly records: DatasetRecord[]) {}

  async getDataset(datasetId: string): Promise<DatasetRecord | undefined> {
    return this.records.find((r) => r.datasetId === datasetId);
  }

  async listPublished(filter: CatalogFilter, limit: number, afterDatasetId?: string): Promise<CatalogPage> {
    this.listCalls.push({ filter, limit, ...(afterDatasetId ? { afterDatasetId } : {}) });
    const matching = this.records
      .filter(isPubliclyListed)
      .filter((r) => !filter.department || r.ownerDepartment === filter.department)
      .filter((r) => !filter.tag || r.keywords.map(normalizeKeyword).includes(filter.tag))
      .filter((r) => !filter.term || searchTerms(r).includes(filter.term))
      .filter((r) => !filter.modifiedSince || r.modifiedAt >= filter.modifiedSince)
      .filter((r) => !afterDatasetId || r.datasetId > afterDatasetId)
      .sort((a, b) => (a.datasetId < b.datasetId ? -1 : a.datasetId > b.datasetId ? 1 : 0));
    const datasets = matching.slice(0, limit);
    const more = matching.length > limit;
    return { datasets, ...(more ? { lastDatasetId: datasets.at(-1)!.datasetId } : {}) };
  }
}

/** A store that breaks the contract by returning every record (e.g. a stale index). */
export class LeakyCatalogStore extends InMemoryCatalogStore {
  constructor(private readonly all: DatasetRecord[]) {
    super(all);
  }

  override async listPublished(): Promise<CatalogPage> {
    return { datasets: [...this.all] };
  }
}

export class InMemoryFileStore implements DatasetFileStore {
  readonly requests: { key: string; fileName: string; expiresInSeconds: number }[] = [];

  async downloadUrl(key: string, fileName: string, expiresInSeconds: number): Promise<string> {
    this.requests.push({ key, fileName, expiresInSeconds });
    return `https://files.example/${key}?name=${encodeURIComponent(fileName)}&expires=${expiresInSeconds}`;
  }
}

export function dataset(overrides: Partial<DatasetRecord> & { datasetId: string }): DatasetRecord {
  const { datasetId } = overrides;
  return {
    title: `Dataset ${datasetId}`,
    description: 'A test dataset',
    keywords: [],
    ownerDepartment: 'public-works',
    contactName: 'Pat Works',
    contactEmail: 'publicworks@danbury.example',
    license: 'CC-BY-4.0',
    updateFrequency: 'monthly',
    accessLevel: 'public',
    status: 'published',
    currentVersion: 1,
    rowCount: 10,
    columns: [{ name: 'id', type: 'integer', description: 'Row id' }],
    file: {
      key: `datasets/${datasetId}/versions/1/${datasetId}.csv`,
      fileName: `${datasetId}.csv`,
      mediaType: 'text/csv',
      sizeBytes: 100,
    },
    createdAt: '2026-01-01T00:00:00.000Z',
    modifiedAt: '2026-01-02T00:00:00.000Z',
    sampleData: true,
    ...overrides,
  };
}
