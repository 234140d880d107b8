import * as z from 'zod/mini';
import { Cursor } from './common';
import { DatasetId, VersionQueryParam } from './datasets';
import { schema } from './schema';

export const DatasetVersionsPage = /* @__PURE__ */ schema(() =>
  z
    .object({
      datasetId: z.string(),
      currentVersion: z.number(),
      versions: z.array(
        z.object({
          version: z.number(),
          state: z.enum(['published', 'withdrawn']),
          rowCount: z.number(),
          publishedAt: z.optional(z.string()),
          withdrawnAt: z.optional(z.string()),
          contentSha256: z.optional(z.string()),
          links: z.object({
            rows: z.optional(z.string()),
            download: z.optional(z.string()),
            dictionary: z.optional(z.string()),
          }),
        }),
      ),
    })
    .register(z.globalRegistry, { id: 'DatasetVersions' }),
);

export const DictionaryQuery = /* @__PURE__ */ schema(() => z.strictObject({ version: VersionQueryParam }));

export const DataDictionaryDocument = /* @__PURE__ */ schema(() =>
  z
    .record(z.string(), z.unknown())
    .check(
      z.describe('Frictionless Table Schema of the version, with personal-data gate clearances per field'),
    ),
);

export const DcatCatalogDocument = /* @__PURE__ */ schema(() =>
  z.record(z.string(), z.unknown()).check(z.describe('DCAT-US 1.1 catalog (Project Open Data data.json)')),
);

export const RowsQuery = /* @__PURE__ */ schema(() =>
  z.strictObject({
    select: z.optional(
      z.string().check(z.maxLength(2000), z.describe('Comma-separated columns, e.g. `ward,days_to_repair`')),
    ),
    where: z.optional(
      z
        .string()
        .check(
          z.maxLength(2000),
          z.describe('Filter, e.g. `ward = 3 and days_to_repair > 7` (see docs/query-language.md)'),
        ),
    ),
    order: z.optional(
      z.string().check(z.maxLength(200), z.describe('A sortable column, optionally `asc` or `desc`')),
    ),
    limit: z._default(
      z.coerce.number().check(z.int(), z.minimum(1), z.maximum(5000), z.describe('Rows per page (1-5000)')),
      100,
    ),
    cursor: z.optional(Cursor),
    version: VersionQueryParam,
    format: z.optional(z.enum(['json', 'csv'])),
  }),
);

export const RowsPage = /* @__PURE__ */ schema(() =>
  z
    .object({
      datasetId: DatasetId,
      version: z.number(),
      totalRows: z.number().check(z.describe("Rows in the version (not the filter's matches)")),
      columns: z.array(z.object({ field: z.string(), type: z.string() })),
      rows: z.array(z.record(z.string(), z.unknown())),
      nextCursor: z.nullable(z.string()),
      scannedRows: z.number(),
      scanBudgetExhausted: z
        .boolean()
        .check(
          z.describe(
            'True when a filtered read stopped at its scan budget: follow nextCursor for more matches',
          ),
        ),
    })
    .register(z.globalRegistry, { id: 'RowsPage' }),
);

export const ChangesQuery = /* @__PURE__ */ schema(() =>
  z.strictObject({
    since: z.coerce.number().check(z.int(), z.minimum(1), z.describe('The earlier published version')),
    version: VersionQueryParam,
    limit: z._default(
      z.coerce
        .number()
        .check(z.int(), z.minimum(1), z.maximum(1000), z.describe('Changes per page (1-1000)')),
      100,
    ),
    cursor: z.optional(Cursor),
  }),
);

export const ChangesPage = /* @__PURE__ */ schema(() =>
  z
    .object({
      datasetId: z.string(),
      since: z.number(),
      version: z.number(),
      keyedBy: z
        .string()
        .check(z.describe('The primary-key column, or row-content when the dataset declares none')),
      changes: z.array(
        z.object({
          change: z.enum(['added', 'changed', 'removed']),
          key: z.unknown(),
          row: z.record(z.string(), z.unknown()),
        }),
      ),
      nextCursor: z.nullable(z.string()),
      scannedRows: z.number(),
    })
    .register(z.globalRegistry, { id: 'ChangesPage' }),
);
