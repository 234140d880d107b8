/**
 * The queue's pure parts: the words a description is found by, the filter's
 * cross-field rules, the access path chosen for a filter, and (property) that
 * reading the chosen partition and checking the rest finds exactly the
 * requests the filter asks for.
 */
import fc from 'fast-check';
import {
  chooseAccessPath,
  descriptionTerms,
  entryMatches,
  entryPartitions,
  MAX_DESCRIPTION_TERMS,
  queueEntryOf,
  queueQueryIssues,
  searchWords,
  trackingNumberIn,
  type QueueEntry,
  type QueuePlan,
  type QueueQuery,
} from '../../../lambdas/domain/records/queue-query';
import { CHANNELS, type RecordsRequest } from '../../../lambdas/domain/records/records-request';
import { REQUEST_STATUSES, isOpen } from '../../../lambdas/domain/records/workflow';

const query = (overrides: Partial<QueueQuery> = {}): QueueQuery => ({
  state: 'open',
  sort: 'due',
  order: 'asc',
  limit: 50,
  ...overrides,
});

describe('the words a description is found by', () => {
  it('lowercases, strips accents and punctuation, keeps numbers, drops common words and repeats', () => {
    expect(searchWords('Copies of the Café permits for 12 Main St., and the MAIN St. sewer (2025)!')).toEqual(
      ['cafe', 'permits', '12', 'main', 'st', 'sewer', '2025'],
    );
  });

  it('keeps only the first words of a long description', () => {
    const long = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const terms = descriptionTerms(long);
    expect(terms).toHaveLength(MAX_DESCRIPTION_TERMS);
    expect(terms[0]).toBe('word0');
    expect(terms.at(-1)).toBe(`word${MAX_DESCRIPTION_TERMS - 1}`);
  });

  it('drops one-letter words and words too long to be words', () => {
    expect(searchWords(`x ${'a'.repeat(41)} ok`)).toEqual(['ok']);
  });
});

describe('tracking numbers in the search box', () => {
  it.each([
    ['2026-000123', '2026-000123'],
    [' 2026-123 ', '2026-000123'],
    ['2026-1234567', undefined],
    ['sewer 2026-1', undefined],
  ])('%j → %j', (text, expected) => {
    expect(trackingNumberIn(text)).toBe(expected);
  });
});

describe('the filter’s own rules', () => {
  it('refuses a due range that ends before it starts, and a search of common words only', () => {
    expect(queueQueryIssues(query({ dueFrom: '2026-12-01', dueTo: '2026-11-01', q: 'the of' }))).toEqual([
      { path: 'dueTo', message: expect.stringContaining('before its start') },
      { path: 'q', message: expect.stringContaining('common words') },
    ]);
    expect(queueQueryIssues(query({ dueFrom: '2026-11-01', dueTo: '2026-11-01', q: '2026-5' }))).toEqual([]);
  });
});

describe('the access path', () => {
  it('reads the longest search word’s partition and checks the other words and filters on each entry', () => {
    const plan = chooseAccessPath(
      query({ q: 'sewer easements map', department: 'public-works', channel: 'mail' }),
    );
    expect(plan).toEqual({
      kind: 'partition',
      state: 'open',
      dimension: 'term',
      value: 'easements',
      sort: 'due',
      order: 'asc',
      filter: { terms: ['sewer', 'map'], office: 'public-works', channel: 'mail' },
    });
  });

  it('prefers an assignee, then a status, an office, a channel; the due range goes in the key when sorting by due', () => {
    const pick = (q: Partial<QueueQuery>) => {
      const plan = chooseAccessPath(query(q)) as Extract<QueuePlan, { kind: 'partition' }>;
      return [plan.dimension, plan.value];
    };
    expect(pick({ assignee: 'JDoe', status: 'received', department: 'police' })).toEqual([
      'assignee',
      'jdoe',
    ]);
    expect(pick({ status: 'received', department: 'police', channel: 'mail' })).toEqual([
      'status',
      'received',
    ]);
    expect(pick({ department: 'police', channel: 'mail' })).toEqual(['office', 'police']);
    expect(pick({ channel: 'mail' })).toEqual(['channel', 'mail']);
    expect(pick({})).toEqual(['all', '']);

    const byDue = chooseAccessPath(query({ dueFrom: '2026-11-01', dueTo: '2026-11-30' }));
    expect(byDue).toMatchObject({ dueRange: { from: '2026-11-01', to: '2026-11-30' }, filter: {} });
    const byReceived = chooseAccessPath(query({ dueFrom: '2026-11-01', sort: 'received', order: 'desc' }));
    expect(byReceived).toMatchObject({ sort: 'received', order: 'desc', filter: { dueFrom: '2026-11-01' } });
    expect(byReceived).not.toHaveProperty('dueRange');
  });

  it('takes the state from the status, and department staff’s office from the caller', () => {
    expect(chooseAccessPath(query({ state: 'open', status: 'denied' }))).toMatchObject({ state: 'closed' });
    expect(chooseAccessPath({ ...query(), office: 'police' })).toMatchObject({
      dimension: 'office',
      value: 'police',
    });
  });

  it('looks a tracking number up directly, the other filters still applying', () => {
    expect(chooseAccessPath(query({ q: '2026-42', channel: 'phone' }))).toEqual({
      kind: 'tracking-number',
      trackingNumber: '2026-000042',
      filter: { state: 'open', channel: 'phone' },
    });
  });
});

describe('queue entries of a request', () => {
  const request = {
    trackingNumber: '2026-000007',
    status: 'in-progress',
    channel: 'phone',
    receivedAt: '2026-11-02T15:00:00.000Z',
    receivingOffice: 'city-clerk',
    department: 'police',
    assignee: { userId: 'u-1', username: 'RRecords' },
    description: 'Body camera footage of the Main Street crash',
    statutoryDueDate: '2026-11-06',
  } as RecordsRequest;

  it('go in one partition per dimension, the office being the routed department', () => {
    const entry = queueEntryOf(request);
    expect(entry).toMatchObject({
      state: 'open',
      office: 'police',
      assignee: 'rrecords',
      dueDate: '2026-11-06',
    });
    expect(entryPartitions(entry)).toEqual([
      { dimension: 'all', value: '' },
      { dimension: 'status', value: 'in-progress' },
      { dimension: 'office', value: 'police' },
      { dimension: 'assignee', value: 'rrecords' },
      { dimension: 'channel', value: 'phone' },
      ...['body', 'camera', 'footage', 'main', 'street', 'crash'].map((value) => ({
        dimension: 'term',
        value,
      })),
    ]);
  });

  it('an unrouted request is in its receiving office’s partition, without an assignee entry', () => {
    const { department: _d, assignee: _a, ...unrouted } = request;
    const partitions = entryPartitions(queueEntryOf(unrouted));
    expect(partitions).toContainEqual({ dimension: 'office', value: 'city-clerk' });
    expect(partitions.some((p) => p.dimension === 'assignee')).toBe(false);
  });
});

describe('property: the chosen partition and the checks on its entries find exactly what the filter asks for', () => {
  const VOCABULARY = ['sewer', 'permit', 'map', 'crash', 'easement', 'budget', 'tree'];
  const DAYS = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];
  const entryArb: fc.Arbitrary<QueueEntry> = fc
    .record({
      n: fc.integer({ min: 1, max: 999_999 }),
      status: fc.constantFrom(...REQUEST_STATUSES),
      office: fc.constantFrom('police', 'public-works', 'city-clerk'),
      assignee: fc.option(fc.constantFrom('jdoe', 'asmith'), { nil: undefined }),
      channel: fc.constantFrom(...CHANNELS),
      dueDate: fc.constantFrom(...DAYS),
      terms: fc.uniqueArray(fc.constantFrom(...VOCABULARY), { maxLength: 4 }),
    })
    .map(({ n, status, assignee, ...rest }) => ({
      ...rest,
      trackingNumber: `2026-${String(n).padStart(6, '0')}`,
      state: isOpen(status) ? 'open' : 'closed',
      status,
      ...(assignee ? { assignee } : {}),
      receivedAt: '2026-11-01T12:00:00.000Z',
    }));
  const queryArb = fc.record(
    {
      state: fc.constantFrom('open' as const, 'closed' as const),
      status: fc.constantFrom(...REQUEST_STATUSES),
      department: fc.constantFrom('police', 'public-works', 'city-clerk'),
      assignee: fc.constantFrom('jdoe', 'asmith'),
      channel: fc.constantFrom(...CHANNELS),
      dueFrom: fc.constantFrom(...DAYS),
      dueTo: fc.constantFrom(...DAYS),
      q: fc
        .uniqueArray(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 3 })
        .map((w) => w.join(' ')),
      sort: fc.constantFrom('due' as const, 'received' as const),
    },
    { requiredKeys: ['state', 'sort'] },
  );

  it('holds for random requests and filters', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 40 }), queryArb, (entries, q) => {
        const full = query(q);
        const plan = chooseAccessPath(full);
        if (plan.kind !== 'partition') return;
        const state = full.status ? (isOpen(full.status) ? 'open' : 'closed') : full.state;
        const expected = entries.filter((e) =>
          entryMatches(e, {
            state,
            ...(full.status ? { status: full.status } : {}),
            ...(full.department ? { office: full.department } : {}),
            ...(full.assignee ? { assignee: full.assignee } : {}),
            ...(full.channel ? { channel: full.channel } : {}),
            ...(full.dueFrom ? { dueFrom: full.dueFrom } : {}),
            ...(full.dueTo ? { dueTo: full.dueTo } : {}),
            ...(full.q ? { terms: searchWords(full.q) } : {}),
          }),
        );
        // What the store does: the entries in the plan's partition, in its key range, passing its checks.
        const read = entries.filter(
          (e) =>
            e.state === plan.state &&
            entryPartitions(e).some((p) => p.dimension === plan.dimension && p.value === plan.value) &&
            (!plan.dueRange?.from || e.dueDate >= plan.dueRange.from) &&
            (!plan.dueRange?.to || e.dueDate <= plan.dueRange.to) &&
            entryMatches(e, plan.filter),
        );
        expect(read).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
