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
  currentVersion: number;
  rowCount: number;
  columns: DatasetColumn[];
  file: DatasetFile;
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

/** The object key of a version's original file: immutable, one prefix per version. */
export function datasetFileKey(datasetId: string, version: number, fileName: string): string {
  return `datasets/${datasetId}/versions/${version}/${fileName}`;
}
