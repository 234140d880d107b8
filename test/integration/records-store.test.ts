/**
 * The records store against DynamoDB Local: gapless tracking numbers under
 * concurrency, optimistic locking, the requester kept apart, the due-date and
 * department indexes, idempotent job steps, and the calendar's revision guard.
 * Then the records request queue: the queue entries written with each request,
 * every filter and the description search answered by a Query on one partition,
 * entries moved and dropped when a request changes, cursors that page without
 * gaps and cannot be pointed elsewhere, the reading budget per page, and
 * department staff kept to their department.
 */
import { RecordsStore } from '../../lambdas/adapters/records/records-store';
import type { AuditEvent } from '../../lambdas/domain/audit';
import { defaultCalendar, reviseCalendar } from '../../lambdas/domain/records/holiday-calendar';
import { chooseAccessPath, queueRequests, type QueueQuery } from '../../lambdas/domain/records/queue-query';
import type { RecordsRequest } from '../../lambdas/domain/records/records-request';
import { PlatformError } from '../../lambdas/shared/errors';
import type { StaffPrincipal } from '../../lambdas/shared/staff';
import { freshPlatformStorage } from '../support/local-aws';

let counter = 0;
const audit = (id: string): AuditEvent => ({
  eventId: `01J${String(++counter).padStart(23, '0')}`,
  at: new Date(Date.UTC(2026, 10, 2, 15, 0, counter)).toISOString(),
  actor: { system: 'test' },
  action: 'records-request.received',
  subject: { type: 'records-request', id },
  details: {},
});

function request(trackingNumber: string, overrides: Partial<RecordsRequest> = {}): RecordsRequest {
  return {
    trackingNumber,
    revision: 1,
    status: 'received',
    channel: 'online',
    receivedAt: '2026-11-02T15:00:00.000Z',
    receivingOffice: 'city-clerk',
    description: 'Snow plow routes for the 2025-2026 winter',
    delivery: 'electronic',
    personnelFiles: false,
    pauses: [],
    statutoryDueDate: '2026-11-06',
    calendarVersion: 'cgs-1-4+city-r0',
    accessTokenHash: 'a'.repeat(64),
    requesterKey: 'k'.repeat(64),
    createdAt: '2026-11-02T15:00:00.000Z',
    updatedAt: '2026-11-02T15:00:00.000Z',
    ...overrides,
  };
}

describe('RecordsStore against DynamoDB Local', () => {
  let storage: Awaited<ReturnType<typeof freshPlatformStorage>>;
  let store: RecordsStore;

  beforeAll(async () => {
    storage = await freshPlatformStorage('records');
    store = new RecordsStore(storage.db, storage.tableName);
  });
  afterAll(() => storage.close());

  it('hands out tracking numbers without gaps or collisions when 20 arrive at once', async () => {
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.createRequest(
          (trackingNumber) => ({
            request: request(trackingNumber, {
              requesterKey: `requester-${i}`,
              statutoryDueDate: `2026-11-${String(10 + (i % 10)).padStart(2, '0')}`,
            }),
            requester: { name: `Requester ${i}`, email: `r${i}@example.org` },
            statusLinkToken: `token-${i}`,
            audit: audit(trackingNumber),
          }),
          2026,
        ),
      ),
    );
    const numbers = created.map((r) => r.trackingNumber).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `2026-${String(i + 1).padStart(6, '0')}`));
    // Another year starts again at 1.
    const next = await store.createRequest(
      (trackingNumber) => ({
        request: request(trackingNumber),
        requester: { name: 'New Year' },
        statusLinkToken: 'token-2027',
        audit: audit(trackingNumber),
      }),
      2027,
    );
    expect(next.trackingNumber).toBe('2027-000001');
  });

  it('keeps the requester in its own item, with the status-link token only on request', async () => {
    const stored = await store.getRequest('2026-000003');
    expect(JSON.stringify(stored)).not.toMatch(/example\.org|Requester \d/);
    const requester = await store.getRequester('2026-000003');
    expect(requester?.email).toMatch(/^r\d+@example\.org$/);
    expect(requester).not.toHaveProperty('statusLinkToken');
    expect(await store.statusLinkToken('2026-000003')).toMatch(/^token-\d+$/);
  });

  it('refuses a save based on a stale revision with 409 STALE_REVISION, and keeps the first one', async () => {
    const current = (await store.getRequest('2026-000001'))!;
    await store.saveRequest({ ...current, status: 'acknowledged', revision: 2 }, 1, [audit('2026-000001')]);
    const error = await store
      .saveRequest({ ...current, status: 'denied', revision: 2 }, 1, [audit('2026-000001')])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).code).toBe('STALE_REVISION');
    expect((error as PlatformError).details?.context).toMatchObject({
      currentRevision: 2,
      currentStatus: 'acknowledged',
    });
    expect((await store.getRequest('2026-000001'))?.status).toBe('acknowledged');
  });

  it('lists open requests by due date through the index, and moves closed ones to the archive partition', async () => {
    const due = await store.openRequestsDueBy('2026-11-12');
    expect(due.requests.length).toBeGreaterThan(0);
    expect(due.requests.every((r) => r.statutoryDueDate <= '2026-11-12')).toBe(true);
    const dates = due.requests.map((r) => r.statutoryDueDate);
    expect(dates).toEqual([...dates].sort());

    const open = (await store.getRequest('2026-000002'))!;
    await store.saveRequest(
      { ...open, status: 'fulfilled', closedAt: '2026-11-05T14:00:00.000Z', revision: 2 },
      1,
      [audit('2026-000002')],
    );
    const stillOpen = await store.openRequestsDueBy('2026-12-31', undefined, 100);
    expect(stillOpen.requests.map((r) => r.trackingNumber)).not.toContain('2026-000002');
    const closed = await store.closedRequests(2026);
    expect(closed.requests.map((r) => r.trackingNumber)).toEqual(['2026-000002']);
    const department = await store.departmentRequests('city-clerk', 'closed');
    expect(department.requests.map((r) => r.trackingNumber)).toEqual(['2026-000002']);
  });

  it('counts a department’s open requests: routed to it, or received by it and not routed', async () => {
    const before = await store.countOpenRequests('health');
    const open = (await store.getRequest('2026-000003'))!;
    await store.saveRequest({ ...open, department: 'health', revision: open.revision + 1 }, open.revision, [
      audit('2026-000003'),
    ]);

    expect(await store.countOpenRequests('health')).toBe(before + 1);
    const clerk = await store.departmentRequests('city-clerk', 'open', undefined, 100);
    expect(await store.countOpenRequests('city-clerk')).toBe(clerk.requests.length);
    expect(await store.countOpenRequests('no-such-department')).toBe(0);
  });

  it('pages with cursors that cannot be pointed at another list', async () => {
    const first = await store.openRequestsDueBy('2026-12-31', undefined, 5);
    expect(first.requests).toHaveLength(5);
    expect(first.nextCursor).toBeDefined();
    const second = await store.openRequestsDueBy('2026-12-31', first.nextCursor, 5);
    expect(second.requests.map((r) => r.trackingNumber)).not.toContain(first.requests[0]!.trackingNumber);
    const misuse = await store.closedRequests(2026, first.nextCursor).catch((e: unknown) => e);
    expect((misuse as PlatformError).statusCode).toBe(400);
  });

  it('finds a requester’s recent requests by their hashed identity', async () => {
    const recent = await store.recentByRequester('requester-4', '2026-11-02T00:00:00.000Z');
    expect(recent).toHaveLength(1);
    expect(await store.recentByRequester('requester-4', '2026-11-03T00:00:00.000Z')).toHaveLength(0);
  });

  it('claims a job step once per day', async () => {
    const now = Date.parse('2026-11-26T12:00:00Z');
    expect(await store.claimJobStep('digest#abc', '2026-11-26', now)).toBe(true);
    expect(await store.claimJobStep('digest#abc', '2026-11-26', now)).toBe(false);
    expect(await store.claimJobStep('digest#abc', '2026-11-27', now)).toBe(true);
  });

  it('saves a calendar revision once; a second save from the same revision is refused', async () => {
    const first = reviseCalendar(
      defaultCalendar(),
      [{ date: '2026-12-24', name: 'Christmas Eve closure' }],
      '2026-11-26T12:00:00Z',
    );
    const auditCalendar: AuditEvent = {
      ...audit('x'),
      subject: { type: 'calendar', id: 'holiday-calendar' },
    };
    await store.saveCalendar(first, 0, auditCalendar);
    expect((await store.getCalendar())?.cityClosures).toEqual([
      { date: '2026-12-24', name: 'Christmas Eve closure' },
    ]);
    const error = await store
      .saveCalendar(first, 0, { ...auditCalendar, eventId: 'other' })
      .catch((e: unknown) => e);
    expect((error as PlatformError).code).toBe('STALE_REVISION');
  });

  it('keeps messages and documents with their request, and the audit trail in order', async () => {
    await store.addMessage(
      {
        messageId: 'm1',
        trackingNumber: '2026-000005',
        at: '2026-11-03T10:00:00.000Z',
        visibility: 'internal',
        from: { system: 'test' },
        text: 'note',
      },
      audit('2026-000005'),
    );
    expect((await store.messages('2026-000005')).map((m) => m.text)).toEqual(['note']);
    const trail = await store.auditTrail('2026-000005');
    expect(trail.length).toBeGreaterThanOrEqual(2);
    expect(trail.map((e) => e.at)).toEqual([...trail.map((e) => e.at)].sort());
  });
});

const q = (overrides: Partial<QueueQuery> = {}): QueueQuery => ({
  state: 'open',
  sort: 'due',
  order: 'asc',
  limit: 50,
  ...overrides,
});

const clerk: StaffPrincipal = {
  userId: 'u-clerk',
  username: 'clerk',
  roles: ['clerk'],
  department: 'city-clerk',
} as StaffPrincipal;
const police: StaffPrincipal = {
  userId: 'u-police',
  username: 'police',
  roles: ['department-staff'],
  department: 'police',
} as StaffPrincipal;

// Six requests: routed or not, assigned or not, by several channels, due on different days.
const SEED: Partial<RecordsRequest>[] = [
  {
    description: 'Body camera footage of the Main Street crash',
    department: 'police',
    assignee: { userId: 'u-rr', username: 'RRecords' },
    channel: 'phone',
    statutoryDueDate: '2026-11-05',
    receivedAt: '2026-10-29T14:00:00.000Z',
  },
  {
    description: 'Sewer easement map for Main Street parcels',
    department: 'public-works',
    channel: 'mail',
    statutoryDueDate: '2026-11-09',
    receivedAt: '2026-11-03T14:00:00.000Z',
  },
  {
    description: 'Police dispatch log for the night of the crash',
    receivingOffice: 'police',
    statutoryDueDate: '2026-11-06',
    receivedAt: '2026-11-02T16:00:00.000Z',
  },
  {
    description: 'Building permit file for 12 Elm Street sewer connection',
    department: 'public-works',
    assignee: { userId: 'u-jd', username: 'jdoe' },
    channel: 'email',
    statutoryDueDate: '2026-11-12',
    receivedAt: '2026-11-06T14:00:00.000Z',
  },
  {
    description: 'Snow plow routes for the 2025-2026 winter',
    statutoryDueDate: '2026-11-10',
    receivedAt: '2026-11-04T14:00:00.000Z',
  },
  {
    description: 'Tree removal permits on Elm Street',
    department: 'public-works',
    channel: 'in-person',
    statutoryDueDate: '2026-11-11',
    receivedAt: '2026-11-05T14:00:00.000Z',
  },
];

describe('the records request queue on DynamoDB Local', () => {
  let storage: Awaited<ReturnType<typeof freshPlatformStorage>>;
  let store: RecordsStore;
  const numbers: string[] = [];
  const numbersOf = (page: { requests: { trackingNumber: string }[] }) =>
    page.requests.map((r) => r.trackingNumber);
  const page = (query: Partial<QueueQuery>, cursor?: string, limit = 50) =>
    store.queuePage(chooseAccessPath(q(query)), cursor, limit);

  beforeAll(async () => {
    storage = await freshPlatformStorage('records-queue');
    store = new RecordsStore(storage.db, storage.tableName);
    for (const [i, overrides] of SEED.entries()) {
      const created = await store.createRequest(
        (trackingNumber) => ({
          request: request(trackingNumber, overrides),
          requester: { name: `Requester ${i}` },
          statusLinkToken: `token-${i}`,
          audit: audit(trackingNumber),
        }),
        2026,
      );
      numbers.push(created.trackingNumber);
    }
  });
  afterAll(() => storage.close());

  it('lists open requests by due date, or by date received latest first', async () => {
    expect(numbersOf(await page({}))).toEqual([1, 3, 2, 5, 6, 4].map((i) => numbers[i - 1]));
    expect(numbersOf(await page({ sort: 'received', order: 'desc' }))).toEqual(
      [4, 6, 5, 2, 3, 1].map((i) => numbers[i - 1]),
    );
  });

  it('filters by department (routed, or received and not routed), assignee, channel and due range', async () => {
    expect(numbersOf(await page({ department: 'police' }))).toEqual([numbers[0], numbers[2]]);
    expect(numbersOf(await page({ assignee: 'rrecords' }))).toEqual([numbers[0]]);
    expect(numbersOf(await page({ channel: 'mail' }))).toEqual([numbers[1]]);
    expect(numbersOf(await page({ department: 'public-works', channel: 'in-person' }))).toEqual([numbers[5]]);
    expect(numbersOf(await page({ dueFrom: '2026-11-06', dueTo: '2026-11-10' }))).toEqual(
      [3, 2, 5].map((i) => numbers[i - 1]),
    );
    // The same range checked on the entries when the page is sorted by receipt.
    expect(
      numbersOf(await page({ dueFrom: '2026-11-06', dueTo: '2026-11-10', sort: 'received', order: 'asc' })),
    ).toEqual([3, 2, 5].map((i) => numbers[i - 1]));
  });

  it('searches the description: every word must appear, in any case, common words ignored', async () => {
    expect(numbersOf(await page({ q: 'CRASH' }))).toEqual([numbers[0], numbers[2]]);
    expect(numbersOf(await page({ q: 'the main street crash' }))).toEqual([numbers[0]]);
    expect(numbersOf(await page({ q: 'elm sewer' }))).toEqual([numbers[3]]);
    expect(numbersOf(await page({ q: 'street', department: 'public-works' }))).toEqual(
      [2, 6, 4].map((i) => numbers[i - 1]),
    );
    expect(numbersOf(await page({ q: 'ambulance' }))).toEqual([]);
  });

  it('finds a request by its tracking number, as people write it, when it passes the other filters', async () => {
    const short = numbers[3]!.replace(/-0+/, '-');
    expect(numbersOf(await page({ q: short }))).toEqual([numbers[3]]);
    expect(numbersOf(await page({ q: short, channel: 'phone' }))).toEqual([]);
  });

  it('moves a request’s entries when it changes: closed, unassigned, rerouted, a new description', async () => {
    const current = (await store.getRequest(numbers[0]!))!;
    const { assignee: _gone, ...unassigned } = current;
    await store.saveRequest(
      {
        ...unassigned,
        revision: 2,
        status: 'fulfilled',
        closedAt: '2026-11-04T15:00:00.000Z',
        department: 'fire',
        description: 'Fire marshal inspection reports',
      },
      1,
      [audit(numbers[0]!)],
    );
    expect(numbersOf(await page({}))).not.toContain(numbers[0]);
    expect(numbersOf(await page({ state: 'closed' }))).toEqual([numbers[0]]);
    expect(numbersOf(await page({ status: 'fulfilled' }))).toEqual([numbers[0]]);
    expect(numbersOf(await page({ state: 'closed', department: 'fire' }))).toEqual([numbers[0]]);
    expect(numbersOf(await page({ state: 'closed', department: 'police' }))).toEqual([]);
    expect(numbersOf(await page({ state: 'closed', assignee: 'rrecords' }))).toEqual([]);
    expect(numbersOf(await page({ state: 'closed', q: 'marshal' }))).toEqual([numbers[0]]);
    // The old words are gone, not only moved.
    expect(numbersOf(await page({ state: 'closed', q: 'camera' }))).toEqual([]);
    expect(numbersOf(await page({ q: 'camera' }))).toEqual([]);
  });

  it('pages with cursors, without gaps or repeats, that only work for their own filter', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const next = await page({ sort: 'received', order: 'asc' }, cursor, 2);
      seen.push(...numbersOf(next));
      cursor = next.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([3, 2, 5, 6, 4].map((i) => numbers[i - 1]));

    const first = await page({ q: 'street' }, undefined, 1);
    expect(first.nextCursor).toBeDefined();
    await expect(page({ q: 'permit' }, first.nextCursor, 1)).rejects.toMatchObject({ statusCode: 400 });
    await expect(page({ q: 'street', sort: 'received' }, first.nextCursor, 1)).rejects.toBeInstanceOf(
      PlatformError,
    );
  });

  it('stops a page at its reading budget and goes on from there with the cursor', async () => {
    const small = new RecordsStore(storage.db, storage.tableName, 2);
    // Open requests by due date: 3, 2, 5, 6, 4; only 4 (the last) came by e-mail.
    const plan = chooseAccessPath(q({ channel: 'email', sort: 'due' }));
    expect(plan).toMatchObject({ dimension: 'channel' });
    const filtered = chooseAccessPath(q({ status: 'received', channel: 'email' }));
    const first = await small.queuePage(filtered, undefined, 50);
    expect(first).toMatchObject({ requests: [], entriesRead: 2, readLimitReached: true });
    const second = await small.queuePage(filtered, first.nextCursor, 50);
    expect(second).toMatchObject({ entriesRead: 2, readLimitReached: true });
    expect(numbersOf(second)).toEqual([]);
    const third = await small.queuePage(filtered, second.nextCursor, 50);
    expect(numbersOf(third)).toEqual([numbers[3]]);
    expect(third.readLimitReached).toBe(false);
  });

  it('keeps department staff to their department’s requests, and refuses another department', async () => {
    const deps = { store, clock: { now: () => '2026-11-04T15:00:00.000Z' } };
    const theirs = await queueRequests(deps, police, q());
    expect(theirs.requests.map((r) => r.trackingNumber)).toEqual([numbers[2]]);
    expect(theirs.requests[0]!.clocks.response).toBeDefined();
    await expect(queueRequests(deps, police, q({ department: 'public-works' }))).rejects.toMatchObject({
      statusCode: 403,
    });
    const searched = await queueRequests(deps, police, q({ q: 'street' }));
    expect(searched.requests).toEqual([]);
    const all = await queueRequests(deps, clerk, q({ q: 'street' }));
    expect(all.requests.map((r) => r.trackingNumber)).toEqual([2, 6, 4].map((i) => numbers[i - 1]));
    await expect(
      queueRequests(deps, clerk, q({ dueFrom: '2026-12-01', dueTo: '2026-11-01' })),
    ).rejects.toMatchObject({ statusCode: 400 });
  });
});
