import { z } from 'zod';
import { Cursor, DepartmentId, PageLimit } from './common';
import { DATASET_ID_PATTERN } from '../../domain/datasets/dataset';

export const DatasetId = z
  .string()
  .regex(DATASET_ID_PATTERN, 'dataset ids are 3-64 lowercase letters, digits and hyphens')
  .describe('Dataset id, e.g. `building-permits`');

export const ColumnType = z.enum(['text', 'integer', 'number', 'boolean', 'date', 'datetime']);

export const DatasetColumn = z
  .object({
    name: z.string(),
    type: ColumnType,
    description: z.string(),
  })
  .meta({ id: 'DatasetColumn' });

export const DatasetSummary = z
  .object({
    datasetId: DatasetId,
    title: z.string(),
    description: z.string(),
    keywords: z.array(z.string()),
    ownerDepartment: z.object({ id: z.string(), name: z.string() }),
    lastModified: z.string().describe('ISO 8601 instant of the current version'),
    sampleData: z.boolean().describe('True for demonstration data that is not real city data.'),
    links: z.object({ self: z.string(), download: z.string() }),
  })
  .meta({ id: 'DatasetSummary' });

export const DatasetDetail = DatasetSummary.extend({
  contactPoint: z.object({ name: z.string(), email: z.string() }),
  license: z.string(),
  updateFrequency: z.string(),
  accessLevel: z.enum(['public', 'restricted public', 'non-public']),
  currentVersion: z.number().int(),
  rowCount: z.number().int(),
  file: z.object({ mediaType: z.string(), sizeBytes: z.number().int(), fileName: z.string() }),
  columns: z.array(DatasetColumn),
}).meta({ id: 'DatasetDetail' });

export const ListDatasetsQuery = z.strictObject({
  department: DepartmentId.optional(),
  keyword: z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9 -]*$/, 'keywords are letters, digits, spaces and hyphens')
    .optional(),
  limit: PageLimit,
  cursor: Cursor.optional(),
});

export const DatasetCatalogPage = z
  .object({
    items: z.array(DatasetSummary),
    nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page.'),
  })
  .meta({ id: 'DatasetCatalogPage' });

export const DatasetPathParams = z.strictObject({ datasetId: DatasetId });
