/**
 * Publishing use cases for dataset owners: register, upload a version, ingest
 * it behind the personal-data gate, decide on findings, publish, withdraw or
 * roll back. Storage, files and uploads come in as ports; every change is
 * audited in the same write.
 */
import type { Readable } from 'node:stream';
import { badRequest, conflict, notFound } from '../../shared/errors';
import type { StaffPrincipal } from '../../shared/staff';
import { auditEvent, type AuditEvent, type Clock } from '../audit';
import type { ChunkSink } from '../../ingestion/ingest-csv';
import { stagingKey, type DatasetRecord } from './dataset';
import {
  assertCanManage,
  canManageDataset,
  MAX_UPLOAD_BYTES,
  MULTIPART_PART_BYTES,
  MULTIPART_THRESHOLD_BYTES,
  publishVersion,
  describeColumns,
  recordDecisions,
  withdrawVersion,
  type DatasetVersion,
} from './versions';

export interface DatasetRegistryPort {
  getDataset(datasetId: string): Promise<DatasetRecord | undefined>;
  getVersion(datasetId: string, version: number): Promise<DatasetVersion | undefined>;
  listVersions(datasetId: string): Promise<DatasetVersion[]>;
  allocateVersion(datasetId: string): Promise<number>;
  createDataset(record: DatasetRecord, audit: AuditEvent): Promise<boolean>;
  createVersion(version: DatasetVersion, audit: AuditEvent): Promise<void>;
  updateVersion(version: DatasetVersion, expectedState: string, audit: AuditEvent): Promise<void>;
  saveDatasetAndVersions(
    dataset: DatasetRecord,
    previous: DatasetRecord,
    versions: { version: DatasetVersion; expectedState: string }[],
    audit: AuditEvent,
  ): Promise<void>;
}

export interface UploadPort {
  presignPut(key: string, expiresInSeconds: number): Promise<string>;
  /** Copies the uploaded object onto itself, so S3 announces it again (a new ObjectCreated event). */
  announceAgain(key: string): Promise<void>;
  createMultipartUpload(key: string): Promise<string>;
  presignUploadPart(
    key: string,
    uploadId: string,
    partNumber: number,
    expiresInSeconds: number,
  ): Promise<string>;
  completeMultipartUpload(
    key: string,
    uploadId: string,
    parts: { partNumber: number; etag: string }[],
  ): Promise<void>;
}

export interface VersionFilesPort {
  /** The uploaded file as a stream, and its size in bytes. */
  openUpload(key: string): Promise<{ body: Readable; sizeBytes: number }>;
  copy(fromKey: string, toKey: string): Promise<void>;
  /** Writes `manifest.json` under the version's prefix. */
  putManifest(datasetId: string, version: number, manifest: Record<string, unknown>): Promise<void>;
  chunkSink(datasetId: string, version: number): ChunkSink;
}

export const versionSubject = (datasetId: string, version: number) => ({
  type: 'dataset-version' as const,
  id: `${datasetId}/${version}`,
});

export interface DatasetRegistration {
  datasetId: string;
  title: string;
  description: string;
  keywords: string[];
  ownerDepartment: string;
  contactName: string;
  contactEmail: string;
  license: string;
  updateFrequency: string;
  accessLevel: DatasetRecord['accessLevel'];
  primaryKey?: string;
  /** Demonstration data (local sample datasets only). */
  sampleData?: boolean;
}

export async function registerDataset(
  registry: DatasetRegistryPort,
  clock: Clock,
  principal: StaffPrincipal,
  input: DatasetRegistration,
  requestId?: string,
): Promise<DatasetRecord> {
  assertCanManage(principal, input.ownerDepartment);
  const now = clock.now();
  const record: DatasetRecord = {
    ...input,
    keywords: [...new Set(input.keywords.map((k) => k.trim().toLowerCase()).filter(Boolean))],
    status: 'draft',
    currentVersion: 0,
    latestVersion: 0,
    rowCount: 0,
    columns: [],
    createdAt: now,
    modifiedAt: now,
    createdBy: principal.username,
    sampleData: input.sampleData ?? false,
  };
  const created = await registry.createDataset(
    record,
    auditEvent(
      clock,
      principal,
      'dataset.registered',
      { type: 'dataset', id: record.datasetId },
      { title: record.title },
      requestId,
    ),
  );
  if (!created) throw conflict(`A dataset with the id "${input.datasetId}" already exists.`);
  return record;
}

async function managedDataset(registry: DatasetRegistryPort, principal: StaffPrincipal, datasetId: string) {
  const dataset = await registry.getDataset(datasetId);
  if (!dataset) throw notFound(`There is no dataset "${datasetId}".`);
  assertCanManage(principal, dataset.ownerDepartment);
  return dataset;
}

async function existingVersion(registry: DatasetRegistryPort, datasetId: string, version: number) {
  const found = await registry.getVersion(datasetId, version);
  if (!found) throw notFound(`Dataset "${datasetId}" has no version ${version}.`);
  return found;
}

export interface NewVersionRequest {
  fileName: string;
  sizeBytes: number;
  sortable: string[];
  acceptBreakingChange: boolean;
}

export type UploadInstructions =
  | { method: 'PUT'; url: string; expiresInSeconds: number }
  | {
      method: 'MULTIPART';
      uploadId: string;
      partSizeBytes: number;
      parts: { partNumber: number; url: string }[];
      expiresInSeconds: number;
    };

const UPLOAD_LINK_SECONDS = 3600;

export async function startVersionUpload(
  registry: DatasetRegistryPort,
  uploads: UploadPort,
  clock: Clock,
  principal: StaffPrincipal,
  datasetId: string,
  request: NewVersionRequest,
  requestId?: string,
): Promise<{ version: DatasetVersion; upload: UploadInstructions }> {
  await managedDataset(registry, principal, datasetId);
  if (request.sizeBytes > MAX_UPLOAD_BYTES) throw badRequest('Files are limited to 5 GB.');
  const number = await registry.allocateVersion(datasetId);
  const key = stagingKey(datasetId, number);
  const multipart = request.sizeBytes > MULTIPART_THRESHOLD_BYTES;
  const uploadId = multipart ? await uploads.createMultipartUpload(key) : undefined;
  const version: DatasetVersion = {
    datasetId,
    version: number,
    state: 'awaiting-upload',
    fileName: request.fileName,
    uploadKey: key,
    ...(uploadId ? { multipartUploadId: uploadId } : {}),
    sortable: request.sortable,
    acceptBreakingChange: request.acceptBreakingChange,
    createdAt: clock.now(),
    createdBy: principal.username,
    decisions: [],
  };
  await registry.createVersion(
    version,
    auditEvent(
      clock,
      principal,
      'dataset-version.created',
      versionSubject(datasetId, number),
      {
        fileName: request.fileName,
        sizeBytes: request.sizeBytes,
        acceptBreakingChange: request.acceptBreakingChange,
      },
      requestId,
    ),
  );
  if (!uploadId) {
    return {
      version,
      upload: {
        method: 'PUT',
        url: await uploads.presignPut(key, UPLOAD_LINK_SECONDS),
        expiresInSeconds: UPLOAD_LINK_SECONDS,
      },
    };
  }
  const partCount = Math.ceil(request.sizeBytes / MULTIPART_PART_BYTES);
  const parts = await Promise.all(
    Array.from({ length: partCount }, async (_, i) => ({
      partNumber: i + 1,
      url: await uploads.presignUploadPart(key, uploadId, i + 1, UPLOAD_LINK_SECONDS),
    })),
  );
  return {
    version,
    upload: {
      method: 'MULTIPART',
      uploadId,
      partSizeBytes: MULTIPART_PART_BYTES,
      parts,
      expiresInSeconds: UPLOAD_LINK_SECONDS,
    },
  };
}

export async function completeMultipartUpload(
  registry: DatasetRegistryPort,
  uploads: UploadPort,
  principal: StaffPrincipal,
  datasetId: string,
  versionNumber: number,
  parts: { partNumber: number; etag: string }[],
): Promise<void> {
  await managedDataset(registry, principal, datasetId);
  const version = await existingVersion(registry, datasetId, versionNumber);
  if (version.state !== 'awaiting-upload' || !version.multipartUploadId) {
    throw conflict(`Version ${versionNumber} is not waiting for a multipart upload.`);
  }
  await uploads.completeMultipartUpload(version.uploadKey, version.multipartUploadId, parts);
}

/** Past the ingestion Lambda's 15-minute limit, a version still "ingesting" is a run that died. */
export const INGESTION_STUCK_AFTER_MS = 16 * 60_000;

/**
 * Starts ingestion again for a version whose run died (timeout, crash): it
 * goes back to awaiting its upload and the staged file is announced again,
 * which starts a fresh run. A version still inside the time limit is refused.
 */
export async function retryIngestion(
  registry: DatasetRegistryPort,
  uploads: UploadPort,
  clock: Clock,
  principal: StaffPrincipal,
  datasetId: string,
  versionNumber: number,
  requestId?: string,
): Promise<DatasetVersion> {
  await managedDataset(registry, principal, datasetId);
  const version = await existingVersion(registry, datasetId, versionNumber);
  if (version.state !== 'ingesting') {
    throw conflict(`Version ${versionNumber} is ${version.state}; only a stuck ingestion can be restarted.`);
  }
  const started = Date.parse(version.ingestionStartedAt ?? version.createdAt);
  if (Date.parse(clock.now()) - started < INGESTION_STUCK_AFTER_MS) {
    throw conflict(
      `Version ${versionNumber} has been ingesting since ${version.ingestionStartedAt ?? version.createdAt}; give it until ${new Date(started + INGESTION_STUCK_AFTER_MS).toISOString()} before restarting.`,
    );
  }
  const { ingestionStartedAt: _started, ...rest } = version;
  const reset: DatasetVersion = { ...rest, state: 'awaiting-upload' };
  await registry.updateVersion(
    reset,
    'ingesting',
    auditEvent(
      clock,
      principal,
      'dataset-version.ingestion-restarted',
      versionSubject(datasetId, versionNumber),
      { stuckSince: version.ingestionStartedAt ?? null },
      requestId,
    ),
  );
  await uploads.announceAgain(version.uploadKey);
  return reset;
}

export async function decideOnFindings(
  registry: DatasetRegistryPort,
  clock: Clock,
  principal: StaffPrincipal,
  datasetId: string,
  versionNumber: number,
  decisions: { column: string; pattern: string; reason: string }[],
  requestId?: string,
): Promise<DatasetVersion> {
  await managedDataset(registry, principal, datasetId);
  const version = await existingVersion(registry, datasetId, versionNumber);
  const decided = recordDecisions(version, decisions, principal, clock.now());
  await registry.updateVersion(
    decided,
    version.state,
    auditEvent(
      clock,
      principal,
      'dataset-version.personal-data-decided',
      versionSubject(datasetId, versionNumber),
      {
        decisions: decisions.map((d) => ({
          column: d.column,
          pattern: d.pattern,
          decision: 'public-by-law',
          reason: d.reason,
        })),
        state: decided.state,
      },
      requestId,
    ),
  );
  return decided;
}

export async function describeDatasetColumns(
  registry: DatasetRegistryPort,
  clock: Clock,
  principal: StaffPrincipal,
  datasetId: string,
  versionNumber: number,
  descriptions: { field: string; description: string }[],
  requestId?: string,
): Promise<DatasetVersion> {
  const dataset = await managedDataset(registry, principal, datasetId);
  const version = await existingVersion(registry, datasetId, versionNumber);
  const result = describeColumns(dataset, version, descriptions, principal, clock.now());
  const audit = auditEvent(
    clock,
    principal,
    'dataset-version.columns-described',
    versionSubject(datasetId, versionNumber),
    { columns: descriptions.map((d) => d.field) },
    requestId,
  );
  if (result.dataset) {
    await registry.saveDatasetAndVersions(
      result.dataset,
      dataset,
      [{ version: result.version, expectedState: version.state }],
      audit,
    );
  } else {
    await registry.updateVersion(result.version, version.state, audit);
  }
  return result.version;
}

export async function publishDatasetVersion(
  registry: DatasetRegistryPort,
  clock: Clock,
  principal: StaffPrincipal,
  datasetId: string,
  versionNumber: number,
  requestId?: string,
): Promise<{ dataset: DatasetRecord; version: DatasetVersion }> {
  const dataset = await managedDataset(registry, principal, datasetId);
  const version = await existingVersion(registry, datasetId, versionNumber);
  const result = publishVersion(dataset, version, principal, clock.now());
  await registry.saveDatasetAndVersions(
    result.dataset,
    dataset,
    [{ version: result.version, expectedState: version.state }],
    auditEvent(
      clock,
      principal,
      'dataset-version.published',
      versionSubject(datasetId, versionNumber),
      {
        previousCurrentVersion: dataset.currentVersion,
        rowCount: version.rowCount,
        clearedColumns: version.decisions.map((d) => d.column),
      },
      requestId,
    ),
  );
  return result;
}

export async function withdrawDatasetVersion(
  registry: DatasetRegistryPort,
  clock: Clock,
  principal: StaffPrincipal,
  datasetId: string,
  versionNumber: number,
  reason: string,
  rollbackTo?: number,
  requestId?: string,
): Promise<{ dataset: DatasetRecord; withdrawn: DatasetVersion; current?: DatasetVersion }> {
  const dataset = await managedDataset(registry, principal, datasetId);
  const versions = await registry.listVersions(datasetId);
  const result = withdrawVersion(
    dataset,
    versions,
    versionNumber,
    reason,
    principal,
    clock.now(),
    rollbackTo,
  );
  await registry.saveDatasetAndVersions(
    result.dataset,
    dataset,
    [{ version: result.withdrawn, expectedState: 'published' }],
    auditEvent(
      clock,
      principal,
      'dataset-version.withdrawn',
      versionSubject(datasetId, versionNumber),
      {
        reason,
        wasCurrent: dataset.currentVersion === versionNumber,
        nowCurrent: result.dataset.status === 'published' ? result.dataset.currentVersion : null,
        datasetStatus: result.dataset.status,
      },
      requestId,
    ),
  );
  return result;
}

export interface OwnedDatasetsPort {
  listOwnedBy(
    department: string,
    limit: number,
    afterDatasetId?: string,
  ): Promise<{ datasets: Record<string, unknown>[]; lastDatasetId?: string }>;
}

/** A department's datasets in every status (drafts and unpublished too): the owners' working list. */
export async function listDepartmentDatasets(
  store: OwnedDatasetsPort,
  principal: StaffPrincipal,
  query: { department?: string; cursor?: string; limit: number },
) {
  const department = query.department ?? principal.department;
  if (!department) throw badRequest('Name the department whose datasets you want.');
  assertCanManage(principal, department);
  let after: string | undefined;
  if (query.cursor) {
    after = Buffer.from(query.cursor, 'base64url').toString('utf8');
    if (!/^[a-z0-9][a-z0-9-]{1,63}$/.test(after))
      throw badRequest('The cursor is not one this list gave out.');
  }
  const page = await store.listOwnedBy(department, query.limit, after);
  return {
    department,
    datasets: page.datasets,
    ...(page.lastDatasetId ? { nextCursor: Buffer.from(page.lastDatasetId).toString('base64url') } : {}),
  };
}

/** The versions the personal-data gate holds, by state (the registry's work-queue index). */
export interface VersionsInStatePort {
  versionsInState(state: string, limit?: number): Promise<DatasetVersion[]>;
}

/**
 * The quarantined versions this person may act on (their department's datasets; City IT and
 * clerks as `canManageDataset` says), each with its dataset, from the first `limit` the gate
 * holds: the dashboard counts them, the datasets page lists them. `more` when the gate holds
 * `limit` or more.
 */
export async function quarantinedVersionsFor(
  registry: VersionsInStatePort & Pick<DatasetRegistryPort, 'getDataset'>,
  principal: StaffPrincipal,
  limit = 100,
): Promise<{ items: { version: DatasetVersion; dataset: DatasetRecord }[]; more: boolean }> {
  const versions = await registry.versionsInState('quarantined', limit);
  const ids = [...new Set(versions.map((v) => v.datasetId))];
  const datasets = new Map(
    await Promise.all(ids.map(async (id) => [id, await registry.getDataset(id)] as const)),
  );
  const items = versions.flatMap((version) => {
    const dataset = datasets.get(version.datasetId);
    return dataset && canManageDataset(principal, dataset.ownerDepartment) ? [{ version, dataset }] : [];
  });
  return { items, more: versions.length >= limit };
}
