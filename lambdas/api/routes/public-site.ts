import { defineRoute } from '../route-types';

const TAGS = ['Public site'] as const;
// What the pages do: read the catalog and sign dataset downloads; take records requests, API key
// applications and violation reports (table, e-mailed receipts), as the public JSON routes do.
const PAGE_ACCESS = { table: 'RW', datasetsBucket: 'RO', recordsBucket: 'RO', email: 'SEND' } as const;
const HTML = {
  200: { description: 'An HTML page (or a static asset, or a redirect)', contentType: 'text/html' },
};

/**
 * The public pages for residents: server-rendered HTML, one Lambda behind `/` and every
 * path no other route claims (API Gateway prefers any literal or `{parameter}` path over the
 * greedy `{proxy+}`; an unknown `/v1/...` path gets the JSON API's 404 from it).
 */
export const publicSiteRoutes = {
  publicSiteHome: defineRoute({
    operationId: 'publicSiteHome',
    kind: 'page',
    method: 'ANY',
    path: '/',
    handler: 'public-site/site',
    auth: { kind: 'public' },
    summary: 'Public site: the home page',
    tags: TAGS,
    request: {},
    responses: HTML,
    access: PAGE_ACCESS,
    cacheControl: 'no-store',
  }),
  publicSitePages: defineRoute({
    operationId: 'publicSitePages',
    kind: 'page',
    method: 'ANY',
    path: '/{proxy+}',
    handler: 'public-site/site',
    auth: { kind: 'public' },
    summary: 'Public site: datasets, records requests, reports, API keys, help',
    tags: TAGS,
    request: {},
    responses: HTML,
    access: PAGE_ACCESS,
    cacheControl: 'no-store',
  }),
};
