import * as z from 'zod/mini';
import { DatasetId } from './datasets';
import { DepartmentId, MultipartCompletionBody, UploadFileName, text } from './common';
import { MAX_DATASET_FILE_BYTES } from '../../domain/upload-limits';
import { schema } from './schema';

export const FieldName = /* @__PURE__ */ schema(() =>
  z
    .string()
    .check(
      z.regex(/^[a-z_][a-z0-9_]{0,63}$/, 'column field names are lowercase letters, digits and underscores'),
    ),
);

export const VersionNumber = /* @__PURE__ */ schema(() =>
  z.coerce.number().check(z.int(), z.minimum(1), z.maximum(999_999)),
);

export const RegisterDatasetBody = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      datasetId: DatasetId,
      title: text(3, 200),
      description: text(10, 5000),
      keywords: z.array(text(1, 64)).check(z.minLength(1), z.maxLength(20)),
      ownerDepartment: DepartmentId,
      contactName: text(2, 200),
      contactEmail: z.email(),
      license: z
        .url()
        .check(z.describe('License URL, e.g. https://creativecommons.org/publicdomain/zero/1.0/')),
      updateFrequency: z
        .string()
        .check(
          z.regex(
            /^R\/P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?)?$|^irregular$/,
            'an ISO 8601 repeating duration like R/P1D, or "irregular"',
          ),
        ),
      accessLevel: z._default(z.enum(['public', 'restricted public', 'non-public']), 'public'),
      primaryKey: z.optional(FieldName),
    })
    .register(z.globalRegistry, { id: 'RegisterDataset' }),
);

export const NewVersionBody = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      fileName: UploadFileName,
      sizeBytes: z.number().check(z.int(), z.minimum(1), z.maximum(MAX_DATASET_FILE_BYTES)),
      sortable: z._default(z.array(FieldName).check(z.maxLength(5)), []),
      acceptBreakingChange: z._default(z.boolean(), false),
    })
    .register(z.globalRegistry, { id: 'NewVersion' }),
);

/** Completing the multipart upload of a dataset CSV. */
export const CompleteUploadBody = MultipartCompletionBody;

export const DecisionsBody = /* @__PURE__ */ schema(() =>
  z.strictObject({
    decisions: z
      .array(
        z.strictObject({
          column: text(1, 200),
          pattern: text(1, 64),
          reason: text(10, 1000, 'Why the law makes this column public, e.g. the statute or record type'),
        }),
      )
      .check(z.minLength(1), z.maxLength(100)),
  }),
);

export const ColumnDescriptionsBody = /* @__PURE__ */ schema(() =>
  z.strictObject({
    descriptions: z
      .array(
        z.strictObject({
          field: text(1, 200),
          description: text(1, 1000, 'What the column holds, in plain words (units, codes, source)'),
        }),
      )
      .check(z.minLength(1), z.maxLength(500)),
  }),
);

export const WithdrawBody = /* @__PURE__ */ schema(() =>
  z.strictObject({
    reason: text(10, 2000),
    rollbackTo: z.optional(z.number().check(z.int(), z.minimum(1))),
  }),
);

export const StaffDatasetParams = /* @__PURE__ */ schema(() => z.strictObject({ datasetId: DatasetId }));
export const StaffVersionParams = /* @__PURE__ */ schema(() =>
  z.strictObject({ datasetId: DatasetId, version: VersionNumber }),
);

const Finding = /* @__PURE__ */ schema(() =>
  z.object({
    column: z.string(),
    pattern: z.string(),
    count: z.number(),
    sampleRows: z.array(z.number()),
  }),
);

export const StaffVersionView = /* @__PURE__ */ schema(() =>
  z
    .object({
      datasetId: z.string(),
      version: z.number(),
      state: z.enum([
        'awaiting-upload',
        'ingesting',
        'failed',
        'quarantined',
        'ready',
        'published',
        'withdrawn',
      ]),
      fileName: z.string(),
      createdAt: z.string(),
      createdBy: z.string(),
      rowCount: z.optional(z.number()),
      sizeBytes: z.optional(z.number()),
      contentSha256: z.optional(z.string()),
      columns: z.optional(
        z.array(
          z.object({
            field: z.string(),
            title: z.string(),
            type: z.string(),
            description: z.string(),
            sortable: z.boolean(),
          }),
        ),
      ),
      findings: z.array(Finding),
      uncoveredFindings: z.array(Finding),
      decisions: z.array(
        z.object({
          column: z.string(),
          pattern: z.string(),
          decision: z.string(),
          reason: z.string(),
          decidedBy: z.string(),
          decidedAt: z.string(),
        }),
      ),
      problems: z.array(
        z.object({
          kind: z.string(),
          message: z.string(),
          count: z.optional(z.number()),
          sampleRows: z.optional(z.array(z.number())),
        }),
      ),
      schemaChanges: z.array(z.object({ kind: z.string(), field: z.string(), breaking: z.boolean() })),
      publishedAt: z.optional(z.string()),
      withdrawnAt: z.optional(z.string()),
      withdrawReason: z.optional(z.string()),
    })
    .register(z.globalRegistry, { id: 'StaffDatasetVersion' }),
);

export const UploadInstructionsView = /* @__PURE__ */ schema(() =>
  z
    .object({
      version: StaffVersionView,
      upload: z.object({
        method: z.enum(['PUT', 'MULTIPART']),
        url: z.optional(z.string()),
        uploadId: z.optional(z.string()),
        partSizeBytes: z.optional(z.number()),
        parts: z.optional(z.array(z.object({ partNumber: z.number(), url: z.string() }))),
        expiresInSeconds: z.number(),
      }),
    })
    .register(z.globalRegistry, { id: 'VersionUpload' }),
);

export const StaffDatasetsQuery = /* @__PURE__ */ schema(() =>
  z.strictObject({
    department: z.optional(DepartmentId),
    cursor: z.optional(z.string().check(z.maxLength(200), z.regex(/^[A-Za-z0-9_-]+$/, 'a nextCursor value'))),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
  }),
);
