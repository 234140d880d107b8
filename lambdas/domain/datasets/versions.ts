/**
 * Dataset versions and the publishing rules: the personal-data gate, the held
 * schema, publishing, withdrawing and rolling back. Pure functions over plain
 * records; the adapters persist what they return.
 */
import { conflict, forbidden, badRequest } from '../../shared/errors';
import { hasAnyRole, type StaffPrincipal } from '../../shared/staff';
import type { SchemaChange, SchemaColumn } from './schema';
import type { DatasetRecord } from './dataset';
import type { ColumnFinding } from '../personal-data/scanner';
import { MAX_DATASET_FILE_BYTES } from '../upload-limits';

export type VersionState =
  | 'awaiting-upload' // created; the file has not arrived
  | 'ingesting'
  | 'failed' // the file was refused: see problems / schemaChanges
  | 'quarantined' // personal data found and not yet cleared
  | 'ready' // may be published
  | 'published' // readable by the public (current or older)
  | 'withdrawn'; // taken down (e.g. personal data found after publication)

/** What the personal-data gate reports per column and pattern (row numbers, never values). */
export type PersonalDataFinding = ColumnFinding;

export interface ColumnDecision {
  column: string;
  pattern: string;
  decision: 'public-by-law';
  reason: string;
  decidedBy: string;
  decidedAt: string;
}

export interface VersionProblem {
  kind: string;
  message: string;
  count?: number;
  sampleRows?: number[];
}

/**
 * The sorted copy change lists merge: by the primary key (`field`) or by row hash, in chunks of
 * `chunkRows` rows where that is not the version's own size (versions ingested before row-hash
 * chunks had their own size have none).
 */
export interface ChangeIndex {
  order: string;
  field?: string;
  chunkCount: number;
  chunkRows?: number;
}

export interface DatasetVersion {
  datasetId: string;
  version: number;
  state: VersionState;
  fileName: string;
  /** Staging object the upload goes to. */
  uploadKey: string;
  /** When ingestion took the upload (a run that never finished shows here). */
  ingestionStartedAt?: string;
  multipartUploadId?: string;
  sortable: string[];
  acceptBreakingChange: boolean;
  createdAt: string;
  createdBy: string;
  // Filled in by ingestion.
  fileKey?: string;
  sizeBytes?: number;
  contentSha256?: string;
  rowCount?: number;
  columns?: SchemaColumn[];
  chunkRows?: number;
  chunkCount?: number;
  orders?: { field: string; chunkCount: number }[];
  changeIndex?: ChangeIndex;
  findings?: PersonalDataFinding[];
  decisions: ColumnDecision[];
  schemaChanges?: SchemaChange[];
  problems?: VersionProblem[];
  ingestedAt?: string;
  publishedAt?: string;
  publishedBy?: string;
  withdrawnAt?: string;
  withdrawnBy?: string;
  withdrawReason?: string;
}

/** Rows per stored chunk: a page of up to 5,000 rows reads at most 6 chunks, at any depth. */
export const CHUNK_ROWS = 1000;
/**
 * Rows per chunk of the row-hash order, which only change lists read, from front to back (up to
 * 50,000 rows a request): bigger chunks, a fifth as many PUTs when a version is ingested.
 */
export const ROW_HASH_CHUNK_ROWS = 5000;
/**
 * Chunk PUTs in flight while a version is ingested. A small S3 PUT takes tens of milliseconds
 * (AWS's S3 performance guidelines): with 4 in flight ingestion waited on S3 for most of its run
 * (`npm run bench -- --only ingest-speed`, variant (e): 25 ms per PUT), with 16 it is bound by
 * its own CPU again.
 */
export const CHUNK_WRITES_IN_FLIGHT = 16;
/**
 * And at most this many characters of serialized chunks among them, so wide rows cannot make 16
 * row-hash chunks (5,000 rows each) hundreds of MB: with the bench's 70-byte rows 16 chunks are
 * ~6 MB, with 2 KB rows the limit lets about 3 go at once.
 */
export const CHUNK_CHARS_IN_FLIGHT = 32 << 20;
/**
 * Files this big or bigger are parsed on a second thread while the first stores
 * (lambdas/ingestion/parse-thread.ts): ~100k rows of a typical table. Below it a
 * thread's start-up (tens of ms) is more than it saves.
 */
export const PARSE_THREAD_MIN_BYTES = 8 << 20;
export const parsesOnThread = (uploadBytes: number) => uploadBytes >= PARSE_THREAD_MIN_BYTES;
/** How ingestion lays out and writes a version's rows (ingest-version.ts; the bench runs the same). */
export const ROW_CHUNKING = {
  chunkRows: CHUNK_ROWS,
  rowHashChunkRows: ROW_HASH_CHUNK_ROWS,
  parallelWrites: CHUNK_WRITES_IN_FLIGHT,
} as const;
export const MULTIPART_THRESHOLD_BYTES = 100 * 1024 * 1024;
export const MULTIPART_PART_BYTES = 64 * 1024 * 1024;
export const MAX_UPLOAD_BYTES = MAX_DATASET_FILE_BYTES;

/** Staff of the owning department, or City IT, manage a dataset. */
export function canManageDataset(principal: StaffPrincipal, ownerDepartment: string): boolean {
  return hasAnyRole(principal, ['it-admin']) || principal.department === ownerDepartment;
}

export function assertCanManage(principal: StaffPrincipal, ownerDepartment: string): void {
  if (!canManageDataset(principal, ownerDepartment)) {
    throw forbidden(`Only staff of the owning department (${ownerDepartment}) or City IT may do this.`);
  }
}

/** Findings whose column and pattern no decision covers yet. */
export function uncoveredFindings(
  version: Pick<DatasetVersion, 'findings' | 'decisions'>,
): PersonalDataFinding[] {
  return (version.findings ?? []).filter(
    (f) => !version.decisions.some((d) => d.column === f.column && d.pattern === f.pattern),
  );
}

export interface IngestionOutcome {
  problems: VersionProblem[];
  schemaChanges: SchemaChange[];
  findings: PersonalDataFinding[];
}

/** Where a version goes once its file has been read. */
export function stateAfterIngestion(version: DatasetVersion, outcome: IngestionOutcome): VersionState {
  if (outcome.problems.length > 0) return 'failed';
  if (outcome.schemaChanges.some((c) => c.breaking) && !version.acceptBreakingChange) return 'failed';
  return uncoveredFindings({ findings: outcome.findings, decisions: version.decisions }).length > 0
    ? 'quarantined'
    : 'ready';
}

export function recordDecisions(
  version: DatasetVersion,
  decisions: { column: string; pattern: string; reason: string }[],
  principal: StaffPrincipal,
  now: string,
): DatasetVersion {
  if (version.state !== 'quarantined' && version.state !== 'ready') {
    throw conflict(
      `Version ${version.version} is ${version.state}: decisions are recorded on quarantined versions.`,
    );
  }
  for (const decision of decisions) {
    if (
      !(version.findings ?? []).some((f) => f.column === decision.column && f.pattern === decision.pattern)
    ) {
      throw badRequest(
        `There is no "${decision.pattern}" finding in column "${decision.column}" to decide on.`,
      );
    }
  }
  const kept = version.decisions.filter(
    (d) => !decisions.some((n) => n.column === d.column && n.pattern === d.pattern),
  );
  const next: DatasetVersion = {
    ...version,
    decisions: [
      ...kept,
      ...decisions.map((d) => ({
        column: d.column,
        pattern: d.pattern,
        decision: 'public-by-law' as const,
        reason: d.reason,
        decidedBy: principal.username,
        decidedAt: now,
      })),
    ],
  };
  return { ...next, state: uncoveredFindings(next).length > 0 ? 'quarantined' : 'ready' };
}

/** The dataset's metadata as the public sees it once `version` is current. */
function withCurrentVersion(dataset: DatasetRecord, version: DatasetVersion, now: string): DatasetRecord {
  return {
    ...dataset,
    status: 'published',
    currentVersion: version.version,
    rowCount: version.rowCount ?? 0,
    columns: (version.columns ?? []).map((c) => ({
      name: c.field,
      type: c.type,
      description: c.description,
    })),
    file: {
      key: version.fileKey ?? version.uploadKey,
      fileName: version.fileName,
      mediaType: 'text/csv',
      sizeBytes: version.sizeBytes ?? 0,
    },
    modifiedAt: now,
  };
}

export function publishVersion(
  dataset: DatasetRecord,
  version: DatasetVersion,
  principal: StaffPrincipal,
  now: string,
): { dataset: DatasetRecord; version: DatasetVersion } {
  assertCanManage(principal, dataset.ownerDepartment);
  if (version.state === 'quarantined') {
    const open = uncoveredFindings(version).map((f) => `${f.column} (${f.pattern})`);
    throw conflict(
      `Version ${version.version} is quarantined: personal data found in ${open.join(', ')}. Upload a cleaned file or record a decision for each column.`,
    );
  }
  if (version.state !== 'ready' && version.state !== 'published') {
    throw conflict(`Version ${version.version} is ${version.state} and cannot be published.`);
  }
  const published: DatasetVersion = {
    ...version,
    state: 'published',
    publishedAt: version.publishedAt ?? now,
    publishedBy: version.publishedBy ?? principal.username,
  };
  return { dataset: withCurrentVersion(dataset, published, now), version: published };
}

/**
 * The owner's words for what each column holds: the data dictionary's descriptions.
 * They document the data and change no value, so they may be written before
 * publication and corrected on a published version (audited); the next version
 * carries them forward with the held schema, so the dictionary does not drift.
 * When `dataset` is given and the version is its current one, the catalog's
 * columns follow.
 */
export function describeColumns(
  dataset: DatasetRecord,
  version: DatasetVersion,
  descriptions: readonly { field: string; description: string }[],
  principal: StaffPrincipal,
  now: string,
): { dataset?: DatasetRecord; version: DatasetVersion } {
  assertCanManage(principal, dataset.ownerDepartment);
  if (!['quarantined', 'ready', 'published'].includes(version.state) || !version.columns) {
    throw conflict(
      `Version ${version.version} is ${version.state}: columns are described once the file is ingested and until it is withdrawn.`,
    );
  }
  const columns = version.columns;
  const unknown = descriptions.filter((d) => !columns.some((c) => c.field === d.field));
  if (unknown.length > 0) {
    throw badRequest(
      `Version ${version.version} has no column ${unknown.map((d) => `"${d.field}"`).join(', ')}. Its columns: ${columns.map((c) => c.field).join(', ')}.`,
    );
  }
  const described: DatasetVersion = {
    ...version,
    columns: columns.map((c) => {
      const given = descriptions.find((d) => d.field === c.field);
      return given ? { ...c, description: given.description.trim() } : c;
    }),
  };
  const isCurrent = version.state === 'published' && dataset.currentVersion === version.version;
  return isCurrent
    ? { dataset: withCurrentVersion(dataset, described, now), version: described }
    : { version: described };
}

/**
 * Takes a published version down (personal data found after publication, a
 * bad file). If it was current, the dataset rolls back to `rollbackTo` or the
 * newest other published version, or leaves the catalog when there is none.
 */
export function withdrawVersion(
  dataset: DatasetRecord,
  versions: readonly DatasetVersion[],
  target: number,
  reason: string,
  principal: StaffPrincipal,
  now: string,
  rollbackTo?: number,
): { dataset: DatasetRecord; withdrawn: DatasetVersion; current?: DatasetVersion } {
  assertCanManage(principal, dataset.ownerDepartment);
  const version = versions.find((v) => v.version === target);
  if (!version || version.state !== 'published') {
    throw conflict(`Version ${target} is not published, so there is nothing to withdraw.`);
  }
  const withdrawn: DatasetVersion = {
    ...version,
    state: 'withdrawn',
    withdrawnAt: now,
    withdrawnBy: principal.username,
    withdrawReason: reason,
  };
  if (dataset.currentVersion !== target) return { dataset: { ...dataset, modifiedAt: now }, withdrawn };
  const candidates = versions
    .filter((v) => v.version !== target && v.state === 'published')
    .sort((a, b) => b.version - a.version);
  const next = rollbackTo === undefined ? candidates[0] : candidates.find((v) => v.version === rollbackTo);
  if (rollbackTo !== undefined && !next) {
    throw conflict(`Version ${rollbackTo} is not a published version to roll back to.`);
  }
  if (!next) return { dataset: { ...dataset, status: 'unpublished', modifiedAt: now }, withdrawn };
  return { dataset: withCurrentVersion(dataset, next, now), withdrawn, current: next };
}

/** The public may read a version only while it is published and the dataset is listed. */
export function isPubliclyReadable(
  dataset: Pick<DatasetRecord, 'status' | 'accessLevel'>,
  version: DatasetVersion,
): boolean {
  return dataset.status === 'published' && dataset.accessLevel === 'public' && version.state === 'published';
}
