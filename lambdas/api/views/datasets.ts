import type { output } from 'zod/v4/core';
import type { DatasetDetail, DatasetSummary } from '../schemas/datasets';
import type { DatasetRecord } from '../../domain/datasets/dataset';
import { departmentView } from '../../domain/datasets/catalog';

export function datasetSummaryView(d: DatasetRecord, baseUrl: string): output<typeof DatasetSummary> {
  return {
    datasetId: d.datasetId,
    title: d.title,
    description: d.description,
    keywords: d.keywords,
    ownerDepartment: departmentView(d.ownerDepartment),
    lastModified: d.modifiedAt,
    sampleData: d.sampleData,
    links: {
      self: `${baseUrl}/v1/datasets/${d.datasetId}`,
      download: `${baseUrl}/v1/datasets/${d.datasetId}/download`,
    },
  };
}

export function datasetDetailView(d: DatasetRecord, baseUrl: string): output<typeof DatasetDetail> {
  return {
    ...datasetSummaryView(d, baseUrl),
    contactPoint: { name: d.contactName, email: d.contactEmail },
    license: d.license,
    updateFrequency: d.updateFrequency,
    accessLevel: d.accessLevel,
    currentVersion: d.currentVersion,
    rowCount: d.rowCount,
    file: {
      mediaType: d.file?.mediaType ?? 'text/csv',
      sizeBytes: d.file?.sizeBytes ?? 0,
      fileName: d.file?.fileName ?? `${d.datasetId}.csv`,
    },
    columns: d.columns,
  };
}
