/**
 * The holiday calendar and city closures, and the audit log viewer. The
 * calendar goes through the JSON staff routes' use cases
 * (lambdas/domain/records/calendar-admin.ts) and schema (CalendarClosuresBody);
 * who may change it is the JSON routes' own role list; who may read the log is
 * the domain's rule (lambdas/domain/audit-log.ts).
 */
import * as recordsStaffRoutes from '../api/routes/records-staff';
import { CalendarClosuresBody } from '../api/schemas/records';
import { auditLogFilter, mayReadAuditLog } from '../domain/audit-log';
import { previewClosures, publicCalendar, saveClosures } from '../domain/records/calendar-admin';
import { nyDate } from '../domain/records/clocks';
import type { CityClosure } from '../domain/records/holiday-calendar';
import { forbidden, PlatformError, type FieldIssue } from '../shared/errors';
import { hasAnyRole, type StaffPrincipal } from '../shared/staff';
import { notice, type FieldErrors, type FormState } from './components';
import { render, type SettingsPagesDeps, type PageContext } from './context';
import { optionalText, parseForm, revisionOf } from './forms';
import { html, type SafeHtml } from './html';
import { pathOf, redirect, type PageResult } from './http';
import { AUDIT_LOG_PATH, auditLogPage } from './pages/audit-log';
import {
  CALENDAR_PATH,
  calendarPage,
  PREVIEW_PATH,
  previewPage,
  type ClosureChange,
} from './pages/holiday-calendar';
import { staff, type StaffRouter } from './staff-route';

const AUDIT_PAGE_SIZE = 50;

/** The same roles the JSON routes let preview and save (City Clerk and City IT). */
const mayPreview = (p: StaffPrincipal) => hasAnyRole(p, recordsStaffRoutes.previewCityClosures.auth.roles);
const maySave = (p: StaffPrincipal) => hasAnyRole(p, recordsStaffRoutes.saveCityClosures.auth.roles);

/** One closure entry as the schema takes it: the form's date and reason are checked field by field. */
const ClosureEntry = CalendarClosuresBody.shape.closures._zod.def.element;

// ------------------------------------------------------------------ holiday calendar

async function calendar(
  ctx: PageContext<SettingsPagesDeps>,
  extra: { notice?: SafeHtml; form?: FormState; status?: number } = {},
): Promise<PageResult> {
  const now = ctx.deps.clock.now();
  const view = await publicCalendar(ctx.deps.store, now);
  const year = Number(nyDate(now).slice(0, 4));
  const saved = ctx.request.query.get('saved') === '1';
  const moved = Number(ctx.request.query.get('moved') ?? 0);
  return render(
    ctx,
    'Holiday calendar',
    'calendar',
    calendarPage(
      ctx.request,
      ctx.session.csrf,
      { ...view, years: [year, year + 1] },
      {
        mayChange: maySave(ctx.session.principal),
        notice:
          extra.notice ??
          (saved
            ? notice(
                `Saved as calendar version ${view.version}. ${
                  moved === 1 ? '1 open request’s due date moved' : `${moved} open requests’ due dates moved`
                }; each move is in the request’s timeline.`,
              )
            : undefined),
        form: extra.form,
      },
    ),
    extra.status,
  );
}

/** The change the form carries, and the complete closure list it makes (the use cases take the whole list). */
async function changeOf(ctx: PageContext<SettingsPagesDeps>) {
  const f = ctx.request.form;
  const change: ClosureChange = {
    kind: f.get('change') === 'remove' ? 'remove' : 'add',
    date: (f.get('date') ?? '').trim(),
    name: (f.get('name') ?? '').trim(),
    reason: optionalText(f, 'reason'),
  };
  const current = (await publicCalendar(ctx.deps.store, ctx.deps.clock.now())).cityClosures;
  // The new closure first, so the domain's issues about it come back at index 0.
  const closures: CityClosure[] =
    change.kind === 'add'
      ? [{ date: change.date, name: change.name }, ...current]
      : current.filter((c) => c.date !== change.date);
  const body = { revision: revisionOf(f), closures, ...(change.reason ? { reason: change.reason } : {}) };
  const errors: FieldErrors = {};
  if (change.kind === 'add') {
    const entry = parseForm(ClosureEntry, { date: change.date, name: change.name });
    if (!entry.ok) Object.assign(errors, entry.errors);
  }
  const whole = parseForm(CalendarClosuresBody, body);
  if (!whole.ok) for (const [name, message] of Object.entries(whole.errors)) errors[name] ??= message;
  return { change, body, errors };
}

/** The domain's issues (`cityClosures[0].date`) as the add form's fields. */
function fieldErrorsOf(issues: readonly FieldIssue[] | undefined, fallback: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues ?? []) {
    const field = /\.(date|name)$/.exec(issue.path)?.[1] ?? '';
    errors[field] ??= issue.message.replace(/ \(entry \d+\)/, '');
  }
  if (!Object.keys(errors).length) errors[''] = fallback;
  return errors;
}

/** A refused change: the calendar again, with the add form's errors or the reason. */
function refused(ctx: PageContext<SettingsPagesDeps>, err: PlatformError | FieldErrors): Promise<PageResult> {
  const values = new URLSearchParams(ctx.request.form);
  values.delete('csrf');
  if (!(err instanceof PlatformError))
    return calendar(ctx, {
      form: { form: 'closure', errors: err, values },
      notice: notice(html`Nothing was changed: <a href="#closure">see what to fix</a>.`, 'bad'),
      status: 400,
    });
  if (err.statusCode === 400) return refused(ctx, fieldErrorsOf(err.details?.issues, err.message));
  return calendar(ctx, {
    notice: notice(
      html`<strong>${err.message}</strong> Nothing was saved; this is the calendar as it is now.`,
      'bad',
    ),
    status: err.statusCode,
  });
}

async function preview(ctx: PageContext<SettingsPagesDeps>): Promise<PageResult> {
  if (!mayPreview(ctx.session.principal))
    throw forbidden('The City Clerk and City IT change the holiday calendar.');
  const { change, body, errors } = await changeOf(ctx);
  if (Object.keys(errors).length) return refused(ctx, errors);
  try {
    const now = ctx.deps.clock.now();
    const before = (await publicCalendar(ctx.deps.store, now)).version;
    const result = await previewClosures(ctx.deps.store, now, body);
    return render(
      ctx,
      'Check the calendar change',
      'calendar',
      previewPage(ctx.request, ctx.session.csrf, {
        revision: body.revision,
        change,
        before,
        after: result.version,
        moves: result.moves,
      }),
    );
  } catch (err) {
    if (err instanceof PlatformError && err.statusCode < 500) return refused(ctx, err);
    throw err;
  }
}

async function save(ctx: PageContext<SettingsPagesDeps>): Promise<PageResult> {
  if (!maySave(ctx.session.principal))
    throw forbidden('The City Clerk and City IT change the holiday calendar.');
  const { body, errors } = await changeOf(ctx);
  if (Object.keys(errors).length) return refused(ctx, errors);
  try {
    const result = await saveClosures(
      { store: ctx.deps.store, clock: ctx.deps.clock },
      ctx.session.principal,
      body,
      { requestId: ctx.request.requestId },
    );
    return redirect(pathOf(ctx.request, `${CALENDAR_PATH}?saved=1&moved=${result.moves.length}`));
  } catch (err) {
    if (err instanceof PlatformError && err.statusCode < 500) return refused(ctx, err);
    throw err;
  }
}

// ------------------------------------------------------------------ audit log

async function auditLog(ctx: PageContext<SettingsPagesDeps>): Promise<PageResult> {
  if (!mayReadAuditLog(ctx.session.principal))
    throw forbidden('The City Clerk and City IT read the audit log.');
  const q = ctx.request.query;
  const today = nyDate(ctx.deps.clock.now());
  const { filter, issues } = auditLogFilter(
    {
      day: q.get('day') ?? undefined,
      subjectType: q.get('subjectType') ?? undefined,
      subjectId: q.get('subjectId') ?? undefined,
      actor: q.get('actor') ?? undefined,
      action: q.get('action') ?? undefined,
    },
    today,
  );
  const cursor = q.get('cursor') ?? undefined;
  if (issues.length) {
    const errors: FieldErrors = {};
    for (const issue of issues) errors[issue.path] ??= issue.message;
    return render(
      ctx,
      'Audit log',
      'audit',
      auditLogPage(ctx.request, {
        filter,
        events: [],
        first: true,
        form: { form: 'audit-filter', errors, values: new URLSearchParams(q) },
      }),
      400,
    );
  }
  const page = await ctx.deps.auditLog.events(filter, {
    limit: AUDIT_PAGE_SIZE,
    ...(cursor ? { cursor } : {}),
  });
  return render(
    ctx,
    'Audit log',
    'audit',
    auditLogPage(ctx.request, { filter, events: page.events, nextCursor: page.nextCursor, first: !cursor }),
  );
}

export function registerSettingsPages(router: StaffRouter<SettingsPagesDeps>): void {
  router.get(
    CALENDAR_PATH,
    staff((ctx) => calendar(ctx)),
  );
  router.post(PREVIEW_PATH, staff(preview));
  router.post(CALENDAR_PATH, staff(save));
  router.get(AUDIT_LOG_PATH, staff(auditLog));
}
