/**
 * The enforcement pages: cases listed, shown, moved and acted on through the same
 * use cases (lambdas/domain/enforcement/use-cases.ts) and schemas
 * (lambdas/api/schemas/enforcement.ts) as the JSON staff routes. A stale revision
 * shows the case as it is now (409), like the records pages.
 */
import * as z from 'zod/mini';
import { CaseActionBody, CasesQuery, CaseTransitionBody, ReportParams } from '../api/schemas/enforcement';
import type { CaseTransition } from '../domain/enforcement/cases';
import { caseDetail, listCases, takeCaseAction, transitionCase } from '../domain/enforcement/use-cases';
import { notFound, PlatformError } from '../shared/errors';
import { notice, type FieldErrors, type FormState } from './components';
import { render, type EnforcementPagesDeps, type PageContext } from './context';
import { errorsOfIssues, optionalText, parseForm, revisionOf } from './forms';
import { html, type SafeHtml } from './html';
import { pathOf, redirect, type PageResult } from './http';
import { staff, type StaffRouter } from './staff-route';
import { casePage, casePath, casesPage } from './pages/enforcement';

const contextOf = (ctx: PageContext<EnforcementPagesDeps>) => ({
  requestId: ctx.request.requestId,
  baseUrl: `${ctx.request.origin}${ctx.request.basePath}`,
});
const caseDeps = (ctx: PageContext<EnforcementPagesDeps>) => ({
  store: ctx.deps.cases,
  email: ctx.deps.email,
  clock: ctx.deps.clock,
});

const DONE: Record<string, string> = {
  'start-review': 'The case is under review.',
  'find-no-violation': 'The case found no violation.',
  refer: 'The case was referred.',
  close: 'The case is closed.',
  reopen: 'The case is reopened.',
  action: 'The action was taken; the case is at action taken.',
};

export async function cases(ctx: PageContext<EnforcementPagesDeps>): Promise<PageResult> {
  const q = ctx.request.query;
  const parsed = z.safeParse(CasesQuery, {
    state: q.get('state') || undefined,
    cursor: q.get('cursor') || undefined,
  });
  const query = parsed.success ? parsed.data : { state: 'open' as const, limit: 50 };
  const page = await listCases(ctx.deps.cases, ctx.session.principal, {
    state: query.state,
    limit: 50,
    ...('cursor' in query && query.cursor ? { cursor: query.cursor } : {}),
  });
  return render(
    ctx,
    'Enforcement cases',
    'enforcement',
    casesPage(ctx.request, query.state, page.cases, page.nextCursor),
  );
}

function reportNumberOf(ctx: PageContext<EnforcementPagesDeps>): string {
  const parsed = z.safeParse(ReportParams, ctx.params);
  if (!parsed.success) throw notFound('There is no such case.');
  return parsed.data.reportNumber;
}

async function showCase(
  ctx: PageContext<EnforcementPagesDeps>,
  reportNumber: string,
  extra: { notice?: SafeHtml; form?: FormState; status?: number } = {},
): Promise<PageResult> {
  const detail = await caseDetail(ctx.deps.cases, ctx.session.principal, reportNumber);
  return render(
    ctx,
    `Case ${reportNumber}`,
    'enforcement',
    casePage(ctx.request, ctx.session.csrf, detail, { notice: extra.notice, form: extra.form }),
    extra.status,
  );
}

export async function caseView(ctx: PageContext<EnforcementPagesDeps>): Promise<PageResult> {
  const done = DONE[ctx.request.query.get('done') ?? ''];
  return showCase(ctx, reportNumberOf(ctx), done ? { notice: notice(done) } : {});
}

async function caseForm<T>(
  ctx: PageContext<EnforcementPagesDeps>,
  form: string,
  parsed: { ok: true; data: T } | { ok: false; errors: FieldErrors },
  run: (data: T, reportNumber: string) => Promise<string>,
): Promise<PageResult> {
  const reportNumber = reportNumberOf(ctx);
  const values = new URLSearchParams(ctx.request.form);
  values.delete('csrf');
  const refused = (errors: FieldErrors, status: number) =>
    showCase(ctx, reportNumber, {
      form: { form, errors, values },
      notice: notice(html`The form was not sent: <a href="#${form}">see what to fix</a>.`, 'bad'),
      status,
    });
  if (!parsed.ok) return refused(parsed.errors, 400);
  try {
    const done = await run(parsed.data, reportNumber);
    return redirect(pathOf(ctx.request, `${casePath(reportNumber)}?done=${done}`));
  } catch (err) {
    if (!(err instanceof PlatformError)) throw err;
    if (err.code === 'STALE_REVISION') {
      return showCase(ctx, reportNumber, {
        notice: notice(
          html`<strong>Someone else changed this case while you had it open.</strong> Nothing was saved. This
            is the case as it is now: check it, then do it again if it still needs doing.`,
          'bad',
        ),
        status: 409,
      });
    }
    if (err.statusCode === 400) return refused(errorsOfIssues(err.details?.issues, err.message), 400);
    if (err.statusCode === 409)
      return showCase(ctx, reportNumber, { notice: notice(err.message, 'bad'), status: 409 });
    throw err;
  }
}

export function transition(ctx: PageContext<EnforcementPagesDeps>): Promise<PageResult> {
  const f = ctx.request.form;
  const parsed = parseForm(CaseTransitionBody, {
    action: f.get('action') ?? '',
    revision: revisionOf(f),
    reason: optionalText(f, 'reason'),
  });
  return caseForm(ctx, 'transition', parsed, async (body, reportNumber) => {
    await transitionCase(
      caseDeps(ctx),
      ctx.session.principal,
      reportNumber,
      {
        action: body.action as CaseTransition,
        revision: body.revision,
        ...(body.reason ? { reason: body.reason } : {}),
      },
      contextOf(ctx),
    );
    return body.action;
  });
}

export function act(ctx: PageContext<EnforcementPagesDeps>): Promise<PageResult> {
  const f = ctx.request.form;
  const kind = f.get('kind') ?? '';
  const parsed = parseForm(CaseActionBody, {
    kind,
    revision: revisionOf(f),
    reason: optionalText(f, 'reason'),
    dueDate: optionalText(f, 'dueDate'),
  });
  return caseForm(ctx, 'act', parsed, async (body, reportNumber) => {
    const context = contextOf(ctx);
    await takeCaseAction(
      { ...caseDeps(ctx), effects: ctx.deps.caseEffects(context) },
      ctx.session.principal,
      reportNumber,
      body,
      context,
    );
    return 'action';
  });
}

export function registerEnforcementPages(router: StaffRouter<EnforcementPagesDeps>): void {
  router.get('/admin/enforcement', staff(cases));
  router.get('/admin/enforcement/:reportNumber', staff(caseView));
  router.post('/admin/enforcement/:reportNumber/transitions', staff(transition));
  router.post('/admin/enforcement/:reportNumber/actions', staff(act));
}
