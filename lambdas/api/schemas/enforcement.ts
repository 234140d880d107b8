// Violation reports and enforcement cases: input schemas (they also make the OpenAPI document).
import * as z from 'zod/mini';
import { CASE_ACTIONS, CASE_TRANSITION_NAMES, VIOLATION_CATEGORIES } from '../../domain/enforcement/cases';
import { DepartmentId, UploadFileName, mediaType, text } from './common';
import { MAX_ATTACHMENT_BYTES } from '../../domain/upload-limits';
import { schema } from './schema';

export const ReportNumber = /* @__PURE__ */ schema(() =>
  z
    .string()
    .check(z.regex(/^VR-\d{4}-\d{6}$/, 'a report number like VR-2026-000012'), z.describe('Report number')),
);

export const ViolationReportBody = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      category: z
        .enum(VIOLATION_CATEGORIES)
        .check(
          z.describe(
            'personal-data (released or published without redaction), api-abuse (scraping, excessive requests, breach of the API terms), records-not-answered (a records request not answered in time), other',
          ),
        ),
      description: text(10, 5000, 'What happened'),
      subject: z._default(
        z.strictObject({
          datasetId: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'a dataset id'))),
          version: z.optional(z.number().check(z.int(), z.minimum(1))),
          trackingNumber: z.optional(z.string().check(z.regex(/^\d{4}-\d{6}$/, 'a tracking number'))),
          apiKeyLast4: z.optional(
            // Keys are base64url: the last 4 may hold - or _.
            z.string().check(z.regex(/^[A-Za-z0-9_-]{4}$/, 'the last 4 characters of the key')),
          ),
          applicationId: z.optional(
            z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'an application id')),
          ),
          url: z.optional(z.url().check(z.maxLength(2000))),
        }),
        {},
      ),
      occurredAt: z.optional(z.iso.datetime({ offset: true })),
      reporter: z.optional(
        z.strictObject({
          name: z.optional(text(1, 200)),
          email: z.optional(z.email().check(z.maxLength(254))),
        }),
      ),
    })
    .register(z.globalRegistry, { id: 'ViolationReportInput' }),
);

export const ReportParams = /* @__PURE__ */ schema(() => z.strictObject({ reportNumber: ReportNumber }));
export const ReportTokenQuery = /* @__PURE__ */ schema(() =>
  z.strictObject({
    token: z.string().check(z.regex(/^[A-Za-z0-9_-]{20,64}$/, 'the token from your status link')),
  }),
);

export const CasesQuery = /* @__PURE__ */ schema(() =>
  z.strictObject({
    office: z.optional(DepartmentId),
    state: z._default(z.enum(['open', 'closed']), 'open'),
    cursor: z.optional(
      z.string().check(z.maxLength(1024), z.regex(/^[A-Za-z0-9_-]+$/, 'a nextCursor value')),
    ),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
  }),
);

const Revision = /* @__PURE__ */ schema(() => z.number().check(z.int(), z.minimum(1)));

export const CaseTransitionBody = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      action: z.enum(CASE_TRANSITION_NAMES as [string, ...string[]]),
      revision: Revision,
      reason: z.optional(text(3, 4000)),
    })
    .register(z.globalRegistry, { id: 'CaseTransition' }),
);

export const CaseActionBody = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      kind: z.enum(CASE_ACTIONS),
      revision: Revision,
      reason: text(10, 4000, 'Sent to the party (never names the reporter)'),
      dueDate: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'))),
    })
    .register(z.globalRegistry, { id: 'CaseAction' }),
);

export const AttachmentBody = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      fileName: UploadFileName,
      contentType: mediaType('image/jpeg'),
      sizeBytes: z.number().check(z.int(), z.minimum(1), z.maximum(MAX_ATTACHMENT_BYTES)),
    })
    .register(z.globalRegistry, { id: 'ViolationReportAttachment' }),
);

export const AttachmentParams = /* @__PURE__ */ schema(() =>
  z.strictObject({
    reportNumber: ReportNumber,
    attachmentId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'an attachment id')),
  }),
);
