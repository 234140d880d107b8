/**
 * Catalog use cases: listing, reading and downloading published datasets.
 * They take their storage as ports, so they run the same against DynamoDB,
 * S3 or anything a test passes.
 */
import { badRequest, notFound } from '../../shared/errors';
import { departmentById } from '../../shared/city-profile';
import {
  DATASET_ID_PATTERN,
  isPubliclyListed,
  normalizeKeyword,
  searchTermOf,
  type DatasetRecord,
} from './dataset';
import { isPubliclyReadable, type DatasetVersion } from './versions';

export interface CatalogFilter {
  department?: string;
  /** One search word, matched against the words of titles and keywords. */
  term?: string;
  /** An exact keyword (DCAT keyword, a tag). */
  tag?: string;
  /** ISO date: datasets modified on or after it. */
  modifiedSince?: string;
}

export interface CatalogPage {
  datasets: DatasetRecord[];
  /** Id of the last dataset of this page when more may follow. */
  lastDatasetId?: string;
}

/** Storage port for dataset metadata. */
export interface DatasetCatalogStore {
  getDataset(datasetId: string): Promise<DatasetRecord | undefined>;
  /** Published, public datasets in id order, strictly after `afterDatasetId`. */
  listPublished(filter: CatalogFilter, limit: number, afterDatasetId?: string): Promise<CatalogPage>;
}

/** File port: short-lived download links. */
export interface DatasetFileStore {
  downloadUrl(key: string, fileName: string, expiresInSeconds: number): Promise<string>;
}

/** File downloads per dataset version. */
export interface DownloadCounter {
  countDownload(datasetId: string, version: number): Promise<void>;
}

export const DOWNLOAD_LINK_SECONDS = 300;

// The cursor is the position after a dataset id. Any well-formed id is a safe
// position, so a tampered cursor can move within the public catalog but never outside it.
const CURSOR_VERSION = 'c1';

export function encodeCatalogCursor(afterDatasetId: string): string {
  return Buffer.from(`${CURSOR_VERSION}:${afterDatasetId}`, 'utf8').toString('base64url');
}

export function decodeCatalogCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const [version, datasetId, ...rest] = decoded.split(':');
  if (version !== CURSOR_VERSION || !datasetId || rest.length > 0 || !DATASET_ID_PATTERN.test(datasetId)) {
    throw badRequest('The cursor is not valid: pass back the nextCursor of a previous page unchanged.', [
      { path: 'query.cursor', message: 'not a cursor issued by this API' },
    ]);
  }
  return datasetId;
}

export interface CatalogQuery {
  department?: string;
  /** Search words, matched against the words of titles and keywords. */
  keyword?: string;
  /** An exact keyword. */
  tag?: string;
  /** YYYY-MM-DD. */
  modifiedSince?: string;
  limit: number;
  cursor?: string;
}

export async function listCatalog(store: DatasetCatalogStore, query: CatalogQuery) {
  const after = query.cursor ? decodeCatalogCursor(query.cursor) : undefined;
  const term = query.keyword === undefined ? undefined : searchTermOf(query.keyword);
  if (query.keyword !== undefined && !term) {
    throw badRequest('keyword needs a word of at least two letters or digits.', [
      { path: 'query.keyword', message: 'no searchable word' },
    ]);
  }
  const filter: CatalogFilter = {
    ...(query.department ? { department: query.department } : {}),
    ...(term ? { term } : {}),
    ...(query.tag ? { tag: normalizeKeyword(query.tag) } : {}),
    ...(query.modifiedSince ? { modifiedSince: query.modifiedSince } : {}),
  };
  const page = await store.listPublished(filter, query.limit, after);
  return {
    datasets: page.datasets.filter(isPubliclyListed),
    nextCursor: page.lastDatasetId ? encodeCatalogCursor(page.lastDatasetId) : null,
  };
}

/** Every published dataset, page by page through the catalog index (for data.json). */
export async function listAllPublished(store: DatasetCatalogStore, pageSize = 100): Promise<DatasetRecord[]> {
  const all: DatasetRecord[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.listPublished({}, pageSize, after);
    all.push(...page.datasets.filter(isPubliclyListed));
    if (!page.lastDatasetId) return all;
    after = page.lastDatasetId;
  }
}

export async function getPublishedDataset(
  store: DatasetCatalogStore,
  datasetId: string,
): Promise<DatasetRecord> {
  const dataset = await store.getDataset(datasetId);
  // A draft or unpublished dataset is indistinguishable from a missing one to the public.
  if (!dataset || !isPubliclyListed(dataset)) throw notFound(`There is no published dataset "${datasetId}".`);
  return dataset;
}

export interface VersionReader {
  getVersion(datasetId: string, version: number): Promise<DatasetVersion | undefined>;
}

/** A published version of a published dataset (the current one when `version` is absent), or 404. */
export async function getPublishedVersion(
  store: DatasetCatalogStore,
  versions: VersionReader,
  datasetId: string,
  version?: number,
): Promise<{ dataset: DatasetRecord; version: DatasetVersion }> {
  const dataset = await getPublishedDataset(store, datasetId);
  const number = version ?? dataset.currentVersion;
  const found = await versions.getVersion(datasetId, number);
  if (!found || !isPubliclyReadable(dataset, found)) {
    throw notFound(`Dataset "${datasetId}" has no published version ${number}.`);
  }
  return { dataset, version: found };
}

export async function datasetDownloadUrl(
  store: DatasetCatalogStore,
  versions: VersionReader,
  files: DatasetFileStore,
  datasetId: string,
  version?: number,
  downloads?: DownloadCounter,
): Promise<string> {
  const found = await getPublishedVersion(store, versions, datasetId, version);
  const key = found.version.fileKey ?? found.version.uploadKey;
  // Counted per version: if a version turns out to carry personal data, the incident says how far it went.
  // The count and the signing run together: the consumer does not wait for one then the other.
  const [url] = await Promise.all([
    files.downloadUrl(key, `${datasetId}-v${found.version.version}.csv`, DOWNLOAD_LINK_SECONDS),
    downloads?.countDownload(datasetId, found.version.version),
  ]);
  return url;
}

export function departmentView(id: string) {
  return { id, name: departmentById(id)?.name ?? id };
}
