/**
 * The daily records job (EventBridge schedule in AWS; `npm run jobs` or the
 * local timer). It is idempotent: run it twice and nothing is sent twice.
 *
 * 1. Deemed denials: an open request with no written response by its due
 *    date is marked deemed denied (C.G.S. 1-206(a)) and the requester is told
 *    of the appeal right. The mark is a conditional save, so it happens once.
 * 2. Digests: one e-mail per person (the assignee, else the department's
 *    records liaison) listing their requests due today, due soon and overdue;
 *    never one e-mail per request.
 * 3. Escalation: overdue requests go to the department head and the City Clerk.
 *
 * It reads open requests through the due-date index (never a Scan).
 */
import { createHash } from 'node:crypto';
import { recordsContactsOf, RECORDS_CONTACTS } from '../../shared/city-profile';
import { PlatformError } from '../../shared/errors';
import { auditEvent, type Clock } from '../audit';
import { clocksOf, publicStatusPage, statusLinkOf } from './casework';
import { addBusinessDays, appealDeadline, nyDate, type RequestClocks } from './clocks';
import { currentCalendar } from './intake';
import { deemedDenialNotice } from './letters';
import type { RecordsEmailPort, RecordsStorePort } from './ports';
import type { RecordsRequest } from './records-request';

/** "Due soon" means within this many business days. */
export const DUE_SOON_BUSINESS_DAYS = 2;

export type Urgency = 'overdue' | 'due-today' | 'due-soon';

export interface DigestLine {
  trackingNumber: string;
  urgency: Urgency;
  statutoryDueDate: string;
  status: string;
  department: string;
}

/** Where a request's reminders go: its assignee, else its department's records liaison. */
export function digestRecipient(request: RecordsRequest): string {
  return request.assignee?.email ?? recordsContactsOf(request.department ?? request.receivingOffice).liaison;
}

/** How urgent an unanswered request is today, or undefined when it needs no reminder. */
export function urgencyOf(clocks: RequestClocks, today: string, dueSoonBy: string): Urgency | undefined {
  if (clocks.response.state === 'answered') return undefined;
  if (clocks.response.state === 'deemed-denied') return 'overdue';
  if (clocks.statutoryDueDate === today) return 'due-today';
  if (clocks.statutoryDueDate <= dueSoonBy) return 'due-soon';
  return undefined;
}

const URGENCY_WORDS: Record<Urgency, string> = {
  overdue: 'OVERDUE (deemed denied)',
  'due-today': 'due today',
  'due-soon': 'due soon',
};

export function digestText(today: string, lines: DigestLine[], audience: 'digest' | 'escalation'): string {
  const order: Urgency[] = ['overdue', 'due-today', 'due-soon'];
  const sorted = [...lines].sort(
    (a, b) =>
      order.indexOf(a.urgency) - order.indexOf(b.urgency) ||
      a.statutoryDueDate.localeCompare(b.statutoryDueDate),
  );
  const intro =
    audience === 'digest'
      ? `Records requests that need an answer (as of ${today}):`
      : `These records requests were not answered within the statutory time (C.G.S. 1-206(a)) and are deemed denied. The requesters have been told of their right to appeal. Please see that each gets an answer now.`;
  return [
    intro,
    '',
    ...sorted.map(
      (l) =>
        `- ${l.trackingNumber}  ${URGENCY_WORDS[l.urgency]}  due ${l.statutoryDueDate}  ${l.department}  (${l.status})`,
    ),
    '',
    'Open each one in the admin pages, or GET /v1/staff/records-requests/{trackingNumber}.',
  ].join('\n');
}

const hashOf = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);

async function openRequestsDueBy(store: RecordsStorePort, dueBy: string): Promise<RecordsRequest[]> {
  const found: RecordsRequest[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.openRequestsDueBy(dueBy, cursor, 500);
    found.push(...page.requests);
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

export interface DailyJobReport {
  day: string;
  examined: number;
  deemedDenied: string[];
  digests: number;
  escalations: number;
  skippedAlreadySent: number;
}

export async function runDailyRecordsJob(
  deps: { store: RecordsStorePort; email: RecordsEmailPort; clock: Clock },
  options: { now?: string; baseUrl: string },
): Promise<DailyJobReport> {
  const { store, email, clock } = deps;
  const now = options.now ?? clock.now();
  const nowMs = Date.parse(now);
  const today = nyDate(now);
  const calendar = await currentCalendar(store);
  const dueSoonBy = addBusinessDays(today, DUE_SOON_BUSINESS_DAYS, calendar);
  const candidates = await openRequestsDueBy(store, dueSoonBy);
  const report: DailyJobReport = {
    day: today,
    examined: candidates.length,
    deemedDenied: [],
    digests: 0,
    escalations: 0,
    skippedAlreadySent: 0,
  };

  const digests = new Map<string, DigestLine[]>();
  const escalations = new Map<string, DigestLine[]>();
  for (const request of candidates) {
    const clocks = clocksOf(request, calendar, now);
    const urgency = urgencyOf(clocks, today, dueSoonBy);
    if (!urgency) continue;
    const line: DigestLine = {
      trackingNumber: request.trackingNumber,
      urgency,
      statutoryDueDate: clocks.statutoryDueDate,
      status: request.status,
      department: request.department ?? request.receivingOffice,
    };
    if (urgency === 'overdue' && !request.deemedDenial && clocks.response.deemedDeniedOn) {
      if (await markDeemedDenied(deps, request, clocks, now, options.baseUrl)) {
        report.deemedDenied.push(request.trackingNumber);
      }
    }
    const recipient = digestRecipient(request);
    digests.set(recipient, [...(digests.get(recipient) ?? []), line]);
    if (urgency === 'overdue') {
      for (const to of new Set([recordsContactsOf(line.department).head, RECORDS_CONTACTS.cityClerk])) {
        escalations.set(to, [...(escalations.get(to) ?? []), line]);
      }
    }
  }

  for (const [to, lines] of digests) {
    if (!(await store.claimJobStep(`records-digest#${hashOf(to)}`, today, nowMs))) {
      report.skippedAlreadySent++;
      continue;
    }
    await email.send({
      to,
      subject: `Records requests: ${lines.length} need an answer (${today})`,
      text: digestText(today, lines, 'digest'),
      category: 'records-digest',
    });
    report.digests++;
  }
  for (const [to, lines] of escalations) {
    if (!(await store.claimJobStep(`records-escalation#${hashOf(to)}`, today, nowMs))) {
      report.skippedAlreadySent++;
      continue;
    }
    await email.send({
      to,
      subject: `Escalation: ${lines.length} records request(s) overdue (${today})`,
      text: digestText(today, lines, 'escalation'),
      category: 'records-escalation',
    });
    report.escalations++;
  }
  return report;
}

/** Marks one request deemed denied and tells the requester; false when someone else already did. */
async function markDeemedDenied(
  deps: { store: RecordsStorePort; email: RecordsEmailPort; clock: Clock },
  request: RecordsRequest,
  clocks: RequestClocks,
  now: string,
  baseUrl: string,
): Promise<boolean> {
  const { store, email, clock } = deps;
  const on = clocks.response.deemedDeniedOn!;
  const requester = await store.getRequester(request.trackingNumber);
  const next: RecordsRequest = {
    ...request,
    revision: request.revision + 1,
    updatedAt: now,
    deemedDenial: { on, ...(requester?.email ? { noticeSentAt: now } : {}) },
  };
  try {
    await store.saveRequest(next, request.revision, [
      auditEvent(
        clock,
        { system: 'daily-records-job' },
        'records-request.deemed-denied',
        { type: 'records-request', id: request.trackingNumber },
        {
          changes: [{ field: 'deemedDenial.on', before: null, after: on }],
          statutoryDueDate: clocks.statutoryDueDate,
          appealDeadline: clocks.appeal?.deadline,
          requesterNotified: requester?.email ? 'e-mail' : 'by mail (staff task)',
        },
      ),
    ]);
  } catch (err) {
    if (err instanceof PlatformError && err.code === 'STALE_REVISION') return false;
    throw err;
  }
  const statusUrl = await statusLinkOf(store, baseUrl, request.trackingNumber);
  const notice = (copy: { requesterName?: string; statusUrl: string }) =>
    deemedDenialNotice({
      trackingNumber: request.trackingNumber,
      receivedOn: nyDate(request.receivedAt),
      statutoryDueDate: clocks.statutoryDueDate,
      deemedDeniedOn: on,
      appealDeadline: clocks.appeal?.deadline ?? appealDeadline(on),
      personnelFiles: request.personnelFiles,
      ...copy,
    });
  // The copy kept on the request has no name and no token (the status page shows it).
  const kept = notice({ statusUrl: publicStatusPage(baseUrl, request.trackingNumber) });
  await store.addMessage(
    {
      messageId: clock.newId(),
      trackingNumber: request.trackingNumber,
      at: now,
      // Without an e-mail address a clerk mails the notice: the internal note is their task.
      visibility: requester?.email ? 'requester' : 'internal',
      from: { system: 'daily-records-job' },
      text: requester?.email ? kept.text : `Mail the deemed-denial notice to the requester:\n\n${kept.text}`,
    },
    auditEvent(
      clock,
      { system: 'daily-records-job' },
      'records-request.letter-sent',
      { type: 'records-request', id: request.trackingNumber },
      { kind: 'deemed-denial-notice', channel: requester?.email ? 'e-mail' : 'postal (staff task)' },
    ),
  );
  if (requester?.email) {
    const sent = notice({ statusUrl, ...(requester.name ? { requesterName: requester.name } : {}) });
    await email.send({
      to: requester.email,
      subject: sent.subject,
      text: sent.text,
      category: 'records-request-deemed-denial',
      relatedTo: { type: 'records-request', id: request.trackingNumber },
    });
  }
  return true;
}
