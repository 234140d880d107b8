/**
 * Reporting a violation: the report form and receipt, and the reporter's status page.
 * The same use cases and schemas as POST /v1/violation-reports and its status route.
 */
import { safeParse } from 'zod/mini';
import type { Clock } from '../../domain/audit';
import { ReportParams, ReportTokenQuery, ViolationReportBody } from '../../api/schemas/enforcement';
import {
  reporterCaseStatus,
  submitViolationReport,
  type CaseStorePort,
  type EnforcementDeps,
  type EvidencePort,
} from '../../domain/enforcement/use-cases';
import { notFound } from '../../shared/errors';
import type { FieldErrors, FormState } from '../components';
import { cityWallTimeToIso } from '../format';
import { optionalText, parseForm } from '../forms';
import type { PageResult } from '../http';
import {
  clientIpOf,
  formKeyOf,
  formRefusalOf,
  formValues,
  newFormKey,
  receiptLinks,
  reportStatusPath,
  siteBaseUrl,
  withoutUndefined,
} from './site-forms';
import { REPORT_FORM, reportFormContent, reportReceiptContent, reportStatusContent } from './pages/report';
import { sitePage, type PublicPage, type PublicPageContext, type PublicRouter } from './site-context';

/** What the report pages call: the case store, e-mail, and the evidence the platform already holds. */
export interface PublicReportPorts {
  store: CaseStorePort;
  email: EnforcementDeps['email'];
  evidence: EvidencePort;
}

/** The report pages' deps: the report ports and the clock. */
export interface ReportPagesDeps {
  clock: Clock;
  reports: PublicReportPorts;
}

type Page = PublicPage<ReportPagesDeps>;

/** The report form as the body of POST /v1/violation-reports (a local date-time becomes an ISO instant). */
export function reportBodyOf(form: URLSearchParams): Record<string, unknown> {
  const occurred = optionalText(form, 'occurredAt');
  const reporter = withoutUndefined({
    name: optionalText(form, 'reporter.name'),
    email: optionalText(form, 'reporter.email'),
  });
  return withoutUndefined({
    category: optionalText(form, 'category'),
    description: optionalText(form, 'description'),
    subject: withoutUndefined({
      trackingNumber: optionalText(form, 'subject.trackingNumber'),
      datasetId: optionalText(form, 'subject.datasetId'),
      apiKeyLast4: optionalText(form, 'subject.apiKeyLast4'),
      url: optionalText(form, 'subject.url'),
    }),
    occurredAt: occurred ? (cityWallTimeToIso(occurred) ?? occurred) : undefined,
    reporter: Object.keys(reporter).length ? reporter : undefined,
  });
}

function reportForm(
  ctx: PublicPageContext<ReportPagesDeps>,
  formKey: string,
  state?: FormState,
  status = 200,
): PageResult {
  return sitePage(
    ctx,
    state ? 'Error: Report a problem' : 'Report a problem',
    'report',
    reportFormContent(ctx.request, ctx.csrf, formKey, state),
    { status },
  );
}

const reportPage: Page = (ctx) => reportForm(ctx, newFormKey());

const submitReport: Page = async (ctx) => {
  const f = ctx.request.form;
  const formKey = formKeyOf(f) ?? newFormKey();
  const refused = (errors: FieldErrors, status = 400) =>
    reportForm(ctx, formKey, { form: REPORT_FORM, errors, values: formValues(f) }, status);
  const parsed = parseForm(ViolationReportBody, reportBodyOf(f));
  if (!parsed.ok) {
    // The form asks for a local date-time; the schema's words would be about ISO 8601.
    if (parsed.errors.occurredAt) parsed.errors.occurredAt = 'Enter a date and time, or leave it empty.';
    return refused(parsed.errors);
  }
  let body: unknown;
  try {
    ({ body } = await submitViolationReport({ ...ctx.deps.reports, clock: ctx.deps.clock }, parsed.data, {
      sourceIp: clientIpOf(ctx.request),
      idempotencyKey: formKey,
      requestId: ctx.request.requestId,
      baseUrl: siteBaseUrl(ctx.request),
    }));
  } catch (err) {
    const refusal = formRefusalOf(
      err,
      'Too many reports came from your address this hour. Wait an hour and send the form again.',
    );
    if (!refusal) throw err;
    const page = refused(refusal.errors, refusal.status);
    return refusal.headers ? { ...page, headers: refusal.headers } : page;
  }
  const receipt = body as {
    reportNumber: string;
    receivedAt: string;
    handledBy: string[];
    statusUrl: string;
  };
  // Answered directly (no redirect), so the status link is in no URL a history or log keeps.
  return sitePage(
    ctx,
    `Report ${receipt.reportNumber} received`,
    'report',
    reportReceiptContent({
      reportNumber: receipt.reportNumber,
      receivedAt: receipt.receivedAt,
      handledBy: receipt.handledBy,
      emailed: Boolean(parsed.data.reporter?.email),
      ...receiptLinks(ctx.request, receipt.statusUrl, (token) =>
        reportStatusPath(receipt.reportNumber, token),
      ),
    }),
    { indexable: false },
  );
};

const reportStatusPage: Page = async (ctx) => {
  const params = safeParse(ReportParams, { reportNumber: ctx.params.reportNumber });
  const query = safeParse(ReportTokenQuery, { token: ctx.request.query.get('token') ?? '' });
  // A malformed link gets the same answer as a wrong token.
  if (!params.success || !query.success) throw notFound('No report matches this number and link.');
  const view = await reporterCaseStatus(ctx.deps.reports.store, params.data.reportNumber, query.data.token);
  return sitePage(ctx, `Report ${view.reportNumber}`, 'report', reportStatusContent(view), {
    indexable: false,
  });
};

export function registerReportPages(router: PublicRouter<ReportPagesDeps>): void {
  router.get('/report', reportPage);
  router.post('/report', submitReport);
  router.get('/report/status/:reportNumber', reportStatusPage);
}
