/**
 * Records requests, the forms: the request form and its receipt, and the lost-link resend.
 * They write the table and send e-mail, and touch no bucket (the pages that read are
 * records-pages.ts, in their own Lambda). Every page calls the use case of the matching
 * public JSON route and validates with its schema.
 */
import type { Clock } from '../../domain/audit';
import { RecordsRequestBody, RequestParams, StatusLinkBody } from '../../api/schemas/records';
import { resendStatusLink } from '../../domain/records/casework';
import { submitRecordsRequest } from '../../domain/records/intake';
import type { RecordsEmailPort, RecordsStorePort } from '../../domain/records/ports';
import { PlatformError } from '../../shared/errors';
import type { FieldErrors, FormState } from '../components';
import { optionalText, parseForm } from '../forms';
import type { PageResult } from '../http';
import {
  lostLinkContent,
  LOST_LINK_FORM,
  receiptContent,
  REQUEST_FORM,
  requestFormContent,
} from './pages/records';
import { sitePage, type PublicPage, type PublicPageContext, type PublicRouter } from './site-context';
import {
  clientIpOf,
  formKeyOf,
  formRefusalOf,
  formValues,
  newFormKey,
  receiptLinks,
  requestStatusPath,
  siteBaseUrl,
  withoutUndefined,
} from './site-forms';

/** What the forms call: the records table and e-mail (the receipt, the status link sent again). */
export interface RecordsFormPorts {
  store: RecordsStorePort;
  email: RecordsEmailPort;
}

/** The forms' deps: their ports and the clock of the statutory deadlines. */
export interface RecordsFormPagesDeps {
  clock: Clock;
  records: RecordsFormPorts;
}

type Page = PublicPage<RecordsFormPagesDeps>;
type Ctx = PublicPageContext<RecordsFormPagesDeps>;

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

const TOO_MANY = 'Too many requests came from your address this hour. Wait an hour and try again.';

// ---------------------------------------------------------------- the request form

function requestForm(
  ctx: Ctx,
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

const newRequestPage: Page = (ctx) => requestForm(ctx, newFormKey());

const submitRequest: Page = async (ctx) => {
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

// ---------------------------------------------------------------- lost link

function lostLinkForm(ctx: Ctx, state?: FormState, sent?: string, status = 200): PageResult {
  return sitePage(
    ctx,
    state ? 'Error: Get your status link again' : 'Get your status link again',
    'records',
    lostLinkContent(ctx.request, ctx.csrf, state, sent),
    { status },
  );
}

const lostLinkPage: Page = (ctx) => lostLinkForm(ctx);

const sendLostLink: Page = async (ctx) => {
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

export function registerRecordsFormPages(router: PublicRouter<RecordsFormPagesDeps>): void {
  router.get('/records/new', newRequestPage);
  router.post('/records/new', submitRequest);
  router.get('/records/lost-link', lostLinkPage);
  router.post('/records/lost-link', sendLostLink);
}
