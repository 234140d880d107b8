import { defineRoute } from '../route-types';
import {
  DatasetCatalogPage,
  DatasetDetail,
  DatasetPathParams,
  DownloadQuery,
  ListDatasetsQuery,
} from '../schemas/datasets';
export const listDatasets = /* @__PURE__ */ defineRoute({
  operationId: 'listDatasets',
  method: 'GET',
  path: '/v1/datasets',
  handler: 'datasets/list-datasets',
  auth: { kind: 'public' },
  summary: 'Dataset catalog',
  description:
    'Published datasets, ordered by id, in pages. Filter by owning department and keyword. Pass `nextCursor` back as `cursor` for the next page.',
  tags: ['Datasets'],
  request: { query: ListDatasetsQuery },
  responses: { 200: { description: 'A page of the catalog', schema: DatasetCatalogPage } },
  access: { table: 'RO' },
  cacheControl: 'public, max-age=60',
});

export const getDataset = /* @__PURE__ */ defineRoute({
  operationId: 'getDataset',
  method: 'GET',
  path: '/v1/datasets/{datasetId}',
  handler: 'datasets/get-dataset',
  auth: { kind: 'public' },
  summary: 'Dataset metadata',
  description:
    'Metadata of one published dataset: owner department, contact, license, columns, current version.',
  tags: ['Datasets'],
  request: { params: DatasetPathParams },
  responses: { 200: { description: 'The dataset', schema: DatasetDetail } },
  access: { table: 'RO' },
  cacheControl: 'public, max-age=60',
});

export const downloadDataset = /* @__PURE__ */ defineRoute({
  operationId: 'downloadDataset',
  method: 'GET',
  path: '/v1/datasets/{datasetId}/download',
  handler: 'datasets/download-dataset',
  auth: { kind: 'api-key' },
  summary: 'Download the current file of a dataset',
  description:
    'Redirects (302) to a short-lived signed URL of the dataset file. Follow the redirect with any HTTP client (`curl -L`).',
  tags: ['Datasets'],
  request: { params: DatasetPathParams, query: DownloadQuery },
  responses: {
    302: {
      description: 'Redirect to the file',
      headers: { Location: 'Signed URL of the file, valid 5 minutes' },
    },
  },
  access: { table: 'RW', datasetsBucket: 'RO' },
  cacheControl: 'no-store',
});

/** Every route of this module, for the route table (lambdas/api/routes.ts). */
export const datasetRoutes = { listDatasets, getDataset, downloadDataset };
