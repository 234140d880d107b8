import * as z from 'zod/mini';
import { defineRoute } from '../route-types';
import { ErrorResponse } from '../schemas/common';
import { HelpContentBody } from '../schemas/enforcement-help';
import { schema } from '../schemas/schema';

const AnyJson = /* @__PURE__ */ schema(() => z.record(z.string(), z.unknown()));
const TAGS = ['Enforcement help'] as const;

// The help is city-wide content: the City Clerk and City IT keep it.
const CLERKS_AND_IT = { kind: 'staff', roles: ['clerk', 'it-admin'] } as const;
// Who enforces what, the FAQ and the how-to guides: public, no API key; the city edits them as content.
export const getEnforcementContacts = /* @__PURE__ */ defineRoute({
  operationId: 'getEnforcementContacts',
  method: 'GET',
  path: '/v1/enforcement/contacts',
  handler: 'enforcement-help/get-contacts',
  auth: { kind: 'public' },
  summary: 'Who enforces what: City IT, the City Clerk and the department that owns the dataset',
  description:
    'Each office with what it enforces, the violation categories it handles and how to reach it; where to report a violation (`POST /v1/violation-reports`) and how to appeal a records denial to the FOI Commission.',
  tags: TAGS,
  request: {},
  responses: { 200: { description: 'The enforcers and their contacts', schema: AnyJson } },
  access: { table: 'RO' },
  cacheControl: 'public, max-age=300',
});

export const getEnforcementHelp = /* @__PURE__ */ defineRoute({
  operationId: 'getEnforcementHelp',
  method: 'GET',
  path: '/v1/enforcement/help',
  handler: 'enforcement-help/get-help',
  auth: { kind: 'public' },
  summary: 'The help page: violations and what happens after a report, FAQ, how-to guides, sanctions',
  description:
    'The content the city keeps, with its `revision` (send it back to `PUT /v1/staff/enforcement/help` to edit). Fines are set by city ordinance, not by the platform.',
  tags: TAGS,
  request: {},
  responses: { 200: { description: 'The help content', schema: AnyJson } },
  access: { table: 'RO' },
  cacheControl: 'public, max-age=300',
});

export const saveEnforcementHelp = /* @__PURE__ */ defineRoute({
  operationId: 'saveEnforcementHelp',
  method: 'PUT',
  path: '/v1/staff/enforcement/help',
  handler: 'enforcement-help/save-help',
  auth: CLERKS_AND_IT,
  summary: 'Replace the help content: a new revision (audited; the previous ones are kept)',
  description:
    'Send the five sections of `GET /v1/enforcement/help` (enforcers, violations, faq, howTo, penalties) with the `revision` you read. The answer lists the phone numbers still to fill in (`phonesToFillIn`).',
  tags: ['Enforcement help (staff)'],
  request: { body: HelpContentBody },
  responses: {
    200: { description: 'Saved: the new content and its revision', schema: AnyJson },
    409: { description: 'STALE_REVISION: someone saved it since you read it', schema: ErrorResponse },
  },
  access: { table: 'RW' },
  cacheControl: 'no-store',
});

/** Every route of this module, for the route table (lambdas/api/routes.ts). */
export const enforcementHelpRoutes = { getEnforcementContacts, getEnforcementHelp, saveEnforcementHelp };
