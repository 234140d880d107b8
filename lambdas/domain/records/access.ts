/**
 * Who may see and act on which records request, and who sees which message.
 * Department staff are scoped to their department; clerks (the city's FOI
 * officers) and IT admins see every request. Everything fails closed: an
 * unknown role, a missing department or an unknown visibility grants nothing.
 */
import type { StaffPrincipal } from '../../shared/staff';

export interface RequestScope {
  /** The department the request is routed to; absent until a clerk routes it. */
  department?: string;
  /** The office that first received it: the legal receipt (§1-206) and its owner until routed. */
  receivingOffice: string;
}

const has = (principal: StaffPrincipal, role: StaffPrincipal['roles'][number]) =>
  principal.roles.includes(role);

/** Department staff's own requests: routed to them, or received by them and not routed yet. */
function inOwnDepartment(principal: StaffPrincipal, request: RequestScope): boolean {
  const own = principal.department;
  if (!has(principal, 'department-staff') || !own) return false;
  return request.department ? request.department === own : request.receivingOffice === own;
}

export function canViewRequest(principal: StaffPrincipal, request: RequestScope): boolean {
  return has(principal, 'clerk') || has(principal, 'it-admin') || inOwnDepartment(principal, request);
}

/** The same scope as viewing: whoever may see a request may work it. */
export function canActOnRequest(principal: StaffPrincipal, request: RequestScope): boolean {
  return canViewRequest(principal, request);
}

/**
 * Routing a request to `toDepartment`. Clerks route anywhere. Department staff
 * may pass on (reroute) a request that is theirs, but never take another
 * department's request.
 */
export function canAssign(principal: StaffPrincipal, toDepartment: string, request: RequestScope): boolean {
  if (!toDepartment.trim()) return false;
  if (has(principal, 'clerk')) return true;
  return inOwnDepartment(principal, request);
}

export const MESSAGE_VISIBILITIES = ['internal', 'requester', 'public'] as const;
export type MessageVisibility = (typeof MESSAGE_VISIBILITIES)[number];

export const MESSAGE_AUDIENCES = ['staff', 'requester', 'public'] as const;
export type MessageAudience = (typeof MESSAGE_AUDIENCES)[number];

// One explicit table, so an internal note can never reach a requester by a mix-up.
const SEES: Record<MessageAudience, readonly MessageVisibility[]> = {
  staff: ['internal', 'requester', 'public'],
  requester: ['requester', 'public'],
  public: ['public'],
};

export function visibleMessage(visibility: MessageVisibility, audience: MessageAudience): boolean {
  return Object.hasOwn(SEES, audience) && SEES[audience].includes(visibility);
}
