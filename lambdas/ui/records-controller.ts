/**
 * The records-request pages: each reads or acts through the same use cases as the
 * JSON staff routes (lambdas/domain/records/{casework,intake,release,dashboard}.ts)
 * with the same input schemas (lambdas/api/schemas/records.ts). The pages add
 * presentation only: a refused form comes back with its errors, a stale revision
 * with the fresh state, a denial with its letter.
 */
import * as z from 'zod/mini';
import {
  ActionBody,
  AssignmentBody,
  DocumentDecisionBody,
  DocumentParams,
  DocumentUploadBody,
  FeeBody,
  MessageBody,
  PaymentBody,
  ReleaseBody,
  RequestParams,
  StaffEntryBody,
  StaffListQuery,
} from '../api/schemas/records';
import {
  actOnRequest,
  addMessage,
  assignRequest,
  markFeePaid,
  requestDetail,
  setFeeEstimate,
} from '../domain/records/casework';
import type { FeeEstimateInput } from '../domain/records/fees';
import { enterRecordsRequest } from '../domain/records/intake';
import { queueQueryIssues, queueRequests } from '../domain/records/queue-query';
import type { Letter } from '../domain/records/letters';
import { decideDocumentFindings, releaseDocument, startDocumentUpload } from '../domain/records/release';
import { notFound, PlatformError } from '../shared/errors';
import type { FormState, FieldErrors } from './components';
import { notice } from './components';
import { render, type RecordsPagesDeps, type PageContext } from './context';
import { cityWallTime, cityWallTimeToIso } from './format';
import { errorsOfIssues, optionalNumber, optionalText, parseForm, revisionOf } from './forms';
import { html, type SafeHtml } from './html';
import { jsonResult, pathOf, redirect, type PageResult } from './http';
import { staff, type StaffRouter } from './staff-route';
import { newRequestPage } from './pages/new-request';
import { FILTER_FIELDS, queuePage, queueQuery, type QueueFilter } from './pages/queue';
import { requestDetailPage, type UploadInstructions } from './pages/request-detail';
import { requestPath } from './pages/request-table';

const baseUrlOf = (ctx: PageContext<RecordsPagesDeps>) => `${ctx.request.origin}${ctx.request.basePath}`;
const principalOf = (ctx: PageContext<RecordsPagesDeps>) => ctx.session.principal;
const contextOf = (ctx: PageContext<RecordsPagesDeps>) => ({
  requestId: ctx.request.requestId,
  baseUrl: baseUrlOf(ctx),
});

// ---------------------------------------------------------------- queue and CSV

/**
 * The queue's filter from the page's query string, checked with the JSON route's
 * schema and the domain's cross-field rules: the filter, or what to show again.
 */
function queueFilter(ctx: PageContext<RecordsPagesDeps>): { filter: QueueFilter } | { refused: FormState } {
  // The page's own form POSTs (search words stay out of URLs); an address may carry a filter too.
  const given = ctx.request.method === 'POST' ? ctx.request.form : ctx.request.query;
  const values = new URLSearchParams();
  const raw: Record<string, string> = {};
  for (const name of [...FILTER_FIELDS, 'cursor'] as const) {
    const value = given.get(name)?.trim();
    if (!value) continue;
    raw[name] = value;
    if (name !== 'cursor') values.set(name, value);
  }
  const parsed = parseForm(StaffListQuery, raw);
  if (!parsed.ok) return { refused: { form: 'filter', values, errors: parsed.errors } };
  const { limit: _limit, ...filter } = parsed.data;
  const issues = queueQueryIssues({ ...filter, limit: QUEUE_PAGE });
  if (issues.length) return { refused: { form: 'filter', values, errors: errorsOfIssues(issues, '') } };
  return { filter };
}

const QUEUE_PAGE = 50;
const OPEN_DUE_FIRST: QueueFilter = { state: 'open', sort: 'due', order: 'asc' };

export async function queue(
  ctx: PageContext<RecordsPagesDeps>,
  search?: FormState,
  status = 200,
): Promise<PageResult> {
  const read = queueFilter(ctx);
  const render400 = (refused: FormState) =>
    render(
      ctx,
      'Records requests',
      'records-requests',
      queuePage(ctx.request, principalOf(ctx), OPEN_DUE_FIRST, undefined, ctx.session.csrf, refused),
      400,
    );
  if ('refused' in read) return render400(read.refused);
  const filter = read.filter;
  // Without search words the filter is a bookmarkable address: POST, then GET it.
  if (ctx.request.method === 'POST' && !filter.q) {
    const query = queueQuery(filter, filter.cursor ? { cursor: filter.cursor } : {});
    return redirect(pathOf(ctx.request, `/admin/records-requests${query ? `?${query}` : ''}`));
  }
  const page = await queueRequests(ctx.deps, principalOf(ctx), { ...filter, limit: QUEUE_PAGE });
  return render(
    ctx,
    'Records requests',
    'records-requests',
    queuePage(ctx.request, principalOf(ctx), filter, page, ctx.session.csrf, search),
    status,
  );
}

/** The search box: a tracking number (2026-000123, or 2026-123) opens the request. */
export async function find(ctx: PageContext<RecordsPagesDeps>): Promise<PageResult> {
  const given = (ctx.request.query.get('trackingNumber') ?? '').trim();
  const m = /^(\d{4})-(\d{1,6})$/.exec(given);
  if (m) return redirect(pathOf(ctx.request, requestPath(`${m[1]}-${m[2]!.padStart(6, '0')}`)), {}, 302);
  const values = new URLSearchParams({ trackingNumber: given });
  return queue(
    ctx,
    { form: 'find', values, errors: { trackingNumber: 'Enter a tracking number like 2026-000123.' } },
    400,
  );
}

const CSV_COLUMNS = [
  'trackingNumber',
  'status',
  'channel',
  'receivedAt',
  'receivingOffice',
  'department',
  'assignee',
  'statutoryDueDate',
  'response',
  'firstResponseAt',
  'closedAt',
  'outcome',
  'exemptions',
] as const;
/** A CSV export is at most this many rows (API Gateway answers at most 10 MB). */
export const CSV_MAX_ROWS = 10_000;

/** Spreadsheet apps run cells that start with = + - @ as formulas: such cells get a leading quote. */
export function csvCell(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The queue's current filter as CSV, page after page of the same use case. No requester, no description. */
export async function queueCsv(ctx: PageContext<RecordsPagesDeps>): Promise<PageResult> {
  const read = queueFilter(ctx);
  if ('refused' in read) return queue(ctx);
  const { cursor: _first, ...filter } = read.filter;
  const lines = [CSV_COLUMNS.join(',')];
  let cursor: string | undefined;
  let rows = 0;
  do {
    const page = await queueRequests(ctx.deps, principalOf(ctx), {
      ...filter,
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const r of page.requests) {
      lines.push(
        [
          r.trackingNumber,
          r.status,
          r.channel,
          r.receivedAt,
          r.receivingOffice,
          r.department ?? '',
          r.assignee?.username ?? '',
          r.statutoryDueDate,
          r.clocks.response.state,
          r.firstResponseAt ?? '',
          r.closedAt ?? '',
          r.determination?.outcome ?? '',
          (r.determination?.exemptions ?? []).join(' '),
        ]
          .map(csvCell)
          .join(','),
      );
      rows++;
    }
    cursor = page.nextCursor;
  } while (cursor && rows < CSV_MAX_ROWS);
  const day = ctx.deps.clock.now().slice(0, 10);
  const name = `records-requests-${filter.state}${filter.department ? `-${filter.department}` : ''}-${day}.csv`;
  return {
    status: 200,
    body: `${lines.join('\r\n')}\r\n`,
    contentType: 'text/csv; charset=utf-8',
    headers: {
      'Content-Disposition': `attachment; filename="${name}"`,
      ...(cursor ? { 'X-Truncated-At-Rows': String(CSV_MAX_ROWS) } : {}),
    },
  };
}

// ---------------------------------------------------------------- one request

const DONE: Record<string, string> = {
  entered: 'The request is entered. The requester gets the receipt if they gave an e-mail address.',
  assigned: 'Routing and assignment saved.',
  message: 'Added.',
  fee: 'The fee estimate is saved and the invoice sent to the requester.',
  paid: 'The fee is marked paid.',
  decided: 'The decision is recorded: the document may be released.',
  released: 'The document is released.',
};

function trackingNumberOf(ctx: PageContext<RecordsPagesDeps>): string {
  const parsed = z.safeParse(RequestParams, { trackingNumber: ctx.params.trackingNumber });
  if (!parsed.success) throw notFound('There is no such records request.');
  return parsed.data.trackingNumber;
}

async function showDetail(
  ctx: PageContext<RecordsPagesDeps>,
  trackingNumber: string,
  extra: {
    notice?: SafeHtml;
    form?: FormState;
    letter?: Letter;
    upload?: UploadInstructions;
    status?: number;
  } = {},
): Promise<PageResult> {
  const detail = await requestDetail(ctx.deps, principalOf(ctx), trackingNumber);
  return render(
    ctx,
    `Request ${trackingNumber}`,
    'records-requests',
    requestDetailPage({
      request: ctx.request,
      session: ctx.session,
      detail,
      notice: extra.notice,
      form: extra.form,
      letter: extra.letter,
      upload: extra.upload,
    }),
    extra.status ?? 200,
  );
}

export async function detail(ctx: PageContext<RecordsPagesDeps>): Promise<PageResult> {
  const trackingNumber = trackingNumberOf(ctx);
  const done = DONE[ctx.request.query.get('done') ?? ''];
  return showDetail(ctx, trackingNumber, done ? { notice: notice(done) } : {});
}

/** A form for the detail page: validated with the route's schema, then one use case; refusals come back on the page. */
async function detailForm<T>(
  ctx: PageContext<RecordsPagesDeps>,
  form: string,
  parsed: { ok: true; data: T } | { ok: false; errors: FieldErrors },
  run: (data: T, trackingNumber: string) => Promise<PageResult>,
): Promise<PageResult> {
  const trackingNumber = trackingNumberOf(ctx);
  const values = new URLSearchParams(ctx.request.form);
  values.delete('csrf');
  const refused = (errors: FieldErrors, status: number) =>
    showDetail(ctx, trackingNumber, {
      form: { form, errors, values },
      notice: notice(html`The form was not sent: <a href="#${form}">see what to fix</a>.`, 'bad'),
      status,
    });
  if (!parsed.ok) return refused(parsed.errors, 400);
  try {
    return await run(parsed.data, trackingNumber);
  } catch (err) {
    if (!(err instanceof PlatformError)) throw err;
    if (err.code === 'STALE_REVISION') {
      return showDetail(ctx, trackingNumber, {
        notice: notice(
          html`<strong>Someone else changed this request while you had it open.</strong> Nothing was saved.
            This is the request as it is now: check it, then do it again if it still needs doing.`,
          'bad',
        ),
        status: 409,
      });
    }
    if (err.statusCode === 400) return refused(errorsOfIssues(err.details?.issues, err.message), 400);
    if (err.statusCode === 409 || err.statusCode === 413) {
      return showDetail(ctx, trackingNumber, { notice: notice(err.message, 'bad'), status: err.statusCode });
    }
    throw err;
  }
}

const doneRedirect = (ctx: PageContext<RecordsPagesDeps>, trackingNumber: string, done: keyof typeof DONE) =>
  redirect(pathOf(ctx.request, `${requestPath(trackingNumber)}?done=${done}`));

export function act(ctx: PageContext<RecordsPagesDeps>): Promise<PageResult> {
  const f = ctx.request.form;
  const action = f.get('action') ?? '';
  const formId = action === 'fulfil-partially' ? 'deny' : action;
  const parsed = parseForm(ActionBody, {
    action,
    revision: revisionOf(f),
    reason: optionalText(f, 'reason'),
    pauseReason: optionalText(f, 'pauseReason'),
    exemptions: action === 'deny' || action === 'fulfil-partially' ? f.getAll('exemptions') : undefined,
    otherStatuteCitation: optionalText(f, 'otherStatuteCitation'),
    message: optionalText(f, 'message'),
  });
  return detailForm(ctx, formId || 'actions', parsed, async (body, trackingNumber) => {
    const result = await actOnRequest(ctx.deps, principalOf(ctx), trackingNumber, body, contextOf(ctx));
    const letter = 'letter' in result ? (result.letter as Letter | undefined) : undefined;
    return showDetail(ctx, trackingNumber, {
      notice: notice(
        letter
          ? html`Done: the request is now <strong>${result.status.replace(/-/g, ' ')}</strong>.
              <a href="#letter-title">The letter as sent</a> is below.`
          : html`Done: the request is now <strong>${result.status.replace(/-/g, ' ')}</strong>.`,
      ),
      ...(letter ? { letter } : {}),
    });
  });
}

export function assign(ctx: PageContext<RecordsPagesDeps>): Promise<PageResult> {
  const f = ctx.request.form;
  const who = f.get('assignee') ?? 'keep';
  const me = principalOf(ctx);
  const parsed = parseForm(AssignmentBody, {
    revision: revisionOf(f),
    department: optionalText(f, 'department'),
    ...(who === 'me'
      ? { assignee: { userId: me.userId, username: me.username, ...(me.email ? { email: me.email } : {}) } }
      : who === 'nobody'
        ? { assignee: null }
        : {}),
    reason: optionalText(f, 'reason'),
  });
  return detailForm(ctx, 'assign', parsed, async (body, trackingNumber) => {
    await assignRequest(ctx.deps, principalOf(ctx), trackingNumber, body, contextOf(ctx));
    return doneRedirect(ctx, trackingNumber, 'assigned');
  });
}

export function message(ctx: PageContext<RecordsPagesDeps>): Promise<PageResult> {
  const f = ctx.request.form;
  const parsed = parseForm(MessageBody, {
    visibility: optionalText(f, 'visibility'),
    text: optionalText(f, 'text'),
  });
  return detailForm(ctx, 'message', parsed, async (body, trackingNumber) => {
    await addMessage(ctx.deps, principalOf(ctx), trackingNumber, body, contextOf(ctx));
    return doneRedirect(ctx, trackingNumber, 'message');
  });
}

export function fee(ctx: PageContext<RecordsPagesDeps>): Promise<PageResult> {
  const f = ctx.request.form;
  const kind = optionalText(f, 'electronicKind');
  const parsed = parseForm(FeeBody, {
    revision: revisionOf(f),
    paperPages: optionalNumber(f, 'paperPages'),
    certifiedCopies: optionalNumber(f, 'certifiedCopies'),
    electronicItems: kind
      ? [
          {
            kind,
            description: optionalText(f, 'electronicDescription') ?? '',
            quantity: optionalNumber(f, 'electronicQuantity') ?? Number.NaN,
            unitCents: optionalNumber(f, 'electronicUnitCents') ?? Number.NaN,
          },
        ]
      : undefined,
    waivers: f.getAll('waivers'),
  });
  // The electronic item's fields are named flat on the form.
  const flat = (p: typeof parsed) =>
    p.ok
      ? p
      : {
          ok: false as const,
          errors: Object.fromEntries(
            Object.entries(p.errors).map(([k, v]) => [k === 'electronicItems' ? 'electronicKind' : k, v]),
          ),
        };
  return detailForm(ctx, 'fee', flat(parsed), async (body, trackingNumber) => {
    await setFeeEstimate(
      ctx.deps,
      principalOf(ctx),
      trackingNumber,
      body as Omit<FeeEstimateInput, 'delivery'> & { revision: number },
      contextOf(ctx),
    );
    return doneRedirect(ctx, trackingNumber, 'fee');
  });
}

export function payment(ctx: PageContext<RecordsPagesDeps>): Promise<PageResult> {
  const f = ctx.request.form;
  const parsed = parseForm(PaymentBody, { revision: revisionOf(f), note: optionalText(f, 'note') });
  return detailForm(ctx, 'payment', parsed, async (body, trackingNumber) => {
    await markFeePaid(ctx.deps, principalOf(ctx), trackingNumber, body, contextOf(ctx));
    return doneRedirect(ctx, trackingNumber, 'paid');
  });
}

/**
 * Starts a document upload. The page's script asks for JSON and PUTs the file to S3
 * with a progress bar; without the script the page shows the curl command.
 */
export async function upload(ctx: PageContext<RecordsPagesDeps>): Promise<PageResult> {
  const f = ctx.request.form;
  const parsed = parseForm(DocumentUploadBody, {
    fileName: optionalText(f, 'fileName'),
    contentType: optionalText(f, 'contentType'),
    sizeBytes: optionalNumber(f, 'sizeBytes'),
    redacts: optionalText(f, 'redacts'),
  });
  if (ctx.request.wantsJson) {
    const trackingNumber = trackingNumberOf(ctx);
    if (!parsed.ok) return jsonResult(400, { message: Object.values(parsed.errors).join(' ') });
    try {
      const started = await startDocumentUpload(
        ctx.deps,
        principalOf(ctx),
        trackingNumber,
        parsed.data,
        contextOf(ctx),
      );
      return jsonResult(201, {
        documentId: started.document.documentId,
        upload: started.upload,
        next: pathOf(ctx.request, requestPath(trackingNumber)),
      });
    } catch (err) {
      if (err instanceof PlatformError && err.statusCode < 500) {
        return jsonResult(err.statusCode, { message: err.message });
      }
      throw err;
    }
  }
  return detailForm(ctx, 'upload', parsed, async (body, trackingNumber) => {
    const started = await startDocumentUpload(
      ctx.deps,
      principalOf(ctx),
      trackingNumber,
      body,
      contextOf(ctx),
    );
    const put = started.upload as { method: string; url?: string; headers?: Record<string, string> };
    if (put.method !== 'PUT' || !put.url) {
      return showDetail(ctx, trackingNumber, {
        notice: notice(
          'Files over 100 MB are uploaded in parts: use the API (POST …/documents, then …/complete).',
          'warn',
        ),
      });
    }
    return showDetail(ctx, trackingNumber, {
      notice: notice(html`The document is waiting for its file: <a href="#upload-now">upload it now</a>.`),
      upload: { fileName: body.fileName, url: put.url, headers: put.headers ?? {} },
    });
  });
}

function documentIdOf(ctx: PageContext<RecordsPagesDeps>): string {
  const parsed = z.safeParse(DocumentParams, ctx.params);
  if (!parsed.success) throw notFound('There is no such document.');
  return parsed.data.documentId;
}

export function decide(ctx: PageContext<RecordsPagesDeps>): Promise<PageResult> {
  const documentId = documentIdOf(ctx);
  const f = ctx.request.form;
  const parsed = parseForm(DocumentDecisionBody, {
    reason: optionalText(f, 'reason'),
    exemptions: f.getAll('exemptions'),
  });
  return detailForm(ctx, `decide-${documentId}`, parsed, async (body, trackingNumber) => {
    await decideDocumentFindings(
      ctx.deps,
      principalOf(ctx),
      trackingNumber,
      documentId,
      body,
      contextOf(ctx),
    );
    return doneRedirect(ctx, trackingNumber, 'decided');
  });
}

export function release(ctx: PageContext<RecordsPagesDeps>): Promise<PageResult> {
  const documentId = documentIdOf(ctx);
  const parsed = parseForm(ReleaseBody, { audience: optionalText(ctx.request.form, 'audience') });
  return detailForm(ctx, `release-${documentId}`, parsed, async (body, trackingNumber) => {
    await releaseDocument(ctx.deps, principalOf(ctx), trackingNumber, documentId, body, contextOf(ctx));
    return doneRedirect(ctx, trackingNumber, 'released');
  });
}

// ---------------------------------------------------------------- a new request

export function newRequestForm(
  ctx: PageContext<RecordsPagesDeps>,
  form?: FormState,
  status = 200,
): PageResult {
  return render(
    ctx,
    'Enter a records request',
    'new-request',
    newRequestPage(ctx.request, ctx.session, { receivedAt: cityWallTime(ctx.deps.clock.now()) }, form),
    status,
  );
}

export async function enterRequest(ctx: PageContext<RecordsPagesDeps>): Promise<PageResult> {
  const f = ctx.request.form;
  const values = new URLSearchParams(f);
  values.delete('csrf');
  const refused = (errors: FieldErrors) => newRequestForm(ctx, { form: 'new-request', errors, values }, 400);
  const local = optionalText(f, 'receivedAt');
  const receivedAt = local ? cityWallTimeToIso(local) : undefined;
  const requester = {
    name: optionalText(f, 'requester.name'),
    email: optionalText(f, 'requester.email'),
    postalAddress: optionalText(f, 'requester.postalAddress'),
    phone: optionalText(f, 'requester.phone'),
  };
  const parsed = parseForm(StaffEntryBody, {
    channel: optionalText(f, 'channel'),
    receivedAt: receivedAt ?? local,
    receivingOffice: optionalText(f, 'receivingOffice'),
    description: optionalText(f, 'description'),
    delivery: optionalText(f, 'delivery'),
    department: optionalText(f, 'department'),
    personnelFiles: f.get('personnelFiles') === 'yes' ? true : undefined,
    requester: Object.fromEntries(Object.entries(requester).filter(([, v]) => v !== undefined)),
  });
  if (!parsed.ok) {
    return refused(
      Object.fromEntries(
        Object.entries(parsed.errors).map(([k, v]) => [
          k,
          k === 'receivedAt' ? 'Enter the date and time it was received.' : v,
        ]),
      ),
    );
  }
  try {
    const { body } = await enterRecordsRequest(ctx.deps, principalOf(ctx), parsed.data, contextOf(ctx));
    const trackingNumber = (body as { trackingNumber: string }).trackingNumber;
    return doneRedirect(ctx, trackingNumber, 'entered');
  } catch (err) {
    if (err instanceof PlatformError && err.statusCode === 400) {
      return refused(errorsOfIssues(err.details?.issues, err.message));
    }
    throw err;
  }
}

export function registerRecordsPages(router: StaffRouter<RecordsPagesDeps>): void {
  // The filter form posts (search words may name a person: never in a URL); '/find' and '/new' before ':trackingNumber'.
  router.get(
    '/admin/records-requests',
    staff((ctx) => queue(ctx)),
  );
  router.post(
    '/admin/records-requests',
    staff((ctx) => queue(ctx)),
  );
  router.get('/admin/records-requests.csv', staff(queueCsv));
  router.post('/admin/records-requests.csv', staff(queueCsv));
  router.get('/admin/records-requests/find', staff(find));
  router.get(
    '/admin/records-requests/new',
    staff((ctx) => newRequestForm(ctx)),
  );
  router.post('/admin/records-requests/new', staff(enterRequest));
  router.get('/admin/records-requests/:trackingNumber', staff(detail));
  router.post('/admin/records-requests/:trackingNumber/actions', staff(act));
  router.post('/admin/records-requests/:trackingNumber/assignment', staff(assign));
  router.post('/admin/records-requests/:trackingNumber/messages', staff(message));
  router.post('/admin/records-requests/:trackingNumber/fee', staff(fee));
  router.post('/admin/records-requests/:trackingNumber/fee/payment', staff(payment));
  router.post('/admin/records-requests/:trackingNumber/documents', staff(upload));
  router.post('/admin/records-requests/:trackingNumber/documents/:documentId/decision', staff(decide));
  router.post('/admin/records-requests/:trackingNumber/documents/:documentId/release', staff(release));
}
