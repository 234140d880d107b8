/**
 * What the records-request use cases need from the outside world. The
 * DynamoDB, S3 and e-mail adapters implement these; tests can use the real
 * adapters against DynamoDB Local and s3rver.
 */
import type { IdempotencyPort } from '../idempotency';
import type { AuditEvent } from '../audit';
import type { EmailMessage } from '../email/messages';
import type { HolidayCalendar } from './holiday-calendar';
import type { QueuePage, QueuePlan } from './queue-query';
import type { RecordsRequest, RequestDocument, RequestMessage, Requester } from './records-request';

export type { StoredResponse } from '../idempotency';

export interface RequestPage {
  requests: RecordsRequest[];
  nextCursor?: string;
}

export interface RecordsStorePort extends IdempotencyPort {
  /**
   * Allocates the next tracking number of `year` and stores the request, its
   * requester and the audit event in one transaction (no gaps, no collisions).
   */
  createRequest(
    build: (trackingNumber: string) => {
      request: RecordsRequest;
      requester: Requester;
      /** Kept with the requester (private), so every notice can carry the status link. */
      statusLinkToken: string;
      audit: AuditEvent;
    },
    year: number,
  ): Promise<RecordsRequest>;
  statusLinkToken(trackingNumber: string): Promise<string | undefined>;
  getRequest(trackingNumber: string): Promise<RecordsRequest | undefined>;
  getRequester(trackingNumber: string): Promise<Requester | undefined>;
  /** Saves when the stored revision is still `expectedRevision` (else throws a 409 with the fresh state). */
  saveRequest(request: RecordsRequest, expectedRevision: number, audit: AuditEvent[]): Promise<void>;
  /** Recent requests by the same requester (fingerprint hash), newest first. */
  recentByRequester(requesterKey: string, sinceIso: string, limit?: number): Promise<RecordsRequest[]>;
  /** Open requests whose statutory due date is on or before `dueOnOrBefore`, by due date. */
  openRequestsDueBy(dueOnOrBefore: string, cursor?: string, limit?: number): Promise<RequestPage>;
  /** A department's requests (open first by due date, or closed by close date). */
  departmentRequests(
    department: string,
    which: 'open' | 'closed',
    cursor?: string,
    limit?: number,
  ): Promise<RequestPage>;
  /** Closed requests, newest closing first, for the public archive. */
  closedRequests(year: number, cursor?: string, limit?: number): Promise<RequestPage>;
  /** A page of the staff queue, as lambdas/domain/records/queue-query.ts planned it. */
  queuePage(plan: QueuePlan, cursor: string | undefined, limit: number): Promise<QueuePage>;
  /** How many open requests a department has (routed to it, or received by it and not routed). */
  countOpenRequests(department: string): Promise<number>;

  addMessage(message: RequestMessage, audit: AuditEvent): Promise<void>;
  messages(trackingNumber: string): Promise<RequestMessage[]>;

  putDocument(
    document: RequestDocument,
    audit: AuditEvent,
    expectedState?: RequestDocument['state'],
  ): Promise<void>;
  getDocument(trackingNumber: string, documentId: string): Promise<RequestDocument | undefined>;
  documents(trackingNumber: string): Promise<RequestDocument[]>;

  auditTrail(trackingNumber: string): Promise<AuditEvent[]>;

  /** Counts submissions from one address in one hour (atomic counter with TTL). */
  countSubmissionFrom(ipHash: string, hour: string, nowMs: number): Promise<number>;

  getCalendar(): Promise<HolidayCalendar | undefined>;
  saveCalendar(calendar: HolidayCalendar, expectedRevision: number, audit: AuditEvent): Promise<void>;

  getProtectedAddresses(): Promise<import('./protected-addresses').ProtectedAddress[]>;
  saveProtectedAddresses(
    list: import('./protected-addresses').ProtectedAddress[],
    audit: AuditEvent,
  ): Promise<void>;

  /** Marks a once-a-day job step done; false when it already ran (the job is safe to run twice). */
  claimJobStep(step: string, day: string, nowMs: number): Promise<boolean>;
}

export interface RequestFilesPort {
  presignUpload(key: string, contentType: string, expiresInSeconds: number): Promise<string>;
  startMultipartUpload(key: string, contentType: string): Promise<string>;
  presignUploadPart(
    key: string,
    uploadId: string,
    partNumber: number,
    expiresInSeconds: number,
  ): Promise<string>;
  completeMultipartUpload(
    key: string,
    uploadId: string,
    parts: { partNumber: number; etag: string }[],
  ): Promise<void>;
  presignDownload(key: string, fileName: string, expiresInSeconds: number): Promise<string>;
  openFile(key: string): Promise<AsyncIterable<Uint8Array>>;
  putFile(key: string, body: Uint8Array, contentType: string): Promise<void>;
  fileSize(key: string): Promise<number | undefined>;
}

export interface RecordsEmailPort {
  send(message: EmailMessage): Promise<unknown>;
}
