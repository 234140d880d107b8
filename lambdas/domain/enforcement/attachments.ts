/**
 * Evidence a reporter attaches to a report: uploaded straight to the records
 * bucket with a presigned PUT (the status-link token proves it is theirs),
 * then scanned with the same personal-data scanner as every upload. Findings
 * do not remove the file (it is evidence) but mark it, and only staff of the
 * case's offices can download it, by a 5-minute link.
 */
import { badRequest, forbidden, notFound, PlatformError } from '../../shared/errors';
import type { StaffPrincipal } from '../../shared/staff';
import { auditEvent, type AuditEvent, type Clock } from '../audit';
import type { DocumentScanReport } from '../records/release-scan';
import type { ProtectedAddress } from '../records/protected-addresses';
import { canSeeCase } from './cases';
import { caseForReporter } from './use-cases';
import type { EnforcementCase, ReportAttachment } from './enforcement-case';
import { MAX_ATTACHMENT_BYTES } from '../upload-limits';

export const MAX_ATTACHMENTS = 5;
export { MAX_ATTACHMENT_BYTES };
export const ATTACHMENTS_PREFIX = 'report-attachments/';
const LINK_SECONDS = 300;

export interface AttachmentStorePort {
  getCase(reportNumber: string): Promise<EnforcementCase | undefined>;
  attachments(reportNumber: string): Promise<ReportAttachment[]>;
  putAttachment(
    attachment: ReportAttachment,
    audit: AuditEvent,
    expectedState?: ReportAttachment['state'],
  ): Promise<void>;
  getAttachment(reportNumber: string, attachmentId: string): Promise<ReportAttachment | undefined>;
}

export interface AttachmentFilesPort {
  presignUpload(key: string, expiresInSeconds: number): Promise<string>;
  presignDownload(key: string, fileName: string, expiresInSeconds: number): Promise<string>;
  openFile(key: string): Promise<AsyncIterable<Uint8Array>>;
  fileSize(key: string): Promise<number | undefined>;
}

export const attachmentKey = (reportNumber: string, attachmentId: string) =>
  `${ATTACHMENTS_PREFIX}${reportNumber}/${attachmentId}`;

export function attachmentOfKey(key: string): { reportNumber: string; attachmentId: string } | undefined {
  const match = /^report-attachments\/(VR-\d{4}-\d{6})\/([0-9A-HJKMNP-TV-Z]{26})$/.exec(key);
  return match ? { reportNumber: match[1]!, attachmentId: match[2]! } : undefined;
}

/** The reporter asks where to upload one file (with the token from their status link). */
export async function startAttachmentUpload(
  deps: { store: AttachmentStorePort; files: AttachmentFilesPort; clock: Clock },
  reportNumber: string,
  token: string,
  input: { fileName: string; contentType: string; sizeBytes: number },
) {
  const c = await caseForReporter(deps.store, reportNumber, token);
  if (c.status === 'closed')
    throw badRequest('This report is closed; send a new one if something new happened.');
  if (input.sizeBytes > MAX_ATTACHMENT_BYTES) {
    throw new PlatformError(413, 'PAYLOAD_TOO_LARGE', 'An attachment can be at most 25 MB.');
  }
  if ((await deps.store.attachments(reportNumber)).length >= MAX_ATTACHMENTS) {
    throw badRequest(`A report takes at most ${MAX_ATTACHMENTS} attachments.`);
  }
  const attachmentId = deps.clock.newId();
  const attachment: ReportAttachment = {
    reportNumber,
    attachmentId,
    fileName: input.fileName,
    contentType: input.contentType,
    sizeBytes: input.sizeBytes,
    objectKey: attachmentKey(reportNumber, attachmentId),
    state: 'awaiting-upload',
    uploadedAt: deps.clock.now(),
  };
  await deps.store.putAttachment(
    attachment,
    auditEvent(
      deps.clock,
      { system: 'reporter' },
      'case.attachment-upload-started',
      { type: 'case', id: reportNumber },
      {
        attachmentId,
        sizeBytes: input.sizeBytes,
        contentType: input.contentType,
      },
    ),
  );
  return {
    attachmentId,
    upload: {
      method: 'PUT',
      url: await deps.files.presignUpload(attachment.objectKey, LINK_SECONDS * 12),
      headers: { 'Content-Type': input.contentType },
      maxBytes: MAX_ATTACHMENT_BYTES,
    },
  };
}

/** Runs when an attachment lands: the same scan as every upload. Safe to run twice. */
export async function scanUploadedAttachment(
  deps: {
    store: AttachmentStorePort;
    files: AttachmentFilesPort;
    clock: Clock;
    protectedAddresses: () => Promise<ProtectedAddress[]>;
    scan: (
      source: AsyncIterable<Uint8Array>,
      options: { fileName: string; contentType: string; protectedAddresses: ProtectedAddress[] },
    ) => Promise<DocumentScanReport>;
  },
  objectKey: string,
) {
  const ids = attachmentOfKey(objectKey);
  if (!ids) return { skipped: 'not a report attachment' };
  const attachment = await deps.store.getAttachment(ids.reportNumber, ids.attachmentId);
  if (!attachment || attachment.state !== 'awaiting-upload') return { skipped: 'already scanned' };
  const size = (await deps.files.fileSize(objectKey)) ?? attachment.sizeBytes;
  const scan =
    size > MAX_ATTACHMENT_BYTES
      ? {
          scannedAs: 'not-scannable' as const,
          bytesScanned: 0,
          truncated: true,
          findings: [],
          note: 'Larger than the 25 MB allowed for attachments.',
        }
      : await deps.scan(await deps.files.openFile(objectKey), {
          fileName: attachment.fileName,
          contentType: attachment.contentType,
          protectedAddresses: await deps.protectedAddresses(),
        });
  await deps.store.putAttachment(
    { ...attachment, sizeBytes: size, state: 'scanned', scan },
    auditEvent(
      deps.clock,
      { system: 'attachment-scan' },
      'case.attachment-scanned',
      { type: 'case', id: ids.reportNumber },
      {
        attachmentId: ids.attachmentId,
        scannedAs: scan.scannedAs,
        findings: scan.findings.map((f) => ({ pattern: f.pattern, where: f.where, count: f.count })),
      },
    ),
    'awaiting-upload',
  );
  return { scannedAs: scan.scannedAs, findings: scan.findings.length };
}

/** Staff of the case's offices download an attachment by a short-lived link. */
export async function attachmentDownload(
  deps: { store: AttachmentStorePort; files: AttachmentFilesPort },
  principal: StaffPrincipal,
  reportNumber: string,
  attachmentId: string,
): Promise<string> {
  const c = await deps.store.getCase(reportNumber);
  if (!c) throw notFound(`There is no case ${reportNumber}.`);
  if (!canSeeCase(principal, c.offices))
    throw forbidden(`Case ${reportNumber} is handled by another office.`);
  const attachment = await deps.store.getAttachment(reportNumber, attachmentId);
  if (!attachment || attachment.state !== 'scanned') throw notFound('No scanned attachment has this id.');
  return deps.files.presignDownload(attachment.objectKey, attachment.fileName, LINK_SECONDS);
}
