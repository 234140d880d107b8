/**
 * The records-request state machine. `TRANSITIONS` is the one table of which
 * action may happen in which status; the action list, the allowed actions, the
 * illegal-transition errors and the input requirements all derive from it.
 *
 * Pure: the caller stores the result with a conditional write on the request's
 * revision, so two clerks acting at once cannot both win.
 */
import { badRequest, PlatformError, type FieldIssue } from '../../shared/errors';

export const REQUEST_STATUSES = [
  'received',
  'acknowledged',
  'in-progress',
  'awaiting-requester',
  'fulfilled',
  'partially-fulfilled',
  'denied',
  'withdrawn',
  'no-records',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const CLOSED_STATUSES = [
  'fulfilled',
  'partially-fulfilled',
  'denied',
  'withdrawn',
  'no-records',
] as const satisfies readonly RequestStatus[];

export function isOpen(status: RequestStatus): boolean {
  return !(CLOSED_STATUSES as readonly RequestStatus[]).includes(status);
}

export const OPEN_STATUSES: readonly RequestStatus[] = REQUEST_STATUSES.filter(isOpen);

export function isRequestStatus(value: unknown): value is RequestStatus {
  return typeof value === 'string' && (REQUEST_STATUSES as readonly string[]).includes(value);
}

export const PAUSE_REASONS = ['clarification', 'payment'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** Same shape as the deadline clocks' pause; kept local so the state machine depends on nothing. */
export interface Pause {
  startedAt: string;
  endedAt?: string;
  reason: PauseReason;
}

export type TransitionNeed = 'reason' | 'exemptions' | 'pauseReason';

export interface Transition<A extends string = WorkflowAction> {
  action: A;
  from: readonly RequestStatus[];
  to: RequestStatus;
  needs: readonly TransitionNeed[];
}

const TABLE = [
  { action: 'acknowledge', from: ['received'], to: 'acknowledged', needs: [] },
  { action: 'start-work', from: ['received', 'acknowledged'], to: 'in-progress', needs: [] },
  {
    action: 'await-requester',
    from: ['acknowledged', 'in-progress'],
    to: 'awaiting-requester',
    needs: ['pauseReason'],
  },
  // The requester answered the clarification or paid.
  { action: 'resume', from: ['awaiting-requester'], to: 'in-progress', needs: [] },
  { action: 'fulfil', from: ['acknowledged', 'in-progress'], to: 'fulfilled', needs: [] },
  // Every redaction and denial cites at least one exemption (§1-210(b)).
  {
    action: 'fulfil-partially',
    from: ['acknowledged', 'in-progress'],
    to: 'partially-fulfilled',
    needs: ['exemptions'],
  },
  {
    action: 'deny',
    from: ['received', 'acknowledged', 'in-progress', 'awaiting-requester'],
    to: 'denied',
    needs: ['exemptions'],
  },
  { action: 'report-no-records', from: ['acknowledged', 'in-progress'], to: 'no-records', needs: [] },
  { action: 'withdraw', from: OPEN_STATUSES, to: 'withdrawn', needs: [] },
  { action: 'reopen', from: CLOSED_STATUSES, to: 'in-progress', needs: ['reason'] },
] as const satisfies readonly Transition<string>[];

export type WorkflowAction = (typeof TABLE)[number]['action'];

/** The single source of truth for the workflow. */
export const TRANSITIONS: readonly Transition[] = TABLE;

export const WORKFLOW_ACTIONS: readonly WorkflowAction[] = TRANSITIONS.map((t) => t.action);

export function isWorkflowAction(value: unknown): value is WorkflowAction {
  return typeof value === 'string' && (WORKFLOW_ACTIONS as readonly string[]).includes(value);
}

function transitionOf(action: WorkflowAction): Transition {
  const transition = TRANSITIONS.find((t) => t.action === action);
  // Runtime guard: an action string that slipped past the API's validation.
  if (!transition) throw badRequest(`Unknown action "${String(action)}".`);
  return transition;
}

export function allowedActions(status: RequestStatus): WorkflowAction[] {
  return TRANSITIONS.filter((t) => t.from.includes(status)).map((t) => t.action);
}

export function nextStatus(status: RequestStatus, action: WorkflowAction): RequestStatus {
  if (!isRequestStatus(status)) throw badRequest(`Unknown status "${String(status)}".`);
  const transition = transitionOf(action);
  if (!transition.from.includes(status)) {
    const allowed = allowedActions(status);
    // The context lets a client redraw its buttons without another read.
    throw new PlatformError(
      409,
      'ILLEGAL_TRANSITION',
      `Cannot ${action}: the request is ${status}. Allowed actions: ${allowed.join(', ') || 'none'}.`,
      { context: { status, allowedActions: allowed } },
    );
  }
  return transition.to;
}

export interface TransitionInput {
  reason?: string;
  pauseReason?: PauseReason;
  exemptions?: readonly string[];
  /** When the action happened (ISO 8601); it opens or closes pauses, so the clocks depend on it. */
  at: string;
}

export interface FieldChange {
  field: string;
  // null, not undefined: audit events are stored as JSON and undefined would vanish.
  before: unknown;
  after: unknown;
}

export interface TransitionResult {
  status: RequestStatus;
  pauses: Pause[];
  changes: FieldChange[];
}

const nonBlank = (value: unknown): boolean => typeof value === 'string' && value.trim().length > 0;

function missingNeeds(transition: Transition, input: TransitionInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const need of transition.needs) {
    if (need === 'reason' && !nonBlank(input.reason)) {
      issues.push({ path: 'reason', message: `Give a reason to ${transition.action}.` });
    }
    if (
      need === 'exemptions' &&
      !(Array.isArray(input.exemptions) && input.exemptions.length > 0 && input.exemptions.every(nonBlank))
    ) {
      issues.push({
        path: 'exemptions',
        message: `Cite at least one exemption to ${transition.action}.`,
      });
    }
    if (need === 'pauseReason' && !(PAUSE_REASONS as readonly unknown[]).includes(input.pauseReason)) {
      issues.push({ path: 'pauseReason', message: `Say why: ${PAUSE_REASONS.join(' or ')}.` });
    }
  }
  return issues;
}

/**
 * Applies an action: the new status, the pause history, and the field changes
 * for the audit event. Every action that leaves `awaiting-requester` (resume,
 * deny, withdraw) closes the open pause; `await-requester` opens one.
 */
export function applyTransition(
  request: { status: RequestStatus; pauses: readonly Pause[] },
  action: WorkflowAction,
  input: TransitionInput,
): TransitionResult {
  const to = nextStatus(request.status, action);
  const transition = transitionOf(action);

  const issues = missingNeeds(transition, input);
  const atMs = Date.parse(input.at);
  if (!nonBlank(input.at) || Number.isNaN(atMs)) {
    issues.push({ path: 'at', message: 'Give the time of the action as an ISO 8601 date-time.' });
  }
  const open = request.pauses.filter((p) => p.endedAt === undefined);
  // A pause ending before it started would give the deadline clock negative time.
  if (!Number.isNaN(atMs) && open.some((p) => Date.parse(p.startedAt) > atMs)) {
    issues.push({ path: 'at', message: 'The action cannot be earlier than the start of the open pause.' });
  }
  if (issues.length) throw badRequest(`Cannot ${action}: some details are missing.`, issues);

  const changes: FieldChange[] = [{ field: 'status', before: request.status, after: to }];
  // Close any open pause; at most one exists, and only in awaiting-requester.
  const pauses: Pause[] = request.pauses.map((pause, index) => {
    if (pause.endedAt !== undefined) return { ...pause };
    const closed = { ...pause, endedAt: input.at };
    changes.push({ field: `pauses[${index}]`, before: { ...pause }, after: { ...closed } });
    return closed;
  });
  if (transition.needs.includes('pauseReason')) {
    const opened: Pause = { startedAt: input.at, reason: input.pauseReason as PauseReason };
    changes.push({ field: `pauses[${pauses.length}]`, before: null, after: { ...opened } });
    pauses.push(opened);
  }
  return { status: to, pauses, changes };
}
