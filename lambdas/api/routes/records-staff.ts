import * as z from 'zod/mini';
import { defineRoute } from '../route-types';
import { ErrorResponse } from '../schemas/common';
import {
  ActionBody,
  AssignmentBody,
  CalendarClosuresBody,
  CompleteDocumentBody,
  DocumentDecisionBody,
  DocumentParams,
  DocumentUploadBody,
  FeeBody,
  MessageBody,
  ObjectionNoticeBody,
  PaymentBody,
  ProtectedAddressesBody,
  ReleaseBody,
  RequestParams,
  StaffEntryBody,
  StaffListQuery,
} from '../schemas/records';
import { schema } from '../schemas/schema';

const AnyJson = /* @__PURE__ */ schema(() => z.record(z.string(), z.unknown()));
const TAGS = ['Records requests (staff)'] as const;

// Every staff member may call these; the domain scopes department staff to their department's requests.
const RECORDS_STAFF = { kind: 'staff', roles: ['clerk', 'department-staff', 'it-admin'] } as const;
// The calendar and the §1-217 list are city-wide: the City Clerk and IT admins keep them.
const CLERKS_AND_IT = { kind: 'staff', roles: ['clerk', 'it-admin'] } as const;
export const enterRecordsRequest = /* @__PURE__ */ defineRoute({
  operationId: 'enterRecordsRequest',
  method: 'POST',
  path: '/v1/staff/records-requests',
  handler: 'records-staff/enter-request',
  auth: RECORDS_STAFF,
  summary: 'Enter a request received by mail, phone, e-mail or in person',
  description:
    'With the real time of receipt and the office that first received it: the clocks run from there.',
  tags: TAGS,
  request: { body: StaffEntryBody },
  responses: { 201: { description: 'Entered', schema: AnyJson } },
  access: { table: 'RW', email: 'SEND' },
  cacheControl: 'no-store',
});

export const listRecordsRequests = /* @__PURE__ */ defineRoute({
  operationId: 'listRecordsRequests',
  method: 'GET',
  path: '/v1/staff/records-requests',
  handler: 'records-staff/list-requests',
  auth: RECORDS_STAFF,
  summary: 'The queue: open or closed requests (department staff: their department)',
  description:
    'Filters: status, department, assignee, channel, due range, and `q` (words of the description, all of them, or a tracking number); sort by due or received date. A page reads at most 1,000 queue entries: a short page with a `nextCursor` and `readLimitReached` means keep paging.',
  tags: TAGS,
  request: { query: StaffListQuery },
  responses: { 200: { description: 'A page of requests', schema: AnyJson } },
  access: { table: 'RO' },
  cacheControl: 'no-store',
});

export const getRecordsRequest = /* @__PURE__ */ defineRoute({
  operationId: 'getRecordsRequest',
  method: 'GET',
  path: '/v1/staff/records-requests/{trackingNumber}',
  handler: 'records-staff/get-request',
  auth: RECORDS_STAFF,
  summary: 'One request with requester, clocks, messages, documents and timeline',
  tags: TAGS,
  request: { params: RequestParams },
  responses: { 200: { description: 'The request', schema: AnyJson } },
  access: { table: 'RO' },
  cacheControl: 'no-store',
});

export const actOnRecordsRequest = /* @__PURE__ */ defineRoute({
  operationId: 'actOnRecordsRequest',
  method: 'POST',
  path: '/v1/staff/records-requests/{trackingNumber}/actions',
  handler: 'records-staff/act-on-request',
  auth: RECORDS_STAFF,
  summary: 'Move the request through the workflow (acknowledge, deny with exemptions, fulfil, reopen, …)',
  description:
    'Names the revision you read. Denials and partial denials need at least one exemption and send the letter with the appeal notice.',
  tags: TAGS,
  request: { params: RequestParams, body: ActionBody },
  responses: {
    200: { description: 'The request after the action', schema: AnyJson },
    409: { description: 'ILLEGAL_TRANSITION or STALE_REVISION', schema: ErrorResponse },
  },
  access: { table: 'RW', email: 'SEND' },
  cacheControl: 'no-store',
});

export const assignRecordsRequest = /* @__PURE__ */ defineRoute({
  operationId: 'assignRecordsRequest',
  method: 'POST',
  path: '/v1/staff/records-requests/{trackingNumber}/assignment',
  handler: 'records-staff/assign-request',
  auth: RECORDS_STAFF,
  summary: 'Route to a department, assign a person, or reroute',
  tags: TAGS,
  request: { params: RequestParams, body: AssignmentBody },
  responses: { 200: { description: 'The request after the change', schema: AnyJson } },
  access: { table: 'RW' },
  cacheControl: 'no-store',
});

export const addRecordsRequestMessage = /* @__PURE__ */ defineRoute({
  operationId: 'addRecordsRequestMessage',
  method: 'POST',
  path: '/v1/staff/records-requests/{trackingNumber}/messages',
  handler: 'records-staff/add-message',
  auth: RECORDS_STAFF,
  summary: 'An internal note, a message to the requester, or a public note',
  tags: TAGS,
  request: { params: RequestParams, body: MessageBody },
  responses: { 201: { description: 'Added', schema: AnyJson } },
  access: { table: 'RW', email: 'SEND' },
  cacheControl: 'no-store',
});

export const estimateRecordsFee = /* @__PURE__ */ defineRoute({
  operationId: 'estimateRecordsFee',
  method: 'POST',
  path: '/v1/staff/records-requests/{trackingNumber}/fee',
  handler: 'records-staff/estimate-fee',
  auth: RECORDS_STAFF,
  summary: 'The copy-fee estimate and invoice (C.G.S. 1-212), with the mandatory waivers',
  tags: TAGS,
  request: { params: RequestParams, body: FeeBody },
  responses: { 200: { description: 'The request with its invoice', schema: AnyJson } },
  access: { table: 'RW', email: 'SEND' },
  cacheControl: 'no-store',
});

export const markRecordsFeePaid = /* @__PURE__ */ defineRoute({
  operationId: 'markRecordsFeePaid',
  method: 'POST',
  path: '/v1/staff/records-requests/{trackingNumber}/fee/payment',
  handler: 'records-staff/mark-fee-paid',
  auth: RECORDS_STAFF,
  summary: 'Mark the fee paid (taken offline)',
  tags: TAGS,
  request: { params: RequestParams, body: PaymentBody },
  responses: { 200: { description: 'The request', schema: AnyJson } },
  access: { table: 'RW' },
  cacheControl: 'no-store',
});

export const recordObjectionNotice = /* @__PURE__ */ defineRoute({
  operationId: 'recordObjectionNotice',
  method: 'POST',
  path: '/v1/staff/records-requests/{trackingNumber}/objection-notice',
  handler: 'records-staff/record-objection-notice',
  auth: RECORDS_STAFF,
  summary: 'Record the C.G.S. 1-214 notice to employees and union (10-business-day clock, objection window)',
  tags: TAGS,
  request: { params: RequestParams, body: ObjectionNoticeBody },
  responses: { 200: { description: 'The request with its new clocks', schema: AnyJson } },
  access: { table: 'RW' },
  cacheControl: 'no-store',
});

export const exportAppealPacket = /* @__PURE__ */ defineRoute({
  operationId: 'exportAppealPacket',
  method: 'GET',
  path: '/v1/staff/records-requests/{trackingNumber}/appeal-packet',
  handler: 'records-staff/export-appeal-packet',
  auth: RECORDS_STAFF,
  summary: 'The appeal packet (Regs. 1-21j-28: parties, dates, request, correspondence, exemptions) as a zip',
  description: 'A 302 to a link valid for 5 minutes. It holds the requester’s contact: staff only.',
  tags: TAGS,
  request: { params: RequestParams },
  responses: { 302: { description: 'Redirect to the zip' } },
  access: { table: 'RW', recordsBucket: 'RW' },
  cacheControl: 'no-store',
});

export const getRequesterHistory = /* @__PURE__ */ defineRoute({
  operationId: 'getRequesterHistory',
  method: 'GET',
  path: '/v1/staff/records-requests/{trackingNumber}/requester-history',
  handler: 'records-staff/get-requester-history',
  auth: CLERKS_AND_IT,
  summary: 'Every request by the same requester: a neutral record a clerk can export',
  tags: TAGS,
  request: { params: RequestParams },
  responses: { 200: { description: 'The requests', schema: AnyJson } },
  access: { table: 'RO' },
  cacheControl: 'no-store',
});

export const uploadRecordsDocument = /* @__PURE__ */ defineRoute({
  operationId: 'uploadRecordsDocument',
  method: 'POST',
  path: '/v1/staff/records-requests/{trackingNumber}/documents',
  handler: 'records-staff/upload-document',
  auth: RECORDS_STAFF,
  summary: 'Start a document upload (presigned PUT; multipart above 100 MB); the scan runs when it lands',
  tags: TAGS,
  request: { params: RequestParams, body: DocumentUploadBody },
  responses: { 201: { description: 'Where to upload', schema: AnyJson } },
  access: { table: 'RW', recordsBucket: 'RW' },
  cacheControl: 'no-store',
});

export const completeRecordsDocumentUpload = /* @__PURE__ */ defineRoute({
  operationId: 'completeRecordsDocumentUpload',
  method: 'POST',
  path: '/v1/staff/records-requests/{trackingNumber}/documents/{documentId}/complete',
  handler: 'records-staff/complete-document-upload',
  auth: RECORDS_STAFF,
  summary: 'Finish a multipart document upload',
  tags: TAGS,
  request: { params: DocumentParams, body: CompleteDocumentBody },
  responses: { 200: { description: 'Uploaded; the scan follows', schema: AnyJson } },
  access: { table: 'RO', recordsBucket: 'RW' },
  cacheControl: 'no-store',
});

export const decideRecordsDocument = /* @__PURE__ */ defineRoute({
  operationId: 'decideRecordsDocument',
  method: 'POST',
  path: '/v1/staff/records-requests/{trackingNumber}/documents/{documentId}/decision',
  handler: 'records-staff/decide-document',
  auth: RECORDS_STAFF,
  summary: 'Record why a blocked document may go out as it is (audited)',
  tags: TAGS,
  request: { params: DocumentParams, body: DocumentDecisionBody },
  responses: { 200: { description: 'The document, now clear', schema: AnyJson } },
  access: { table: 'RW' },
  cacheControl: 'no-store',
});

export const releaseRecordsDocument = /* @__PURE__ */ defineRoute({
  operationId: 'releaseRecordsDocument',
  method: 'POST',
  path: '/v1/staff/records-requests/{trackingNumber}/documents/{documentId}/release',
  handler: 'records-staff/release-document',
  auth: RECORDS_STAFF,
  summary: 'Release a document to the requester (or the public archive)',
  description: 'A document with undecided personal-data findings gets 409 RELEASE_BLOCKED.',
  tags: TAGS,
  request: { params: DocumentParams, body: ReleaseBody },
  responses: {
    200: { description: 'Released', schema: AnyJson },
    409: { description: 'RELEASE_BLOCKED', schema: ErrorResponse },
  },
  access: { table: 'RW', email: 'SEND' },
  cacheControl: 'no-store',
});

export const previewCityClosures = /* @__PURE__ */ defineRoute({
  operationId: 'previewCityClosures',
  method: 'POST',
  path: '/v1/staff/holiday-calendar/preview',
  handler: 'records-staff/preview-closures',
  auth: CLERKS_AND_IT,
  summary: 'Which open requests’ due dates a closure change would move (nothing is saved)',
  tags: TAGS,
  request: { body: CalendarClosuresBody },
  responses: { 200: { description: 'The moves', schema: AnyJson } },
  access: { table: 'RO' },
  cacheControl: 'no-store',
});

export const saveCityClosures = /* @__PURE__ */ defineRoute({
  operationId: 'saveCityClosures',
  method: 'PUT',
  path: '/v1/staff/holiday-calendar',
  handler: 'records-staff/save-closures',
  auth: CLERKS_AND_IT,
  summary:
    'Save the city closures: a new calendar version; open requests’ due dates are recomputed (audited)',
  tags: TAGS,
  request: { body: CalendarClosuresBody },
  responses: { 200: { description: 'The new calendar and the moved due dates', schema: AnyJson } },
  access: { table: 'RW' },
  cacheControl: 'no-store',
});

export const getProtectedAddresses = /* @__PURE__ */ defineRoute({
  operationId: 'getProtectedAddresses',
  method: 'GET',
  path: '/v1/staff/protected-addresses',
  handler: 'records-staff/get-protected-addresses',
  auth: CLERKS_AND_IT,
  summary: 'The C.G.S. 1-217 list of residential addresses never to release',
  tags: TAGS,
  request: {},
  responses: { 200: { description: 'The list', schema: AnyJson } },
  access: { table: 'RO' },
  cacheControl: 'no-store',
});

export const saveProtectedAddresses = /* @__PURE__ */ defineRoute({
  operationId: 'saveProtectedAddresses',
  method: 'PUT',
  path: '/v1/staff/protected-addresses',
  handler: 'records-staff/save-protected-addresses',
  auth: CLERKS_AND_IT,
  summary: 'Replace the C.G.S. 1-217 list (audited; no names are stored)',
  tags: TAGS,
  request: { body: ProtectedAddressesBody },
  responses: { 200: { description: 'Saved', schema: AnyJson } },
  access: { table: 'RW' },
  cacheControl: 'no-store',
});

/** Every route of this module, for the route table (lambdas/api/routes.ts). */
export const recordsStaffRoutes = {
  enterRecordsRequest,
  listRecordsRequests,
  getRecordsRequest,
  actOnRecordsRequest,
  assignRecordsRequest,
  addRecordsRequestMessage,
  estimateRecordsFee,
  markRecordsFeePaid,
  recordObjectionNotice,
  exportAppealPacket,
  getRequesterHistory,
  uploadRecordsDocument,
  completeRecordsDocumentUpload,
  decideRecordsDocument,
  releaseRecordsDocument,
  previewCityClosures,
  saveCityClosures,
  getProtectedAddresses,
  saveProtectedAddresses,
};
