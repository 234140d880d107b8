import * as z from 'zod/mini';
import { defineRoute } from '../route-types';
import { ErrorResponse } from '../schemas/common';
import {
  ApiKeyApplicationBody,
  ApiTermsView,
  ApplicationParams,
  ApplicationStatusView,
  ApplicationsQuery,
  DecisionBody,
  KeyParams,
  RetrieveKeyBody,
  SanctionBody,
  StatusTokenQuery,
  UsageView,
} from '../schemas/api-access';
import { schema } from '../schemas/schema';

const STAFF = { kind: 'staff', roles: ['department-staff', 'it-admin', 'clerk'] } as const;
const AnyJson = /* @__PURE__ */ schema(() => z.record(z.string(), z.unknown()));

export const getApiTerms = /* @__PURE__ */ defineRoute({
  operationId: 'getApiTerms',
  method: 'GET',
  path: '/v1/api-terms',
  handler: 'api-access/get-terms',
  auth: { kind: 'public' },
  summary: 'The API terms of use, with their version',
  tags: ['API keys'],
  request: {},
  responses: { 200: { description: 'The terms', schema: ApiTermsView } },
  access: {},
  cacheControl: 'public, max-age=3600',
});

export const applyForApiKey = /* @__PURE__ */ defineRoute({
  operationId: 'applyForApiKey',
  method: 'POST',
  path: '/v1/api-key-applications',
  handler: 'api-access/apply',
  auth: { kind: 'public' },
  summary: 'Apply for an API key',
  description:
    'Send an `Idempotency-Key` header to make retries safe. One open application per e-mail address; a few per hour per address.',
  tags: ['API keys'],
  request: { body: ApiKeyApplicationBody },
  responses: { 201: { description: 'Received; follow statusUrl', schema: AnyJson } },
  access: { table: 'RW', email: 'SEND' },
  cacheControl: 'no-store',
});

export const getApplicationStatus = /* @__PURE__ */ defineRoute({
  operationId: 'getApplicationStatus',
  method: 'GET',
  path: '/v1/api-key-applications/{applicationId}',
  handler: 'api-access/get-application-status',
  auth: { kind: 'public' },
  summary: 'Status of your application (with the token from your status link)',
  tags: ['API keys'],
  request: { params: ApplicationParams, query: StatusTokenQuery },
  responses: { 200: { description: 'The status', schema: ApplicationStatusView } },
  access: { table: 'RO' },
  cacheControl: 'no-store',
});

export const retrieveApiKey = /* @__PURE__ */ defineRoute({
  operationId: 'retrieveApiKey',
  method: 'POST',
  path: '/v1/api-keys/retrieve',
  handler: 'api-access/retrieve-key',
  auth: { kind: 'public' },
  summary: 'Retrieve your new API key, exactly once',
  description: 'A POST, so that e-mail link scanners cannot use up the one retrieval.',
  tags: ['API keys'],
  request: { body: RetrieveKeyBody },
  responses: {
    200: { description: 'The key', schema: AnyJson },
    410: { description: 'Already retrieved or expired', schema: ErrorResponse },
  },
  access: { table: 'RW' },
  cacheControl: 'no-store',
});

export const rotateApiKey = /* @__PURE__ */ defineRoute({
  operationId: 'rotateApiKey',
  method: 'POST',
  path: '/v1/api-keys/rotate',
  handler: 'api-access/rotate-key',
  auth: { kind: 'api-key' },
  summary: 'Rotate your key: a new key now, the old one keeps working for 7 days',
  description:
    'Call it with the key you want to replace. The new key is in this answer only: store it before you close the response. The contact e-mail on the key is told.',
  tags: ['API keys'],
  request: {},
  responses: {
    201: { description: 'The new key', schema: AnyJson },
    409: { description: 'Already rotated, or not active', schema: ErrorResponse },
  },
  access: { table: 'RW', apiKeys: 'MANAGE', email: 'SEND' },
  cacheControl: 'no-store',
});

export const getUsage = /* @__PURE__ */ defineRoute({
  operationId: 'getUsage',
  method: 'GET',
  path: '/v1/usage',
  handler: 'api-access/get-usage',
  auth: { kind: 'api-key' },
  summary: "Your key's tier, limits and requests per day and per endpoint (30 days)",
  tags: ['API keys'],
  request: {},
  responses: { 200: { description: 'Usage', schema: UsageView } },
  access: { table: 'RW' },
  cacheControl: 'no-store',
});

export const listApiKeyApplications = /* @__PURE__ */ defineRoute({
  operationId: 'listApiKeyApplications',
  method: 'GET',
  path: '/v1/staff/api-key-applications',
  handler: 'api-access/list-applications',
  auth: STAFF,
  summary: 'API key applications by status (staff)',
  tags: ['API keys'],
  request: { query: ApplicationsQuery },
  responses: { 200: { description: 'Applications', schema: AnyJson } },
  access: { table: 'RO' },
  cacheControl: 'no-store',
});

export const decideApiKeyApplication = /* @__PURE__ */ defineRoute({
  operationId: 'decideApiKeyApplication',
  method: 'POST',
  path: '/v1/staff/api-key-applications/{applicationId}/decision',
  handler: 'api-access/decide-application',
  auth: STAFF,
  summary: 'Approve (with a tier), ask for information, or reject',
  tags: ['API keys'],
  request: { params: ApplicationParams, body: DecisionBody },
  responses: { 200: { description: 'Decided', schema: AnyJson } },
  access: { table: 'RW', email: 'SEND', apiKeys: 'MANAGE' },
  cacheControl: 'no-store',
});

export const getApiKey = /* @__PURE__ */ defineRoute({
  operationId: 'getApiKey',
  method: 'GET',
  path: '/v1/staff/api-keys/{keyId}',
  handler: 'api-access/get-key',
  auth: STAFF,
  summary: 'An issued key: tier, status, sanctions, usage (staff)',
  tags: ['API keys'],
  request: { params: KeyParams },
  responses: { 200: { description: 'The key', schema: AnyJson } },
  access: { table: 'RO' },
  cacheControl: 'no-store',
});

export const sanctionApiKey = /* @__PURE__ */ defineRoute({
  operationId: 'sanctionApiKey',
  method: 'POST',
  path: '/v1/staff/api-keys/{keyId}/sanctions',
  handler: 'api-access/sanction-key',
  auth: STAFF,
  summary: 'Notice, suspend, reinstate or revoke a key',
  description:
    'The offence level (first, repeat, continuing) follows from the key history; the consumer is e-mailed.',
  tags: ['API keys'],
  request: { params: KeyParams, body: SanctionBody },
  responses: { 200: { description: 'The key after the sanction', schema: AnyJson } },
  access: { table: 'RW', email: 'SEND', apiKeys: 'MANAGE' },
  cacheControl: 'no-store',
});

export const getOutbox = /* @__PURE__ */ defineRoute({
  operationId: 'getOutbox',
  method: 'GET',
  path: '/v1/staff/outbox',
  handler: 'api-access/get-outbox',
  auth: STAFF,
  summary: 'E-mails the platform sent (local mode outbox)',
  tags: ['Meta'],
  request: {},
  responses: { 200: { description: 'Newest first', schema: AnyJson } },
  access: { table: 'RO' },
  cacheControl: 'no-store',
});

/** Every route of this module, for the route table (lambdas/api/routes.ts). */
export const apiAccessRoutes = {
  getApiTerms,
  applyForApiKey,
  getApplicationStatus,
  retrieveApiKey,
  rotateApiKey,
  getUsage,
  listApiKeyApplications,
  decideApiKeyApplication,
  getApiKey,
  sanctionApiKey,
  getOutbox,
};
