import * as z from 'zod/mini';
import { defineRoute } from '../route-types';
import { ErrorResponse } from '../schemas/common';
import { DatasetDetail } from '../schemas/datasets';
import {
  CompleteUploadBody,
  ColumnDescriptionsBody,
  DecisionsBody,
  NewVersionBody,
  RegisterDatasetBody,
  StaffDatasetParams,
  StaffDatasetsQuery,
  StaffVersionParams,
  StaffVersionView,
  UploadInstructionsView,
  WithdrawBody,
} from '../schemas/publishing';
import { schema } from '../schemas/schema';

const AnyJson = /* @__PURE__ */ schema(() => z.record(z.string(), z.unknown()));

// Any staff member may call these; the domain checks they belong to the owning department or City IT.
const DATASET_MANAGERS = { kind: 'staff', roles: ['department-staff', 'it-admin', 'clerk'] } as const;

const StaffDatasetView = /* @__PURE__ */ schema(() =>
  z
    .object({
      dataset: DatasetDetail,
      status: z.enum(['draft', 'published', 'unpublished']),
      versions: z.array(StaffVersionView),
    })
    .register(z.globalRegistry, { id: 'StaffDataset' }),
);

const AuditTrail = /* @__PURE__ */ schema(() =>
  z
    .object({
      events: z.array(
        z.object({
          eventId: z.string(),
          at: z.string(),
          action: z.string(),
          actor: z.record(z.string(), z.unknown()),
          subject: z.object({ type: z.string(), id: z.string() }),
          details: z.record(z.string(), z.unknown()),
          requestId: z.optional(z.string()),
        }),
      ),
    })
    .register(z.globalRegistry, { id: 'AuditTrail' }),
);
export const getDatasetAuditTrail = /* @__PURE__ */ defineRoute({
  operationId: 'getDatasetAuditTrail',
  method: 'GET',
  path: '/v1/staff/datasets/{datasetId}/audit',
  handler: 'publishing/get-audit-trail',
  auth: DATASET_MANAGERS,
  summary: "A dataset's audit trail, newest first",
  description:
    'Every registration, upload, ingestion, personal-data decision, publication and withdrawal, with who and when.',
  tags: ['Publishing'],
  request: { params: StaffDatasetParams },
  responses: { 200: { description: 'The audit trail', schema: AuditTrail } },
  access: { table: 'RO' },
  cacheControl: 'no-store',
});

export const listDepartmentDatasets = /* @__PURE__ */ defineRoute({
  operationId: 'listDepartmentDatasets',
  method: 'GET',
  path: '/v1/staff/datasets',
  handler: 'publishing/list-department-datasets',
  auth: DATASET_MANAGERS,
  summary: 'A department’s datasets in every status (default: your department)',
  tags: ['Publishing'],
  request: { query: StaffDatasetsQuery },
  responses: { 200: { description: 'A page of datasets', schema: AnyJson } },
  access: { table: 'RO' },
  cacheControl: 'no-store',
});

export const registerDataset = /* @__PURE__ */ defineRoute({
  operationId: 'registerDataset',
  method: 'POST',
  path: '/v1/staff/datasets',
  handler: 'publishing/register-dataset',
  auth: DATASET_MANAGERS,
  summary: 'Register a dataset (draft)',
  description:
    'Staff of the owning department (or City IT) register a dataset; it stays a draft until a version is published.',
  tags: ['Publishing'],
  request: { body: RegisterDatasetBody },
  responses: { 201: { description: 'Registered', schema: StaffDatasetView } },
  access: { table: 'RW' },
  cacheControl: 'no-store',
});

export const getStaffDataset = /* @__PURE__ */ defineRoute({
  operationId: 'getStaffDataset',
  method: 'GET',
  path: '/v1/staff/datasets/{datasetId}',
  handler: 'publishing/get-dataset',
  auth: DATASET_MANAGERS,
  summary: 'A dataset with all its versions (staff)',
  tags: ['Publishing'],
  request: { params: StaffDatasetParams },
  responses: { 200: { description: 'The dataset', schema: StaffDatasetView } },
  access: { table: 'RO' },
  cacheControl: 'no-store',
});

export const createDatasetVersion = /* @__PURE__ */ defineRoute({
  operationId: 'createDatasetVersion',
  method: 'POST',
  path: '/v1/staff/datasets/{datasetId}/versions',
  handler: 'publishing/create-version',
  auth: DATASET_MANAGERS,
  summary: 'Start a new version: get upload URLs',
  description:
    'Answers with a presigned PUT URL, or presigned part URLs for a multipart upload above 100 MB. When the file lands, ingestion reads it: types, the personal-data gate, row pages.',
  tags: ['Publishing'],
  request: { params: StaffDatasetParams, body: NewVersionBody },
  responses: { 201: { description: 'Upload instructions', schema: UploadInstructionsView } },
  access: { table: 'RW', datasetsBucket: 'RW' },
  cacheControl: 'no-store',
});

export const completeVersionUpload = /* @__PURE__ */ defineRoute({
  operationId: 'completeVersionUpload',
  method: 'POST',
  path: '/v1/staff/datasets/{datasetId}/versions/{version}/upload-complete',
  handler: 'publishing/complete-upload',
  auth: DATASET_MANAGERS,
  summary: 'Finish a multipart upload',
  tags: ['Publishing'],
  request: { params: StaffVersionParams, body: CompleteUploadBody },
  responses: { 202: { description: 'The file is assembled; ingestion starts' } },
  access: { table: 'RO', datasetsBucket: 'RW' },
  cacheControl: 'no-store',
});

export const retryIngestion = /* @__PURE__ */ defineRoute({
  operationId: 'retryIngestion',
  method: 'POST',
  path: '/v1/staff/datasets/{datasetId}/versions/{version}/retry-ingestion',
  handler: 'publishing/retry-ingestion',
  auth: DATASET_MANAGERS,
  summary: 'Restart an ingestion that died (still "ingesting" after the 15-minute limit)',
  tags: ['Publishing'],
  request: { params: StaffVersionParams },
  responses: {
    202: { description: 'Ingestion starts again', schema: StaffVersionView },
    409: { description: 'Not stuck (yet)', schema: ErrorResponse },
  },
  access: { table: 'RW', datasetsBucket: 'RW' },
  cacheControl: 'no-store',
});

export const getDatasetVersion = /* @__PURE__ */ defineRoute({
  operationId: 'getDatasetVersion',
  method: 'GET',
  path: '/v1/staff/datasets/{datasetId}/versions/{version}',
  handler: 'publishing/get-version',
  auth: DATASET_MANAGERS,
  summary: 'A version with its ingestion report and personal-data findings',
  tags: ['Publishing'],
  request: { params: StaffVersionParams },
  responses: { 200: { description: 'The version', schema: StaffVersionView } },
  access: { table: 'RO' },
  cacheControl: 'no-store',
});

export const decidePersonalData = /* @__PURE__ */ defineRoute({
  operationId: 'decidePersonalData',
  method: 'POST',
  path: '/v1/staff/datasets/{datasetId}/versions/{version}/personal-data-decisions',
  handler: 'publishing/decide-findings',
  auth: DATASET_MANAGERS,
  summary: 'Record "public by law" decisions on personal-data findings',
  tags: ['Publishing'],
  request: { params: StaffVersionParams, body: DecisionsBody },
  responses: { 200: { description: 'The version after the decisions', schema: StaffVersionView } },
  access: { table: 'RW' },
  cacheControl: 'no-store',
});

export const describeDatasetColumns = /* @__PURE__ */ defineRoute({
  operationId: 'describeDatasetColumns',
  method: 'POST',
  path: '/v1/staff/datasets/{datasetId}/versions/{version}/column-descriptions',
  handler: 'publishing/describe-columns',
  auth: DATASET_MANAGERS,
  summary: 'Describe columns for the data dictionary',
  description:
    'What each column holds, for the data dictionary (`GET /v1/datasets/{id}/dictionary`). Allowed once the file is ingested (quarantined, ready) and on a published version; the current version updates the catalog at once. The next version carries the descriptions forward.',
  tags: ['Publishing'],
  request: { params: StaffVersionParams, body: ColumnDescriptionsBody },
  responses: { 200: { description: 'The version with its descriptions', schema: StaffVersionView } },
  access: { table: 'RW' },
  cacheControl: 'no-store',
});

export const publishDatasetVersion = /* @__PURE__ */ defineRoute({
  operationId: 'publishDatasetVersion',
  method: 'POST',
  path: '/v1/staff/datasets/{datasetId}/versions/{version}/publish',
  handler: 'publishing/publish-version',
  auth: DATASET_MANAGERS,
  summary: 'Publish a version (it becomes the current one)',
  tags: ['Publishing'],
  request: { params: StaffVersionParams },
  responses: { 200: { description: 'Published', schema: StaffVersionView } },
  access: { table: 'RW' },
  cacheControl: 'no-store',
});

export const withdrawDatasetVersion = /* @__PURE__ */ defineRoute({
  operationId: 'withdrawDatasetVersion',
  method: 'POST',
  path: '/v1/staff/datasets/{datasetId}/versions/{version}/withdraw',
  handler: 'publishing/withdraw-version',
  auth: DATASET_MANAGERS,
  summary: 'Withdraw a published version, rolling back to an earlier one',
  description:
    'For personal data found after publication: the version disappears from the public at once; the dataset rolls back to `rollbackTo` or the newest other published version, or leaves the catalog.',
  tags: ['Publishing'],
  request: { params: StaffVersionParams, body: WithdrawBody },
  responses: { 200: { description: 'Withdrawn', schema: StaffVersionView } },
  access: { table: 'RW' },
  cacheControl: 'no-store',
});

/** Every route of this module, for the route table (lambdas/api/routes.ts). */
export const publishingRoutes = {
  getDatasetAuditTrail,
  listDepartmentDatasets,
  registerDataset,
  getStaffDataset,
  createDatasetVersion,
  completeVersionUpload,
  retryIngestion,
  getDatasetVersion,
  decidePersonalData,
  describeDatasetColumns,
  publishDatasetVersion,
  withdrawDatasetVersion,
};
