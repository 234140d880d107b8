import { defineRoute } from '../route-types';

const TAGS = ['Admin UI'] as const;
// Pages check the session cookie themselves (the Cognito authorizer reads the Authorization header only).
const PAGE_AUTH = { kind: 'public' } as const;
// What the pages do: every records-request action (table, e-mail to requesters, presigned document
// uploads to the records bucket), API key decisions and sanctions (the gateway's keys, as the JSON
// routes), enforcement cases and their actions, the counts of the other staff queues, and the
// publishing pipeline (presigned CSV uploads to the datasets bucket, retrying a dead ingestion).
const PAGE_ACCESS = {
  table: 'RW',
  recordsBucket: 'RW',
  datasetsBucket: 'RW',
  email: 'SEND',
  apiKeys: 'MANAGE',
} as const;
const HTML = {
  200: { description: 'An HTML page (or a static asset, or a redirect)', contentType: 'text/html' },
};

/** The staff admin UI: server-rendered HTML, one Lambda behind `/admin` and everything under it. */
export const adminUiRoutes = {
  adminUiHome: defineRoute({
    operationId: 'adminUiHome',
    kind: 'page',
    method: 'ANY',
    path: '/admin',
    handler: 'admin-ui/app',
    auth: PAGE_AUTH,
    summary: 'Admin UI: the dashboard',
    tags: TAGS,
    request: {},
    responses: HTML,
    access: PAGE_ACCESS,
    cacheControl: 'no-store',
  }),
  adminUiPages: defineRoute({
    operationId: 'adminUiPages',
    kind: 'page',
    method: 'ANY',
    path: '/admin/{proxy+}',
    handler: 'admin-ui/app',
    auth: PAGE_AUTH,
    summary: 'Admin UI: every other page, form and asset',
    tags: TAGS,
    request: {},
    responses: HTML,
    access: PAGE_ACCESS,
    cacheControl: 'no-store',
  }),
};
