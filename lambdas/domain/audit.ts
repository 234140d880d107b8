/**
 * The audit trail: who did what to which record, when, from which request.
 * Every state change writes its audit event in the same transaction. Details
 * never carry personal data values.
 */
import type { StaffPrincipal } from '../shared/staff';

export interface AuditActor {
  userId: string;
  username: string;
  department?: string;
  roles: string[];
}

export interface AuditEvent {
  eventId: string;
  at: string;
  actor: AuditActor | { system: string };
  action: string;
  subject: {
    type:
      | 'dataset'
      | 'dataset-version'
      | 'api-key'
      | 'records-request'
      | 'calendar'
      | 'protected-addresses'
      | 'case'
      | 'help-content';
    id: string;
  };
  details: Record<string, unknown>;
  requestId?: string;
}

export function actorOf(principal: StaffPrincipal): AuditActor {
  return {
    userId: principal.userId,
    username: principal.username,
    ...(principal.department ? { department: principal.department } : {}),
    roles: [...principal.roles],
  };
}

/** Time and ids for records and audit events (injected, so tests control them). */
export interface Clock {
  now(): string;
  newId(): string;
}

/** An audit event by a staff member or by the system, stamped by the clock. */
export function auditEvent(
  clock: Clock,
  actor: StaffPrincipal | { system: string },
  action: string,
  subject: AuditEvent['subject'],
  details: Record<string, unknown>,
  requestId?: string,
): AuditEvent {
  return {
    eventId: clock.newId(),
    at: clock.now(),
    actor: 'system' in actor ? actor : actorOf(actor),
    action,
    subject,
    details,
    ...(requestId ? { requestId } : {}),
  };
}
