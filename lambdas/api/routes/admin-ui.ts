import type { RouteAccess } from '../route-types';
import { defineRoute } from '../route-types';

const TAGS = ['Admin UI'] as const;
// Pages check the session cookie themselves (the Cognito authorizer reads the Authorization header only).
const PAGE_AUTH = { kind: 'public' } as const;
const HTML = {
  200: { description: 'An HTML page (or a static asset, or a redirect)', contentType: 'text/html' },
};

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
  // Home: sign-in and sign-out, the dashboard (it reads every queue), the local outbox, the assets.
  ...adminArea({
    operationId: 'adminUiHome',
    path: '/admin',
    handler: 'admin-ui/app',
    summary: 'Admin UI: sign-in, the dashboard, assets, and any path no area claims',
    access: { table: 'RO' },
  }),
  // Every records-request action: the table, e-mail to requesters, presigned document uploads.
  ...adminArea({
    operationId: 'adminUiRecordsRequests',
    path: '/admin/records-requests',
    handler: 'admin-ui/records',
    summary: 'Admin UI: the records-request queue, a request, its actions',
    access: { table: 'RW', recordsBucket: 'RW', email: 'SEND' },
  }),
  ...adminArea({
    operationId: 'adminUiRecordsRequestsCsv',
    path: '/admin/records-requests.csv',
    handler: 'admin-ui/records',
    summary: 'Admin UI: the queue of the current filter as CSV',
    access: { table: 'RW', recordsBucket: 'RW', email: 'SEND' },
    below: false,
  }),
  // The publishing pipeline: presigned CSV uploads to the datasets bucket, retrying a dead ingestion.
  ...adminArea({
    operationId: 'adminUiDatasets',
    path: '/admin/datasets',
    handler: 'admin-ui/datasets',
    summary: 'Admin UI: datasets, uploads, findings, publishing',
    access: { table: 'RW', datasetsBucket: 'RW' },
  }),
  // API key decisions and sanctions: the gateway's keys, as the JSON routes; e-mail to applicants.
  ...adminArea({
    operationId: 'adminUiApiKeys',
    path: '/admin/api-keys',
    handler: 'admin-ui/api-keys',
    summary: 'Admin UI: API key applications and keys',
    access: { table: 'RW', email: 'SEND', apiKeys: 'MANAGE' },
  }),
  // Case actions go through the owning features' use cases (a key's sanction, a request's reminder).
  ...adminArea({
    operationId: 'adminUiEnforcement',
    path: '/admin/enforcement',
    handler: 'admin-ui/enforcement',
    summary: 'Admin UI: violation cases and their actions',
    access: { table: 'RW', email: 'SEND', apiKeys: 'MANAGE' },
  }),
  ...adminArea({
    operationId: 'adminUiHolidayCalendar',
    path: '/admin/holiday-calendar',
    handler: 'admin-ui/settings',
    summary: 'Admin UI: the holiday calendar and city closures',
    access: { table: 'RW' },
  }),
  ...adminArea({
    operationId: 'adminUiAuditLog',
    path: '/admin/audit-log',
    handler: 'admin-ui/settings',
    summary: 'Admin UI: the audit log',
    access: { table: 'RW' },
    below: false,
  }),
};
