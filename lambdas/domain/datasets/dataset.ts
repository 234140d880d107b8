/** A dataset as the platform stores it. Pure types and rules; no AWS imports. */
export const DATASET_ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,63}$/;

export type ColumnType = 'text' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime';
export type AccessLevel = 'public' | 'restricted public' | 'non-public';
export type DatasetStatus = 'draft' | 'published' | 'unpublished';

export interface DatasetColumn {
  name: string;
  type: ColumnType;
  description: string;
}

export interface DatasetFile {
  /** Object key in the datasets bucket. */
  key: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
}

export interface DatasetRecord {
  datasetId: string;
  title: string;
  description: string;
  keywords: string[];
  ownerDepartment: string;
  contactName: string;
  contactEmail: string;
  license: string;
  updateFrequency: string;
  accessLevel: AccessLevel;
  status: DatasetStatus;
  /** The version the public reads by default; 0 while none is published. */
  currentVersion: number;
  /** The last version number handed out (versions are numbered 1, 2, …). */
  latestVersion?: number;
  rowCount: number;
  columns: DatasetColumn[];
  /** The current version's original file; absent until a version is published. */
  file?: DatasetFile;
  /** Column that identifies a row across versions (for change lists). */
  primaryKey?: string;
  createdBy?: string;
  /** Store-managed write counter: guards against lost updates. */
  revision?: number;
  createdAt: string;
  modifiedAt: string;
  /** Demonstration data, not real city records. */
  sampleData: boolean;
}

/** Only published, public datasets are ever shown to the public. */
export function isPubliclyListed(dataset: Pick<DatasetRecord, 'status' | 'accessLevel'>): boolean {
  return dataset.status === 'published' && dataset.accessLevel === 'public';
}

/** Keywords are matched case-insensitively and stored normalized. */
export function normalizeKeyword(keyword: string): string {
  return keyword.trim().toLowerCase().replace(/\s+/g, ' ');
}

const STOPWORDS = new Set([
  'a',
  'an',
  'and',
  'by',
  'for',
  'in',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
  'sample',
  'data',
]);
/** Search terms are capped so a dataset's index entries fit in one DynamoDB transaction. */
export const MAX_SEARCH_TERMS = 25;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 2 && !STOPWORDS.has(w));
}

/** Lowercase words of a dataset's title and keywords, for catalog search (`keyword=`). */
export function searchTerms(dataset: Pick<DatasetRecord, 'title' | 'keywords'>): string[] {
  return [...new Set(words(`${dataset.title} ${dataset.keywords.join(' ')}`))].slice(0, MAX_SEARCH_TERMS);
}

/** A search as typed, as the one term the index can look up (its longest word). */
export function searchTermOf(text: string): string | undefined {
  return words(text).sort((a, b) => b.length - a.length)[0];
}

/** Everything of one version lives under one immutable prefix. */
export function versionPrefix(datasetId: string, version: number): string {
  return `datasets/${datasetId}/versions/${version}`;
}

/** The object key of a version's original file. */
export function datasetFileKey(datasetId: string, version: number, fileName: string): string {
  return `${versionPrefix(datasetId, version)}/${fileName}`;
}

/** One stored chunk of a version's rows in one order (natural or sorted by a column). */
export function rowChunkKey(datasetId: string, version: number, order: string, index: number): string {
  return `${versionPrefix(datasetId, version)}/rows/${order}/${String(index).padStart(6, '0')}.json`;
}

/** Uploads land here; an object created under `staging/` starts ingestion. */
export const STAGING_PREFIX = 'staging/';

export function stagingKey(datasetId: string, version: number): string {
  return `${STAGING_PREFIX}${datasetId}/${version}/upload.csv`;
}

export function parseStagingKey(key: string): { datasetId: string; version: number } | undefined {
  const m = /^staging\/([a-z0-9][a-z0-9-]{2,63})\/(\d{1,6})\/upload\.csv$/.exec(key);
  return m ? { datasetId: m[1]!, version: Number(m[2]) } : undefined;
}
