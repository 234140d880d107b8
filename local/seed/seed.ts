import type { DynamoDatasetCatalogStore } from '../../lambdas/adapters/dataset-catalog-store';
import type { S3DatasetFileWriter } from '../../lambdas/adapters/dataset-file-store';
import { datasetFileKey } from '../../lambdas/domain/datasets/dataset';
import { SAMPLE_DATASETS, toCsv } from './sample-datasets';

const SEEDED_AT = '2026-11-02T14:00:00.000Z';

/**
 * Publishes the sample datasets once. A dataset that already exists (a second
 * `npm start` on persisted data) is left as it is.
 */
export async function seedSampleDatasets(
  catalog: DynamoDatasetCatalogStore,
  files: S3DatasetFileWriter,
): Promise<string[]> {
  const seeded: string[] = [];
  for (const sample of SAMPLE_DATASETS) {
    if (await catalog.getDataset(sample.record.datasetId)) continue;
    const fileName = `${sample.record.datasetId}.csv`;
    const key = datasetFileKey(sample.record.datasetId, 1, fileName);
    const csv = toCsv(
      sample.record.columns.map((c) => c.name),
      sample.rows,
    );
    await files.putFile(key, csv, 'text/csv; charset=utf-8');
    await catalog.saveDataset({
      ...sample.record,
      status: 'published',
      currentVersion: 1,
      rowCount: sample.rows.length,
      file: { key, fileName, mediaType: 'text/csv', sizeBytes: Buffer.byteLength(csv) },
      createdAt: SEEDED_AT,
      modifiedAt: SEEDED_AT,
      sampleData: true,
    });
    seeded.push(sample.record.datasetId);
  }
  return seeded;
}
