/**
 * Reading an uploaded file into a version: the ingestion Lambda's use case,
 * kept apart from the staff routes' use cases so their bundles do not carry
 * the CSV parser and the sorter.
 */
import { ingestCsv } from '../../ingestion/ingest-csv';
import type { PersonalDataScanner } from '../personal-data/scanner';
import { datasetFileKey } from './dataset';
import { auditEvent, type Clock } from '../audit';
import { versionSubject, type DatasetRegistryPort, type VersionFilesPort } from './publishing';
import { parsesOnThread, ROW_CHUNKING, stateAfterIngestion, type DatasetVersion } from './versions';

/**
 * Reads an uploaded file into a version. Runs on the upload's S3 event; a
 * repeated event for a version already taken is ignored.
 */
export async function ingestUploadedVersion(
  registry: DatasetRegistryPort,
  files: VersionFilesPort,
  createScanner: (columns: readonly string[]) => PersonalDataScanner,
  clock: Clock,
  datasetId: string,
  versionNumber: number,
): Promise<DatasetVersion | undefined> {
  const system = { system: 'ingestion' };
  const dataset = await registry.getDataset(datasetId);
  const version = await registry.getVersion(datasetId, versionNumber);
  if (!dataset || !version || version.state !== 'awaiting-upload') return undefined;
  const subject = versionSubject(datasetId, versionNumber);
  const ingesting: DatasetVersion = { ...version, state: 'ingesting', ingestionStartedAt: clock.now() };
  await registry.updateVersion(
    ingesting,
    'awaiting-upload',
    auditEvent(clock, system, 'dataset-version.ingestion-started', subject, {}),
  );

  let heldColumns;
  if (dataset.currentVersion > 0) {
    heldColumns = (await registry.getVersion(datasetId, dataset.currentVersion))?.columns;
  }
  try {
    const upload = await files.openUpload(version.uploadKey);
    const result = await ingestCsv(upload.body, files.chunkSink(datasetId, versionNumber), {
      ...(heldColumns ? { heldColumns } : {}),
      sortable: version.sortable,
      ...(dataset.primaryKey ? { primaryKey: dataset.primaryKey } : {}),
      ...ROW_CHUNKING,
      createScanner,
      parseThread: parsesOnThread(upload.sizeBytes),
    });
    const fileKey = datasetFileKey(
      datasetId,
      versionNumber,
      version.fileName.replace(/[^A-Za-z0-9._-]/g, '_'),
    );
    if (result.problems.length === 0) await files.copy(version.uploadKey, fileKey);
    const state = stateAfterIngestion(version, {
      problems: result.problems,
      schemaChanges: result.schemaChanges,
      findings: result.findings,
    });
    const done: DatasetVersion = {
      ...ingesting,
      state,
      fileKey,
      // A file refused before it was read to its end (too many columns) has the upload's size.
      sizeBytes: result.sizeBytes || upload.sizeBytes,
      contentSha256: result.contentSha256,
      rowCount: result.rowCount,
      columns: result.columns,
      chunkRows: ROW_CHUNKING.chunkRows,
      chunkCount: result.chunkCount,
      orders: result.orders,
      ...(result.changeIndex ? { changeIndex: result.changeIndex } : {}),
      findings: result.findings,
      schemaChanges: result.schemaChanges,
      problems: result.problems,
      ingestedAt: clock.now(),
    };
    if (result.problems.length === 0) {
      // The version's own description travels with its files: what a copy of the prefix needs to be read.
      await files.putManifest(datasetId, versionNumber, {
        datasetId,
        version: versionNumber,
        fileName: version.fileName,
        fileKey,
        sizeBytes: result.sizeBytes,
        contentSha256: result.contentSha256,
        rowCount: result.rowCount,
        columns: result.columns,
        chunkRows: ROW_CHUNKING.chunkRows,
        chunkCount: result.chunkCount,
        orders: result.orders,
        ...(result.changeIndex ? { changeIndex: result.changeIndex } : {}),
        createdAt: version.createdAt,
        createdBy: version.createdBy,
        ingestedAt: done.ingestedAt,
      });
    }
    await registry.updateVersion(
      done,
      'ingesting',
      auditEvent(clock, system, 'dataset-version.ingested', subject, {
        state,
        rowCount: result.rowCount,
        problems: result.problems.map((p) => p.kind),
        findings: result.findings.map((f) => ({ column: f.column, pattern: f.pattern, count: f.count })),
        breakingChanges: result.schemaChanges.filter((c) => c.breaking).length,
      }),
    );
    return done;
  } catch (err) {
    const failed: DatasetVersion = {
      ...ingesting,
      state: 'failed',
      problems: [
        {
          kind: 'internal',
          message: 'Reading the file failed unexpectedly. Upload it again as a new version.',
        },
      ],
      ingestedAt: clock.now(),
    };
    await registry.updateVersion(
      failed,
      'ingesting',
      auditEvent(clock, system, 'dataset-version.ingestion-failed', subject, {}),
    );
    throw err;
  }
}
