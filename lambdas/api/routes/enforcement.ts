import * as z from 'zod/mini';
import { defineRoute } from '../route-types';
import { ErrorResponse } from '../schemas/common';
import {
  AttachmentBody,
  AttachmentParams,
  CaseActionBody,
  CasesQuery,
  CaseTransitionBody,
  ReportParams,
  ReportTokenQuery,
  ViolationReportBody,
} from '../schemas/enforcement';
import { schema } from '../schemas/schema';

const AnyJson = /* @__PURE__ */ schema(() => z.record(z.string(), z.unknown()));
const PUBLIC_TAGS = ['Violation reports'] as const;
const STAFF_TAGS = ['Enforcement (staff)'] as const;

// Any staff member; the domain shows each office the cases routed to it (IT admins see all).
const ENFORCERS = { kind: 'staff', roles: ['clerk', 'department-staff', 'it-admin'] } as const;
export const submitViolationReport = /* @__PURE__ */ defineRoute({
  operationId: 'submitViolationReport',
  method: 'POST',
  path: '/v1/violation-reports',
  handler: 'enforcement/submit-report',
  auth: { kind: 'public' },
  summary: 'Report a suspected violation (anonymous allowed)',
  description:
    'Personal data released unredacted, API abuse, a records request not answered in time, or other. Answers 201 with a report number and a private status link. Send an `Idempotency-Key` header to make retries safe. Your identity is never shown to the party you report.',
  tags: PUBLIC_TAGS,
  request: { body: ViolationReportBody },
  responses: {
    201: { description: 'Received', schema: AnyJson },
    429: { description: 'Too many reports from your address this hour', schema: ErrorResponse },
  },
  access: { table: 'RW', email: 'SEND' },
  cacheControl: 'no-store',
});

export const getViolationReportStatus = /* @__PURE__ */ defineRoute({
  operationId: 'getViolationReportStatus',
  method: 'GET',
  path: '/v1/violation-reports/{reportNumber}',
  handler: 'enforcement/get-report-status',
  auth: { kind: 'public' },
  summary: 'Your report’s status (with the token from your status link)',
  tags: PUBLIC_TAGS,
  request: { params: ReportParams, query: ReportTokenQuery },
  responses: { 200: { description: 'The status', schema: AnyJson } },
  access: { table: 'RO' },
  cacheControl: 'no-store',
});

export const attachToViolationReport = /* @__PURE__ */ defineRoute({
  operationId: 'attachToViolationReport',
  method: 'POST',
  path: '/v1/violation-reports/{reportNumber}/attachments',
  handler: 'enforcement/attach-to-report',
  auth: { kind: 'public' },
  summary: 'Attach a file to your report (presigned PUT; at most 5 files of 25 MB)',
  description:
    'With the token from your status link. The file is scanned for personal data like every upload, and only the staff handling the case can open it.',
  tags: PUBLIC_TAGS,
  request: { params: ReportParams, query: ReportTokenQuery, body: AttachmentBody },
  responses: {
    201: { description: 'Where to upload', schema: AnyJson },
    413: { description: 'Too large', schema: ErrorResponse },
  },
  access: { table: 'RW', recordsBucket: 'RW' },
  cacheControl: 'no-store',
});

export const downloadCaseAttachment = /* @__PURE__ */ defineRoute({
  operationId: 'downloadCaseAttachment',
  method: 'GET',
  path: '/v1/staff/enforcement/cases/{reportNumber}/attachments/{attachmentId}',
  handler: 'enforcement/download-attachment',
  auth: ENFORCERS,
  summary: 'Open a reporter’s attachment (302 to a link valid for 5 minutes)',
  tags: STAFF_TAGS,
  request: { params: AttachmentParams },
  responses: { 302: { description: 'Redirect to the file' } },
  access: { table: 'RO', recordsBucket: 'RO' },
  cacheControl: 'no-store',
});

export const listEnforcementCases = /* @__PURE__ */ defineRoute({
  operationId: 'listEnforcementCases',
  method: 'GET',
  path: '/v1/staff/enforcement/cases',
  handler: 'enforcement/list-cases',
  auth: ENFORCERS,
  summary: 'Cases routed to your office (IT admins: all), newest first',
  tags: STAFF_TAGS,
  request: { query: CasesQuery },
  responses: { 200: { description: 'A page of cases', schema: AnyJson } },
  access: { table: 'RO' },
  cacheControl: 'no-store',
});

export const getEnforcementCase = /* @__PURE__ */ defineRoute({
  operationId: 'getEnforcementCase',
  method: 'GET',
  path: '/v1/staff/enforcement/cases/{reportNumber}',
  handler: 'enforcement/get-case',
  auth: ENFORCERS,
  summary: 'One case: report, evidence, actions, incident, timeline',
  tags: STAFF_TAGS,
  request: { params: ReportParams },
  responses: { 200: { description: 'The case', schema: AnyJson } },
  access: { table: 'RO' },
  cacheControl: 'no-store',
});

export const transitionEnforcementCase = /* @__PURE__ */ defineRoute({
  operationId: 'transitionEnforcementCase',
  method: 'POST',
  path: '/v1/staff/enforcement/cases/{reportNumber}/transitions',
  handler: 'enforcement/transition-case',
  auth: ENFORCERS,
  summary: 'Start review, find no violation, refer, close with the outcome, reopen',
  tags: STAFF_TAGS,
  request: { params: ReportParams, body: CaseTransitionBody },
  responses: {
    200: { description: 'The case', schema: AnyJson },
    409: { description: 'ILLEGAL_TRANSITION or STALE_REVISION', schema: ErrorResponse },
  },
  access: { table: 'RW', email: 'SEND' },
  cacheControl: 'no-store',
});

export const actOnEnforcementCase = /* @__PURE__ */ defineRoute({
  operationId: 'actOnEnforcementCase',
  method: 'POST',
  path: '/v1/staff/enforcement/cases/{reportNumber}/actions',
  handler: 'enforcement/act-on-case',
  auth: ENFORCERS,
  summary:
    'Act on the party: notice, order to correct, suspend or revoke the API key, unpublish the version, reopen the request',
  description:
    'Each action goes through the feature that owns it (API-key sanctions, dataset rollback, records workflow). The offence level (first, repeat, continuing) comes from the party’s history.',
  tags: STAFF_TAGS,
  request: { params: ReportParams, body: CaseActionBody },
  responses: { 200: { description: 'The case', schema: AnyJson } },
  access: { table: 'RW', email: 'SEND', apiKeys: 'MANAGE' },
  cacheControl: 'no-store',
});

/** Every route of this module, for the route table (lambdas/api/routes.ts). */
export const enforcementRoutes = {
  submitViolationReport,
  getViolationReportStatus,
  attachToViolationReport,
  downloadCaseAttachment,
  listEnforcementCases,
  getEnforcementCase,
  transitionEnforcementCase,
  actOnEnforcementCase,
};
