/**
 * The enforcement help content against DynamoDB Local: the defaults until
 * the city saves, a save as the next revision with its history item and its
 * audit event in the same transaction, and the revision guard (a stale or
 * racing save gets 409 STALE_REVISION and changes nothing).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { HelpContentStore } from '../../lambdas/adapters/enforcement/help-content-store';
import type { Clock } from '../../lambdas/domain/audit';
import {
  DEFAULT_HELP_CONTENT,
  saveHelpContent,
  type HelpContentSections,
} from '../../lambdas/domain/enforcement/help-content';
import type { StaffPrincipal } from '../../lambdas/shared/staff';
import { freshPlatformStorage } from '../support/local-aws';

const clerk: StaffPrincipal = {
  userId: 'u-clerk',
  username: 'clerk',
  roles: ['clerk'],
  department: 'city-clerk',
};
const itAdmin: StaffPrincipal = {
  userId: 'u-it',
  username: 'itadmin',
  roles: ['it-admin'],
  department: 'information-technology',
};

let counter = 0;
const clock: Clock = {
  now: () => new Date(Date.UTC(2026, 10, 20, 15, 0, counter)).toISOString(),
  newId: () => `01J${String(++counter).padStart(23, '0')}`,
};

function sections(answer?: string): HelpContentSections {
  const { enforcers, violations, faq, howTo, penalties } = structuredClone(DEFAULT_HELP_CONTENT);
  if (answer) faq[0]!.answer = answer;
  return { enforcers, violations, faq, howTo, penalties };
}

describe('HelpContentStore against DynamoDB Local', () => {
  let storage: Awaited<ReturnType<typeof freshPlatformStorage>>;
  let store: HelpContentStore;

  beforeAll(async () => {
    storage = await freshPlatformStorage('help');
    store = new HelpContentStore(storage.db, storage.tableName);
  });
  afterAll(() => storage.close());

  it('serves the defaults while the city has saved nothing', async () => {
    expect(await store.stored()).toBeUndefined();
    expect(await store.current()).toEqual(DEFAULT_HELP_CONTENT);
    expect(await store.current({ consistent: true })).toBe(DEFAULT_HELP_CONTENT);
  });

  it('saves the next revision, keeps it in the history and writes the audit event with it', async () => {
    const answer = 'City IT, the City Clerk, and each department for its own datasets.';
    const { content } = await saveHelpContent(
      { store, clock },
      clerk,
      { ...sections(answer), revision: 0 },
      { requestId: 'req-1' },
    );
    expect(content).toMatchObject({ revision: 1, version: 'help-r1', updatedBy: 'Office of the City Clerk' });

    const current = await store.current();
    expect(current).toEqual(content);
    expect(current.faq[0]!.answer).toBe(answer);
    expect(Object.keys(current)).not.toEqual(expect.arrayContaining(['pk', 'sk', 'entity']));
    expect(await store.revision(1)).toEqual(content);

    const { Items } = await storage.db.send(
      new QueryCommand({
        TableName: storage.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'AUDIT#help-content#enforcement-help' },
      }),
    );
    expect(Items).toEqual([
      expect.objectContaining({
        entity: 'AuditEvent',
        action: 'help-content.updated',
        subject: { type: 'help-content', id: 'enforcement-help' },
        actor: expect.objectContaining({ username: 'clerk', department: 'city-clerk' }),
        requestId: 'req-1',
        gsi2pk: 'AUDIT-DAY#2026-11-20',
        details: expect.objectContaining({
          changes: [{ field: 'version', before: 'help-r0', after: 'help-r1' }],
          sectionsChanged: ['faq'],
        }),
      }),
    ]);
  });

  it('refuses a save from a stale revision with 409 STALE_REVISION and keeps the content', async () => {
    const before = await store.current();
    await expect(
      saveHelpContent(
        { store, clock },
        itAdmin,
        { ...sections('Stale edit.'), revision: 0 },
        { requestId: 'r' },
      ),
    ).rejects.toMatchObject({
      statusCode: 409,
      code: 'STALE_REVISION',
      details: { context: { currentRevision: 1 } },
    });
    // The store's own guard, for a writer that lost the race after its read.
    await expect(
      store.save({ ...before, revision: 2, version: 'help-r2' }, 0, {
        eventId: 'x',
        at: clock.now(),
        actor: { system: 'test' },
        action: 'help-content.updated',
        subject: { type: 'help-content', id: 'enforcement-help' },
        details: {},
      }),
    ).rejects.toMatchObject({
      statusCode: 409,
      code: 'STALE_REVISION',
      details: { context: { currentRevision: 1 } },
    });
    expect(await store.current()).toEqual(before);
    expect(await store.revision(2)).toBeUndefined();
  });

  it('lets exactly one of two simultaneous saves from the same revision win', async () => {
    const results = await Promise.allSettled([
      saveHelpContent(
        { store, clock },
        clerk,
        { ...sections('The clerk’s edit.'), revision: 1 },
        { requestId: 'a' },
      ),
      saveHelpContent(
        { store, clock },
        itAdmin,
        { ...sections('City IT’s edit.'), revision: 1 },
        { requestId: 'b' },
      ),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toEqual([
      expect.objectContaining({ reason: expect.objectContaining({ code: 'STALE_REVISION' }) }),
    ]);

    const current = await store.current();
    expect(current.revision).toBe(2);
    expect(await store.revision(2)).toEqual(current);
    expect(await store.revision(1)).toMatchObject({ revision: 1, updatedBy: 'Office of the City Clerk' });
    const { Items } = await storage.db.send(
      new QueryCommand({
        TableName: storage.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'AUDIT#help-content#enforcement-help' },
      }),
    );
    // One event per saved revision: the losing save left no trace.
    expect(Items?.map((i) => (i.details as { changes: { after: string }[] }).changes[0]!.after)).toEqual([
      'help-r1',
      'help-r2',
    ]);
  });
});
