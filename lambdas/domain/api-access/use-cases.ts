/**
 * API access use cases: applying for a key, deciding, the one-time key
 * retrieval, sanctions, and the usage report. Storage, e-mail and the
 * gateway's key management come in as ports.
 */
import { idempotentCall, type IdempotencyPort } from '../idempotency';
import { assertWithinHourlyLimit, hourOf, newLinkToken, sha256, tokenMatches } from '../status-links';
import { badRequest, conflict, forbidden, notFound, PlatformError } from '../../shared/errors';
import type { StaffPrincipal } from '../../shared/staff';
import { USAGE_TIERS, type UsageTierName } from '../../shared/usage-tiers';
import { API_TERMS } from '../../shared/api-terms';
import { auditEvent, type AuditEvent } from '../audit';
import type { Clock } from '../audit';
import {
  APPLICATIONS_PER_IP_PER_HOUR,
  decide,
  decidingOffice,
  grantedTier,
  type ApiKeyApplication,
  type ApplicationDecision,
} from './applications';
import {
  issuedKeyRecord,
  rotatedKeyRecord,
  applySanction,
  canSanction,
  ACTION_FOR_LEVEL,
  nextOffenceLevel,
  type ApiKeyRecord,
  type SanctionAction,
} from './api-keys';
import {
  counterWindows,
  dailyQuota,
  usageReport,
  type CounterValues,
  type DailyUsage,
} from './usage-counters';

export interface ApiAccessStorePort extends IdempotencyPort {
  createApplication(application: ApiKeyApplication, emailHash: string, audit: AuditEvent): Promise<boolean>;
  getApplication(applicationId: string): Promise<ApiKeyApplication | undefined>;
  saveDecision(
    application: ApiKeyApplication,
    expectedStatus: string,
    emailHash: string,
    audit: AuditEvent,
    issued?: { key: ApiKeyRecord; retrievalTokenHash: string; value: string; retrievalExpiresAt: number },
  ): Promise<void>;
  takeKeyValue(tokenHash: string, nowMs: number): Promise<{ keyId: string; value: string } | undefined>;
  getKey(keyId: string): Promise<ApiKeyRecord | undefined>;
  saveKey(key: ApiKeyRecord, expectedStatus: string, audit: AuditEvent): Promise<void>;
  saveRotation(old: ApiKeyRecord, next: ApiKeyRecord, audit: AuditEvent): Promise<void>;
  usageDays(keyId: string, fromDay: string): Promise<DailyUsage[]>;
  countApplicationFrom(ipHash: string, hour: string, nowMs: number): Promise<number>;
}

export interface EmailPort {
  send(message: {
    to: string;
    subject: string;
    text: string;
    category: string;
    relatedTo?: { type: string; id: string };
  }): Promise<unknown>;
}

export interface KeyManagerPort {
  createKey(input: {
    name: string;
    tier: UsageTierName;
    description?: string;
  }): Promise<{ keyId: string; value: string }>;
  setEnabled(keyId: string, enabled: boolean): Promise<void>;
  deleteKey(keyId: string): Promise<void>;
}

export interface DatasetOwners {
  ownerOf(datasetId: string): Promise<string | undefined>;
}

const secret = newLinkToken;
/** The key value waits this long for its one retrieval. */
const RETRIEVAL_SECONDS = 7 * 86_400;

export interface ApplicationInput {
  applicantName: string;
  email: string;
  organization?: string;
  intendedUse: string;
  datasets: string[];
  departments: string[];
  expectedRequestsPerDay: number;
  requestedTier: UsageTierName;
  acceptTermsVersion: string;
}

export interface SubmitContext {
  sourceIp: string;
  idempotencyKey?: string;
  requestId: string;
  baseUrl: string;
}

const IDEMPOTENCY_SCOPE = 'api-key-application';

export async function submitApplication(
  deps: { store: ApiAccessStorePort; email: EmailPort; datasets: DatasetOwners; clock: Clock },
  input: ApplicationInput,
  context: SubmitContext,
): Promise<{ statusCode: number; body: unknown }> {
  const { store, clock } = deps;
  const now = Date.parse(clock.now());
  const once = await idempotentCall(store, IDEMPOTENCY_SCOPE, context.idempotencyKey);
  if (once.earlier) return once.earlier;
  if (input.acceptTermsVersion !== API_TERMS.version) {
    throw badRequest(`Accept the current API terms (version ${API_TERMS.version}, at /v1/api-terms).`, [
      { path: 'body.acceptTermsVersion', message: `must be ${API_TERMS.version}` },
    ]);
  }
  assertWithinHourlyLimit(
    await store.countApplicationFrom(sha256(context.sourceIp), hourOf(now), now),
    APPLICATIONS_PER_IP_PER_HOUR,
    now,
    'applications',
  );
  // Up to 50 datasets: looked up together, not one round trip after another.
  const found = await Promise.all(input.datasets.map((datasetId) => deps.datasets.ownerOf(datasetId)));
  const unknown = input.datasets.filter((_, i) => !found[i]);
  if (unknown.length) {
    throw badRequest(`There is no published dataset "${unknown[0]}".`, [
      ...unknown.map((datasetId) => ({ path: 'body.datasets', message: `unknown dataset ${datasetId}` })),
    ]);
  }
  const owners = found as string[];
  const statusToken = secret();
  const application: ApiKeyApplication = {
    applicationId: clock.newId(),
    status: 'submitted',
    applicantName: input.applicantName,
    email: input.email.toLowerCase(),
    ...(input.organization ? { organization: input.organization } : {}),
    intendedUse: input.intendedUse,
    datasets: input.datasets,
    departments: input.departments,
    expectedRequestsPerDay: input.expectedRequestsPerDay,
    requestedTier: input.requestedTier,
    termsVersion: input.acceptTermsVersion,
    submittedAt: clock.now(),
    decidingOffice: decidingOffice(owners, input.departments),
    statusTokenHash: sha256(statusToken),
    decisions: [],
  };
  const created = await store.createApplication(
    application,
    sha256(application.email),
    auditEvent(
      clock,
      { system: 'public' },
      'api-key-application.submitted',
      { type: 'api-key', id: `application/${application.applicationId}` },
      {
        decidingOffice: application.decidingOffice,
        requestedTier: application.requestedTier,
        termsVersion: application.termsVersion,
      },
      context.requestId,
    ),
  );
  if (!created) {
    throw new PlatformError(
      409,
      'CONFLICT',
      'There is already an open application for this e-mail address; wait for its decision.',
    );
  }
  const statusUrl = `${context.baseUrl}/v1/api-key-applications/${application.applicationId}?token=${statusToken}`;
  await deps.email.send({
    to: application.email,
    subject: 'We received your API key application',
    text: [
      `Hello ${application.applicantName},`,
      '',
      `The City of Danbury received your application for an API key on ${application.submittedAt.slice(0, 10)}.`,
      `It goes to ${application.decidingOffice} for a decision. You can follow it here: ${statusUrl}`,
      '',
      `Application id: ${application.applicationId}`,
    ].join('\n'),
    category: 'api-key-application-acknowledgment',
    relatedTo: { type: 'api-key-application', id: application.applicationId },
  });
  const response = {
    statusCode: 201,
    body: {
      applicationId: application.applicationId,
      status: application.status,
      statusUrl,
      decidingOffice: application.decidingOffice,
    },
  };
  return once.remember(response, now);
}

export function applicationStatusView(application: ApiKeyApplication) {
  return {
    applicationId: application.applicationId,
    status: application.status,
    submittedAt: application.submittedAt,
    requestedTier: application.requestedTier,
    decidingOffice: application.decidingOffice,
    messages: application.decisions.map((d) => ({ at: d.at, decision: d.decision, message: d.message })),
  };
}

export async function applicationStatus(store: ApiAccessStorePort, applicationId: string, token: string) {
  const application = await store.getApplication(applicationId);
  // A wrong token looks exactly like a missing application.
  if (!application || !tokenMatches(token, application.statusTokenHash))
    throw notFound('There is no such application.');
  return applicationStatusView(application);
}

export async function decideApplication(
  deps: { store: ApiAccessStorePort; email: EmailPort; keys: KeyManagerPort; clock: Clock },
  principal: StaffPrincipal,
  applicationId: string,
  input: { decision: ApplicationDecision; tier?: UsageTierName; message: string },
  context: { requestId: string; baseUrl: string },
) {
  const { store, clock } = deps;
  const application = await store.getApplication(applicationId);
  if (!application) throw notFound('There is no such application.');
  const decided = decide(application, principal, input, clock.now());
  const subject = { type: 'api-key' as const, id: `application/${applicationId}` };
  const audit = auditEvent(
    clock,
    principal,
    `api-key-application.${input.decision}`,
    subject,
    {
      decision: input.decision,
      ...(input.decision === 'approve' ? { tier: grantedTier(decided) } : {}),
    },
    context.requestId,
  );

  if (input.decision !== 'approve') {
    await store.saveDecision(decided, application.status, sha256(application.email), audit);
    await deps.email.send({
      to: application.email,
      subject:
        input.decision === 'reject'
          ? 'Your API key application was not approved'
          : 'More information needed for your API key application',
      text: `Hello ${application.applicantName},\n\n${input.message}\n\nApplication id: ${applicationId}`,
      category: `api-key-application-${input.decision}`,
      relatedTo: { type: 'api-key-application', id: applicationId },
    });
    return { application: applicationStatusView(decided) };
  }

  const tier = grantedTier(decided);
  const issued = await deps.keys.createKey({
    name: `application-${applicationId}`,
    tier,
    description: application.organization ?? application.applicantName,
  });
  const token = secret();
  const key = issuedKeyRecord({
    keyId: issued.keyId,
    value: issued.value,
    applicationId,
    name: application.organization ?? application.applicantName,
    contactEmail: application.email,
    tier,
    createdAt: clock.now(),
  });
  try {
    await store.saveDecision(
      { ...decided, keyId: issued.keyId },
      application.status,
      sha256(application.email),
      audit,
      {
        key,
        retrievalTokenHash: sha256(token),
        value: issued.value,
        retrievalExpiresAt: Math.floor(Date.parse(clock.now()) / 1000) + RETRIEVAL_SECONDS,
      },
    );
  } catch (err) {
    // No orphan keys on the gateway when the decision could not be stored.
    await deps.keys.deleteKey(issued.keyId).catch(() => undefined);
    throw err;
  }
  await deps.email.send({
    to: application.email,
    subject: 'Your API key is ready: retrieve it once',
    text: [
      `Hello ${application.applicantName},`,
      '',
      `Your application was approved on the ${tier} tier. ${input.message}`,
      '',
      'Your key can be retrieved exactly once, within 7 days:',
      `  curl -X POST -H 'content-type: application/json' -d '{"token":"${token}"}' ${context.baseUrl}/v1/api-keys/retrieve`,
      '',
      'Keep it secret; send it in the x-api-key header.',
    ].join('\n'),
    category: 'api-key-issued',
    relatedTo: { type: 'api-key', id: issued.keyId },
  });
  return { application: applicationStatusView(decided), keyId: issued.keyId, last4: key.last4, tier };
}

export async function retrieveKey(store: ApiAccessStorePort, clock: Clock, token: string) {
  const taken = await store.takeKeyValue(sha256(token), Date.parse(clock.now()));
  if (!taken) {
    throw new PlatformError(
      410,
      'NOT_FOUND',
      'This retrieval token was already used or has expired. Ask the city for a new key.',
    );
  }
  const key = await store.getKey(taken.keyId);
  return { apiKey: taken.value, keyId: taken.keyId, tier: key?.tier, header: 'x-api-key' };
}

export async function sanctionKey(
  deps: { store: ApiAccessStorePort; email: EmailPort; keys: KeyManagerPort; clock: Clock },
  principal: StaffPrincipal,
  keyId: string,
  input: { action: SanctionAction; reason: string; until?: string },
  requestId: string,
) {
  if (!canSanction(principal))
    throw forbidden('Only City IT or dataset-owning departments sanction API keys.');
  const key = await deps.store.getKey(keyId);
  if (!key) throw notFound('There is no such API key.');
  const next = applySanction(key, principal, input, deps.clock.now());
  const sanction = next.sanctions.at(-1)!;
  await deps.store.saveKey(
    next,
    key.status,
    auditEvent(
      deps.clock,
      principal,
      `api-key.${input.action}`,
      { type: 'api-key', id: keyId },
      {
        reason: input.reason,
        offenceLevel: sanction.offenceLevel,
        ...(input.until ? { until: input.until } : {}),
      },
      requestId,
    ),
  );
  // Revocation also stops the key at the gateway; a suspension is enforced by the platform so the consumer sees why.
  if (input.action === 'revoke') await deps.keys.setEnabled(keyId, false);
  const verb = {
    notice: 'received a notice and an order to correct',
    suspend: 'was suspended',
    reinstate: 'was reinstated',
    revoke: 'was revoked',
  }[input.action];
  await deps.email.send({
    to: key.contactEmail,
    subject: `Your City of Danbury API key ending ${key.last4} ${verb}`,
    text: [
      `Your API key ending ${key.last4} ${verb}${input.until ? ` until ${input.until}` : ''}.`,
      `Reason: ${input.reason}`,
      ...(sanction.offenceLevel ? [`This is a ${sanction.offenceLevel} offence under the API terms.`] : []),
      'To respond, reply to this e-mail or contact City of Danbury Information Technology.',
    ].join('\n'),
    category: `api-key-${input.action}`,
    relatedTo: { type: 'api-key', id: keyId },
  });
  return { key: next, recommendedAction: ACTION_FOR_LEVEL[nextOffenceLevel(key.sanctions)] };
}

export function keyView(key: ApiKeyRecord) {
  const { valueHash: _hash, ...rest } = key;
  return rest;
}

export async function usageOf(
  store: ApiAccessStorePort,
  clock: Clock,
  keyId: string,
  counters?: CounterValues,
) {
  const key = await store.getKey(keyId);
  if (!key) throw notFound('This API key is not registered.');
  const now = Date.parse(clock.now());
  const tier = USAGE_TIERS[key.tier];
  const days = usageReport(
    await store.usageDays(keyId, new Date(now - 29 * 86_400_000).toISOString().slice(0, 10)),
    now,
  );
  return {
    keyId,
    last4: key.last4,
    tier: key.tier,
    status: key.status,
    limits: {
      ratePerSecond: tier.rateLimit,
      burst: tier.burstLimit,
      quota: tier.quota,
      dailyQuota: dailyQuota(tier),
    },
    today: { day: counterWindows(now).day, requests: counters?.today ?? days[0]?.requests ?? 0 },
    days,
  };
}

/**
 * Key rotation by the consumer: a new key on the same tier and usage plan,
 * returned once in this answer (the caller proved they hold the old key);
 * the old key keeps working for ROTATION_GRACE_DAYS so they can deploy the
 * new one, and is refused after that.
 */
export async function rotateKey(
  deps: { store: ApiAccessStorePort; email: EmailPort; keys: KeyManagerPort; clock: Clock },
  keyId: string,
  requestId: string,
) {
  const { store, clock } = deps;
  const old = await store.getKey(keyId);
  if (!old) throw notFound('This API key is not registered.');
  const now = clock.now();
  // Checks before any control-plane call: an already rotated or sanctioned key gets 409 and nothing is made.
  rotatedKeyRecord(old, 'pending', now);
  const issued = await deps.keys.createKey({
    name: `${old.name} (rotated)`,
    tier: old.tier,
    description: old.name,
  });
  const next: ApiKeyRecord = {
    ...issuedKeyRecord({
      keyId: issued.keyId,
      value: issued.value,
      applicationId: old.applicationId,
      name: old.name,
      contactEmail: old.contactEmail,
      tier: old.tier,
      createdAt: now,
    }),
    rotatedFrom: old.keyId,
  };
  const replaced = rotatedKeyRecord(old, issued.keyId, now);
  try {
    await store.saveRotation(
      replaced,
      next,
      auditEvent(
        clock,
        { system: 'api-consumer' },
        'api-key.rotated',
        { type: 'api-key', id: old.keyId },
        { newKeyId: issued.keyId, graceEndsAt: replaced.rotationGraceEndsAt },
        requestId,
      ),
    );
  } catch (err) {
    await deps.keys.deleteKey(issued.keyId).catch(() => undefined);
    if ((err as { name?: string }).name === 'TransactionCanceledException') {
      throw conflict('This key was rotated or sanctioned meanwhile.');
    }
    throw err;
  }
  await deps.email.send({
    to: old.contactEmail,
    subject: 'Your API key was rotated',
    text: [
      `Your API key ending in ${old.last4} was replaced on ${now.slice(0, 10)} by a new key ending in ${next.last4}.`,
      `The old key keeps working until ${replaced.rotationGraceEndsAt}; after that it is refused.`,
      'If you did not rotate it, contact the City of Danbury IT department: someone else may hold your key.',
    ].join('\n\n'),
    category: 'api-key-rotated',
    relatedTo: { type: 'api-key', id: next.keyId },
  });
  return {
    keyId: next.keyId,
    key: issued.value,
    last4: next.last4,
    tier: next.tier,
    previousKey: { keyId: old.keyId, last4: old.last4, worksUntil: replaced.rotationGraceEndsAt },
  };
}
