import * as z from 'zod/mini';
import { defineRoute } from '../route-types';
import { ErrorResponse } from '../schemas/common';
import {
  ArchiveQuery,
  DocumentParams,
  RecordsRequestBody,
  RequestParams,
  StatisticsQuery,
  StatusLinkBody,
  TokenQuery,
} from '../schemas/records';
import { schema } from '../schemas/schema';

const AnyJson = /* @__PURE__ */ schema(() => z.record(z.string(), z.unknown()));
const TAGS = ['Records requests'] as const;

// Public routes of records requests: no API key (anyone may ask for records); WAF and per-IP limits protect them.
export const submitRecordsRequest = /* @__PURE__ */ defineRoute({
  operationId: 'submitRecordsRequest',
  method: 'POST',
  path: '/v1/records-requests',
  handler: 'records/submit-request',
  auth: { kind: 'public' },
  summary: 'Ask for public records (Connecticut FOI Act)',
  description:
    'No purpose is needed. Answers 201 with a tracking number, the statutory due date (4 business days, C.G.S. 1-206(a)) and a private status link. Send an `Idempotency-Key` header to make retries safe; a near-identical request from you minutes ago gets 409 LIKELY_DUPLICATE.',
  tags: TAGS,
  request: { body: RecordsRequestBody },
  responses: {
    201: { description: 'Received; keep the status link', schema: AnyJson },
    409: { description: 'Likely duplicate of a request you just sent', schema: ErrorResponse },
    429: { description: 'Too many requests from your address this hour', schema: ErrorResponse },
  },
  access: { table: 'RW', email: 'SEND' },
  cacheControl: 'no-store',
});

export const getRecordsRequestStatus = /* @__PURE__ */ defineRoute({
  operationId: 'getRecordsRequestStatus',
  method: 'GET',
  path: '/v1/records-requests/{trackingNumber}',
  handler: 'records/get-request-status',
  auth: { kind: 'public' },
  summary: 'Your request’s status (with the token from your status link)',
  description: 'State, dates and clocks, messages to you, the fee invoice and released documents.',
  tags: TAGS,
  request: { params: RequestParams, query: TokenQuery },
  responses: { 200: { description: 'The status', schema: AnyJson } },
  access: { table: 'RO' },
  cacheControl: 'no-store',
});

export const resendStatusLink = /* @__PURE__ */ defineRoute({
  operationId: 'resendStatusLink',
  method: 'POST',
  path: '/v1/records-requests/{trackingNumber}/status-link',
  handler: 'records/resend-status-link',
  auth: { kind: 'public' },
  summary: 'Lost your status link? It goes again to the e-mail address on the request',
  description: 'Always 202 with the same answer, whether or not the address matched.',
  tags: TAGS,
  request: { params: RequestParams, body: StatusLinkBody },
  responses: { 202: { description: 'Sent if the address matched', schema: AnyJson } },
  access: { table: 'RW', email: 'SEND' },
  cacheControl: 'no-store',
});

export const downloadReleasedDocument = /* @__PURE__ */ defineRoute({
  operationId: 'downloadReleasedDocument',
  method: 'GET',
  path: '/v1/records-requests/{trackingNumber}/documents/{documentId}',
  handler: 'records/download-released-document',
  auth: { kind: 'public' },
  summary: 'Download a document released to you (302 to a link valid for 5 minutes)',
  tags: TAGS,
  request: { params: DocumentParams, query: TokenQuery },
  responses: { 302: { description: 'Redirect to the file' } },
  access: { table: 'RO', recordsBucket: 'RO' },
  cacheControl: 'no-store',
});

export const listRecordsArchive = /* @__PURE__ */ defineRoute({
  operationId: 'listRecordsArchive',
  method: 'GET',
  path: '/v1/records-requests/archive',
  handler: 'records/list-archive',
  auth: { kind: 'public' },
  summary: 'Closed records requests (no requester identity, no description)',
  description: 'Newest closing first, one year at a time (default: this year).',
  tags: TAGS,
  request: { query: ArchiveQuery },
  responses: { 200: { description: 'A page of closed requests', schema: AnyJson } },
  access: { table: 'RO' },
  cacheControl: 'public, max-age=300',
});

export const getArchivedRequest = /* @__PURE__ */ defineRoute({
  operationId: 'getArchivedRequest',
  method: 'GET',
  path: '/v1/records-requests/archive/{trackingNumber}',
  handler: 'records/get-archived-request',
  auth: { kind: 'public' },
  summary: 'One closed request: outcome, exemptions cited, public notes and files',
  tags: TAGS,
  request: { params: RequestParams },
  responses: { 200: { description: 'The archive entry', schema: AnyJson } },
  access: { table: 'RO' },
  cacheControl: 'public, max-age=300',
});

export const downloadArchivedDocument = /* @__PURE__ */ defineRoute({
  operationId: 'downloadArchivedDocument',
  method: 'GET',
  path: '/v1/records-requests/archive/{trackingNumber}/files/{documentId}',
  handler: 'records/download-archived-document',
  auth: { kind: 'public' },
  summary: 'Download a file released to the public (302 to a link valid for 5 minutes)',
  tags: TAGS,
  request: { params: DocumentParams },
  responses: { 302: { description: 'Redirect to the file' } },
  access: { table: 'RO', recordsBucket: 'RO' },
  cacheControl: 'no-store',
});

export const getRecordsStatistics = /* @__PURE__ */ defineRoute({
  operationId: 'getRecordsStatistics',
  method: 'GET',
  path: '/v1/records-requests/statistics',
  handler: 'records/get-statistics',
  auth: { kind: 'public' },
  summary: 'Records-request statistics per department and month (JSON, or CSV with format=csv)',
  description:
    'Counts only: received, closed, median business days to first response and to close, deemed denials, outcomes, exemptions cited, fees charged and waived. Also published daily as the open dataset `records-request-statistics`.',
  tags: TAGS,
  request: { query: StatisticsQuery },
  responses: { 200: { description: 'The statistics (or CSV with format=csv)', schema: AnyJson } },
  access: { table: 'RO' },
  cacheControl: 'public, max-age=3600',
});

export const getRecordsExemptions = /* @__PURE__ */ defineRoute({
  operationId: 'getRecordsExemptions',
  method: 'GET',
  path: '/v1/records-exemptions',
  handler: 'records/get-exemptions',
  auth: { kind: 'public' },
  summary: 'The exemptions the city cites on denials and redactions (C.G.S. 1-210(b) and others)',
  tags: TAGS,
  request: {},
  responses: { 200: { description: 'The exemptions table', schema: AnyJson } },
  access: {},
  cacheControl: 'public, max-age=3600',
});

export const getHolidayCalendar = /* @__PURE__ */ defineRoute({
  operationId: 'getHolidayCalendar',
  method: 'GET',
  path: '/v1/holiday-calendar',
  handler: 'records/get-holiday-calendar',
  auth: { kind: 'public' },
  summary:
    'The days the city is closed (C.G.S. 1-4 legal holidays and city closures), with the calendar version',
  tags: TAGS,
  request: {},
  responses: { 200: { description: 'This year and next', schema: AnyJson } },
  access: { table: 'RO' },
  cacheControl: 'public, max-age=300',
});

/** Every route of this module, for the route table (lambdas/api/routes.ts). */
export const recordsRoutes = {
  submitRecordsRequest,
  getRecordsRequestStatus,
  resendStatusLink,
  downloadReleasedDocument,
  listRecordsArchive,
  getArchivedRequest,
  downloadArchivedDocument,
  getRecordsStatistics,
  getRecordsExemptions,
  getHolidayCalendar,
};
