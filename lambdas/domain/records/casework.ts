/**
 * The clerk's casework on one request: viewing it, moving it through the
 * workflow, routing and assigning, messages in three visibilities, and the
 * copy-fee estimate. Every change names the revision it read (optimistic
 * locking) and writes its audit event with the before and after values.
 */
import { badRequest, forbidden, notFound, PlatformError } from '../../shared/errors';
import type { StaffPrincipal } from '../../shared/staff';
import { departmentById } from '../../shared/city-profile';
import { auditEvent, type Clock } from '../audit';
import { canActOnRequest, canAssign, canViewRequest } from './access';
import {
  appealDeadline,
  nyDate,
  objectionWindowEnds,
  receiptDate,
  requestClocks,
  statutoryDueDate,
  type RequestClocks,
} from './clocks';
import { requireCitations } from './exemptions';
import { DEFAULT_FEE_SCHEDULE, estimateFee, type FeeEstimateInput } from './fees';
import type { HolidayCalendar } from './holiday-calendar';
import { assertWithinHourlyLimit, hourOf, sha256, tokenMatches } from '../status-links';
import { currentCalendar, statusUrlOf, SUBMISSIONS_PER_IP_PER_HOUR } from './intake';
import { denialLetter, statusChangeMessage } from './letters';
import type { RecordsEmailPort, RecordsStorePort } from './ports';
import {
  isClosed,
  requesterView,
  staffView,
  type MessageVisibility,
  type RecordsRequest,
  type RequestMessage,
  type StaffRef,
} from './records-request';
import { applyTransition, type WorkflowAction } from './workflow';

export interface CaseworkDeps {
  store: RecordsStorePort;
  email: RecordsEmailPort;
  clock: Clock;
}
/** Reads and changes that send nothing. */
export type QuietDeps = Omit<CaseworkDeps, 'email'>;

const staffRef = (p: StaffPrincipal): StaffRef => ({ userId: p.userId, username: p.username });

export function clocksOf(request: RecordsRequest, calendar: HolidayCalendar, now: string): RequestClocks {
  const deniedAt =
    request.determination &&
    (request.determination.outcome === 'denied' || request.determination.outcome === 'partially-fulfilled')
      ? request.determination.at
      : undefined;
  return requestClocks(
    {
      receivedAt: request.receivedAt,
      personnelFiles: request.personnelFiles,
      pauses: request.pauses,
      now,
      ...(request.firstResponseAt ? { firstResponseAt: request.firstResponseAt } : {}),
      ...(deniedAt ? { deniedAt } : {}),
      ...(request.closedAt ? { closedAt: request.closedAt } : {}),
    },
    calendar,
  );
}

async function loadForStaff(store: RecordsStorePort, principal: StaffPrincipal, trackingNumber: string) {
  const request = await store.getRequest(trackingNumber);
  if (!request) throw notFound(`There is no records request ${trackingNumber}.`);
  if (!canViewRequest(principal, request)) {
    throw forbidden(`Request ${trackingNumber} belongs to another department.`);
  }
  return request;
}

function checkRevision(
  request: RecordsRequest,
  expected: number,
  calendar: HolidayCalendar,
  now: string,
): void {
  if (request.revision !== expected) {
    throw new PlatformError(
      409,
      'STALE_REVISION',
      `Request ${request.trackingNumber} changed since you opened it (you had revision ${expected}, it is now ${request.revision}). Review the current state and try again.`,
      { context: { current: staffView(request, clocksOf(request, calendar, now)) } },
    );
  }
}

/**
 * The start of every change to a request: it exists, this person may work it,
 * they read the current revision, and (unless `closedToo`) it is still open.
 */
async function openForChange(
  deps: QuietDeps,
  principal: StaffPrincipal,
  trackingNumber: string,
  revision: number,
  options: { closedToo?: boolean } = {},
) {
  const request = await loadForStaff(deps.store, principal, trackingNumber);
  if (!canActOnRequest(principal, request)) throw forbidden(`You cannot act on request ${trackingNumber}.`);
  const now = deps.clock.now();
  const calendar = await currentCalendar(deps.store);
  checkRevision(request, revision, calendar, now);
  if (!options.closedToo && isClosed(request.status)) {
    throw badRequest(`Request ${trackingNumber} is closed; reopen it first.`);
  }
  return { request, now, calendar };
}

/** The full staff view: request, requester, clocks, every message, documents and the timeline. */
export async function requestDetail(deps: QuietDeps, principal: StaffPrincipal, trackingNumber: string) {
  const request = await loadForStaff(deps.store, principal, trackingNumber);
  const [calendar, requester, messages, documents, timeline] = await Promise.all([
    currentCalendar(deps.store),
    deps.store.getRequester(trackingNumber),
    deps.store.messages(trackingNumber),
    deps.store.documents(trackingNumber),
    deps.store.auditTrail(trackingNumber),
  ]);
  return {
    request: staffView(request, clocksOf(request, calendar, deps.clock.now()), requester),
    messages,
    documents,
    timeline,
  };
}

/** The status page without a token: what the copies kept on a request point to. */
export const publicStatusPage = (baseUrl: string, trackingNumber: string) =>
  `${baseUrl}/v1/records-requests/${trackingNumber}`;

/** The requester's status link, for the notices that go with every change. */
export async function statusLinkOf(store: RecordsStorePort, baseUrl: string, trackingNumber: string) {
  const token = await store.statusLinkToken(trackingNumber);
  return token
    ? statusUrlOf(baseUrl, trackingNumber, token)
    : `${baseUrl}/v1/records-requests/${trackingNumber}`;
}

/** Actions that are a written response to the requester (they stop the deemed-denial clock). */
const RESPONSES: readonly WorkflowAction[] = [
  'acknowledge',
  'await-requester',
  'fulfil',
  'fulfil-partially',
  'deny',
  'report-no-records',
];

const OUTCOME_OF: Partial<Record<WorkflowAction, NonNullable<RecordsRequest['determination']>['outcome']>> = {
  fulfil: 'fulfilled',
  'fulfil-partially': 'partially-fulfilled',
  deny: 'denied',
  'report-no-records': 'no-records',
  withdraw: 'withdrawn',
};

export interface ActionInput {
  action: WorkflowAction;
  revision: number;
  reason?: string;
  pauseReason?: 'clarification' | 'payment';
  exemptions?: string[];
  otherStatuteCitation?: string;
  /** Sent to the requester with the status change (and in the letter on denials). */
  message?: string;
}

/** One workflow transition, with its letter or notice to the requester. */
export async function actOnRequest(
  deps: CaseworkDeps,
  principal: StaffPrincipal,
  trackingNumber: string,
  input: ActionInput,
  context: { requestId: string; baseUrl: string },
) {
  const { store, clock } = deps;
  // The workflow table decides what a closed request allows (reopen).
  const { request, now, calendar } = await openForChange(deps, principal, trackingNumber, input.revision, {
    closedToo: true,
  });

  const needsCitations = input.action === 'deny' || input.action === 'fulfil-partially';
  const exemptions = needsCitations
    ? requireCitations(input.exemptions ?? [], input.otherStatuteCitation)
    : [];
  const moved = applyTransition(request, input.action, {
    at: now,
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.pauseReason ? { pauseReason: input.pauseReason } : {}),
    ...(needsCitations ? { exemptions: exemptions.map((e) => e.code) } : {}),
  });

  const next: RecordsRequest = {
    ...request,
    status: moved.status,
    pauses: moved.pauses,
    revision: request.revision + 1,
    updatedAt: now,
  };
  const changes = [...moved.changes];
  if (!request.firstResponseAt && RESPONSES.includes(input.action)) {
    next.firstResponseAt = now;
    changes.push({ field: 'firstResponseAt', before: null, after: now });
  }
  const outcome = OUTCOME_OF[input.action];
  if (outcome) {
    next.determination = {
      outcome,
      at: now,
      exemptions: exemptions.map((e) => e.code),
      ...(input.otherStatuteCitation ? { otherStatuteCitation: input.otherStatuteCitation } : {}),
      ...(input.message ? { explanation: input.message } : {}),
      by: staffRef(principal),
    };
    next.closedAt = now;
    changes.push({ field: 'closedAt', before: request.closedAt ?? null, after: now });
  }
  if (input.action === 'reopen') {
    delete next.determination;
    delete next.closedAt;
    changes.push({ field: 'closedAt', before: request.closedAt ?? null, after: null });
  }

  const audit = auditEvent(
    clock,
    principal,
    `records-request.${input.action}`,
    { type: 'records-request', id: trackingNumber },
    {
      changes,
      ...(input.reason ? { reason: input.reason } : {}),
      ...(exemptions.length ? { exemptions: exemptions.map((e) => e.code) } : {}),
    },
    context.requestId,
  );
  // Tell the requester: a denial letter with citations and the appeal notice, or a short notice.
  const requester = await store.getRequester(trackingNumber);
  const clocks = clocksOf(next, calendar, now);
  const statusUrl = await statusLinkOf(store, context.baseUrl, trackingNumber);
  // The e-mail greets the requester and carries their link; the copy kept on the request does neither,
  // so the status page never shows a name and the staff view never shows a token.
  const compose = (copy: { requesterName?: string; statusUrl: string }) => {
    if (!needsCitations) {
      return statusChangeMessage({
        trackingNumber,
        status: next.status,
        ...(input.message ? { message: input.message } : {}),
        ...copy,
      });
    }
    const deniedOn = nyDate(now);
    return denialLetter({
      trackingNumber,
      receivedOn: nyDate(request.receivedAt),
      deniedOn,
      outcome: input.action === 'deny' ? 'denied' : 'partially-fulfilled',
      exemptions,
      ...(input.message ? { explanation: input.message } : {}),
      appealDeadline: appealDeadline(deniedOn),
      signedBy: {
        name: principal.username,
        title: 'Records officer',
        department: departmentById(request.department ?? request.receivingOffice)?.name ?? 'City of Danbury',
      },
      ...copy,
    });
  };
  // Both copies are written before anything is saved: a letter that cannot be written stops the action.
  const keptCopy = compose({ statusUrl: publicStatusPage(context.baseUrl, trackingNumber) });
  const emailCopy = requester?.email ? compose({ statusUrl, requesterName: requester.name }) : undefined;
  await store.saveRequest(next, request.revision, [audit]);
  if (input.action !== 'start-work') {
    await store.addMessage(
      {
        messageId: clock.newId(),
        trackingNumber,
        at: now,
        visibility: 'requester',
        from: staffRef(principal),
        text: keptCopy.text,
      },
      auditEvent(
        clock,
        principal,
        'records-request.letter-sent',
        { type: 'records-request', id: trackingNumber },
        {
          kind: needsCitations ? 'denial-letter' : 'status-notice',
          status: next.status,
        },
        context.requestId,
      ),
    );
    if (requester?.email && emailCopy) {
      await deps.email.send({
        to: requester.email,
        subject: emailCopy.subject,
        text: emailCopy.text,
        category: `records-request-${input.action}`,
        relatedTo: { type: 'records-request', id: trackingNumber },
      });
    }
  }
  // The letter as sent (HTML and text), for the clerk's file and a printed copy by mail.
  return {
    ...staffView(next, clocks, requester),
    ...(input.action !== 'start-work' ? { letter: keptCopy } : {}),
  };
}

export interface AssignInput {
  revision: number;
  department?: string;
  assignee?: { userId: string; username: string; email?: string } | null;
  reason?: string;
}

/** Routing to a department and assigning a person (or rerouting). */
export async function assignRequest(
  deps: QuietDeps,
  principal: StaffPrincipal,
  trackingNumber: string,
  input: AssignInput,
  context: { requestId: string },
) {
  const { store, clock } = deps;
  const { request, now, calendar } = await openForChange(deps, principal, trackingNumber, input.revision);
  const department = input.department ?? request.department;
  if (department && !departmentById(department)) {
    throw badRequest(`Unknown department "${department}".`, [
      { path: 'body.department', message: 'unknown' },
    ]);
  }
  if (!canActOnRequest(principal, request) || (department && !canAssign(principal, department, request))) {
    throw forbidden('You cannot route this request there.');
  }
  const next: RecordsRequest = { ...request, revision: request.revision + 1, updatedAt: now };
  if (department) next.department = department;
  if (input.assignee === null) delete next.assignee;
  else if (input.assignee) next.assignee = input.assignee;
  // A reroute to another department drops the old department's assignee.
  if (department !== request.department && input.assignee === undefined) delete next.assignee;
  const changes = [
    { field: 'department', before: request.department ?? null, after: next.department ?? null },
    { field: 'assignee', before: request.assignee?.username ?? null, after: next.assignee?.username ?? null },
  ].filter((c) => c.before !== c.after);
  if (!changes.length) return staffView(request, clocksOf(request, calendar, now));
  await store.saveRequest(next, request.revision, [
    auditEvent(
      clock,
      principal,
      request.department && department !== request.department
        ? 'records-request.rerouted'
        : 'records-request.assigned',
      { type: 'records-request', id: trackingNumber },
      { changes, ...(input.reason ? { reason: input.reason } : {}) },
      context.requestId,
    ),
  ]);
  return staffView(next, clocksOf(next, calendar, now));
}

/** Internal notes, messages to the requester, and public notes: three visibilities. */
export async function addMessage(
  deps: CaseworkDeps,
  principal: StaffPrincipal,
  trackingNumber: string,
  input: { visibility: MessageVisibility; text: string },
  context: { requestId: string; baseUrl: string },
): Promise<RequestMessage> {
  const { store, clock } = deps;
  const request = await loadForStaff(store, principal, trackingNumber);
  if (!canActOnRequest(principal, request)) throw forbidden(`You cannot act on request ${trackingNumber}.`);
  const message: RequestMessage = {
    messageId: clock.newId(),
    trackingNumber,
    at: clock.now(),
    visibility: input.visibility,
    from: staffRef(principal),
    text: input.text,
  };
  await store.addMessage(
    message,
    auditEvent(
      clock,
      principal,
      `records-request.${input.visibility === 'internal' ? 'note' : 'message'}`,
      { type: 'records-request', id: trackingNumber },
      { visibility: input.visibility, messageId: message.messageId },
      context.requestId,
    ),
  );
  if (input.visibility === 'requester') {
    const requester = await store.getRequester(trackingNumber);
    if (requester?.email) {
      const notice = statusChangeMessage({
        trackingNumber,
        status: request.status,
        message: input.text,
        statusUrl: await statusLinkOf(store, context.baseUrl, trackingNumber),
        requesterName: requester.name,
      });
      await deps.email.send({
        to: requester.email,
        subject: notice.subject,
        text: notice.text,
        category: 'records-request-message',
        relatedTo: { type: 'records-request', id: trackingNumber },
      });
    }
  }
  return message;
}

/** The §1-212 copy-fee estimate (with the mandatory waivers checklist) becomes the invoice. */
export async function setFeeEstimate(
  deps: CaseworkDeps,
  principal: StaffPrincipal,
  trackingNumber: string,
  input: Omit<FeeEstimateInput, 'delivery'> & { revision: number },
  context: { requestId: string; baseUrl: string },
) {
  const { store, clock } = deps;
  const { request, now, calendar } = await openForChange(deps, principal, trackingNumber, input.revision);
  if (request.fee?.paidAt) throw badRequest('This fee is already paid; it can no longer change.');
  const { revision: _revision, ...estimate } = input;
  const invoice = estimateFee({ ...estimate, delivery: request.delivery }, DEFAULT_FEE_SCHEDULE);
  const next: RecordsRequest = {
    ...request,
    revision: request.revision + 1,
    updatedAt: now,
    fee: { invoice, estimatedAt: now, estimatedBy: staffRef(principal) },
  };
  await store.saveRequest(next, request.revision, [
    auditEvent(
      clock,
      principal,
      'records-request.fee-estimated',
      { type: 'records-request', id: trackingNumber },
      {
        changes: [
          {
            field: 'fee.totalCents',
            before: request.fee?.invoice.totalCents ?? null,
            after: invoice.totalCents,
          },
        ],
        waivers: invoice.waivers.map((w) => w.code),
        subtotalCents: invoice.subtotalCents,
      },
      context.requestId,
    ),
  ]);
  const requester = await store.getRequester(trackingNumber);
  if (requester?.email) {
    const notice = statusChangeMessage({
      trackingNumber,
      status: request.status,
      message: 'The city has estimated the copy fee for your request (C.G.S. 1-212).',
      invoice,
      statusUrl: await statusLinkOf(store, context.baseUrl, trackingNumber),
      requesterName: requester.name,
    });
    await deps.email.send({
      to: requester.email,
      subject: notice.subject,
      text: notice.text,
      category: 'records-request-fee',
      relatedTo: { type: 'records-request', id: trackingNumber },
    });
  }
  return staffView(next, clocksOf(next, calendar, now));
}

/** Payment taken at the counter or by check (the platform takes no money). */
export async function markFeePaid(
  deps: QuietDeps,
  principal: StaffPrincipal,
  trackingNumber: string,
  input: { revision: number; note: string },
  context: { requestId: string },
) {
  const { store, clock } = deps;
  // Payment is recorded even after the request closed (a check that arrives late).
  const { request, now, calendar } = await openForChange(deps, principal, trackingNumber, input.revision, {
    closedToo: true,
  });
  if (!request.fee) throw badRequest('There is no fee estimate to mark paid.');
  if (request.fee.paidAt) throw badRequest('This fee is already marked paid.');
  if (request.fee.invoice.totalCents === 0) throw badRequest('Nothing is owed: the fee is zero or waived.');
  const next: RecordsRequest = {
    ...request,
    revision: request.revision + 1,
    updatedAt: now,
    fee: { ...request.fee, paidAt: now, paymentNote: input.note },
  };
  await store.saveRequest(next, request.revision, [
    auditEvent(
      clock,
      principal,
      'records-request.fee-paid',
      { type: 'records-request', id: trackingNumber },
      {
        changes: [{ field: 'fee.paidAt', before: null, after: now }],
        totalCents: request.fee.invoice.totalCents,
      },
      context.requestId,
    ),
  ]);
  return staffView(next, clocksOf(next, calendar, now));
}

/** Constant-time token check; a wrong token and an unknown number get the same 404. */
export async function loadForRequester(store: RecordsStorePort, trackingNumber: string, token: string) {
  const request = await store.getRequest(trackingNumber);
  if (!request || !tokenMatches(token, request.accessTokenHash)) {
    throw notFound('No request matches this tracking number and link.');
  }
  return request;
}

/** GET /v1/records-requests/{trackingNumber}?token=…: the requester's status page data. */
export async function requesterStatus(deps: QuietDeps, trackingNumber: string, token: string) {
  const request = await loadForRequester(deps.store, trackingNumber, token);
  const [calendar, messages, documents] = await Promise.all([
    currentCalendar(deps.store),
    deps.store.messages(trackingNumber),
    deps.store.documents(trackingNumber),
  ]);
  return requesterView(request, clocksOf(request, calendar, deps.clock.now()), messages, documents);
}

/**
 * §1-214: personnel, medical or similar files. Recording the notice to the
 * employees and their union puts the request on the 10-business-day clock and
 * shows when their objection window closes (7 business days from receipt of
 * the notice, 9 from mailing when receipt cannot be shown).
 */
export async function recordObjectionNotice(
  deps: QuietDeps,
  principal: StaffPrincipal,
  trackingNumber: string,
  input: { revision: number; noticeOn: string; delivery: 'received' | 'mailed' },
  context: { requestId: string },
) {
  const { store, clock } = deps;
  const { request, now, calendar } = await openForChange(deps, principal, trackingNumber, input.revision);
  const dayZero = receiptDate(request.receivedAt, calendar);
  const receivedOn = nyDate(request.receivedAt);
  if (input.noticeOn < receivedOn || input.noticeOn > nyDate(now)) {
    throw badRequest('The notice date must fall between the receipt of the request and today.', [
      { path: 'body.noticeOn', message: `between ${receivedOn} and ${nyDate(now)}` },
    ]);
  }
  const windowEnds = objectionWindowEnds(input.noticeOn, input.delivery, calendar);
  const due = statutoryDueDate(dayZero, { personnelFiles: true }, calendar);
  const next: RecordsRequest = {
    ...request,
    revision: request.revision + 1,
    updatedAt: now,
    personnelFiles: true,
    statutoryDueDate: due,
    calendarVersion: calendar.version,
    objectionNotice: {
      noticeOn: input.noticeOn,
      delivery: input.delivery,
      windowEnds,
      recordedBy: staffRef(principal),
    },
  };
  await store.saveRequest(next, request.revision, [
    auditEvent(
      clock,
      principal,
      'records-request.objection-notice',
      { type: 'records-request', id: trackingNumber },
      {
        changes: [
          { field: 'personnelFiles', before: request.personnelFiles, after: true },
          { field: 'statutoryDueDate', before: request.statutoryDueDate, after: due },
          {
            field: 'objectionNotice.windowEnds',
            before: request.objectionNotice?.windowEnds ?? null,
            after: windowEnds,
          },
        ],
        delivery: input.delivery,
      },
      context.requestId,
    ),
  ]);
  return staffView(next, clocksOf(next, calendar, now));
}

/**
 * The neutral record of one requester's requests (for a clerk weighing a §1-206
 * petition about a vexatious requester). The platform never refuses anyone on
 * its own; this is an export, nothing more.
 */
export async function requesterHistory(deps: QuietDeps, principal: StaffPrincipal, trackingNumber: string) {
  const request = await loadForStaff(deps.store, principal, trackingNumber);
  const all = await deps.store.recentByRequester(request.requesterKey, '0000', 1000);
  return {
    trackingNumber,
    requests: all
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
      .map((r) => ({
        trackingNumber: r.trackingNumber,
        receivedAt: r.receivedAt,
        channel: r.channel,
        department: r.department ?? r.receivingOffice,
        status: r.status,
        statutoryDueDate: r.statutoryDueDate,
        closedAt: r.closedAt ?? null,
      })),
  };
}

/**
 * "I lost my status link": the link goes again to the e-mail address on the
 * request, and only there. The answer is the same whether or not the address
 * (or the request) matched, so nobody learns who asked for what.
 */
export async function resendStatusLink(
  deps: CaseworkDeps,
  trackingNumber: string,
  email: string,
  context: { baseUrl: string; sourceIp: string },
) {
  const { store, clock } = deps;
  const nowMs = Date.parse(clock.now());
  // Resends count against the same hourly allowance as new requests.
  assertWithinHourlyLimit(
    await store.countSubmissionFrom(sha256(context.sourceIp), hourOf(nowMs), nowMs),
    SUBMISSIONS_PER_IP_PER_HOUR,
    nowMs,
    'requests',
  );
  const requester = await store.getRequester(trackingNumber);
  if (requester?.email && requester.email.toLowerCase() === email.trim().toLowerCase()) {
    const notice = statusChangeMessage({
      trackingNumber,
      status: (await store.getRequest(trackingNumber))?.status ?? 'received',
      message: 'You asked for your status link again. Keep this e-mail: the link is your key to the request.',
      statusUrl: await statusLinkOf(store, context.baseUrl, trackingNumber),
      requesterName: requester.name,
    });
    await deps.email.send({
      to: requester.email,
      subject: notice.subject,
      text: notice.text,
      category: 'records-request-status-link',
      relatedTo: { type: 'records-request', id: trackingNumber },
    });
  }
  return {
    message:
      'If this tracking number has that e-mail address, the status link is on its way. Requests made by mail or in person: ask the City Clerk.',
  };
}
