import type { RouteAccess } from '../route-types';
import { accessOfRoutes, defineRoute } from '../route-types';
import * as apiAccess from './api-access';
import * as enforcement from './enforcement';
import * as publishing from './publishing';
import * as recordsStaff from './records-staff';

const TAGS = ['Admin UI'] as const;
// Pages check the session cookie themselves (the Cognito authorizer reads the Authorization header only).
const PAGE_AUTH = { kind: 'public' } as const;
const HTML = {
  200: { description: 'An HTML page (or a static asset, or a redirect)', contentType: 'text/html' },
};

// Each area's rights are those of the JSON staff routes whose use cases its pages call.
/** The dashboard counts every queue; sign-in and the local outbox write nothing. */
const HOME_ACCESS = accessOfRoutes(
  recordsStaff.listRecordsRequests,
  apiAccess.listApiKeyApplications,
  publishing.listDepartmentDatasets,
  enforcement.listEnforcementCases,
  apiAccess.getOutbox,
);
/** Every records-request action: the table, e-mail to requesters, presigned document uploads. */
const RECORDS_ACCESS = accessOfRoutes(
  recordsStaff.listRecordsRequests,
  recordsStaff.enterRecordsRequest,
  recordsStaff.getRecordsRequest,
  recordsStaff.actOnRecordsRequest,
  recordsStaff.assignRecordsRequest,
  recordsStaff.addRecordsRequestMessage,
  recordsStaff.estimateRecordsFee,
  recordsStaff.markRecordsFeePaid,
  recordsStaff.uploadRecordsDocument,
  recordsStaff.decideRecordsDocument,
  recordsStaff.releaseRecordsDocument,
);
/** The publishing pipeline: presigned CSV uploads to the datasets bucket, retrying a dead ingestion. */
const DATASETS_ACCESS = accessOfRoutes(
  publishing.listDepartmentDatasets,
  publishing.registerDataset,
  publishing.getStaffDataset,
  publishing.createDatasetVersion,
  publishing.completeVersionUpload,
  publishing.retryIngestion,
  publishing.getDatasetVersion,
  publishing.decidePersonalData,
  publishing.describeDatasetColumns,
  publishing.publishDatasetVersion,
  publishing.withdrawDatasetVersion,
  publishing.getDatasetAuditTrail,
);
/** API key decisions and sanctions: the gateway's keys; e-mail to applicants. */
const API_KEYS_ACCESS = accessOfRoutes(
  apiAccess.listApiKeyApplications,
  apiAccess.decideApiKeyApplication,
  apiAccess.getApiKey,
  apiAccess.getUsage,
  apiAccess.sanctionApiKey,
);
/** Case actions go through the owning features' use cases (a key's sanction, a request's reminder). */
const ENFORCEMENT_ACCESS = accessOfRoutes(
  enforcement.listEnforcementCases,
  enforcement.getEnforcementCase,
  enforcement.transitionEnforcementCase,
  enforcement.actOnEnforcementCase,
);
/** The holiday calendar and closures (with their preview), and the audit log (reads). */
const SETTINGS_ACCESS = accessOfRoutes(
  recordsStaff.previewCityClosures,
  recordsStaff.saveCityClosures,
  publishing.getDatasetAuditTrail,
);

/**
 * One area of the admin UI: its path and everything under it, served by the area's own Lambda
 * (lambdas/handlers/admin-ui/<area>.ts) with the rights of what its pages do. API Gateway sends
 * a path to the longest matching prefix, so `/admin/{proxy+}` (home) gets only what no area claims.
 */
function adminArea(area: {
  operationId: string;
  path: string;
  handler: string;
  summary: string;
  access: RouteAccess;
  /** Also the paths below `path` (`{proxy+}`); false for a single page. */
  below?: boolean;
}) {
  const route = (operationId: string, path: string, summary: string) =>
    defineRoute({
      operationId,
      kind: 'page',
      method: 'ANY',
      path,
      handler: area.handler,
      auth: PAGE_AUTH,
      summary,
      tags: TAGS,
      request: {},
      responses: HTML,
      access: area.access,
      cacheControl: 'no-store',
    });
  return {
    [area.operationId]: route(area.operationId, area.path, area.summary),
    ...(area.below === false
      ? {}
      : {
          [`${area.operationId}Pages`]: route(
            `${area.operationId}Pages`,
            `${area.path}/{proxy+}`,
            area.summary,
          ),
        }),
  };
}

/** The staff admin UI: server-rendered HTML under `/admin`, one Lambda per area. */
export const adminUiRoutes = {
  ...adminArea({
    operationId: 'adminUiHome',
    path: '/admin',
    handler: 'admin-ui/app',
    summary: 'Admin UI: sign-in, the dashboard, assets, and any path no area claims',
    access: HOME_ACCESS,
  }),
  ...adminArea({
    operationId: 'adminUiRecordsRequests',
    path: '/admin/records-requests',
    handler: 'admin-ui/records',
    summary: 'Admin UI: the records-request queue, a request, its actions',
    access: RECORDS_ACCESS,
  }),
  ...adminArea({
    operationId: 'adminUiRecordsRequestsCsv',
    path: '/admin/records-requests.csv',
    handler: 'admin-ui/records',
    summary: 'Admin UI: the queue of the current filter as CSV',
    access: RECORDS_ACCESS,
    below: false,
  }),
  ...adminArea({
    operationId: 'adminUiDatasets',
    path: '/admin/datasets',
    handler: 'admin-ui/datasets',
    summary: 'Admin UI: datasets, uploads, findings, publishing',
    access: DATASETS_ACCESS,
  }),
  ...adminArea({
    operationId: 'adminUiApiKeys',
    path: '/admin/api-keys',
    handler: 'admin-ui/api-keys',
    summary: 'Admin UI: API key applications and keys',
    access: API_KEYS_ACCESS,
  }),
  ...adminArea({
    operationId: 'adminUiEnforcement',
    path: '/admin/enforcement',
    handler: 'admin-ui/enforcement',
    summary: 'Admin UI: violation cases and their actions',
    access: ENFORCEMENT_ACCESS,
  }),
  ...adminArea({
    operationId: 'adminUiHolidayCalendar',
    path: '/admin/holiday-calendar',
    handler: 'admin-ui/settings',
    summary: 'Admin UI: the holiday calendar and city closures',
    access: SETTINGS_ACCESS,
  }),
  ...adminArea({
    operationId: 'adminUiAuditLog',
    path: '/admin/audit-log',
    handler: 'admin-ui/settings',
    summary: 'Admin UI: the audit log',
    access: SETTINGS_ACCESS,
    below: false,
  }),
};
