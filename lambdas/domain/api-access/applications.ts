/**
 * API key applications and the decision on them. A key is a service
 * agreement, so (unlike a records request) the applicant states an intended
 * use. The dataset-owning department decides, or City IT for general access.
 */
import { conflict, forbidden } from '../../shared/errors';
import { hasAnyRole, type StaffPrincipal } from '../../shared/staff';
import type { UsageTierName } from '../../shared/usage-tiers';

export const CITY_IT = 'information-technology';

export type ApplicationStatus = 'submitted' | 'needs-information' | 'approved' | 'rejected';
export type ApplicationDecision = 'approve' | 'ask-information' | 'reject';

export interface ApiKeyApplication {
  applicationId: string;
  status: ApplicationStatus;
  applicantName: string;
  email: string;
  organization?: string;
  intendedUse: string;
  datasets: string[];
  departments: string[];
  expectedRequestsPerDay: number;
  requestedTier: UsageTierName;
  termsVersion: string;
  submittedAt: string;
  decidingOffice: string;
  /** SHA-256 of the secret in the applicant's status link. */
  statusTokenHash: string;
  decisions: {
    at: string;
    by: string;
    decision: ApplicationDecision;
    tier?: UsageTierName;
    message: string;
  }[];
  keyId?: string;
}

/** The one department that owns everything asked for decides; anything broader goes to City IT. */
export function decidingOffice(datasetOwners: readonly string[], departments: readonly string[]): string {
  const offices = new Set([...datasetOwners, ...departments]);
  return offices.size === 1 ? [...offices][0]! : CITY_IT;
}

export function canDecide(
  principal: StaffPrincipal,
  application: Pick<ApiKeyApplication, 'decidingOffice'>,
): boolean {
  return hasAnyRole(principal, ['it-admin']) || principal.department === application.decidingOffice;
}

export function decide(
  application: ApiKeyApplication,
  principal: StaffPrincipal,
  decision: { decision: ApplicationDecision; tier?: UsageTierName; message: string },
  now: string,
): ApiKeyApplication {
  if (!canDecide(principal, application)) {
    throw forbidden(`This application is decided by ${application.decidingOffice} or City IT.`);
  }
  if (application.status === 'approved' || application.status === 'rejected') {
    throw conflict(`This application was already ${application.status}.`);
  }
  const status: ApplicationStatus =
    decision.decision === 'approve'
      ? 'approved'
      : decision.decision === 'reject'
        ? 'rejected'
        : 'needs-information';
  return {
    ...application,
    status,
    decisions: [
      ...application.decisions,
      {
        at: now,
        by: principal.username,
        decision: decision.decision,
        ...(decision.decision === 'approve' ? { tier: decision.tier ?? application.requestedTier } : {}),
        message: decision.message,
      },
    ],
  };
}

/** The tier an approval grants: the one chosen by staff, else the one asked for. */
export function grantedTier(application: ApiKeyApplication): UsageTierName {
  const approval = [...application.decisions].reverse().find((d) => d.decision === 'approve');
  return approval?.tier ?? application.requestedTier;
}

export const OPEN_STATUSES: ReadonlySet<ApplicationStatus> = new Set(['submitted', 'needs-information']);
/** Applications one address (hashed) may send per hour before 429. */
export const APPLICATIONS_PER_IP_PER_HOUR = 5;
