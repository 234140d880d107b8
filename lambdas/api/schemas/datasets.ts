import * as z from 'zod/mini';
import { Cursor, DepartmentId, PageLimit } from './common';
import { DATASET_ID_PATTERN } from '../../domain/datasets/dataset';
import { schema } from './schema';

export const DatasetId = /* @__PURE__ */ schema(() =>
  z
    .string()
    .check(
      z.regex(DATASET_ID_PATTERN, 'dataset ids are 3-64 lowercase letters, digits and hyphens'),
      z.describe('Dataset id, e.g. `building-permits`'),
    ),
);

export const ColumnType = /* @__PURE__ */ schema(() =>
  z.enum(['text', 'integer', 'number', 'boolean', 'date', 'datetime']),
);

export const DatasetColumn = /* @__PURE__ */ schema(() =>
  z
    .object({ name: z.string(), type: ColumnType, description: z.string() })
    .register(z.globalRegistry, { id: 'DatasetColumn' }),
);

const summaryShape = /* @__PURE__ */ schema(() => ({
  datasetId: DatasetId,
  title: z.string(),
  description: z.string(),
  keywords: z.array(z.string()),
  ownerDepartment: z.object({ id: z.string(), name: z.string() }),
  lastModified: z.string().check(z.describe('ISO 8601 instant of the current version')),
  sampleData: z.boolean().check(z.describe('True for demonstration data that is not real city data.')),
  links: z.object({ self: z.string(), download: z.string() }),
}));

export const DatasetSummary = /* @__PURE__ */ schema(() =>
  z.object(summaryShape).register(z.globalRegistry, { id: 'DatasetSummary' }),
);

export const DatasetDetail = /* @__PURE__ */ schema(() =>
  z
    .object({
      ...summaryShape,
      contactPoint: z.object({ name: z.string(), email: z.string() }),
      license: z.string(),
      updateFrequency: z.string().check(z.describe('ISO 8601 repeating duration, e.g. R/P1D for daily')),
      accessLevel: z.enum(['public', 'restricted public', 'non-public']),
      currentVersion: z.number().check(z.int()),
      rowCount: z.number().check(z.int()),
      file: z.object({ mediaType: z.string(), sizeBytes: z.number().check(z.int()), fileName: z.string() }),
      columns: z.array(DatasetColumn),
    })
    .register(z.globalRegistry, { id: 'DatasetDetail' }),
);

export const ListDatasetsQuery = /* @__PURE__ */ schema(() =>
  z.strictObject({
    department: z.optional(DepartmentId),
    keyword: z.optional(
      z
        .string()
        .check(
          z.trim(),
          z.minLength(1),
          z.maxLength(100),
          z.describe('Search words, matched against the words of titles and keywords'),
        ),
    ),
    tag: z.optional(
      z
        .string()
        .check(
          z.trim(),
          z.toLowerCase(),
          z.minLength(1),
          z.maxLength(64),
          z.regex(/^[a-z0-9][a-z0-9 -]*$/, 'tags are letters, digits, spaces and hyphens'),
          z.describe('An exact keyword (tag) of the dataset'),
        ),
    ),
    modifiedSince: z.optional(
      z.string().check(
        z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-01-31'),
        z.refine((v) => !Number.isNaN(Date.parse(v)), 'a real calendar date'),
        z.describe('Only datasets modified on or after this date (YYYY-MM-DD)'),
      ),
    ),
    limit: PageLimit,
    cursor: z.optional(Cursor),
  }),
);

export const DatasetCatalogPage = /* @__PURE__ */ schema(() =>
  z
    .object({
      items: z.array(DatasetSummary),
      nextCursor: z
        .nullable(z.string())
        .check(z.describe('Pass as `cursor` to get the next page; null on the last page.')),
    })
    .register(z.globalRegistry, { id: 'DatasetCatalogPage' }),
);

export const DatasetPathParams = /* @__PURE__ */ schema(() => z.strictObject({ datasetId: DatasetId }));

export const VersionQueryParam = /* @__PURE__ */ schema(() =>
  z.optional(
    z.coerce
      .number()
      .check(
        z.int(),
        z.minimum(1),
        z.maximum(999_999),
        z.describe('A published version; the current one when absent'),
      ),
  ),
);

export const DownloadQuery = /* @__PURE__ */ schema(() => z.strictObject({ version: VersionQueryParam }));
