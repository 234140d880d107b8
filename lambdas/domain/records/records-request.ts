/**
 * The records request as the clerk's office keeps it, and the three ways it is
 * shown: to staff (everything), to the requester with the status link (no
 * internal notes), and to the public archive (no requester identity, no
 * description, no notes). The requester's name and contact live in a separate
 * item (`Requester`) so that no public read ever loads them.
 */
import { nyDate, type RequestClocks, type Pause } from './clocks';
import type { FeeInvoice } from './fees';
import type { DocumentScanReport } from './release-scan';
import { CLOSED_STATUSES, type RequestStatus } from './workflow';

export const DELIVERY_OPTIONS = ['electronic', 'paper', 'inspection', 'certified-copy'] as const;
export type Delivery = (typeof DELIVERY_OPTIONS)[number];

/** How the request first reached the city (online is this platform's form). */
export const CHANNELS = ['online', 'mail', 'phone', 'email', 'in-person'] as const;
export type Channel = (typeof CHANNELS)[number];

export { MESSAGE_VISIBILITIES, type MessageVisibility } from './access';
import type { MessageVisibility } from './access';

export interface Requester {
  name: string;
  email?: string;
  postalAddress?: string;
  phone?: string;
}

export interface StaffRef {
  userId: string;
  username: string;
  /** Where the assignee's daily digest goes. */
  email?: string;
}

export interface Determination {
  outcome: 'fulfilled' | 'partially-fulfilled' | 'denied' | 'no-records' | 'withdrawn';
  at: string;
  exemptions: string[];
  otherStatuteCitation?: string;
  explanation?: string;
  by?: StaffRef;
}

export interface FeeRecord {
  invoice: FeeInvoice;
  estimatedAt: string;
  estimatedBy: StaffRef;
  paidAt?: string;
  paymentNote?: string;
}

export interface RecordsRequest {
  trackingNumber: string;
  /** Optimistic locking: every save names the revision it read. */
  revision: number;
  status: RequestStatus;
  channel: Channel;
  /** When the first city office got it (the clocks run from here). */
  receivedAt: string;
  /** The office that first received it (a department id). */
  receivingOffice: string;
  enteredBy?: StaffRef;
  description: string;
  delivery: Delivery;
  department?: string;
  assignee?: StaffRef;
  /** Personnel, medical or similar files (C.G.S. 1-214): 10 business days. */
  personnelFiles: boolean;
  pauses: Pause[];
  firstResponseAt?: string;
  determination?: Determination;
  closedAt?: string;
  deemedDenial?: { on: string; noticeSentAt?: string };
  fee?: FeeRecord;
  /** C.G.S. 1-214: the employees and their union were notified; they may object until `windowEnds`. */
  objectionNotice?: {
    noticeOn: string;
    delivery: 'received' | 'mailed';
    windowEnds: string;
    recordedBy: StaffRef;
  };
  /** Cached for the due-date index; recomputed when the holiday calendar changes. */
  statutoryDueDate: string;
  calendarVersion: string;
  accessTokenHash: string;
  /** sha256 of the requester's normalized identity: duplicates and the neutral per-requester export. */
  requesterKey: string;
  likelyDuplicateOf?: string;
  createdAt: string;
  updatedAt: string;
}

export interface RequestMessage {
  messageId: string;
  trackingNumber: string;
  at: string;
  visibility: MessageVisibility;
  /** Staff author, or the requester (never named here). */
  from: StaffRef | { requester: true } | { system: string };
  text: string;
}

export type DocumentState =
  'awaiting-upload' | 'scanning' | 'blocked' | 'clear' | 'released' | 'superseded' | 'withdrawn';

export interface RequestDocument {
  trackingNumber: string;
  documentId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  objectKey: string;
  state: DocumentState;
  uploadedAt: string;
  uploadedBy: StaffRef;
  multipartUploadId?: string;
  scan?: DocumentScanReport;
  /** A staff decision that lets a document with findings (or not scannable) be released. */
  decision?: { at: string; by: StaffRef; reason: string; exemptions: string[] };
  /** This document is the redacted version of another one. */
  redacts?: string;
  release?: { at: string; by: StaffRef; audience: 'requester' | 'public' };
}

export const isClosed = (status: RequestStatus) => (CLOSED_STATUSES as readonly string[]).includes(status);

export interface StaffRequestView extends Omit<RecordsRequest, 'accessTokenHash' | 'requesterKey'> {
  requester?: Requester;
  clocks: RequestClocks;
}

export function staffView(
  request: RecordsRequest,
  clocks: RequestClocks,
  requester?: Requester,
): StaffRequestView {
  const { accessTokenHash: _token, requesterKey: _key, ...rest } = request;
  return { ...rest, ...(requester ? { requester } : {}), clocks };
}

/** What the requester sees with the status link: no internal notes, no staff identities. */
export function requesterView(
  request: RecordsRequest,
  clocks: RequestClocks,
  messages: RequestMessage[],
  documents: RequestDocument[],
) {
  return {
    trackingNumber: request.trackingNumber,
    status: request.status,
    receivedAt: request.receivedAt,
    description: request.description,
    delivery: request.delivery,
    department: request.department ?? null,
    clocks,
    determination: request.determination
      ? {
          outcome: request.determination.outcome,
          at: request.determination.at,
          exemptions: request.determination.exemptions,
          ...(request.determination.explanation ? { explanation: request.determination.explanation } : {}),
        }
      : null,
    fee: request.fee
      ? { invoice: request.fee.invoice, ...(request.fee.paidAt ? { paidAt: request.fee.paidAt } : {}) }
      : null,
    messages: messages
      .filter((m) => m.visibility !== 'internal')
      .map((m) => ({ at: m.at, from: 'requester' in m.from ? 'you' : 'city', text: m.text })),
    documents: documents
      .filter((d) => d.state === 'released')
      .map((d) => ({
        documentId: d.documentId,
        fileName: d.fileName,
        sizeBytes: d.sizeBytes,
        releasedAt: d.release?.at,
      })),
  };
}

/**
 * The public archive entry: tracking number, department, dates, outcome,
 * exemptions and public files. Deliberately no description (requesters write
 * their own names and addresses into it), no requester, no notes.
 */
export function archiveView(
  request: RecordsRequest,
  publicDocuments: RequestDocument[],
  publicNotes: RequestMessage[],
) {
  return {
    trackingNumber: request.trackingNumber,
    department: request.department ?? request.receivingOffice,
    receivedOn: nyDate(request.receivedAt),
    statutoryDueDate: request.statutoryDueDate,
    closedAt: request.closedAt ?? null,
    outcome: request.determination?.outcome ?? request.status,
    exemptionsCited: request.determination?.exemptions ?? [],
    deemedDenied: Boolean(request.deemedDenial),
    publicNotes: publicNotes
      .filter((m) => m.visibility === 'public')
      .map((m) => ({ at: m.at, text: m.text })),
    files: publicDocuments
      .filter((d) => d.state === 'released' && d.release?.audience === 'public')
      .map((d) => ({ documentId: d.documentId, fileName: d.fileName, sizeBytes: d.sizeBytes })),
  };
}
