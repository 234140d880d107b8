/**
 * Releasing records to a requester behind the personal-data gate. Staff upload
 * a document (presigned PUT, multipart above 100 MB); the scan runs when the
 * upload lands (S3 event in AWS, the local stand-in locally) with the same
 * scanner as datasets plus the §1-217 protected-address list. A document with
 * findings, or one the scanner cannot read, is blocked until staff upload a
 * redacted version or record a decision with a reason (and an exemption when
 * one applies). Only then can it be released; the requester downloads it with
 * a short-lived presigned URL.
 */
import { badRequest, forbidden, notFound, PlatformError } from '../../shared/errors';
import type { StaffPrincipal } from '../../shared/staff';
import { auditEvent, type Clock } from '../audit';
import { canActOnRequest, canViewRequest } from './access';
import { clocksOf, loadForRequester, statusLinkOf } from './casework';
import { appealPacket, zipAppealPacket } from './appeal-packet';
import { currentCalendar } from './intake';
import { CITY } from '../../shared/city-profile';
import { requireCitations } from './exemptions';
import type { RecordsEmailPort, RecordsStorePort, RequestFilesPort } from './ports';
import { isClosed, type RecordsRequest, type RequestDocument, type StaffRef } from './records-request';
import { releaseNeedsDecision, type DocumentScanReport } from './release-scan';
import { statusChangeMessage } from './letters';
import { MAX_DOCUMENT_BYTES } from '../upload-limits';

export { MAX_DOCUMENT_BYTES };
export const MULTIPART_THRESHOLD_BYTES = 100 * 1024 ** 2;
export const PART_BYTES = 64 * 1024 ** 2;
const UPLOAD_URL_SECONDS = 3600;
/** Download links are short-lived: the status page makes a new one per click. */
export const DOWNLOAD_URL_SECONDS = 300;
export const DOCUMENTS_PREFIX = 'request-documents/';

export interface ReleaseDeps {
  store: RecordsStorePort;
  files: RequestFilesPort;
  email: RecordsEmailPort;
  clock: Clock;
}
type FileDeps = Pick<ReleaseDeps, 'store' | 'files' | 'clock'>;
type RecordDeps = Pick<ReleaseDeps, 'store' | 'clock'>;

const staffRef = (p: StaffPrincipal): StaffRef => ({ userId: p.userId, username: p.username });

export const documentKey = (trackingNumber: string, documentId: string) =>
  `${DOCUMENTS_PREFIX}${trackingNumber}/${documentId}`;

/** The tracking number and document id an uploaded object belongs to, or undefined. */
export function documentOfKey(key: string): { trackingNumber: string; documentId: string } | undefined {
  const match = /^request-documents\/(\d{4}-\d{6})\/([0-9A-HJKMNP-TV-Z]{26})$/.exec(key);
  return match ? { trackingNumber: match[1]!, documentId: match[2]! } : undefined;
}

async function requestForStaff(store: RecordsStorePort, principal: StaffPrincipal, trackingNumber: string) {
  const request = await store.getRequest(trackingNumber);
  if (!request) throw notFound(`There is no records request ${trackingNumber}.`);
  if (!canViewRequest(principal, request) || !canActOnRequest(principal, request)) {
    throw forbidden(`You cannot act on request ${trackingNumber}.`);
  }
  return request;
}

async function documentOf(store: RecordsStorePort, request: RecordsRequest, documentId: string) {
  const document = await store.getDocument(request.trackingNumber, documentId);
  if (!document) throw notFound(`Request ${request.trackingNumber} has no document ${documentId}.`);
  return document;
}

export interface DocumentUploadInput {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  /** The document this one is the redacted version of. */
  redacts?: string;
}

/** Step 1: a document record and where to PUT the bytes. */
export async function startDocumentUpload(
  deps: FileDeps,
  principal: StaffPrincipal,
  trackingNumber: string,
  input: DocumentUploadInput,
  context: { requestId: string },
) {
  const { store, clock, files } = deps;
  const request = await requestForStaff(store, principal, trackingNumber);
  if (isClosed(request.status)) throw badRequest(`Request ${trackingNumber} is closed; reopen it first.`);
  if (input.sizeBytes > MAX_DOCUMENT_BYTES) {
    throw new PlatformError(413, 'PAYLOAD_TOO_LARGE', 'A document can be at most 5 GB; split it into parts.');
  }
  if (input.redacts) {
    const original = await documentOf(store, request, input.redacts);
    if (original.state === 'released') throw badRequest('That document is already released.');
  }
  const documentId = clock.newId();
  const objectKey = documentKey(trackingNumber, documentId);
  const multipart = input.sizeBytes > MULTIPART_THRESHOLD_BYTES;
  const uploadId = multipart ? await files.startMultipartUpload(objectKey, input.contentType) : undefined;
  const document: RequestDocument = {
    trackingNumber,
    documentId,
    fileName: input.fileName,
    contentType: input.contentType,
    sizeBytes: input.sizeBytes,
    objectKey,
    state: 'awaiting-upload',
    uploadedAt: clock.now(),
    uploadedBy: staffRef(principal),
    ...(uploadId ? { multipartUploadId: uploadId } : {}),
    ...(input.redacts ? { redacts: input.redacts } : {}),
  };
  await store.putDocument(
    document,
    auditEvent(
      clock,
      principal,
      'records-request.document-upload-started',
      { type: 'records-request', id: trackingNumber },
      {
        documentId,
        sizeBytes: input.sizeBytes,
        contentType: input.contentType,
        ...(input.redacts ? { redacts: input.redacts } : {}),
      },
      context.requestId,
    ),
  );
  if (!uploadId) {
    return {
      document,
      upload: {
        method: 'PUT',
        url: await files.presignUpload(objectKey, input.contentType, UPLOAD_URL_SECONDS),
        headers: { 'Content-Type': input.contentType },
        expiresInSeconds: UPLOAD_URL_SECONDS,
      },
    };
  }
  const partCount = Math.ceil(input.sizeBytes / PART_BYTES);
  const parts = await Promise.all(
    Array.from({ length: partCount }, async (_, i) => ({
      partNumber: i + 1,
      url: await files.presignUploadPart(objectKey, uploadId, i + 1, UPLOAD_URL_SECONDS),
    })),
  );
  return {
    document,
    upload: { method: 'multipart', partBytes: PART_BYTES, parts, expiresInSeconds: UPLOAD_URL_SECONDS },
  };
}

/** Multipart only: S3 joins the parts, and the object-created event starts the scan. */
export async function completeDocumentUpload(
  deps: FileDeps,
  principal: StaffPrincipal,
  trackingNumber: string,
  documentId: string,
  parts: { partNumber: number; etag: string }[],
) {
  const request = await requestForStaff(deps.store, principal, trackingNumber);
  const document = await documentOf(deps.store, request, documentId);
  if (document.state !== 'awaiting-upload' || !document.multipartUploadId) {
    throw badRequest('This document is not waiting for a multipart upload.');
  }
  await deps.files.completeMultipartUpload(document.objectKey, document.multipartUploadId, parts);
  return { document };
}

/** Scanner entry point: reads the object and returns the report (the adapter streams it). */
export type ScanDocument = (
  source: AsyncIterable<Uint8Array>,
  options: {
    fileName: string;
    contentType: string;
    protectedAddresses: import('./protected-addresses').ProtectedAddress[];
  },
) => Promise<DocumentScanReport>;

/** Runs when an uploaded document lands in the records bucket. Safe to run twice. */
export async function scanUploadedDocument(deps: FileDeps & { scan: ScanDocument }, objectKey: string) {
  const { store, clock, files } = deps;
  const ids = documentOfKey(objectKey);
  if (!ids) return { skipped: 'not a request document' };
  const document = await store.getDocument(ids.trackingNumber, ids.documentId);
  if (!document || document.state !== 'awaiting-upload') return { skipped: 'already scanned' };
  const size = (await files.fileSize(objectKey)) ?? document.sizeBytes;
  const scan = await deps.scan(await files.openFile(objectKey), {
    fileName: document.fileName,
    contentType: document.contentType,
    protectedAddresses: await store.getProtectedAddresses(),
  });
  const next: RequestDocument = {
    ...document,
    sizeBytes: size,
    scan,
    state: releaseNeedsDecision(scan) ? 'blocked' : 'clear',
  };
  delete next.multipartUploadId;
  await store.putDocument(
    next,
    auditEvent(
      clock,
      { system: 'release-scan' },
      'records-request.document-scanned',
      { type: 'records-request', id: ids.trackingNumber },
      {
        documentId: ids.documentId,
        state: next.state,
        scannedAs: scan.scannedAs,
        // Pattern names and counts only: never the values.
        findings: scan.findings.map((f) => ({ pattern: f.pattern, where: f.where, count: f.count })),
      },
    ),
    'awaiting-upload',
  );
  if (next.state === 'clear' && next.redacts) await supersede(deps, next);
  return { state: next.state };
}

/** A cleared redacted version replaces its original, which can then never be released. */
async function supersede(deps: RecordDeps, redacted: RequestDocument) {
  const original = await deps.store.getDocument(redacted.trackingNumber, redacted.redacts!);
  if (!original || original.state === 'released' || original.state === 'superseded') return;
  await deps.store.putDocument(
    { ...original, state: 'superseded' },
    auditEvent(
      deps.clock,
      { system: 'release-scan' },
      'records-request.document-superseded',
      { type: 'records-request', id: redacted.trackingNumber },
      { documentId: original.documentId, by: redacted.documentId },
    ),
    original.state,
  );
}

/** A staff decision that a blocked document may go out as it is (a reason, and exemptions where they apply). */
export async function decideDocumentFindings(
  deps: RecordDeps,
  principal: StaffPrincipal,
  trackingNumber: string,
  documentId: string,
  input: { reason: string; exemptions: string[] },
  context: { requestId: string },
) {
  const { store, clock } = deps;
  const request = await requestForStaff(store, principal, trackingNumber);
  const document = await documentOf(store, request, documentId);
  if (document.state !== 'blocked') {
    throw new PlatformError(
      409,
      'CONFLICT',
      `Document ${documentId} is ${document.state}; only a blocked document needs a decision.`,
    );
  }
  const exemptions = input.exemptions.length ? requireCitations(input.exemptions).map((e) => e.code) : [];
  const next: RequestDocument = {
    ...document,
    state: 'clear',
    decision: { at: clock.now(), by: staffRef(principal), reason: input.reason, exemptions },
  };
  await store.putDocument(
    next,
    auditEvent(
      clock,
      principal,
      'records-request.document-findings-decided',
      { type: 'records-request', id: trackingNumber },
      {
        documentId,
        reason: input.reason,
        exemptions,
        findings: (document.scan?.findings ?? []).map((f) => ({
          pattern: f.pattern,
          where: f.where,
          count: f.count,
        })),
      },
      context.requestId,
    ),
    'blocked',
  );
  if (next.redacts) await supersede(deps, next);
  return { document: next };
}

/** Release to the requester (and optionally the public archive). Blocked documents cannot go. */
export async function releaseDocument(
  deps: ReleaseDeps,
  principal: StaffPrincipal,
  trackingNumber: string,
  documentId: string,
  input: { audience: 'requester' | 'public' },
  context: { requestId: string; baseUrl: string },
) {
  const { store, clock } = deps;
  const request = await requestForStaff(store, principal, trackingNumber);
  const document = await documentOf(store, request, documentId);
  if (document.state === 'blocked') {
    throw new PlatformError(
      409,
      'RELEASE_BLOCKED',
      `Document ${documentId} has personal-data findings nobody has decided on (${
        (document.scan?.findings ?? []).map((f) => `${f.label} in ${f.where}`).join('; ') ||
        document.scan?.note ||
        'not scannable'
      }). Upload a redacted version or record a decision.`,
      { context: { findings: document.scan?.findings ?? [], scannedAs: document.scan?.scannedAs } },
    );
  }
  if (document.state !== 'clear') {
    throw new PlatformError(
      409,
      'CONFLICT',
      `Document ${documentId} is ${document.state} and cannot be released.`,
    );
  }
  const next: RequestDocument = {
    ...document,
    state: 'released',
    release: { at: clock.now(), by: staffRef(principal), audience: input.audience },
  };
  await store.putDocument(
    next,
    auditEvent(
      clock,
      principal,
      'records-request.document-released',
      { type: 'records-request', id: trackingNumber },
      { documentId, audience: input.audience, decided: Boolean(document.decision) },
      context.requestId,
    ),
    'clear',
  );
  const requester = await store.getRequester(trackingNumber);
  if (requester?.email) {
    const notice = statusChangeMessage({
      trackingNumber,
      status: request.status,
      message: `A document is ready for you: ${document.fileName}. Download it from your status page.`,
      statusUrl: await statusLinkOf(store, context.baseUrl, trackingNumber),
      requesterName: requester.name,
    });
    await deps.email.send({
      to: requester.email,
      subject: notice.subject,
      text: notice.text,
      category: 'records-request-release',
      relatedTo: { type: 'records-request', id: trackingNumber },
    });
  }
  return { document: next };
}

/** The requester's download: a released document, with the status-link token. */
export async function requesterDownload(
  deps: Pick<ReleaseDeps, 'store' | 'files'>,
  trackingNumber: string,
  documentId: string,
  token: string,
): Promise<string> {
  await loadForRequester(deps.store, trackingNumber, token);
  const document = await deps.store.getDocument(trackingNumber, documentId);
  if (!document || document.state !== 'released') throw notFound('No released document has this id.');
  return deps.files.presignDownload(document.objectKey, document.fileName, DOWNLOAD_URL_SECONDS);
}

/** The public archive's download: only documents released to the public, of closed requests. */
export async function publicDownload(
  deps: Pick<ReleaseDeps, 'store' | 'files'>,
  trackingNumber: string,
  documentId: string,
): Promise<string> {
  const request = await deps.store.getRequest(trackingNumber);
  const document =
    request && isClosed(request.status)
      ? await deps.store.getDocument(trackingNumber, documentId)
      : undefined;
  if (!document || document.state !== 'released' || document.release?.audience !== 'public') {
    throw notFound('No public document has this id.');
  }
  return deps.files.presignDownload(document.objectKey, document.fileName, DOWNLOAD_URL_SECONDS);
}

/** Appeal packets are written here and handed out by a short-lived link; nothing triggers on this prefix. */
export const APPEAL_PACKETS_PREFIX = 'appeal-packets/';

/**
 * The §1-21j-28 appeal packet of one request, as a zip in the records bucket
 * and a 5-minute link to it. For staff (and, through them, the requester and
 * city counsel): it holds the requester's contact, so it is never public.
 */
export async function exportAppealPacket(
  deps: Pick<ReleaseDeps, 'store' | 'files' | 'clock'>,
  principal: StaffPrincipal,
  trackingNumber: string,
  context: { requestId: string },
): Promise<string> {
  const { store, clock } = deps;
  const request = await requestForStaff(store, principal, trackingNumber);
  const [calendar, requester, messages, documents, timeline] = await Promise.all([
    currentCalendar(store),
    store.getRequester(trackingNumber),
    store.messages(trackingNumber),
    store.documents(trackingNumber),
    store.auditTrail(trackingNumber),
  ]);
  const now = clock.now();
  const packet = appealPacket({
    request,
    ...(requester ? { requester } : {}),
    clocks: clocksOf(request, calendar, now),
    messages,
    documents,
    timeline,
    city: { name: CITY.name },
    generatedAt: now,
  });
  const key = `${APPEAL_PACKETS_PREFIX}${trackingNumber}/${clock.newId()}.zip`;
  await deps.files.putFile(key, zipAppealPacket(packet), 'application/zip');
  await store.addMessage(
    {
      messageId: clock.newId(),
      trackingNumber,
      at: now,
      visibility: 'internal',
      from: staffRef(principal),
      text: `Appeal packet exported (${packet.files.length} files).`,
    },
    auditEvent(
      clock,
      principal,
      'records-request.appeal-packet-exported',
      { type: 'records-request', id: trackingNumber },
      { files: packet.files.length },
      context.requestId,
    ),
  );
  return deps.files.presignDownload(key, packet.fileName, DOWNLOAD_URL_SECONDS);
}
