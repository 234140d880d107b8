import type { DatasetRecord } from '../../domain/datasets/dataset';
import type { DatasetVersion } from '../../domain/datasets/versions';
import { datasetDetailView } from '../../api/views/datasets';
import { staffVersionView } from '../../api/views/versions';

export function staffDatasetView(dataset: DatasetRecord, versions: DatasetVersion[], baseUrl: string) {
  return {
    dataset: datasetDetailView(dataset, baseUrl),
    status: dataset.status,
    versions: versions.map(staffVersionView),
  };
}
