import { defineRoute } from '../route-types';
import { DatasetPathParams } from '../schemas/datasets';
import {
  ChangesPage,
  ChangesQuery,
  DataDictionaryDocument,
  DatasetVersionsPage,
  DcatCatalogDocument,
  DictionaryQuery,
  RowsPage,
  RowsQuery,
} from '../schemas/open-data';
export const getRows = /* @__PURE__ */ defineRoute({
  operationId: 'getRows',
  method: 'GET',
  path: '/v1/datasets/{datasetId}/rows',
  handler: 'open-data/get-rows',
  auth: { kind: 'api-key' },
  summary: 'Rows of a dataset: filter, select, order, page',
  description:
    'JSON by default; CSV with `format=csv` or `Accept: text/csv`. Pages continue with `cursor` and cost the same at any depth. A filtered request reads at most 50,000 rows and then answers with what it found and a cursor to go on. ETag / If-None-Match supported.',
  tags: ['Datasets'],
  request: { params: DatasetPathParams, query: RowsQuery },
  responses: {
    200: { description: 'A page of rows', schema: RowsPage },
    304: { description: 'Not modified (If-None-Match)' },
  },
  access: { table: 'RW', datasetsBucket: 'RO' },
  cacheControl: 'public, max-age=300',
});

export const getChanges = /* @__PURE__ */ defineRoute({
  operationId: 'getChanges',
  method: 'GET',
  path: '/v1/datasets/{datasetId}/changes',
  handler: 'open-data/get-changes',
  auth: { kind: 'api-key' },
  summary: 'Rows added, changed and removed between two versions',
  description:
    'Rows are matched by the dataset primary key, or by their whole content when it declares none. Pages continue with `cursor`; each request reads a bounded number of rows.',
  tags: ['Datasets'],
  request: { params: DatasetPathParams, query: ChangesQuery },
  responses: { 200: { description: 'A page of changes', schema: ChangesPage } },
  access: { table: 'RW', datasetsBucket: 'RO' },
  cacheControl: 'public, max-age=300',
});

export const listDatasetVersions = /* @__PURE__ */ defineRoute({
  operationId: 'listDatasetVersions',
  method: 'GET',
  path: '/v1/datasets/{datasetId}/versions',
  handler: 'open-data/list-versions',
  auth: { kind: 'public' },
  summary: 'Published versions of a dataset',
  description:
    'Every published version stays readable with `version=`; withdrawn versions are listed without their data.',
  tags: ['Datasets'],
  request: { params: DatasetPathParams },
  responses: { 200: { description: 'The versions, newest first', schema: DatasetVersionsPage } },
  access: { table: 'RO' },
  cacheControl: 'public, max-age=60',
});

export const getDataDictionary = /* @__PURE__ */ defineRoute({
  operationId: 'getDataDictionary',
  method: 'GET',
  path: '/v1/datasets/{datasetId}/dictionary',
  handler: 'open-data/get-dictionary',
  auth: { kind: 'public' },
  summary: 'Data dictionary of a version',
  description:
    'Columns with type, description, whether they are sortable, and whether the personal-data gate cleared them (with the reason). Frictionless Table Schema.',
  tags: ['Datasets'],
  request: { params: DatasetPathParams, query: DictionaryQuery },
  responses: { 200: { description: 'The dictionary', schema: DataDictionaryDocument } },
  access: { table: 'RO' },
  cacheControl: 'public, max-age=300',
});

export const getDataJson = /* @__PURE__ */ defineRoute({
  operationId: 'getDataJson',
  method: 'GET',
  path: '/data.json',
  handler: 'open-data/get-data-json',
  auth: { kind: 'public' },
  summary: 'DCAT-US 1.1 catalog (data.json)',
  description: 'All published public datasets, for data.gov and other harvesters.',
  tags: ['Meta'],
  request: {},
  responses: { 200: { description: 'The catalog', schema: DcatCatalogDocument } },
  access: { table: 'RO' },
  cacheControl: 'public, max-age=300',
});

/** Every route of this module, for the route table (lambdas/api/routes.ts). */
export const openDataRoutes = { getRows, getChanges, listDatasetVersions, getDataDictionary, getDataJson };
