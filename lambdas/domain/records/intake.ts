/**
 * Intake: a records request arrives online (the public form or API) or is
 * entered by staff from mail, phone, e-mail or a counter visit. Either way it
 * gets a tracking number, day 0 and a statutory due date from the calendar in
 * force, and the requester gets a receipt. A purpose is never asked for.
 */
import { idempotentCall } from '../idempotency';
import { assertWithinHourlyLimit, hourOf, newLinkToken, sha256 } from '../status-links';
import { badRequest, PlatformError } from '../../shared/errors';
import type { StaffPrincipal } from '../../shared/staff';
import { auditEvent, type Clock } from '../audit';
import { nyDate, requestClocks, statutoryDueDate, receiptDate } from './clocks';
import {
  findLikelyDuplicate,
  identifiesRequester,
  requesterKey,
  DUPLICATE_WINDOW_MINUTES,
} from './duplicates';
import { defaultCalendar, type HolidayCalendar } from './holiday-calendar';
import { receiptLetter } from './letters';
import type { RecordsEmailPort, RecordsStorePort } from './ports';
import type { Channel, Delivery, RecordsRequest, Requester } from './records-request';
import { staffView } from './records-request';

export const SUBMISSIONS_PER_IP_PER_HOUR = 10;
const IDEMPOTENCY_SCOPE = 'records-request';

export interface RequestInput {
  description: string;
  delivery: Delivery;
  department?: string;
  personnelFiles?: boolean;
  requester: Requester;
  /** The requester insists a near-identical recent request is not a duplicate. */
  notADuplicate?: boolean;
}

export interface IntakeDeps {
  store: RecordsStorePort;
  email: RecordsEmailPort;
  clock: Clock;
}

export async function currentCalendar(store: RecordsStorePort): Promise<HolidayCalendar> {
  return (await store.getCalendar()) ?? defaultCalendar();
}

export const statusUrlOf = (baseUrl: string, trackingNumber: string, token: string) =>
  `${baseUrl}/v1/records-requests/${trackingNumber}?token=${token}`;

function newRequest(
  trackingNumber: string,
  fields: {
    input: RequestInput;
    channel: Channel;
    receivedAt: string;
    receivingOffice: string;
    tokenHash: string;
    requesterKey: string;
    calendar: HolidayCalendar;
    now: string;
    enteredBy?: StaffPrincipal;
  },
): RecordsRequest {
  const { input, calendar } = fields;
  const personnelFiles = input.personnelFiles ?? false;
  const dayZero = receiptDate(fields.receivedAt, calendar);
  return {
    trackingNumber,
    revision: 1,
    status: 'received',
    channel: fields.channel,
    receivedAt: fields.receivedAt,
    receivingOffice: fields.receivingOffice,
    ...(fields.enteredBy
      ? { enteredBy: { userId: fields.enteredBy.userId, username: fields.enteredBy.username } }
      : {}),
    description: input.description,
    delivery: input.delivery,
    ...(input.department ? { department: input.department } : {}),
    personnelFiles,
    pauses: [],
    statutoryDueDate: statutoryDueDate(dayZero, { personnelFiles }, calendar),
    calendarVersion: calendar.version,
    accessTokenHash: fields.tokenHash,
    requesterKey: fields.requesterKey,
    createdAt: fields.now,
    updatedAt: fields.now,
  };
}

async function sendReceipt(
  deps: IntakeDeps,
  request: RecordsRequest,
  requester: Requester,
  statusUrl: string,
  calendar: HolidayCalendar,
) {
  if (!requester.email) return false;
  const letter = receiptLetter({
    trackingNumber: request.trackingNumber,
    receivedAt: request.receivedAt,
    receivedOn: receiptDate(request.receivedAt, calendar),
    statutoryDueDate: request.statutoryDueDate,
    description: request.description,
    delivery: request.delivery,
    ...(request.department ? { department: request.department } : {}),
    statusUrl,
    calendarVersion: request.calendarVersion,
    personnelFiles: request.personnelFiles,
    requesterName: requester.name,
  });
  await deps.email.send({
    to: requester.email,
    subject: letter.subject,
    text: letter.text,
    category: 'records-request-receipt',
    relatedTo: { type: 'records-request', id: request.trackingNumber },
  });
  return true;
}

function receiptBody(request: RecordsRequest, calendar: HolidayCalendar, statusUrl: string, now: string) {
  const clocks = requestClocks(
    {
      receivedAt: request.receivedAt,
      personnelFiles: request.personnelFiles,
      pauses: [],
      now,
    },
    calendar,
  );
  return {
    trackingNumber: request.trackingNumber,
    status: request.status,
    receivedAt: request.receivedAt,
    receivedOn: clocks.receivedOn,
    statutoryDueDate: clocks.statutoryDueDate,
    calendarVersion: clocks.calendarVersion,
    clocks,
    statusUrl,
  };
}

export interface SubmitContext {
  sourceIp: string;
  idempotencyKey?: string;
  requestId: string;
  baseUrl: string;
}

/** POST /v1/records-requests: the public form. */
export async function submitRecordsRequest(
  deps: IntakeDeps,
  input: RequestInput,
  context: SubmitContext,
): Promise<{ statusCode: number; body: unknown }> {
  const { store, clock } = deps;
  const now = clock.now();
  const nowMs = Date.parse(now);
  const once = await idempotentCall(store, IDEMPOTENCY_SCOPE, context.idempotencyKey);
  if (once.earlier) return once.earlier;
  if (!input.requester.email && !input.requester.postalAddress) {
    throw badRequest('Give an e-mail address or a postal address so the city can answer you.', [
      { path: 'body.requester', message: 'email or postalAddress is required' },
    ]);
  }
  assertWithinHourlyLimit(
    await store.countSubmissionFrom(sha256(context.sourceIp), hourOf(nowMs), nowMs),
    SUBMISSIONS_PER_IP_PER_HOUR,
    nowMs,
    'requests',
  );
  const key = requesterKey(input.requester);
  // Nameless, contactless entries all share one key: never call those duplicates of each other.
  if (!input.notADuplicate && identifiesRequester(input.requester)) {
    const since = new Date(nowMs - DUPLICATE_WINDOW_MINUTES * 60_000).toISOString();
    const recent = await store.recentByRequester(key, since);
    const duplicateOf = findLikelyDuplicate(
      { description: input.description, receivedAt: now },
      recent.map((r) => ({
        trackingNumber: r.trackingNumber,
        description: r.description,
        receivedAt: r.receivedAt,
      })),
    );
    if (duplicateOf) {
      throw new PlatformError(
        409,
        'LIKELY_DUPLICATE',
        `This looks like request ${duplicateOf}, which you sent a few minutes ago; its receipt has its status link. ` +
          'If it really is a different request, send it again with "notADuplicate": true.',
        { context: { duplicateOf } },
      );
    }
  }
  const calendar = await currentCalendar(store);
  const token = newLinkToken();
  const request = await store.createRequest(
    (trackingNumber) => {
      const built = newRequest(trackingNumber, {
        input,
        channel: 'online',
        receivedAt: now,
        receivingOffice: input.department ?? 'city-clerk',
        tokenHash: sha256(token),
        requesterKey: key,
        calendar,
        now,
      });
      return {
        request: built,
        requester: input.requester,
        statusLinkToken: token,
        audit: auditEvent(
          clock,
          { system: 'online-intake' },
          'records-request.received',
          { type: 'records-request', id: trackingNumber },
          {
            channel: 'online',
            receivingOffice: built.receivingOffice,
            statutoryDueDate: built.statutoryDueDate,
            calendarVersion: built.calendarVersion,
          },
          context.requestId,
        ),
      };
    },
    Number(nyDate(now).slice(0, 4)),
  );
  const statusUrl = statusUrlOf(context.baseUrl, request.trackingNumber, token);
  const emailed = await sendReceipt(deps, request, input.requester, statusUrl, calendar);
  const response = {
    statusCode: 201,
    body: { ...receiptBody(request, calendar, statusUrl, now), receiptEmailed: emailed },
  };
  return once.remember(response, nowMs);
}

export interface StaffEntryInput extends RequestInput {
  channel: Exclude<Channel, 'online'>;
  receivedAt: string;
  receivingOffice: string;
}

/** The longest a paper request can sit before someone enters it (a typo guard, not law). */
const MAX_BACKDATE_DAYS = 366;

/** A request that came by mail, phone, e-mail or in person, entered with its real receipt. */
export async function enterRecordsRequest(
  deps: IntakeDeps,
  principal: StaffPrincipal,
  input: StaffEntryInput,
  context: { requestId: string; baseUrl: string },
): Promise<{ statusCode: number; body: unknown }> {
  const { store, clock } = deps;
  const now = clock.now();
  const receivedMs = Date.parse(input.receivedAt);
  if (receivedMs > Date.parse(now) + 60_000) {
    throw badRequest('The receipt time is in the future.', [
      { path: 'body.receivedAt', message: 'must not be in the future' },
    ]);
  }
  if (receivedMs < Date.parse(now) - MAX_BACKDATE_DAYS * 86_400_000) {
    throw badRequest('The receipt time is more than a year ago; check the date.', [
      { path: 'body.receivedAt', message: 'more than a year ago' },
    ]);
  }
  const calendar = await currentCalendar(store);
  const token = newLinkToken();
  const key = requesterKey(input.requester);
  const since = new Date(receivedMs - DUPLICATE_WINDOW_MINUTES * 60_000).toISOString();
  const duplicateOf = identifiesRequester(input.requester)
    ? findLikelyDuplicate(
        { description: input.description, receivedAt: input.receivedAt },
        (await store.recentByRequester(key, since)).map((r) => ({
          trackingNumber: r.trackingNumber,
          description: r.description,
          receivedAt: r.receivedAt,
        })),
      )
    : undefined;
  const request = await store.createRequest(
    (trackingNumber) => {
      const built = newRequest(trackingNumber, {
        input,
        channel: input.channel,
        receivedAt: new Date(receivedMs).toISOString(),
        receivingOffice: input.receivingOffice,
        tokenHash: sha256(token),
        requesterKey: key,
        calendar,
        now,
        enteredBy: principal,
      });
      // Staff see the flag and decide; a counter clerk is not refused.
      if (duplicateOf) built.likelyDuplicateOf = duplicateOf;
      return {
        request: built,
        requester: input.requester,
        statusLinkToken: token,
        audit: auditEvent(
          clock,
          principal,
          'records-request.entered',
          { type: 'records-request', id: trackingNumber },
          {
            channel: input.channel,
            receivedAt: built.receivedAt,
            receivingOffice: input.receivingOffice,
            statutoryDueDate: built.statutoryDueDate,
            calendarVersion: built.calendarVersion,
            ...(duplicateOf ? { likelyDuplicateOf: duplicateOf } : {}),
          },
          context.requestId,
        ),
      };
    },
    Number(nyDate(new Date(receivedMs).toISOString()).slice(0, 4)),
  );
  const statusUrl = statusUrlOf(context.baseUrl, request.trackingNumber, token);
  const emailed = await sendReceipt(deps, request, input.requester, statusUrl, calendar);
  const clocks = requestClocks(
    { receivedAt: request.receivedAt, personnelFiles: request.personnelFiles, pauses: [], now },
    calendar,
  );
  return {
    statusCode: 201,
    body: {
      ...receiptBody(request, calendar, statusUrl, now),
      receiptEmailed: emailed,
      request: staffView(request, clocks, input.requester),
    },
  };
}
