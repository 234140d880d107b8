/**
 * The enforcement case store against DynamoDB Local: report numbers without
 * gaps under concurrency, office queues that follow open/closed, the party
 * history behind offence levels, the reporter kept apart, revision locking.
 */
import { CaseStore } from '../../lambdas/adapters/enforcement/case-store';
import type { AuditEvent } from '../../lambdas/domain/audit';
import { formatReportNumber } from '../../lambdas/domain/enforcement/cases';
import type { EnforcementCase } from '../../lambdas/domain/enforcement/enforcement-case';
import { PlatformError } from '../../lambdas/shared/errors';
import { freshPlatformStorage } from '../support/local-aws';

let n = 0;
const audit = (id: string): AuditEvent => ({
  eventId: `01K${String(++n).padStart(23, '0')}`,
  at: new Date(Date.UTC(2026, 10, 20, 12, 0, n)).toISOString(),
  actor: { system: 'test' },
  action: 'case.received',
  subject: { type: 'case', id },
  details: {},
});

const newCase = (reportNumber: string, overrides: Partial<EnforcementCase> = {}): EnforcementCase => ({
  reportNumber,
  revision: 1,
  status: 'received',
  category: 'api-abuse',
  source: 'public-report',
  description: 'Scraping all night',
  subject: { keyId: 'key-1' },
  receivedAt: `2026-11-20T12:00:${String(n % 60).padStart(2, '0')}.000Z`,
  offices: ['information-technology'],
  party: { kind: 'api-key', id: 'key-1' },
  evidence: { gatheredAt: '2026-11-20T12:00:00Z', summary: [] },
  actions: [],
  accessTokenHash: 'a'.repeat(64),
  reporterReachable: false,
  createdAt: '2026-11-20T12:00:00Z',
  updatedAt: '2026-11-20T12:00:00Z',
  ...overrides,
});

describe('CaseStore against DynamoDB Local', () => {
  let storage: Awaited<ReturnType<typeof freshPlatformStorage>>;
  let store: CaseStore;
  beforeAll(async () => {
    storage = await freshPlatformStorage('cases');
    store = new CaseStore(storage.db, storage.tableName);
  });
  afterAll(() => storage.close());

  it('numbers 12 concurrent reports without gaps, keeping each reporter apart', async () => {
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        store.createCase(
          (reportNumber) => ({
            enforcementCase: newCase(
              reportNumber,
              i % 2
                ? {
                    offices: ['public-works', 'information-technology'],
                    party: { kind: 'department', id: 'public-works' },
                    category: 'personal-data',
                  }
                : {},
            ),
            ...(i === 0 ? { reporter: { name: 'Robin', email: 'robin@example.org' } } : {}),
            statusLinkToken: `token-${i}`,
            audit: audit(reportNumber),
          }),
          2026,
          formatReportNumber,
        ),
      ),
    );
    expect(created.map((c) => c.reportNumber).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => formatReportNumber(2026, i + 1)),
    );
    const withReporter = (
      await Promise.all(
        created.map(async (c) => [c.reportNumber, await store.getReporter(c.reportNumber)] as const),
      )
    ).filter(([, r]) => r);
    expect(withReporter).toHaveLength(1);
    expect(JSON.stringify(await store.getCase(withReporter[0]![0]))).not.toContain('robin@example.org');
    expect(await store.statusLinkToken(withReporter[0]![0])).toMatch(/^token-/);
  });

  it('queues a case for each office it is routed to, and moves it to the closed queue when closed', async () => {
    expect((await store.casesForOffice('public-works', true)).cases).toHaveLength(6);
    expect((await store.casesForOffice('information-technology', true)).cases).toHaveLength(12);
    expect((await store.allCases(true, undefined, 5)).nextCursor).toBeDefined();
    const one = (await store.casesForOffice('public-works', true)).cases[0]!;
    await store.saveCase({ ...one, status: 'closed', revision: 2, closedAt: '2026-11-21T00:00:00Z' }, 1, [
      audit(one.reportNumber),
    ]);
    expect((await store.casesForOffice('public-works', true)).cases).toHaveLength(5);
    expect((await store.casesForOffice('public-works', false)).cases.map((c) => c.reportNumber)).toEqual([
      one.reportNumber,
    ]);
    const stale = await store.saveCase({ ...one, revision: 2 }, 1, []).catch((e: unknown) => e);
    expect((stale as PlatformError).code).toBe('STALE_REVISION');
  });

  it('counts a party’s earlier cases with action, and finds an open detection case', async () => {
    const { cases } = await store.casesForOffice('information-technology', true, undefined, 100);
    const keyCases = cases.filter((c) => c.party.kind === 'api-key');
    expect(await store.priorActionCases({ kind: 'api-key', id: 'key-1' }, 'none')).toBe(0);
    const first = keyCases[0]!;
    await store.saveCase(
      {
        ...first,
        revision: 2,
        status: 'action-taken',
        actions: [
          {
            actionId: 'x',
            kind: 'notice',
            at: '2026-11-21T00:00:00Z',
            by: { userId: 'i', username: 'i' },
            reason: 'r',
            result: {},
          },
        ],
      },
      1,
      [],
    );
    expect(await store.priorActionCases({ kind: 'api-key', id: 'key-1' }, 'none')).toBe(1);
    expect(await store.priorActionCases({ kind: 'api-key', id: 'key-1' }, first.reportNumber)).toBe(0);
    expect(await store.openDetectionCase({ kind: 'api-key', id: 'key-1' })).toBeUndefined();
  });
});
