/**
 * The audit log store against DynamoDB Local, with events written the way every
 * store writes them (auditEventPut in a transaction): a city day read across
 * its two UTC index partitions, the actor/action/type filters, a record's own
 * trail, paging with opaque cursors that fit only their own list, and Query
 * only (never a Scan).
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { AuditLogStore } from '../../lambdas/adapters/audit-log-store';
import { auditEventPut } from '../../lambdas/adapters/table-items';
import type { AuditEvent } from '../../lambdas/domain/audit';
import { PlatformError } from '../../lambdas/shared/errors';
import { freshPlatformStorage } from '../support/local-aws';

let n = 0;
const clerk = { userId: 'u-clerk', username: 'clerk', department: 'city-clerk', roles: ['clerk'] };
const itAdmin = {
  userId: 'u-it',
  username: 'itadmin',
  department: 'information-technology',
  roles: ['it-admin'],
};

function event(at: string, overrides: Partial<AuditEvent> = {}): AuditEvent {
  n++;
  return {
    eventId: `01K${String(n).padStart(23, '0')}`,
    at,
    actor: clerk,
    action: 'records-request.assigned',
    subject: { type: 'records-request', id: `2026-${String(n).padStart(6, '0')}` },
    details: {},
    ...overrides,
  };
}

/** City day 2026-11-20 (EST) runs from 05:00Z on the 20th to 05:00Z on the 21st. */
const minuteOfDay = (minute: number) =>
  new Date(Date.parse('2026-11-20T05:00:00.000Z') + minute * 60_000).toISOString();

describe('AuditLogStore against DynamoDB Local', () => {
  let storage: Awaited<ReturnType<typeof freshPlatformStorage>>;
  let store: AuditLogStore;
  const sent: string[] = [];
  const dayEvents: AuditEvent[] = [];
  const trail = '2026-000777';

  beforeAll(async () => {
    storage = await freshPlatformStorage('audit-log');
    const write = (events: AuditEvent[]) =>
      storage.db.send(
        new TransactWriteCommand({ TransactItems: events.map((e) => auditEventPut(storage.tableName, e)) }),
      );
    // 60 events through the city day, the last ones in the evening (already the 21st in UTC).
    for (let i = 0; i < 60; i++) {
      dayEvents.push(
        event(minuteOfDay(i * 23 + 1), {
          ...(i % 3 === 1
            ? { actor: itAdmin, action: 'api-key.suspended', subject: { type: 'api-key', id: `key${i}` } }
            : {}),
          ...(i % 10 === 5
            ? { actor: { system: 'daily-records-job' }, action: 'records-request.deemed-denied' }
            : {}),
          ...(i === 7 || i === 50 ? { subject: { type: 'records-request', id: trail } } : {}),
        }),
      );
    }
    for (let i = 0; i < dayEvents.length; i += 20) await write(dayEvents.slice(i, i + 20));
    // The evening before and the morning after (city time): same UTC days, another city day.
    await write([
      event('2026-11-20T04:59:59.000Z', { subject: { type: 'records-request', id: trail } }),
      event('2026-11-21T05:00:00.000Z'),
    ]);
    store = new AuditLogStore(storage.db, storage.tableName);
    const send = storage.db.send.bind(storage.db);
    jest.spyOn(storage.db, 'send').mockImplementation(((command: { constructor: { name: string } }) => {
      sent.push(command.constructor.name);
      return send(command as never);
    }) as never);
  });
  afterAll(() => storage.close());

  const newestFirst = (events: AuditEvent[]) => [...events].sort((a, b) => b.at.localeCompare(a.at));

  it('reads a city day newest first across its two UTC partitions, and nothing from the days around it', async () => {
    const page = await store.events({ day: '2026-11-20' }, { limit: 100 });
    expect(page.events.map((e) => e.eventId)).toEqual(newestFirst(dayEvents).map((e) => e.eventId));
    expect(page.events.some((e) => e.at.startsWith('2026-11-21'))).toBe(true);
    expect(page.nextCursor).toBeUndefined();
    // The stored item comes back as the event, without the table's keys.
    expect(Object.keys(page.events[0]!).sort()).toEqual([
      'action',
      'actor',
      'at',
      'details',
      'eventId',
      'subject',
    ]);
  });

  it('filters by staff username, by system actor, by action prefix and by record type', async () => {
    const byIt = await store.events({ day: '2026-11-20', actor: 'itadmin' }, { limit: 100 });
    expect(byIt.events.length).toBe(
      dayEvents.filter((e) => 'username' in e.actor && e.actor.username === 'itadmin').length,
    );
    expect(byIt.events.every((e) => 'username' in e.actor && e.actor.username === 'itadmin')).toBe(true);

    const byJob = await store.events({ day: '2026-11-20', actor: 'daily-records-job' }, { limit: 100 });
    expect(byJob.events.length).toBe(6);

    const denied = await store.events(
      { day: '2026-11-20', action: 'records-request.deemed' },
      { limit: 100 },
    );
    expect(denied.events.map((e) => e.action)).toEqual(Array(6).fill('records-request.deemed-denied'));

    const keys = await store.events({ day: '2026-11-20', subjectType: 'api-key' }, { limit: 100 });
    expect(keys.events.length).toBe(dayEvents.filter((e) => e.subject.type === 'api-key').length);
    expect(keys.events.every((e) => e.subject.type === 'api-key')).toBe(true);
  });

  it('pages with a cursor: every event once, in order, even across the partition boundary', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await store.events({ day: '2026-11-20' }, { limit: 25, ...(cursor ? { cursor } : {}) });
      sizes.push(page.events.length);
      seen.push(...page.events.map((e) => e.eventId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([25, 25, 10]);
    expect(seen).toEqual(newestFirst(dayEvents).map((e) => e.eventId));
  });

  it('pages a narrow filter the same way: full pages, every match once', async () => {
    const page = await store.events({ day: '2026-11-20', actor: 'itadmin' }, { limit: 5 });
    expect(page.events).toHaveLength(5);
    const rest = await store.events(
      { day: '2026-11-20', actor: 'itadmin' },
      { limit: 100, cursor: page.nextCursor! },
    );
    const byIt = dayEvents.filter((e) => 'username' in e.actor && e.actor.username === 'itadmin');
    expect([...page.events, ...rest.events].map((e) => e.eventId)).toEqual(
      newestFirst(byIt).map((e) => e.eventId),
    );
  });

  it('refuses a cursor from another day’s list', async () => {
    const page = await store.events({ day: '2026-11-20' }, { limit: 5 });
    await expect(
      store.events({ day: '2026-11-19' }, { limit: 5, cursor: page.nextCursor! }),
    ).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(
      store.events({ day: '2026-11-20' }, { limit: 5, cursor: 'not-a-cursor' }),
    ).rejects.toBeInstanceOf(PlatformError);
  });

  it('reads one record’s whole trail, or its trail on one city day', async () => {
    const all = await store.events({ subjectType: 'records-request', subjectId: trail }, { limit: 100 });
    expect(all.events.map((e) => e.at)).toEqual([
      dayEvents[50]!.at,
      dayEvents[7]!.at,
      '2026-11-20T04:59:59.000Z',
    ]);
    const thatDay = await store.events(
      { subjectType: 'records-request', subjectId: trail, day: '2026-11-20' },
      { limit: 100 },
    );
    expect(thatDay.events).toHaveLength(2);
  });

  it('ran Queries only', () => {
    expect(sent.length).toBeGreaterThan(5);
    expect(new Set(sent)).toEqual(new Set(['QueryCommand']));
  });
});
