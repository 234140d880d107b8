/**
 * The holiday calendar and city closures as the City Clerk keeps them. A
 * change is previewed first (which open requests' due dates move), then saved
 * as a new calendar version; saving recomputes every open request's statutory
 * due date and audits each move. Reads use the open-request index, not a Scan.
 */
import type { StaffPrincipal } from '../../shared/staff';
import { auditEvent, type Clock } from '../audit';
import { dueDateMoves, nyDate } from './clocks';
import { closedDays, reviseCalendar, type CityClosure } from './holiday-calendar';
import { currentCalendar } from './intake';
import type { RecordsStorePort } from './ports';
import type { RecordsRequest } from './records-request';
import { badRequest, PlatformError } from '../../shared/errors';
import type { ProtectedAddress } from './protected-addresses';

async function allOpenRequests(store: RecordsStorePort): Promise<RecordsRequest[]> {
  const open: RecordsRequest[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.openRequestsDueBy('9999-12-31', cursor, 500);
    open.push(...page.requests);
    cursor = page.nextCursor;
  } while (cursor);
  return open;
}

export async function publicCalendar(store: RecordsStorePort, now: string) {
  const calendar = await currentCalendar(store);
  const year = Number(nyDate(now).slice(0, 4));
  return {
    version: calendar.version,
    revision: calendar.revision,
    ...(calendar.updatedAt ? { updatedAt: calendar.updatedAt } : {}),
    cityClosures: calendar.cityClosures,
    closedDays: closedDays(calendar, year, year + 1),
  };
}

async function plannedChange(
  store: RecordsStorePort,
  revision: number,
  closures: CityClosure[],
  now: string,
) {
  const before = await currentCalendar(store);
  if (before.revision !== revision) {
    throw new PlatformError(
      409,
      'STALE_REVISION',
      `The calendar changed since you opened it (you had revision ${revision}, it is now ${before.revision}).`,
      { context: { currentRevision: before.revision } },
    );
  }
  const after = reviseCalendar(before, closures, now);
  const open = await allOpenRequests(store);
  const moves = dueDateMoves(open, before, after);
  return { before, after, open, moves };
}

export async function previewClosures(
  store: RecordsStorePort,
  now: string,
  input: { revision: number; closures: CityClosure[] },
) {
  const { after, moves } = await plannedChange(store, input.revision, input.closures, now);
  return { version: after.version, moves };
}

export async function saveClosures(
  deps: { store: RecordsStorePort; clock: Clock },
  principal: StaffPrincipal,
  input: { revision: number; closures: CityClosure[]; reason?: string },
  context: { requestId: string },
) {
  const { store, clock } = deps;
  const now = clock.now();
  const { before, after, open, moves } = await plannedChange(store, input.revision, input.closures, now);
  await store.saveCalendar(
    after,
    before.revision,
    auditEvent(
      clock,
      principal,
      'calendar.closures-changed',
      { type: 'calendar', id: 'holiday-calendar' },
      {
        changes: [{ field: 'version', before: before.version, after: after.version }],
        added: after.cityClosures.filter((c) => !before.cityClosures.some((b) => b.date === c.date)),
        removed: before.cityClosures.filter((b) => !after.cityClosures.some((c) => c.date === b.date)),
        movedDueDates: moves.length,
        ...(input.reason ? { reason: input.reason } : {}),
      },
      context.requestId,
    ),
  );
  // Every open request now carries the new version; the moved ones get a new due date and an audit event.
  const byNumber = new Map(moves.map((m) => [m.trackingNumber, m]));
  for (const request of open) {
    const move = byNumber.get(request.trackingNumber);
    const next: RecordsRequest = {
      ...request,
      revision: request.revision + 1,
      calendarVersion: after.version,
      ...(move ? { statutoryDueDate: move.to } : {}),
      updatedAt: now,
    };
    await store
      .saveRequest(next, request.revision, [
        auditEvent(
          clock,
          principal,
          'records-request.due-date-recomputed',
          { type: 'records-request', id: request.trackingNumber },
          {
            changes: [
              ...(move ? [{ field: 'statutoryDueDate', before: move.from, after: move.to }] : []),
              { field: 'calendarVersion', before: request.calendarVersion, after: after.version },
            ],
          },
          context.requestId,
        ),
      ])
      .catch(async (err: unknown) => {
        // A clerk saved this request meanwhile: recompute from its fresh state once.
        if (!(err instanceof PlatformError) || err.code !== 'STALE_REVISION') throw err;
        const fresh = await store.getRequest(request.trackingNumber);
        if (!fresh) return;
        const [freshMove] = dueDateMoves([fresh], before, after);
        await store.saveRequest(
          {
            ...fresh,
            revision: fresh.revision + 1,
            calendarVersion: after.version,
            ...(freshMove ? { statutoryDueDate: freshMove.to } : {}),
            updatedAt: now,
          },
          fresh.revision,
          [],
        );
      });
  }
  return { calendar: after, moves };
}

export async function saveProtectedAddresses(
  deps: { store: RecordsStorePort; clock: Clock },
  principal: StaffPrincipal,
  input: { addresses: { id?: string; address: string; category: string }[] },
  context: { requestId: string },
) {
  const seen = new Set<string>();
  const list: ProtectedAddress[] = input.addresses.map((entry) => {
    const id = entry.id ?? deps.clock.newId();
    if (seen.has(id)) throw badRequest(`The id ${id} appears twice.`);
    seen.add(id);
    return { id, address: entry.address, category: entry.category };
  });
  await deps.store.saveProtectedAddresses(
    list,
    // The audit names how many, never the addresses themselves.
    auditEvent(
      deps.clock,
      principal,
      'records.protected-addresses-changed',
      { type: 'protected-addresses', id: 'protected-addresses' },
      { count: list.length },
      context.requestId,
    ),
  );
  return { count: list.length, addresses: list };
}
