/**
 * The API key pages: applications decided and keys sanctioned through the same
 * use cases (lambdas/domain/api-access/use-cases.ts) and schemas
 * (lambdas/api/schemas/api-access.ts) as the JSON staff routes; the use cases
 * enforce who may do what (a 403 comes back as the "Not allowed" page).
 */
import * as z from 'zod/mini';
import {
  ApplicationParams,
  ApplicationsQuery,
  DecisionBody,
  KeyParams,
  SanctionBody,
} from '../api/schemas/api-access';
import { canDecide } from '../domain/api-access/applications';
import { decideApplication, keyView, sanctionKey, usageOf } from '../domain/api-access/use-cases';
import { notFound, PlatformError } from '../shared/errors';
import { notice, type FieldErrors, type FormState } from './components';
import { render, type ApiKeyPagesDeps, type PageContext } from './context';
import { cityWallTimeToIso } from './format';
import { errorsOfIssues, optionalText, parseForm } from './forms';
import { html, type SafeHtml } from './html';
import { pathOf, redirect, type PageResult } from './http';
import { staff, type StaffRouter } from './staff-route';
import {
  applicationsPage,
  KEY_STATUSES,
  keyPage,
  keyPath,
  keysSection,
  type ApplicationStatusFilter,
} from './pages/api-keys';

const KEYS_PAGE_SIZE = 25;

const contextOf = (ctx: PageContext<ApiKeyPagesDeps>) => ({
  requestId: ctx.request.requestId,
  baseUrl: `${ctx.request.origin}${ctx.request.basePath}`,
});
const accessDeps = (ctx: PageContext<ApiKeyPagesDeps>) => ({
  store: ctx.deps.applications,
  email: ctx.deps.email,
  keys: ctx.deps.keys,
  clock: ctx.deps.clock,
});

const DONE: Record<string, string> = {
  'ask-information': 'The applicant was asked for more information.',
  reject: 'The application was rejected; the applicant was told.',
  approved: 'The application was approved and this key issued; the applicant got the retrieval link.',
  notice: 'The notice was sent to the key holder.',
  suspend: 'The key is suspended; the holder was told.',
  reinstate: 'The key is reinstated; the holder was told.',
  revoke: 'The key is revoked; the holder was told.',
};

const formValues = (ctx: PageContext<ApiKeyPagesDeps>) => {
  const values = new URLSearchParams(ctx.request.form);
  values.delete('csrf');
  return values;
};

export async function applications(
  ctx: PageContext<ApiKeyPagesDeps>,
  extra: { notice?: SafeHtml; form?: FormState; status?: number } = {},
): Promise<PageResult> {
  const parsed = z.safeParse(ApplicationsQuery, { status: ctx.request.query.get('status') || undefined });
  const status: ApplicationStatusFilter = parsed.success ? parsed.data.status : 'submitted';
  const list = await ctx.deps.applications.listApplications(status, 50);
  const principal = ctx.session.principal;
  const shown = list
    .map((a) => ({ ...a, youMayDecide: canDecide(principal, a) }))
    .sort((a, b) => Number(b.youMayDecide) - Number(a.youMayDecide));
  const done = DONE[ctx.request.query.get('done') ?? ''];
  const keyStatus = KEY_STATUSES.find((s) => s === ctx.request.query.get('keys')) ?? 'active';
  const keysCursor = ctx.request.query.get('keysCursor') ?? undefined;
  const keysPage = await ctx.deps.applications.listKeys(keyStatus, KEYS_PAGE_SIZE, keysCursor);
  return render(
    ctx,
    'API key applications',
    'api-keys',
    html`${applicationsPage(ctx.request, ctx.session.csrf, status, shown, {
      notice: extra.notice ?? (done ? notice(done) : undefined),
      form: extra.form,
    })}
    ${keysSection(ctx.request, {
      status: keyStatus,
      keys: keysPage.keys.map(keyView),
      nextCursor: keysPage.nextCursor,
      first: !keysCursor,
      applicationStatus: status,
    })}`,
    extra.status,
  );
}

export async function findKey(ctx: PageContext<ApiKeyPagesDeps>): Promise<PageResult> {
  const keyId = (ctx.request.query.get('keyId') ?? '').trim();
  if (z.safeParse(KeyParams, { keyId }).success)
    return redirect(pathOf(ctx.request, keyPath(keyId)), {}, 302);
  return applications(ctx, {
    notice: notice('Enter a key id (letters and digits).', 'bad'),
    status: 400,
  });
}

export async function decide(ctx: PageContext<ApiKeyPagesDeps>): Promise<PageResult> {
  const params = z.safeParse(ApplicationParams, ctx.params);
  if (!params.success) throw notFound('There is no such application.');
  const { applicationId } = params.data;
  const f = ctx.request.form;
  const form = `decide-${applicationId}`;
  const decision = f.get('decision') ?? '';
  const parsed = parseForm(DecisionBody, {
    decision,
    message: optionalText(f, 'message'),
    tier: decision === 'approve' ? optionalText(f, 'tier') : undefined,
  });
  const refused = (errors: FieldErrors, status: number) =>
    applications(ctx, {
      form: { form, errors, values: formValues(ctx) },
      notice: notice(html`The decision was not sent: <a href="#${form}">see what to fix</a>.`, 'bad'),
      status,
    });
  if (!parsed.ok) return refused(parsed.errors, 400);
  try {
    const body = parsed.data;
    const result = await decideApplication(
      accessDeps(ctx),
      ctx.session.principal,
      applicationId,
      { decision: body.decision, message: body.message, ...(body.tier ? { tier: body.tier } : {}) },
      contextOf(ctx),
    );
    if ('keyId' in result && result.keyId)
      return redirect(pathOf(ctx.request, `${keyPath(result.keyId)}?done=approved`));
    return redirect(pathOf(ctx.request, `/admin/api-keys?done=${body.decision}`));
  } catch (err) {
    if (!(err instanceof PlatformError)) throw err;
    if (err.statusCode === 400) return refused(errorsOfIssues(err.details?.issues, err.message), 400);
    if (err.statusCode === 409)
      return applications(ctx, {
        notice: notice(
          html`<strong>${err.message}</strong> Nothing was saved; this is the list as it is now.`,
          'bad',
        ),
        status: 409,
      });
    throw err;
  }
}

function keyIdOf(ctx: PageContext<ApiKeyPagesDeps>): string {
  const parsed = z.safeParse(KeyParams, ctx.params);
  if (!parsed.success) throw notFound('There is no such API key.');
  return parsed.data.keyId;
}

export async function key(
  ctx: PageContext<ApiKeyPagesDeps>,
  extra: { notice?: SafeHtml; form?: FormState; status?: number } = {},
): Promise<PageResult> {
  const keyId = keyIdOf(ctx);
  const record = await ctx.deps.applications.getKey(keyId);
  if (!record) throw notFound('There is no such API key.');
  const usage = await usageOf(ctx.deps.applications, ctx.deps.clock, keyId);
  const done = DONE[ctx.request.query.get('done') ?? ''];
  return render(
    ctx,
    `API key …${record.last4}`,
    'api-keys',
    keyPage(ctx.request, ctx.session.csrf, keyView(record), usage, {
      notice: extra.notice ?? (done ? notice(done) : undefined),
      form: extra.form,
    }),
    extra.status,
  );
}

export async function sanction(ctx: PageContext<ApiKeyPagesDeps>): Promise<PageResult> {
  const keyId = keyIdOf(ctx);
  const f = ctx.request.form;
  const untilText = optionalText(f, 'until');
  const parsed = parseForm(SanctionBody, {
    action: f.get('action') ?? '',
    reason: optionalText(f, 'reason'),
    until: untilText ? (cityWallTimeToIso(untilText) ?? untilText) : undefined,
  });
  const refused = (errors: FieldErrors, status: number) =>
    key(ctx, {
      form: { form: 'sanction', errors, values: formValues(ctx) },
      notice: notice(html`The sanction was not applied: <a href="#sanction">see what to fix</a>.`, 'bad'),
      status,
    });
  if (!parsed.ok) return refused(parsed.errors, 400);
  try {
    const body = parsed.data;
    await sanctionKey(
      accessDeps(ctx),
      ctx.session.principal,
      keyId,
      { action: body.action, reason: body.reason, ...(body.until ? { until: body.until } : {}) },
      ctx.request.requestId,
    );
    return redirect(pathOf(ctx.request, `${keyPath(keyId)}?done=${body.action}`));
  } catch (err) {
    if (!(err instanceof PlatformError)) throw err;
    if (err.statusCode === 400) return refused(errorsOfIssues(err.details?.issues, err.message), 400);
    if (err.statusCode === 409)
      return key(ctx, {
        notice: notice(
          html`<strong>${err.message}</strong> Nothing was saved; this is the key as it is now.`,
          'bad',
        ),
        status: 409,
      });
    throw err;
  }
}

export function registerApiKeyPages(router: StaffRouter<ApiKeyPagesDeps>): void {
  router.get(
    '/admin/api-keys',
    staff((ctx) => applications(ctx)),
  );
  router.get('/admin/api-keys/find', staff(findKey));
  router.post('/admin/api-keys/applications/:applicationId/decision', staff(decide));
  router.get(
    '/admin/api-keys/:keyId',
    staff((ctx) => key(ctx)),
  );
  router.post('/admin/api-keys/:keyId/sanctions', staff(sanction));
}
