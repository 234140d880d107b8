/**
 * A staff member's records dashboard: the open requests they may see that need an
 * answer (due today, due soon, overdue, deemed denied), the next ones to come due,
 * and open counts per department. The same rules as the daily job's digests
 * (`urgencyOf`, `DUE_SOON_BUSINESS_DAYS`) and the same scope as the queue
 * (`canViewRequest`); read through the due-date and department indexes, never a Scan.
 */
import { DEPARTMENTS } from '../../shared/city-profile';
import type { StaffPrincipal } from '../../shared/staff';
import { canViewRequest } from './access';
import { clocksOf, type QuietDeps } from './casework';
import { addBusinessDays, nyDate } from './clocks';
import { DUE_SOON_BUSINESS_DAYS, urgencyOf } from './daily-job';
import { currentCalendar } from './intake';
import { staffView, type RecordsRequest, type StaffRequestView } from './records-request';

/** How many requests needing an answer one dashboard reads at most (the rest: the queue). */
export const DASHBOARD_SCAN_LIMIT = 1000;

export interface DashboardEntry {
  request: StaffRequestView;
  /** Assigned to the person looking. */
  mine: boolean;
}

export interface RecordsDashboard {
  today: string;
  dueSoonBy: string;
  /** No written response by the due date; the daily job has not marked it yet. */
  overdue: DashboardEntry[];
  /** Marked deemed denied by the daily job (the requester was told of the appeal right); still open. */
  deemedDenied: DashboardEntry[];
  dueToday: DashboardEntry[];
  dueSoon: DashboardEntry[];
  /** The next open requests by due date, whatever their state. */
  upcoming: DashboardEntry[];
  /** Open requests per department this person may see. */
  departmentCounts: { department: string; open: number }[];
  /** More requests needed an answer than the dashboard reads. */
  truncated: boolean;
}

const isWide = (principal: StaffPrincipal) =>
  principal.roles.includes('clerk') || principal.roles.includes('it-admin');

export async function recordsDashboard(
  deps: QuietDeps,
  principal: StaffPrincipal,
  options: { upcoming?: number; onlyMine?: boolean } = {},
): Promise<RecordsDashboard> {
  const { store, clock } = deps;
  const now = clock.now();
  const today = nyDate(now);
  const calendar = await currentCalendar(store);
  const dueSoonBy = addBusinessDays(today, DUE_SOON_BUSINESS_DAYS, calendar);
  const entry = (request: RecordsRequest): DashboardEntry => ({
    request: staffView(request, clocksOf(request, calendar, now)),
    mine: request.assignee?.userId === principal.userId,
  });
  const keep = (request: RecordsRequest) =>
    canViewRequest(principal, request) &&
    (!options.onlyMine || request.assignee?.userId === principal.userId);

  const dashboard: RecordsDashboard = {
    today,
    dueSoonBy,
    overdue: [],
    deemedDenied: [],
    dueToday: [],
    dueSoon: [],
    upcoming: [],
    departmentCounts: [],
    truncated: false,
  };

  let read = 0;
  let cursor: string | undefined;
  do {
    const page = await store.openRequestsDueBy(dueSoonBy, cursor, 200);
    for (const request of page.requests.filter(keep)) {
      const e = entry(request);
      if (request.deemedDenial) {
        dashboard.deemedDenied.push(e);
        continue;
      }
      const urgency = urgencyOf(e.request.clocks, today, dueSoonBy);
      if (urgency === 'overdue') dashboard.overdue.push(e);
      else if (urgency === 'due-today') dashboard.dueToday.push(e);
      else if (urgency === 'due-soon') dashboard.dueSoon.push(e);
    }
    read += page.requests.length;
    cursor = page.nextCursor;
  } while (cursor && read < DASHBOARD_SCAN_LIMIT);
  dashboard.truncated = Boolean(cursor);

  // The next ones to come due: department staff from their department's index, the others from the city's.
  const wanted = options.upcoming ?? 10;
  let upcomingCursor: string | undefined;
  for (let pages = 0; pages < 5 && dashboard.upcoming.length < wanted; pages++) {
    const page =
      isWide(principal) || !principal.department
        ? await store.openRequestsDueBy('9999-12-31', upcomingCursor, 50)
        : await store.departmentRequests(principal.department, 'open', upcomingCursor, 50);
    dashboard.upcoming.push(...page.requests.filter(keep).map(entry));
    upcomingCursor = page.nextCursor;
    if (!upcomingCursor) break;
  }
  dashboard.upcoming = dashboard.upcoming.slice(0, wanted);

  const departments = isWide(principal)
    ? DEPARTMENTS.map((d) => d.id as string)
    : principal.department
      ? [principal.department]
      : [];
  dashboard.departmentCounts = await Promise.all(
    departments.map(async (department) => ({ department, open: await store.countOpenRequests(department) })),
  );
  return dashboard;
}
