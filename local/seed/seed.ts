/**
 * Publishes the sample datasets through the real publishing path: register,
 * upload through a presigned PUT, ingest (types, personal-data gate, row
 * chunks), publish. A dataset that already exists (a second `npm start` on
 * persisted data) is left as it is.
 */
import type { DynamoDatasetRegistry } from '../../lambdas/adapters/dataset-registry';
import type { UploadPort, VersionFilesPort } from '../../lambdas/domain/datasets/publishing';
import { ingestUploadedVersion } from '../../lambdas/domain/datasets/ingest-version';
import {
  describeDatasetColumns,
  publishDatasetVersion,
  registerDataset,
  startVersionUpload,
} from '../../lambdas/domain/datasets/publishing';
import type { PersonalDataScanner } from '../../lambdas/domain/personal-data/scanner';
import { systemClock } from '../../lambdas/shared/clock';
import type { StaffPrincipal } from '../../lambdas/shared/staff';
import { SAMPLE_DATASETS, toCsv } from './sample-datasets';

const SEEDER: StaffPrincipal = { userId: 'local-seed', username: 'sample-data-seed', roles: ['it-admin'] };

export interface SeedDeps {
  registry: DynamoDatasetRegistry;
  uploads: UploadPort;
  files: VersionFilesPort;
  createScanner: (columns: readonly string[]) => PersonalDataScanner;
}

export async function seedSampleDatasets(deps: SeedDeps): Promise<string[]> {
  const seeded: string[] = [];
  for (const sample of SAMPLE_DATASETS) {
    const { datasetId } = sample.record;
    if (await deps.registry.getDataset(datasetId)) continue;
    const { columns, sortable, ...registration } = sample.record;
    await registerDataset(deps.registry, systemClock, SEEDER, { ...registration, sampleData: true });
    const csv = toCsv(
      columns.map((c) => c.name),
      sample.rows,
    );
    const { version, upload } = await startVersionUpload(
      deps.registry,
      deps.uploads,
      systemClock,
      SEEDER,
      datasetId,
      {
        fileName: `${datasetId}.csv`,
        sizeBytes: Buffer.byteLength(csv),
        sortable,
        acceptBreakingChange: false,
      },
    );
    if (upload.method !== 'PUT') throw new Error('sample files are small enough for one PUT');
    const put = await fetch(upload.url, { method: 'PUT', body: csv });
    if (!put.ok) throw new Error(`Uploading the sample ${datasetId} failed: ${put.status}`);
    const ingested = await ingestUploadedVersion(
      deps.registry,
      deps.files,
      deps.createScanner,
      systemClock,
      datasetId,
      version.version,
    );
    if (ingested?.state !== 'ready') {
      throw new Error(
        `The sample ${datasetId} did not pass ingestion: ${JSON.stringify(ingested?.problems ?? ingested?.findings)}`,
      );
    }
    // The dictionary's words, as an owner would write them before publishing.
    await describeDatasetColumns(
      deps.registry,
      systemClock,
      SEEDER,
      datasetId,
      version.version,
      columns.filter((c) => c.description).map((c) => ({ field: c.name, description: c.description })),
    );
    await publishDatasetVersion(deps.registry, systemClock, SEEDER, datasetId, version.version);
    seeded.push(datasetId);
  }
  return seeded;
}
