/**
 * The records request queue against DynamoDB Local: the queue entries written
 * with each request, every filter and the description search answered by a
 * Query on one partition, entries moved and dropped when a request changes,
 * cursors that page without gaps and cannot be pointed elsewhere, the reading
 * budget per page, and department staff kept to their department.
 */
import { RecordsStore } from '../../lambdas/adapters/records/records-store';
import type { AuditEvent } from '../../lambdas/domain/audit';
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
