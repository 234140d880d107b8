/**
 * The enforcement case as the enforcing office keeps it, and the two ways it
 * is shown: to staff of the offices it is routed to, and to the reporter with
 * the status link (status and outcome only). The reporter's contact lives in a
 * separate item; nothing about the reporter ever reaches the party reported.
 */
import type {
  CaseActionKind,
  CaseParty,
  CaseStatus,
  CaseSubject,
  OffenceLevel,
  ViolationCategory,
} from './cases';

export interface CaseActor {
  userId: string;
  username: string;
}

export interface CaseActionRecord {
  actionId: string;
  kind: CaseActionKind;
  at: string;
  by: CaseActor;
  reason: string;
  offenceLevel?: OffenceLevel;
  /** What the owning feature answered (e.g. the key's new status, the withdrawn version). */
  result: Record<string, unknown>;
  dueDate?: string;
}

/** A confirmed personal-data exposure in a published dataset. */
export interface PersonalDataIncident {
  datasetId: string;
  version: number;
  publishedAt?: string;
  unpublishedAt: string;
  /** File downloads of that version while it was public (download counter). */
  downloads: number;
  findings: { column: string; pattern: string; count: number }[];
  noticeTo: string;
}

export interface Evidence {
  gatheredAt: string;
  summary: string[];
  records?: Record<string, unknown>;
  dataset?: Record<string, unknown>;
  apiKey?: Record<string, unknown>;
}

export interface EnforcementCase {
  reportNumber: string;
  revision: number;
  status: CaseStatus;
  category: ViolationCategory;
  source: 'public-report' | 'abuse-detection';
  description: string;
  subject: CaseSubject;
  occurredAt?: string;
  receivedAt: string;
  offices: string[];
  party: CaseParty;
  evidence: Evidence;
  actions: CaseActionRecord[];
  incident?: PersonalDataIncident;
  outcome?: { status: CaseStatus; reason: string; at: string; by: CaseActor };
  closedAt?: string;
  accessTokenHash: string;
  /** The reporter left a way to reach them (their contact is in a separate item). */
  reporterReachable: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Reporter {
  name?: string;
  email?: string;
}

export function caseStaffView(c: EnforcementCase, reporter?: Reporter) {
  const { accessTokenHash: _token, ...rest } = c;
  return { ...rest, ...(reporter ? { reporter } : {}) };
}

/** The reporter's view: what happens to their report, never staff names or evidence. */
export function caseReporterView(c: EnforcementCase) {
  return {
    reportNumber: c.reportNumber,
    category: c.category,
    status: c.status,
    receivedAt: c.receivedAt,
    handledBy: c.offices,
    actionsTaken: c.actions.map((a) => ({ kind: a.kind, at: a.at })),
    outcome: c.outcome ? { status: c.outcome.status, reason: c.outcome.reason, at: c.outcome.at } : null,
    closedAt: c.closedAt ?? null,
  };
}

/** A file the reporter attached: scanned like every upload; staff-only, never public. */
export interface ReportAttachment {
  reportNumber: string;
  attachmentId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  objectKey: string;
  state: 'awaiting-upload' | 'scanned';
  uploadedAt: string;
  /** The personal-data scan: findings mark it for care; it stays evidence either way. */
  scan?: import('../records/release-scan').DocumentScanReport;
}
