import { accessOfRoutes, defineRoute } from '../route-types';
import * as apiAccess from './api-access';
import * as datasets from './datasets';
import * as enforcement from './enforcement';
import * as enforcementHelp from './enforcement-help';
import * as openData from './open-data';
import * as records from './records';

const TAGS = ['Public site'] as const;
const HTML = {
  200: { description: 'An HTML page (or a static asset, or a redirect)', contentType: 'text/html' },
};
/** What every public page route is: HTML for people, any method, no sign-in, never cached. */
const PAGE = {
  kind: 'page',
  method: 'ANY',
  auth: { kind: 'public' },
  tags: TAGS,
  request: {},
  responses: HTML,
  cacheControl: 'no-store',
} as const;

// Each area's rights are those of the public JSON routes whose use cases its pages call; both
// routes of an area carry the same ones (they are one function's role).
/** Home and assets read nothing; help reads the city's help content. */
const SITE_ACCESS = accessOfRoutes(enforcementHelp.getEnforcementHelp);
/** The catalog reads; the keyless download counts itself (a table write) and signs a link to the file. */
const DATASETS_ACCESS = accessOfRoutes(
  datasets.listDatasets,
  datasets.getDataset,
  datasets.downloadDataset,
  openData.listDatasetVersions,
  openData.getDataDictionary,
);
/** An application is stored and its status link e-mailed; the form lists the published datasets. */
const API_KEYS_ACCESS = accessOfRoutes(
  apiAccess.getApiTerms,
  apiAccess.applyForApiKey,
  datasets.listDatasets,
);
/** The status page, the archive, and 5-minute links to their released files: reads only. */
const RECORDS_ACCESS = accessOfRoutes(
  records.getRecordsRequestStatus,
  records.downloadReleasedDocument,
  records.listRecordsArchive,
  records.getArchivedRequest,
  records.downloadArchivedDocument,
);
/** A request (and its e-mailed receipt), the status link sent again: no bucket. */
const RECORDS_FORMS_ACCESS = accessOfRoutes(records.submitRecordsRequest, records.resendStatusLink);
/** A report becomes a case with the evidence the table holds (read), receipts e-mailed. */
const REPORT_ACCESS = accessOfRoutes(enforcement.submitViolationReport, enforcement.getViolationReportStatus);

/**
 * The public pages for residents: server-rendered HTML, one Lambda per area
 * (lambdas/handlers/public-site/), each importing only its area's pages and adapters and
 * holding only its rights. The site's own Lambda is behind `/` and every path no other route
 * claims (API Gateway prefers any literal or `{parameter}` path over a greedy `{proxy+}`, and
 * of two greedy paths the longer literal prefix): the home page, help, the assets, and every
 * unknown path (an unknown `/v1/...` path gets the JSON API's 404 from it). Records requests
 * are two Lambdas by rights: the pages that read (status, archive, files: table RO, bucket RO)
 * and the forms (table RW, e-mail, no bucket).
 */
export const publicSiteRoutes = {
  publicSiteHome: defineRoute({
    ...PAGE,
    operationId: 'publicSiteHome',
    path: '/',
    handler: 'public-site/site',
    summary: 'Public site: the home page',
    access: SITE_ACCESS,
  }),
  publicSitePages: defineRoute({
    ...PAGE,
    operationId: 'publicSitePages',
    path: '/{proxy+}',
    handler: 'public-site/site',
    summary: 'Public site: help, the assets, and every path no other route claims (404)',
    access: SITE_ACCESS,
  }),
  publicSiteDatasets: defineRoute({
    ...PAGE,
    operationId: 'publicSiteDatasets',
    path: '/datasets',
    handler: 'public-site/datasets',
    summary: 'Public site: the dataset catalog',
    access: DATASETS_ACCESS,
  }),
  publicSiteDatasetPages: defineRoute({
    ...PAGE,
    operationId: 'publicSiteDatasetPages',
    path: '/datasets/{proxy+}',
    handler: 'public-site/datasets',
    summary: "Public site: a dataset's page and its download without an API key",
    access: DATASETS_ACCESS,
  }),
  publicSiteApiKeys: defineRoute({
    ...PAGE,
    operationId: 'publicSiteApiKeys',
    path: '/api-keys',
    handler: 'public-site/api-keys',
    summary: 'Public site: API keys, the usage plans and the terms',
    access: API_KEYS_ACCESS,
  }),
  publicSiteApiKeyPages: defineRoute({
    ...PAGE,
    operationId: 'publicSiteApiKeyPages',
    path: '/api-keys/{proxy+}',
    handler: 'public-site/api-keys',
    summary: 'Public site: the API key application form',
    access: API_KEYS_ACCESS,
  }),
  publicSiteRecords: defineRoute({
    ...PAGE,
    operationId: 'publicSiteRecords',
    path: '/records',
    handler: 'public-site/records',
    summary: 'Public site: what a records request is',
    access: RECORDS_ACCESS,
  }),
  publicSiteRecordsPages: defineRoute({
    ...PAGE,
    operationId: 'publicSiteRecordsPages',
    path: '/records/{proxy+}',
    handler: 'public-site/records',
    summary: "Public site: a requester's status page and released files, the archive",
    access: RECORDS_ACCESS,
  }),
  publicSiteRecordsNew: defineRoute({
    ...PAGE,
    operationId: 'publicSiteRecordsNew',
    path: '/records/new',
    handler: 'public-site/records-forms',
    summary: 'Public site: the records request form and its receipt',
    access: RECORDS_FORMS_ACCESS,
  }),
  publicSiteRecordsLostLink: defineRoute({
    ...PAGE,
    operationId: 'publicSiteRecordsLostLink',
    path: '/records/lost-link',
    handler: 'public-site/records-forms',
    summary: 'Public site: send the status link of a request again',
    access: RECORDS_FORMS_ACCESS,
  }),
  publicSiteReport: defineRoute({
    ...PAGE,
    operationId: 'publicSiteReport',
    path: '/report',
    handler: 'public-site/report',
    summary: 'Public site: the violation report form and its receipt',
    access: REPORT_ACCESS,
  }),
  publicSiteReportPages: defineRoute({
    ...PAGE,
    operationId: 'publicSiteReportPages',
    path: '/report/{proxy+}',
    handler: 'public-site/report',
    summary: "Public site: a reporter's status page",
    access: REPORT_ACCESS,
  }),
};
