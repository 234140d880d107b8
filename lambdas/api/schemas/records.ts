// Records requests under the Connecticut FOI Act: input schemas (they also make the OpenAPI document).
import * as z from 'zod/mini';
import { DepartmentId, MultipartCompletionBody, UploadFileName, mediaType, text } from './common';
import { MAX_DOCUMENT_BYTES } from '../../domain/upload-limits';
import { CHANNELS, DELIVERY_OPTIONS, MESSAGE_VISIBILITIES } from '../../domain/records/records-request';
import { REQUEST_STATUSES, WORKFLOW_ACTIONS } from '../../domain/records/workflow';
import { ELECTRONIC_COST_ITEMS, MANDATORY_WAIVERS } from '../../domain/records/fees';
import { schema } from './schema';

export const TrackingNumber = /* @__PURE__ */ schema(() =>
  z
    .string()
    .check(z.regex(/^\d{4}-\d{6}$/, 'a tracking number like 2026-000123'), z.describe('Tracking number')),
);
const Ulid = /* @__PURE__ */ schema(() =>
  z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a document id')),
);
const Token = /* @__PURE__ */ schema(() =>
  z.string().check(z.regex(/^[A-Za-z0-9_-]{20,64}$/, 'the token from your status link')),
);
const Revision = /* @__PURE__ */ schema(() =>
  z
    .number()
    .check(z.int(), z.minimum(1), z.describe('The revision you read; a stale one gets 409 STALE_REVISION')),
);

const RequesterInput = /* @__PURE__ */ schema(() =>
  z.strictObject({
    name: text(1, 200, 'Your name as you want the city to address you'),
    email: z.optional(z.email().check(z.maxLength(254))),
    postalAddress: z.optional(text(5, 500)),
    phone: z.optional(z.string().check(z.regex(/^[0-9+().\- ]{7,25}$/, 'a phone number'))),
  }),
);

const requestFields = /* @__PURE__ */ schema(() => ({
  description: text(10, 10_000, 'Which records you want: as specific as you can (no purpose needed)'),
  delivery: z._default(
    z
      .enum(DELIVERY_OPTIONS)
      .check(z.describe('Electronic copy, paper by mail, inspection in person, or certified copy')),
    'electronic',
  ),
  department: z.optional(DepartmentId),
  personnelFiles: z.optional(
    z.boolean().check(z.describe('Personnel, medical or similar files (C.G.S. 1-214): 10 business days')),
  ),
  requester: RequesterInput,
}));

export const RecordsRequestBody = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      ...requestFields,
      notADuplicate: z.optional(
        z
          .boolean()
          .check(
            z.describe('Send true if a near-identical recent request of yours really is a different one'),
          ),
      ),
    })
    .register(z.globalRegistry, { id: 'RecordsRequestInput' }),
);

export const StaffEntryBody = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      ...requestFields,
      requester: z.strictObject({
        ...RequesterInput.shape,
        name: z._default(text(1, 200), 'Not given'),
      }),
      channel: z.enum(CHANNELS.filter((c) => c !== 'online') as ['mail', 'phone', 'email', 'in-person']),
      receivedAt: z.iso
        .datetime({ offset: true })
        .check(z.describe('When the first city office received it (ISO 8601 with offset)')),
      receivingOffice: DepartmentId,
    })
    .register(z.globalRegistry, { id: 'StaffRecordsRequestEntry' }),
);

export const RequestParams = /* @__PURE__ */ schema(() => z.strictObject({ trackingNumber: TrackingNumber }));
export const DocumentParams = /* @__PURE__ */ schema(() =>
  z.strictObject({ trackingNumber: TrackingNumber, documentId: Ulid }),
);
export const TokenQuery = /* @__PURE__ */ schema(() => z.strictObject({ token: Token }));

export const ArchiveQuery = /* @__PURE__ */ schema(() =>
  z.strictObject({
    year: z.optional(z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2999))),
    cursor: z.optional(
      z.string().check(z.maxLength(1024), z.regex(/^[A-Za-z0-9_-]+$/, 'a nextCursor value')),
    ),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
  }),
);

const QueueDate = /* @__PURE__ */ schema(() =>
  z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-11-30')),
);

/** The queue's filter (the JSON route and the admin page): see lambdas/domain/records/queue-query.ts. */
export const StaffListQuery = /* @__PURE__ */ schema(() =>
  z.strictObject({
    department: z.optional(DepartmentId),
    state: z._default(z.enum(['open', 'closed']), 'open'),
    status: z.optional(z.enum(REQUEST_STATUSES).check(z.describe('One status (it decides open or closed)'))),
    assignee: z.optional(
      z.string().check(z.trim(), z.regex(/^[A-Za-z0-9._@+-]{1,128}$/, 'a staff username')),
    ),
    channel: z.optional(z.enum(CHANNELS)),
    dueFrom: z.optional(QueueDate.check(z.describe('Statutory due date on or after (YYYY-MM-DD)'))),
    dueTo: z.optional(QueueDate.check(z.describe('Statutory due date on or before (YYYY-MM-DD)'))),
    q: z.optional(text(1, 200, 'Words of the description (all must appear), or a tracking number')),
    sort: z._default(z.enum(['due', 'received']), 'due'),
    order: z._default(z.enum(['asc', 'desc']), 'asc'),
    cursor: z.optional(
      z.string().check(z.maxLength(1024), z.regex(/^[A-Za-z0-9_-]+$/, 'a nextCursor value')),
    ),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
  }),
);

const ExemptionCodes = /* @__PURE__ */ schema(() =>
  z.array(z.string().check(z.minLength(1), z.maxLength(40))).check(z.maxLength(20)),
);

export const ActionBody = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      action: z.enum(WORKFLOW_ACTIONS),
      revision: Revision,
      reason: z.optional(text(3, 2000)),
      pauseReason: z.optional(z.enum(['clarification', 'payment'])),
      exemptions: z.optional(ExemptionCodes),
      otherStatuteCitation: z.optional(text(3, 500)),
      message: z.optional(text(1, 10_000, 'Sent to the requester with the notice or letter')),
    })
    .register(z.globalRegistry, { id: 'RecordsRequestAction' }),
);

const StaffRefInput = /* @__PURE__ */ schema(() =>
  z.strictObject({
    userId: text(1, 128),
    username: text(1, 128),
    email: z.optional(z.email()),
  }),
);

export const AssignmentBody = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      revision: Revision,
      department: z.optional(DepartmentId),
      assignee: z.optional(z.nullable(StaffRefInput)),
      reason: z.optional(text(3, 2000)),
    })
    .register(z.globalRegistry, { id: 'RecordsRequestAssignment' }),
);

export const MessageBody = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      visibility: z
        .enum(MESSAGE_VISIBILITIES)
        .check(
          z.describe(
            'internal (staff only), requester (sent to the requester), public (shown in the archive)',
          ),
        ),
      text: text(1, 10_000),
    })
    .register(z.globalRegistry, { id: 'RecordsRequestMessage' }),
);

const Count = /* @__PURE__ */ schema(() => z.number().check(z.int(), z.minimum(0), z.maximum(1_000_000)));

export const FeeBody = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      revision: Revision,
      paperPages: z.optional(Count),
      certifiedCopies: z.optional(Count),
      electronicItems: z.optional(
        z
          .array(
            z.strictObject({
              kind: z.enum(ELECTRONIC_COST_ITEMS.map((i) => i.kind) as [string, ...string[]]),
              description: text(1, 300),
              quantity: z.number().check(z.minimum(0), z.maximum(10_000)),
              unitCents: Count,
            }),
          )
          .check(z.maxLength(20)),
      ),
      waivers: z._default(
        z.array(z.enum(MANDATORY_WAIVERS.map((w) => w.code) as [string, ...string[]])).check(z.maxLength(5)),
        [],
      ),
    })
    .register(z.globalRegistry, { id: 'RecordsRequestFeeEstimate' }),
);

export const PaymentBody = /* @__PURE__ */ schema(() =>
  z.strictObject({
    revision: Revision,
    note: text(3, 500, 'Receipt number, check number…'),
  }),
);

export const DocumentUploadBody = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      fileName: UploadFileName,
      contentType: mediaType('application/pdf'),
      sizeBytes: z.number().check(z.int(), z.minimum(1), z.maximum(MAX_DOCUMENT_BYTES)),
      redacts: z.optional(Ulid.check(z.describe('The document this one is the redacted version of'))),
    })
    .register(z.globalRegistry, { id: 'RecordsDocumentUpload' }),
);

/** Completing the multipart upload of a records document. */
export const CompleteDocumentBody = MultipartCompletionBody;

export const DocumentDecisionBody = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      reason: text(10, 2000, 'Why this document may go out with these findings (e.g. public by law)'),
      exemptions: z._default(ExemptionCodes, []),
    })
    .register(z.globalRegistry, { id: 'RecordsDocumentDecision' }),
);

export const ReleaseBody = /* @__PURE__ */ schema(() =>
  z.strictObject({
    audience: z._default(z.enum(['requester', 'public']), 'requester'),
  }),
);

const CalendarDate = /* @__PURE__ */ schema(() =>
  z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')),
);

export const CalendarClosuresBody = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      revision: z.number().check(z.int(), z.minimum(0)),
      closures: z.array(z.strictObject({ date: CalendarDate, name: text(2, 120) })).check(z.maxLength(500)),
      reason: z.optional(text(3, 500)),
    })
    .register(z.globalRegistry, { id: 'CityClosures' }),
);

export const ProtectedAddressesBody = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      addresses: z
        .array(
          z.strictObject({
            id: z.optional(text(1, 64)),
            address: text(5, 300),
            category: text(2, 100, 'The C.G.S. 1-217 category (judge, sworn police officer, firefighter, …)'),
          }),
        )
        .check(z.maxLength(5000)),
    })
    .register(z.globalRegistry, { id: 'ProtectedAddresses' }),
);

export const ObjectionNoticeBody = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      revision: Revision,
      noticeOn: CalendarDate.check(
        z.describe('The day the notice reached the employees and union (or was mailed)'),
      ),
      delivery: z.enum(['received', 'mailed']),
    })
    .register(z.globalRegistry, { id: 'ObjectionNotice' }),
);

export const StatusLinkBody = /* @__PURE__ */ schema(() =>
  z.strictObject({
    email: z.email().check(z.maxLength(254), z.describe('The e-mail address you gave with the request')),
  }),
);

export const StatisticsQuery = /* @__PURE__ */ schema(() =>
  z.strictObject({
    format: z._default(z.enum(['json', 'csv']), 'json'),
  }),
);
