/**
 * Violation reports and enforcement: anyone reports a suspected violation; it
 * becomes a case routed to the enforcing office with the evidence the platform
 * already holds; staff work it to a documented outcome. Actions on the party
 * go through the features that own them (API-key sanctions, dataset rollback,
 * records-request reopening): the ports below are those use cases, not a
 * second mechanism. The reporter's identity never reaches the party.
 */
import { idempotentCall, type IdempotencyPort } from '../idempotency';
import { assertWithinHourlyLimit, hourOf, newLinkToken, sha256, tokenMatches } from '../status-links';
import { recordsContactsOf } from '../../shared/city-profile';
import { badRequest, forbidden, notFound, PlatformError } from '../../shared/errors';
import type { StaffPrincipal } from '../../shared/staff';
import { auditEvent, type AuditEvent, type Clock } from '../audit';
import type { EmailMessage } from '../email/messages';
import {
  ACTION_ALLOWED_IN,
  canSeeCase,
  formatReportNumber,
  nextCaseStatus,
  offenceLevel,
  routeCase,
  type CaseActionKind,
  type CaseParty,
  type CaseSubject,
  type CaseTransition,
  type ViolationCategory,
} from './cases';
import {
  caseReporterView,
  caseStaffView,
  type CaseActionRecord,
  type EnforcementCase,
  type Evidence,
  type ReportAttachment,
  type Reporter,
} from './enforcement-case';

export const REPORTS_PER_IP_PER_HOUR = 10;
const IDEMPOTENCY_SCOPE = 'violation-report';

export interface CasePage {
  cases: EnforcementCase[];
  nextCursor?: string;
}

export interface CaseStorePort extends IdempotencyPort {
  createCase(
    build: (reportNumber: string) => {
      enforcementCase: EnforcementCase;
      reporter?: Reporter;
      statusLinkToken: string;
      audit: AuditEvent;
    },
    year: number,
    format: (year: number, sequence: number) => string,
  ): Promise<EnforcementCase>;
  getCase(reportNumber: string): Promise<EnforcementCase | undefined>;
  getReporter(reportNumber: string): Promise<Reporter | undefined>;
  statusLinkToken(reportNumber: string): Promise<string | undefined>;
  saveCase(c: EnforcementCase, expectedRevision: number, audit: AuditEvent[]): Promise<void>;
  casesForOffice(office: string, open: boolean, cursor?: string, limit?: number): Promise<CasePage>;
  allCases(open: boolean, cursor?: string, limit?: number): Promise<CasePage>;
  /** Earlier cases against the same party in which action was taken (offence levels). */
  priorActionCases(party: CaseParty, beforeReportNumber: string): Promise<number>;
  /** An open case about this party opened by abuse detection (no second case while one is open). */
  openDetectionCase(party: CaseParty): Promise<string | undefined>;
  auditTrail(reportNumber: string): Promise<AuditEvent[]>;
  attachments(reportNumber: string): Promise<ReportAttachment[]>;
  countReportFrom(ipHash: string, hour: string, nowMs: number): Promise<number>;
}

/** What the platform already knows about the thing reported. */
export interface EvidencePort {
  records(
    trackingNumber: string,
  ): Promise<{ department: string; facts: Record<string, unknown>; summary: string[] } | undefined>;
  dataset(
    datasetId: string,
    version?: number,
  ): Promise<
    { owner: string; version?: number; facts: Record<string, unknown>; summary: string[] } | undefined
  >;
  apiKey(
    subject: Pick<CaseSubject, 'apiKeyLast4' | 'keyId' | 'applicationId'>,
  ): Promise<{ keyId: string; facts: Record<string, unknown>; summary: string[] } | undefined>;
}

/** The owning features' own use cases, wired by the handler. */
export interface CaseEffectsPort {
  sanctionKey(
    principal: StaffPrincipal,
    keyId: string,
    action: 'notice' | 'suspend' | 'revoke',
    reason: string,
  ): Promise<Record<string, unknown>>;
  unpublishVersion(
    principal: StaffPrincipal,
    datasetId: string,
    version: number,
    reason: string,
  ): Promise<{
    publishedAt?: string;
    findings: { column: string; pattern: string; count: number }[];
    result: Record<string, unknown>;
  }>;
  downloads(datasetId: string, version: number): Promise<number>;
  reopenRequest(
    principal: StaffPrincipal,
    trackingNumber: string,
    reason: string,
  ): Promise<Record<string, unknown>>;
}

export interface EnforcementDeps {
  store: CaseStorePort;
  email: { send(message: EmailMessage): Promise<unknown> };
  clock: Clock;
}

export const statusUrlOf = (baseUrl: string, reportNumber: string, token: string) =>
  `${baseUrl}/v1/violation-reports/${reportNumber}?token=${token}`;

export interface ReportInput {
  category: ViolationCategory;
  description: string;
  subject: CaseSubject;
  occurredAt?: string;
  reporter?: Reporter;
}

function requireSubject(input: ReportInput) {
  const { subject } = input;
  const need = (ok: boolean, path: string, message: string) => {
    if (!ok) throw badRequest(message, [{ path: `body.subject.${path}`, message }]);
  };
  if (input.category === 'records-not-answered') {
    need(
      Boolean(subject.trackingNumber),
      'trackingNumber',
      'Give the tracking number of the request that was not answered.',
    );
  }
  if (input.category === 'personal-data') {
    need(
      Boolean(subject.datasetId || subject.trackingNumber || subject.url),
      'datasetId',
      'Say where the personal data is: a dataset id, a tracking number or a URL.',
    );
  }
  if (input.category === 'api-abuse') {
    need(
      Boolean(subject.apiKeyLast4 || subject.applicationId || subject.keyId || subject.url),
      'apiKeyLast4',
      'Say which API use: the key’s last 4 characters, an application id or a URL.',
    );
  }
}

/** POST /v1/violation-reports: anyone, anonymous allowed. */
export async function submitViolationReport(
  deps: EnforcementDeps & { evidence: EvidencePort },
  input: ReportInput,
  context: { sourceIp: string; idempotencyKey?: string; requestId: string; baseUrl: string },
): Promise<{ statusCode: number; body: unknown }> {
  const { store, clock } = deps;
  const now = clock.now();
  const nowMs = Date.parse(now);
  const once = await idempotentCall(store, IDEMPOTENCY_SCOPE, context.idempotencyKey);
  if (once.earlier) return once.earlier;
  requireSubject(input);
  assertWithinHourlyLimit(
    await store.countReportFrom(sha256(context.sourceIp), hourOf(nowMs), nowMs),
    REPORTS_PER_IP_PER_HOUR,
    nowMs,
    'reports',
  );
  const { evidence, offices, party, subject } = await gatherEvidence(deps.evidence, input, now);
  const token = newLinkToken();
  const reporter =
    input.reporter && (input.reporter.email || input.reporter.name) ? input.reporter : undefined;
  const created = await store.createCase(
    (reportNumber) => ({
      enforcementCase: {
        reportNumber,
        revision: 1,
        status: 'received',
        category: input.category,
        source: 'public-report',
        description: input.description,
        subject,
        ...(input.occurredAt ? { occurredAt: input.occurredAt } : {}),
        receivedAt: now,
        offices,
        party,
        evidence,
        actions: [],
        accessTokenHash: sha256(token),
        reporterReachable: Boolean(reporter?.email),
        createdAt: now,
        updatedAt: now,
      },
      ...(reporter ? { reporter } : {}),
      statusLinkToken: token,
      audit: auditEvent(
        clock,
        { system: 'violation-report-intake' },
        'case.received',
        { type: 'case', id: reportNumber },
        { category: input.category, offices, party, anonymous: !reporter },
        context.requestId,
      ),
    }),
    Number(now.slice(0, 4)),
    formatReportNumber,
  );
  const statusUrl = statusUrlOf(context.baseUrl, created.reportNumber, token);
  await notifyOffices(deps, created, 'A new violation report');
  if (reporter?.email) {
    await deps.email.send({
      to: reporter.email,
      subject: `Your report ${created.reportNumber} to the City of Danbury`,
      text: [
        `We received your report ${created.reportNumber} on ${now.slice(0, 10)}.`,
        `It went to: ${offices.join(', ')}. They will review it and you will hear from us when its status changes.`,
        `Follow it here: ${statusUrl}`,
        'Your name and contact are never shown to anyone you reported.',
      ].join('\n\n'),
      category: 'violation-report-receipt',
      relatedTo: { type: 'case', id: created.reportNumber },
    });
  }
  const response = {
    statusCode: 201,
    body: {
      reportNumber: created.reportNumber,
      status: created.status,
      receivedAt: now,
      handledBy: offices,
      statusUrl,
    },
  };
  return once.remember(response, nowMs);
}

async function gatherEvidence(evidencePort: EvidencePort, input: ReportInput, now: string) {
  const subject: CaseSubject = { ...input.subject };
  const evidence: Evidence = { gatheredAt: now, summary: [] };
  let datasetOwner: string | undefined;
  let party: CaseParty = { kind: 'unknown', id: 'unknown' };
  if (subject.trackingNumber) {
    const found = await evidencePort.records(subject.trackingNumber);
    if (found) {
      evidence.records = found.facts;
      evidence.summary.push(...found.summary);
      if (input.category === 'records-not-answered') party = { kind: 'department', id: found.department };
    } else evidence.summary.push(`No records request has the tracking number ${subject.trackingNumber}.`);
  }
  if (subject.datasetId) {
    const found = await evidencePort.dataset(subject.datasetId, subject.version);
    if (found) {
      evidence.dataset = found.facts;
      evidence.summary.push(...found.summary);
      datasetOwner = found.owner;
      if (found.version) subject.version = found.version;
      if (input.category === 'personal-data') party = { kind: 'department', id: found.owner };
    } else evidence.summary.push(`No published dataset has the id ${subject.datasetId}.`);
  }
  if (subject.apiKeyLast4 || subject.keyId || subject.applicationId) {
    const found = await evidencePort.apiKey(subject);
    if (found) {
      subject.keyId = found.keyId;
      evidence.apiKey = found.facts;
      evidence.summary.push(...found.summary);
      if (input.category === 'api-abuse') party = { kind: 'api-key', id: found.keyId };
    } else evidence.summary.push('No API key matches what the report names.');
  }
  return { evidence, offices: routeCase(input.category, datasetOwner), party, subject };
}

async function notifyOffices(deps: EnforcementDeps, c: EnforcementCase, headline: string) {
  // The offices learn what was reported and the evidence summary; never who reported it.
  for (const office of c.offices) {
    await deps.email.send({
      to: recordsContactsOf(office).liaison,
      subject: `${headline}: ${c.reportNumber} (${c.category})`,
      text: [
        `${headline} was routed to your office: ${c.reportNumber}, category ${c.category}.`,
        `What was reported: ${c.description}`,
        ...(c.evidence.summary.length
          ? ['What the platform knows:', ...c.evidence.summary.map((s) => `- ${s}`)]
          : []),
        `Open it: GET /v1/staff/enforcement/cases/${c.reportNumber}`,
      ].join('\n'),
      category: 'enforcement-case-routed',
      relatedTo: { type: 'case', id: c.reportNumber },
    });
  }
}

/** The case a status-link token opens; an unknown report and a wrong token answer alike. */
export async function caseForReporter(
  store: Pick<CaseStorePort, 'getCase'>,
  reportNumber: string,
  token: string,
): Promise<EnforcementCase> {
  const c = await store.getCase(reportNumber);
  if (!c || !tokenMatches(token, c.accessTokenHash))
    throw notFound('No report matches this number and link.');
  return c;
}

/** The reporter's status page. */
export async function reporterCaseStatus(store: CaseStorePort, reportNumber: string, token: string) {
  return caseReporterView(await caseForReporter(store, reportNumber, token));
}

async function loadCase(store: CaseStorePort, principal: StaffPrincipal, reportNumber: string) {
  const c = await store.getCase(reportNumber);
  if (!c) throw notFound(`There is no case ${reportNumber}.`);
  if (!canSeeCase(principal, c.offices))
    throw forbidden(`Case ${reportNumber} is handled by another office.`);
  return c;
}

function checkRevision(c: EnforcementCase, expected: number) {
  if (c.revision !== expected) {
    throw new PlatformError(
      409,
      'STALE_REVISION',
      `Case ${c.reportNumber} changed since you opened it (revision ${expected}, now ${c.revision}).`,
      { context: { current: caseStaffView(c) } },
    );
  }
}

export async function listCases(
  store: CaseStorePort,
  principal: StaffPrincipal,
  query: { office?: string; state: 'open' | 'closed'; cursor?: string; limit: number },
) {
  const open = query.state === 'open';
  const isIt = principal.roles.includes('it-admin');
  const office = query.office ?? (isIt ? undefined : principal.department);
  if (!isIt && (!office || office !== principal.department)) {
    throw forbidden('You see the cases routed to your office.');
  }
  const page = office
    ? await store.casesForOffice(office, open, query.cursor, query.limit)
    : await store.allCases(open, query.cursor, query.limit);
  return {
    cases: page.cases.map((c) => caseStaffView(c)),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

export async function caseDetail(store: CaseStorePort, principal: StaffPrincipal, reportNumber: string) {
  const c = await loadCase(store, principal, reportNumber);
  const [reporter, timeline, attachments] = await Promise.all([
    store.getReporter(reportNumber),
    store.auditTrail(reportNumber),
    store.attachments(reportNumber),
  ]);
  return { case: caseStaffView(c, reporter), attachments, timeline };
}

const actorOf = (p: StaffPrincipal) => ({ userId: p.userId, username: p.username });

async function tellReporter(deps: EnforcementDeps, c: EnforcementCase, baseUrl: string) {
  if (!c.reporterReachable) return;
  const reporter = await deps.store.getReporter(c.reportNumber);
  const token = await deps.store.statusLinkToken(c.reportNumber);
  if (!reporter?.email || !token) return;
  await deps.email.send({
    to: reporter.email,
    subject: `Your report ${c.reportNumber}: ${c.status.replace(/-/g, ' ')}`,
    text: [
      `Your report ${c.reportNumber} is now: ${c.status.replace(/-/g, ' ')}.`,
      ...(c.outcome ? [`Outcome: ${c.outcome.reason}`] : []),
      `Follow it here: ${statusUrlOf(baseUrl, c.reportNumber, token)}`,
    ].join('\n\n'),
    category: 'violation-report-status',
    relatedTo: { type: 'case', id: c.reportNumber },
  });
}

/** Review, no violation, referral, closing with the outcome, reopening. */
export async function transitionCase(
  deps: EnforcementDeps,
  principal: StaffPrincipal,
  reportNumber: string,
  input: { action: CaseTransition; revision: number; reason?: string },
  context: { requestId: string; baseUrl: string },
) {
  const { store, clock } = deps;
  const c = await loadCase(store, principal, reportNumber);
  checkRevision(c, input.revision);
  const status = nextCaseStatus(c.status, input.action);
  const needsReason = input.action !== 'start-review';
  if (needsReason && !input.reason) {
    throw badRequest(`Say why (${input.action}).`, [
      { path: 'body.reason', message: 'required for this action' },
    ]);
  }
  const now = clock.now();
  const next: EnforcementCase = { ...c, status, revision: c.revision + 1, updatedAt: now };
  if (['no-violation', 'referred'].includes(status) || input.action === 'close') {
    next.outcome = {
      status: input.action === 'close' ? (c.outcome?.status ?? c.status) : status,
      reason: input.reason!,
      at: now,
      by: actorOf(principal),
    };
  }
  if (status === 'closed') next.closedAt = now;
  if (input.action === 'reopen') {
    delete next.closedAt;
    delete next.outcome;
  }
  await store.saveCase(next, c.revision, [
    auditEvent(
      clock,
      principal,
      `case.${input.action}`,
      { type: 'case', id: reportNumber },
      {
        changes: [{ field: 'status', before: c.status, after: status }],
        ...(input.reason ? { reason: input.reason } : {}),
      },
      context.requestId,
    ),
  ]);
  await tellReporter(deps, next, context.baseUrl);
  return caseStaffView(next);
}

export interface CaseActionInput {
  kind: CaseActionKind;
  revision: number;
  reason: string;
  dueDate?: string;
}

/** An action on the party, through the feature that owns it; the case moves to action-taken. */
export async function takeCaseAction(
  deps: EnforcementDeps & { effects: CaseEffectsPort },
  principal: StaffPrincipal,
  reportNumber: string,
  input: CaseActionInput,
  context: { requestId: string; baseUrl: string },
) {
  const { store, clock, effects } = deps;
  const c = await loadCase(store, principal, reportNumber);
  checkRevision(c, input.revision);
  if (!ACTION_ALLOWED_IN.includes(c.status)) {
    throw new PlatformError(
      409,
      'ILLEGAL_TRANSITION',
      `Case ${reportNumber} is ${c.status}; reopen it to act.`,
    );
  }
  const level = offenceLevel(await store.priorActionCases(c.party, reportNumber));
  const now = clock.now();
  let result: Record<string, unknown> = {};
  let incident: EnforcementCase['incident'];
  const needs = (ok: unknown, message: string): void => {
    if (!ok) throw badRequest(message);
  };
  switch (input.kind) {
    case 'suspend-api-key':
    case 'revoke-api-key':
      needs(c.subject.keyId, 'This case names no API key.');
      result = await effects.sanctionKey(
        principal,
        c.subject.keyId!,
        input.kind === 'suspend-api-key' ? 'suspend' : 'revoke',
        input.reason,
      );
      break;
    case 'unpublish-dataset-version': {
      needs(c.subject.datasetId && c.subject.version, 'This case names no published dataset version.');
      const { datasetId, version } = c.subject as { datasetId: string; version: number };
      const withdrawn = await effects.unpublishVersion(principal, datasetId, version, input.reason);
      const owner = recordsContactsOf(c.party.kind === 'department' ? c.party.id : 'information-technology');
      incident = {
        datasetId,
        version,
        ...(withdrawn.publishedAt ? { publishedAt: withdrawn.publishedAt } : {}),
        unpublishedAt: now,
        downloads: await effects.downloads(datasetId, version),
        findings: withdrawn.findings,
        noticeTo: owner.head,
      };
      result = withdrawn.result;
      break;
    }
    case 'reopen-records-request':
      needs(c.subject.trackingNumber, 'This case names no records request.');
      result = await effects.reopenRequest(principal, c.subject.trackingNumber!, input.reason);
      break;
    case 'notice':
    case 'order-to-correct':
      if (input.kind === 'order-to-correct') needs(input.dueDate, 'An order to correct needs a due date.');
      if (c.party.kind === 'api-key') {
        result = await effects.sanctionKey(principal, c.party.id, 'notice', input.reason);
      } else if (c.party.kind === 'department') {
        await sendPartyNotice(deps, c, input, level);
        result = { notified: recordsContactsOf(c.party.id).head };
      } else {
        throw badRequest('This case has no known party to notify.');
      }
      break;
  }
  const action: CaseActionRecord = {
    actionId: clock.newId(),
    kind: input.kind,
    at: now,
    by: actorOf(principal),
    reason: input.reason,
    offenceLevel: level,
    result,
    ...(input.dueDate ? { dueDate: input.dueDate } : {}),
  };
  const next: EnforcementCase = {
    ...c,
    status: 'action-taken',
    revision: c.revision + 1,
    updatedAt: now,
    actions: [...c.actions, action],
    ...(incident ? { incident } : {}),
  };
  await store.saveCase(next, c.revision, [
    auditEvent(
      clock,
      principal,
      `case.action.${input.kind}`,
      { type: 'case', id: reportNumber },
      {
        changes: [{ field: 'status', before: c.status, after: 'action-taken' }],
        offenceLevel: level,
        reason: input.reason,
        ...(incident
          ? {
              incident: {
                datasetId: incident.datasetId,
                version: incident.version,
                downloads: incident.downloads,
              },
            }
          : {}),
      },
      context.requestId,
    ),
  ]);
  if (incident) await sendIncidentNotice(deps, next, incident);
  await tellReporter(deps, next, context.baseUrl);
  return caseStaffView(next);
}

async function sendPartyNotice(
  deps: EnforcementDeps,
  c: EnforcementCase,
  input: CaseActionInput,
  level: string,
) {
  const contacts = recordsContactsOf(c.party.id);
  await deps.email.send({
    to: contacts.head,
    subject: `${input.kind === 'order-to-correct' ? 'Order to correct' : 'Notice'}: ${c.reportNumber}`,
    text: [
      `Case ${c.reportNumber} (${c.category}) found a violation (${level} offence).`,
      input.reason,
      ...(input.dueDate ? [`Correct it by ${input.dueDate}.`] : []),
      'Reply to the office handling the case. (Reports are confidential: the reporter is not named.)',
    ].join('\n\n'),
    category: `enforcement-${input.kind}`,
    relatedTo: { type: 'case', id: c.reportNumber },
  });
}

async function sendIncidentNotice(
  deps: EnforcementDeps,
  c: EnforcementCase,
  incident: NonNullable<EnforcementCase['incident']>,
) {
  await deps.email.send({
    to: incident.noticeTo,
    subject: `Personal data unpublished: ${incident.datasetId} version ${incident.version} (${c.reportNumber})`,
    text: [
      `Version ${incident.version} of the dataset ${incident.datasetId} was unpublished on ${incident.unpublishedAt.slice(0, 10)} because it carried personal data.`,
      `It had been public since ${incident.publishedAt?.slice(0, 10) ?? 'an unknown date'} and was downloaded ${incident.downloads} time(s).`,
      incident.findings.length
        ? `What the personal-data gate found: ${incident.findings.map((f) => `${f.pattern} in column ${f.column} (${f.count})`).join('; ')}.`
        : 'The personal-data gate had found nothing in it: check the columns by hand.',
      'Upload a cleaned version, or record for each column why the law makes it public, before publishing again. Consider whether the people concerned must be notified under C.G.S. 36a-701b.',
    ].join('\n\n'),
    category: 'enforcement-incident',
    relatedTo: { type: 'case', id: c.reportNumber },
  });
}

/**
 * Automatic abuse detection opens a case for staff review with its evidence;
 * it never sanctions on its own. One open detection case per key at a time.
 */
export async function openAbuseCase(
  deps: EnforcementDeps,
  input: { keyId: string; description: string; facts: Record<string, unknown>; summary: string[] },
): Promise<string | undefined> {
  const party: CaseParty = { kind: 'api-key', id: input.keyId };
  if (await deps.store.openDetectionCase(party)) return undefined;
  const now = deps.clock.now();
  const created = await deps.store.createCase(
    (reportNumber) => ({
      enforcementCase: {
        reportNumber,
        revision: 1,
        status: 'received',
        category: 'api-abuse',
        source: 'abuse-detection',
        description: input.description,
        subject: { keyId: input.keyId },
        receivedAt: now,
        offices: routeCase('api-abuse'),
        party,
        evidence: { gatheredAt: now, summary: input.summary, apiKey: input.facts },
        actions: [],
        // Detection cases have no reporter: a token nobody holds.
        accessTokenHash: sha256(newLinkToken()),
        reporterReachable: false,
        createdAt: now,
        updatedAt: now,
      },
      statusLinkToken: '',
      audit: auditEvent(
        deps.clock,
        { system: 'abuse-detection' },
        'case.received',
        { type: 'case', id: reportNumber },
        {
          category: 'api-abuse',
          source: 'abuse-detection',
          keyId: input.keyId,
        },
      ),
    }),
    Number(now.slice(0, 4)),
    formatReportNumber,
  );
  await notifyOffices(deps, created, 'Possible API abuse detected');
  return created.reportNumber;
}
