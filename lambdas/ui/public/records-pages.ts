/**
 * Records requests: the request form and receipt, the requester's status page, the lost-link resend, the public archive.
 * Every page calls the use case of the matching public JSON route and validates with its schema.
 */
import { safeParse } from 'zod/mini';
import {
  ArchiveQuery,
  DocumentParams,
  RecordsRequestBody,
  RequestParams,
  StatusLinkBody,
  TokenQuery,
} from '../../api/schemas/records';
import { listArchive, archivedRequest } from '../../domain/records/archive';
import { requesterStatus, resendStatusLink } from '../../domain/records/casework';
import { nyDate } from '../../domain/records/clocks';
import { submitRecordsRequest } from '../../domain/records/intake';
import type { RecordsEmailPort, RecordsStorePort, RequestFilesPort } from '../../domain/records/ports';
import { publicDownload, requesterDownload } from '../../domain/records/release';
import { badRequest, notFound, PlatformError } from '../../shared/errors';
import type { FieldErrors, FormState } from '../components';
import { optionalText, parseForm } from '../forms';
import { pathOf, redirect, type PageResult } from '../http';
import {
  clientIpOf,
  formKeyOf,
  formRefusalOf,
  newFormKey,
  receiptLinks,
  requestStatusPath,
  siteBaseUrl,
} from './pages/records-links';
import {
  archiveEntryContent,
  archiveListContent,
  lostLinkContent,
  LOST_LINK_FORM,
  receiptContent,
  recordsAboutContent,
  REQUEST_FORM,
  requestFormContent,
  statusContent,
} from './pages/records';
import { sitePage, type PublicPage, type PublicPageContext, type PublicRouter } from './site-context';

/** What the records pages call: the records table, the records bucket (signed downloads), e-mail. */
export interface PublicRecordsPorts {
  store: RecordsStorePort;
  files: RequestFilesPort;
  email: RecordsEmailPort;
}

/** An unknown number, a wrong token, a malformed link: one answer, so nobody learns which. */
const NO_SUCH_REQUEST = 'No request matches this tracking number and link.';

/** The form as the person typed it, to show again (never the CSRF token). */
export function formValues(form: URLSearchParams): URLSearchParams {
  const values = new URLSearchParams(form);
  values.delete('csrf');
  return values;
}

const withoutUndefined = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The request form as the body of POST /v1/records-requests. */
export function requestBodyOf(form: URLSearchParams): Record<string, unknown> {
  return withoutUndefined({
    description: optionalText(form, 'description'),
    delivery: optionalText(form, 'delivery'),
    department: optionalText(form, 'department'),
    requester: withoutUndefined({
      name: optionalText(form, 'requester.name'),
      email: optionalText(form, 'requester.email'),
      postalAddress: optionalText(form, 'requester.postalAddress'),
      phone: optionalText(form, 'requester.phone'),
    }),
    notADuplicate: form.get('notADuplicate') === 'yes' ? true : undefined,
  });
}

/** The tracking number and token of a status link, or the same 404 as a wrong token. */
function requesterKeyOf(ctx: PublicPageContext): { trackingNumber: string; token: string } {
  const params = safeParse(RequestParams, { trackingNumber: ctx.params.trackingNumber });
  const query = safeParse(TokenQuery, { token: ctx.request.query.get('token') ?? '' });
  if (!params.success || !query.success) throw notFound(NO_SUCH_REQUEST);
  return { trackingNumber: params.data.trackingNumber, token: query.data.token };
}

const TOO_MANY = 'Too many requests came from your address this hour. Wait an hour and try again.';

// ---------------------------------------------------------------- about and the form

const aboutPage: PublicPage = (ctx) =>
  sitePage(ctx, 'Public records requests', 'records', recordsAboutContent(ctx.request));

function requestForm(
  ctx: PublicPageContext,
  formKey: string,
  state?: FormState,
  options: { duplicateOf?: string; status?: number; headers?: Record<string, string> } = {},
): PageResult {
  return sitePage(
    ctx,
    state && Object.keys(state.errors).length ? 'Error: Ask for public records' : 'Ask for public records',
    'records',
    requestFormContent(ctx.request, ctx.csrf, { formKey, duplicateOf: options.duplicateOf }, state),
    { status: options.status ?? 200, extra: options.headers ? { headers: options.headers } : {} },
  );
}

const newRequestPage: PublicPage = (ctx) => requestForm(ctx, newFormKey());

const submitRequest: PublicPage = async (ctx) => {
  const f = ctx.request.form;
  // The key made with the form: sending the same form twice answers with the first receipt.
  const formKey = formKeyOf(f) ?? newFormKey();
  const values = formValues(f);
  const refused = (errors: FieldErrors, options: Parameters<typeof requestForm>[3] = {}) =>
    requestForm(ctx, formKey, { form: REQUEST_FORM, errors, values }, { status: 400, ...options });
  const parsed = parseForm(RecordsRequestBody, requestBodyOf(f));
  if (!parsed.ok) return refused(parsed.errors);
  let body: unknown;
  try {
    ({ body } = await submitRecordsRequest({ ...ctx.deps.records, clock: ctx.deps.clock }, parsed.data, {
      sourceIp: clientIpOf(ctx.request),
      idempotencyKey: formKey,
      requestId: ctx.request.requestId,
      baseUrl: siteBaseUrl(ctx.request),
    }));
  } catch (err) {
    if (err instanceof PlatformError && err.code === 'LIKELY_DUPLICATE') {
      const duplicateOf = String(err.details?.context?.duplicateOf ?? '');
      return refused(
        {
          notADuplicate: `This looks like request ${duplicateOf}. Tick the box if it is a different request.`,
        },
        { duplicateOf, status: 409 },
      );
    }
    const refusal = formRefusalOf(err, TOO_MANY);
    if (!refusal) throw err;
    return refused(refusal.errors, refusal);
  }
  const receipt = body as {
    trackingNumber: string;
    receivedAt: string;
    statutoryDueDate: string;
    statusUrl: string;
    receiptEmailed: boolean;
  };
  // The receipt is this POST's answer (no redirect): the status link never goes into a URL the browser
  // history or a log keeps, and no-store keeps it out of caches.
  return sitePage(
    ctx,
    `Request ${receipt.trackingNumber} received`,
    'records',
    receiptContent({
      trackingNumber: receipt.trackingNumber,
      receivedAt: receipt.receivedAt,
      statutoryDueDate: receipt.statutoryDueDate,
      receiptEmailed: receipt.receiptEmailed,
      ...receiptLinks(ctx.request, receipt.statusUrl, (token) =>
        requestStatusPath(receipt.trackingNumber, token),
      ),
    }),
    { indexable: false, extra: { headers: { 'Cache-Control': 'no-store' } } },
  );
};

// ---------------------------------------------------------------- the requester's status page

const statusPage: PublicPage = async (ctx) => {
  const { trackingNumber, token } = requesterKeyOf(ctx);
  const view = await requesterStatus(
    { store: ctx.deps.records.store, clock: ctx.deps.clock },
    trackingNumber,
    token,
  );
  const documentPath = (documentId: string) =>
    pathOf(
      ctx.request,
      `/records/status/${trackingNumber}/documents/${documentId}?token=${encodeURIComponent(token)}`,
    );
  return sitePage(
    ctx,
    `Request ${trackingNumber}`,
    'records',
    statusContent(ctx.request, view, documentPath),
    { indexable: false },
  );
};

/** A released document: a fresh 5-minute link per click (the same use case as the JSON route). */
const downloadReleased: PublicPage = async (ctx) => {
  const { trackingNumber, token } = requesterKeyOf(ctx);
  const params = safeParse(DocumentParams, { trackingNumber, documentId: ctx.params.documentId });
  if (!params.success) throw notFound('No released document has this id.');
  const url = await requesterDownload(ctx.deps.records, trackingNumber, params.data.documentId, token);
  return redirect(url, {}, 302);
};

// ---------------------------------------------------------------- lost link

function lostLinkForm(ctx: PublicPageContext, state?: FormState, sent?: string, status = 200): PageResult {
  return sitePage(
    ctx,
    state ? 'Error: Get your status link again' : 'Get your status link again',
    'records',
    lostLinkContent(ctx.request, ctx.csrf, state, sent),
    { status },
  );
}

const lostLinkPage: PublicPage = (ctx) => lostLinkForm(ctx);

const sendLostLink: PublicPage = async (ctx) => {
  const f = ctx.request.form;
  const refused = (errors: FieldErrors, status = 400) =>
    lostLinkForm(ctx, { form: LOST_LINK_FORM, errors, values: formValues(f) }, undefined, status);
  const number = parseForm(RequestParams, { trackingNumber: optionalText(f, 'trackingNumber') });
  const email = parseForm(StatusLinkBody, { email: optionalText(f, 'email') });
  if (!number.ok || !email.ok) {
    return refused({ ...(number.ok ? {} : number.errors), ...(email.ok ? {} : email.errors) });
  }
  try {
    const answer = await resendStatusLink(
      { ...ctx.deps.records, clock: ctx.deps.clock },
      number.data.trackingNumber,
      email.data.email,
      { baseUrl: siteBaseUrl(ctx.request), sourceIp: clientIpOf(ctx.request) },
    );
    return lostLinkForm(ctx, undefined, answer.message);
  } catch (err) {
    const refusal = formRefusalOf(err, TOO_MANY);
    if (!refusal) throw err;
    return {
      ...refused(refusal.errors, refusal.status),
      ...(refusal.headers ? { headers: refusal.headers } : {}),
    };
  }
};

// ---------------------------------------------------------------- the public archive

const ARCHIVE_YEARS_SHOWN = 5;

const archivePage: PublicPage = async (ctx) => {
  const q = ctx.request.query;
  const parsed = safeParse(
    ArchiveQuery,
    withoutUndefined({ year: q.get('year') ?? undefined, cursor: q.get('cursor') ?? undefined }),
  );
  if (!parsed.success) throw badRequest('This archive page does not exist: go back to the archive.');
  const now = ctx.deps.clock.now();
  const page = await listArchive(ctx.deps.records.store, now, {
    ...(parsed.data.year ? { year: parsed.data.year } : {}),
    ...(parsed.data.cursor ? { cursor: parsed.data.cursor } : {}),
    limit: parsed.data.limit,
  });
  const thisYear = Number(nyDate(now).slice(0, 4));
  const years = Array.from({ length: ARCHIVE_YEARS_SHOWN }, (_, i) => thisYear - i);
  if (!years.includes(page.year)) years.push(page.year);
  const nextPath = page.nextCursor
    ? pathOf(ctx.request, `/records/archive?year=${page.year}&cursor=${encodeURIComponent(page.nextCursor)}`)
    : undefined;
  return sitePage(
    ctx,
    'Records already released',
    'records',
    archiveListContent(ctx.request, { year: page.year, requests: page.requests, nextPath }, years),
  );
};

function archivedNumberOf(ctx: PublicPageContext): string {
  const params = safeParse(RequestParams, { trackingNumber: ctx.params.trackingNumber });
  if (!params.success) throw notFound('This request is not in the archive.');
  return params.data.trackingNumber;
}

const archiveEntryPage: PublicPage = async (ctx) => {
  const trackingNumber = archivedNumberOf(ctx);
  const entry = await archivedRequest(ctx.deps.records.store, trackingNumber);
  return sitePage(ctx, `Request ${trackingNumber}`, 'records', archiveEntryContent(ctx.request, entry));
};

const downloadArchived: PublicPage = async (ctx) => {
  const params = safeParse(DocumentParams, {
    trackingNumber: archivedNumberOf(ctx),
    documentId: ctx.params.documentId,
  });
  if (!params.success) throw notFound('No public document has this id.');
  const url = await publicDownload(ctx.deps.records, params.data.trackingNumber, params.data.documentId);
  return redirect(url, {}, 302);
};

export function registerRecordsPages(router: PublicRouter): void {
  router.get('/records', aboutPage);
  router.get('/records/new', newRequestPage);
  router.post('/records/new', submitRequest);
  router.get('/records/status/:trackingNumber', statusPage);
  router.get('/records/status/:trackingNumber/documents/:documentId', downloadReleased);
  router.get('/records/lost-link', lostLinkPage);
  router.post('/records/lost-link', sendLostLink);
  router.get('/records/archive', archivePage);
  router.get('/records/archive/:trackingNumber', archiveEntryPage);
  router.get('/records/archive/:trackingNumber/files/:documentId', downloadArchived);
}
