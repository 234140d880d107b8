/**
 * Enforcement cases: a suspected violation of the city's rules, from a public
 * report or from the platform's own abuse detection, worked by the office the
 * routing rules name to a documented outcome. Pure: states, transitions,
 * routing and offence levels are data and functions here; storage and the
 * actions' side effects (sanctions, unpublishing, reopening) are elsewhere.
 */
import { badRequest, PlatformError } from '../../shared/errors';
import type { StaffPrincipal } from '../../shared/staff';

export const VIOLATION_CATEGORIES = ['personal-data', 'api-abuse', 'records-not-answered', 'other'] as const;
export type ViolationCategory = (typeof VIOLATION_CATEGORIES)[number];

export const CASE_STATUSES = [
  'received',
  'under-review',
  'action-taken',
  'no-violation',
  'referred',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** One table of allowed transitions; actions on the party (sanctions…) move a case to action-taken. */
export const CASE_TRANSITIONS = [
  { action: 'start-review', from: ['received'], to: 'under-review' },
  { action: 'find-no-violation', from: ['received', 'under-review'], to: 'no-violation' },
  { action: 'refer', from: ['received', 'under-review'], to: 'referred' },
  { action: 'close', from: ['action-taken', 'no-violation', 'referred'], to: 'closed' },
  { action: 'reopen', from: ['closed'], to: 'under-review' },
] as const satisfies readonly { action: string; from: readonly CaseStatus[]; to: CaseStatus }[];
export type CaseTransition = (typeof CASE_TRANSITIONS)[number]['action'];
export const CASE_TRANSITION_NAMES = CASE_TRANSITIONS.map((t) => t.action) as CaseTransition[];

/** What staff can do to the party; each goes through the feature that owns it (never a second mechanism). */
export const CASE_ACTIONS = [
  'notice',
  'order-to-correct',
  'suspend-api-key',
  'revoke-api-key',
  'unpublish-dataset-version',
  'reopen-records-request',
] as const;
export type CaseActionKind = (typeof CASE_ACTIONS)[number];

/** Actions are taken while a case is being worked, not after it is closed. */
export const ACTION_ALLOWED_IN: readonly CaseStatus[] = ['received', 'under-review', 'action-taken'];

export function nextCaseStatus(status: CaseStatus, action: CaseTransition): CaseStatus {
  const transition = CASE_TRANSITIONS.find((t) => t.action === action);
  if (!transition) throw badRequest(`Unknown case action "${action}".`);
  if (!(transition.from as readonly CaseStatus[]).includes(status)) {
    const allowed = CASE_TRANSITIONS.filter((t) => (t.from as readonly CaseStatus[]).includes(status)).map(
      (t) => t.action,
    );
    throw new PlatformError(
      409,
      'ILLEGAL_TRANSITION',
      `Cannot ${action}: the case is ${status}. Allowed: ${[...allowed, ...(ACTION_ALLOWED_IN.includes(status) ? ['actions on the party'] : [])].join(', ') || 'nothing'}.`,
      { context: { status, allowedActions: allowed } },
    );
  }
  return transition.to;
}

export const isCaseOpen = (status: CaseStatus) => status !== 'closed';

export interface CaseSubject {
  datasetId?: string;
  version?: number;
  trackingNumber?: string;
  apiKeyLast4?: string;
  keyId?: string;
  applicationId?: string;
  url?: string;
}

/** Who the case is about, for offence levels and notices (never the reporter). */
export interface CaseParty {
  kind: 'department' | 'api-key' | 'unknown';
  id: string;
}

/**
 * Routing rules as data: personal data in a dataset goes to the owning
 * department and City IT; API abuse to City IT; a request not answered in time
 * to the City Clerk; anything else to the City Clerk to triage.
 */
export const ROUTING_RULES: Record<
  ViolationCategory,
  { offices: readonly string[]; withDatasetOwner: boolean; why: string }
> = {
  'personal-data': {
    offices: ['information-technology'],
    withDatasetOwner: true,
    why: 'The department that owns the dataset and City IT enforce personal-data rules for datasets.',
  },
  'api-abuse': {
    offices: ['information-technology'],
    withDatasetOwner: false,
    why: 'City IT enforces the API terms.',
  },
  'records-not-answered': {
    offices: ['city-clerk'],
    withDatasetOwner: false,
    why: 'The City Clerk enforces the records-request rules (C.G.S. 1-206).',
  },
  other: { offices: ['city-clerk'], withDatasetOwner: false, why: 'The City Clerk triages other reports.' },
};

export function routeCase(category: ViolationCategory, datasetOwner?: string): string[] {
  const rule = ROUTING_RULES[category];
  return [...new Set([...(rule.withDatasetOwner && datasetOwner ? [datasetOwner] : []), ...rule.offices])];
}

export type OffenceLevel = 'first' | 'repeat' | 'continuing';

/** From the party's history: cases where action was taken before this one. */
export function offenceLevel(priorActionCases: number): OffenceLevel {
  if (priorActionCases <= 0) return 'first';
  return priorActionCases === 1 ? 'repeat' : 'continuing';
}

/** Staff see the cases routed to their office; IT admins see all (City IT enforces across the platform). */
export function canSeeCase(principal: StaffPrincipal, offices: readonly string[]): boolean {
  if (principal.roles.includes('it-admin')) return true;
  return Boolean(principal.department && offices.includes(principal.department));
}

export function formatReportNumber(year: number, sequence: number): string {
  return `VR-${year}-${String(sequence).padStart(6, '0')}`;
}
export const REPORT_NUMBER_PATTERN = /^VR-\d{4}-\d{6}$/;
