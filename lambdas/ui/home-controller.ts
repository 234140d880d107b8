/**
 * The admin UI's home: the dashboard (every staff queue at a glance, through the
 * same use cases as the JSON staff routes) and, in local mode, the e-mail outbox.
 */
import { canDecide } from '../domain/api-access/applications';
import { quarantinedVersionsFor } from '../domain/datasets/publishing';
import { listCases } from '../domain/enforcement/use-cases';
import { recordsDashboard } from '../domain/records/dashboard';
import { notFound } from '../shared/errors';
import { logger } from '../shared/logger';
import { render, type HomePagesDeps, type PageContext } from './context';
import type { PageResult } from './http';
import { dashboardPage, type OtherQueues } from './pages/dashboard';
import { outboxPage } from './pages/outbox';
import { staff, type StaffRouter } from './staff-route';

const principalOf = (ctx: PageContext<HomePagesDeps>) => ctx.session.principal;

// ---------------------------------------------------------------- dashboard

async function otherQueues(ctx: PageContext<HomePagesDeps>): Promise<OtherQueues> {
  const principal = principalOf(ctx);
  const { applications, datasets, cases } = ctx.deps;
  const settle = async <T>(what: string, load: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await load();
    } catch (err) {
      // One queue that cannot be read must not take the dashboard down.
      logger.warn('Dashboard count failed', { what, error: err as Error });
      return undefined;
    }
  };
  const [waiting, quarantined, open] = await Promise.all([
    settle('applications', async () => {
      const list = await applications.listApplications('submitted', 100);
      return {
        waiting: list.length,
        forYou: list.filter((a) => canDecide(principal, a)).length,
        more: list.length >= 100,
      };
    }),
    settle('quarantined', async () => {
      const { items, more } = await quarantinedVersionsFor(datasets, principal);
      return { versions: items.length, more };
    }),
    settle('cases', async () => {
      const page = await listCases(cases, principal, { state: 'open', limit: 100 });
      return { open: page.cases.length, more: Boolean(page.nextCursor) };
    }),
  ]);
  return {
    ...(waiting ? { applications: waiting } : {}),
    ...(quarantined ? { quarantined } : {}),
    ...(open ? { cases: open } : {}),
  };
}

export async function dashboard(ctx: PageContext<HomePagesDeps>): Promise<PageResult> {
  const onlyMine = ctx.request.query.get('mine') === '1';
  const [data, other] = await Promise.all([
    recordsDashboard(ctx.deps, principalOf(ctx), { onlyMine }),
    otherQueues(ctx),
  ]);
  return render(ctx, 'Dashboard', 'dashboard', dashboardPage(ctx.request, data, other, { onlyMine }));
}

async function outbox(ctx: PageContext<HomePagesDeps>): Promise<PageResult> {
  if (!ctx.deps.outbox) throw notFound('The outbox exists in local mode only.');
  const cursor = ctx.request.query.get('cursor') ?? undefined;
  const page = await ctx.deps.outbox.list(25, cursor);
  return render(ctx, 'E-mail outbox', 'outbox', outboxPage(ctx.request, page, !cursor));
}

export function registerHomePages(router: StaffRouter<HomePagesDeps>): void {
  router.get('/admin', staff(dashboard));
  router.get('/admin/outbox', staff(outbox));
}
