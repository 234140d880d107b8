/** The version rules: personal-data gate, held schema, decisions, publish, withdraw and roll back. */
import {
  canManageDataset,
  describeColumns,
  isPubliclyReadable,
  publishVersion,
  recordDecisions,
  stateAfterIngestion,
  uncoveredFindings,
  withdrawVersion,
  type DatasetVersion,
  type VersionState,
} from '../../lambdas/domain/datasets/versions';
import type { SchemaChange } from '../../lambdas/domain/datasets/schema';
import { PlatformError } from '../../lambdas/shared/errors';
import { dataset } from './support/in-memory-catalog';
import { datasetVersion, finding, itAdmin, NOW, otherDepartment, staff } from './support/dataset-versions';

function thrownBy(run: () => unknown): PlatformError {
  try {
    run();
  } catch (err) {
    if (err instanceof PlatformError) return err;
    throw err;
  }
  throw new Error('expected a PlatformError, but nothing was thrown');
}

const removed: SchemaChange = { kind: 'column-removed', field: 'ward', from: 'integer', breaking: true };
const added: SchemaChange = { kind: 'column-added', field: 'notes', to: 'text', breaking: false };
const noOutcome = { problems: [], schemaChanges: [], findings: [] };

describe('stateAfterIngestion', () => {
  it('fails a version whose file had problems', () => {
    const outcome = { ...noOutcome, problems: [{ kind: 'ragged-row', message: 'ragged' }] };

    expect(stateAfterIngestion(datasetVersion(), outcome)).toBe('failed');
  });

  it('fails a breaking schema change the owner did not accept', () => {
    const outcome = { ...noOutcome, schemaChanges: [added, removed] };

    expect(stateAfterIngestion(datasetVersion({ acceptBreakingChange: false }), outcome)).toBe('failed');
  });

  it('lets an accepted breaking change through', () => {
    const outcome = { ...noOutcome, schemaChanges: [removed] };

    expect(stateAfterIngestion(datasetVersion({ acceptBreakingChange: true }), outcome)).toBe('ready');
  });

  it('lets a non-breaking change through', () => {
    expect(stateAfterIngestion(datasetVersion(), { ...noOutcome, schemaChanges: [added] })).toBe('ready');
  });

  it('quarantines uncovered personal-data findings, even after an accepted breaking change', () => {
    const outcome = { ...noOutcome, schemaChanges: [removed], findings: [finding('ssn', 'us-ssn')] };

    expect(stateAfterIngestion(datasetVersion({ acceptBreakingChange: true }), outcome)).toBe('quarantined');
  });

  it('fails problems before it looks at findings', () => {
    const outcome = {
      ...noOutcome,
      problems: [{ kind: 'x', message: 'x' }],
      findings: [finding('a', 'phone-number')],
    };

    expect(stateAfterIngestion(datasetVersion(), outcome)).toBe('failed');
  });

  it('is ready when earlier decisions cover every finding', () => {
    const version = datasetVersion({
      decisions: [
        {
          column: 'phone',
          pattern: 'phone-number',
          decision: 'public-by-law',
          reason: 'City office numbers',
          decidedBy: 'pat.works',
          decidedAt: NOW,
        },
      ],
    });

    const state = stateAfterIngestion(version, {
      ...noOutcome,
      findings: [finding('phone', 'phone-number')],
    });

    expect(state).toBe('ready');
  });

  it('is ready with nothing to report', () => {
    expect(stateAfterIngestion(datasetVersion(), noOutcome)).toBe('ready');
  });
});

describe('uncoveredFindings', () => {
  it('keeps findings whose column and pattern no decision names together', () => {
    const version = {
      findings: [
        finding('phone', 'phone-number'),
        finding('phone', 'email-address'),
        finding('ssn', 'us-ssn'),
      ],
      decisions: [
        {
          column: 'phone',
          pattern: 'phone-number',
          decision: 'public-by-law' as const,
          reason: 'r',
          decidedBy: 'x',
          decidedAt: NOW,
        },
        {
          column: 'email',
          pattern: 'us-ssn',
          decision: 'public-by-law' as const,
          reason: 'r',
          decidedBy: 'x',
          decidedAt: NOW,
        },
      ],
    };

    expect(uncoveredFindings(version)).toEqual([finding('phone', 'email-address'), finding('ssn', 'us-ssn')]);
  });

  it('is empty without findings', () => {
    expect(uncoveredFindings({ decisions: [] })).toEqual([]);
  });
});

describe('recordDecisions', () => {
  const quarantined = () =>
    datasetVersion({
      state: 'quarantined',
      findings: [finding('phone', 'phone-number'), finding('owner_email', 'email-address')],
    });

  it.each(['awaiting-upload', 'ingesting', 'failed', 'published', 'withdrawn'] as VersionState[])(
    'refuses a %s version with 409',
    (state) => {
      const version = datasetVersion({ state, findings: [finding('phone', 'phone-number')] });

      const err = thrownBy(() =>
        recordDecisions(version, [{ column: 'phone', pattern: 'phone-number', reason: 'r' }], staff(), NOW),
      );

      expect(err.statusCode).toBe(409);
    },
  );

  it.each([
    ['an unknown column', { column: 'mobile', pattern: 'phone-number' }],
    ['an unknown pattern in a known column', { column: 'phone', pattern: 'us-ssn' }],
  ])('refuses a decision on %s with 400', (_what, decision) => {
    const err = thrownBy(() => recordDecisions(quarantined(), [{ ...decision, reason: 'r' }], staff(), NOW));

    expect(err.statusCode).toBe(400);
    expect(err.message).toContain(decision.column);
  });

  it('stays quarantined while a finding is still open', () => {
    const next = recordDecisions(
      quarantined(),
      [{ column: 'phone', pattern: 'phone-number', reason: 'City office numbers' }],
      staff(),
      NOW,
    );

    expect(next.state).toBe('quarantined');
    expect(uncoveredFindings(next)).toEqual([finding('owner_email', 'email-address')]);
  });

  it('becomes ready once every finding is covered, recording who decided and when', () => {
    const next = recordDecisions(
      quarantined(),
      [
        { column: 'phone', pattern: 'phone-number', reason: 'City office numbers' },
        { column: 'owner_email', pattern: 'email-address', reason: 'Business contacts by law' },
      ],
      staff({ username: 'clerk.kim' }),
      NOW,
    );

    expect(next.state).toBe('ready');
    expect(next.decisions).toEqual([
      {
        column: 'phone',
        pattern: 'phone-number',
        decision: 'public-by-law',
        reason: 'City office numbers',
        decidedBy: 'clerk.kim',
        decidedAt: NOW,
      },
      {
        column: 'owner_email',
        pattern: 'email-address',
        decision: 'public-by-law',
        reason: 'Business contacts by law',
        decidedBy: 'clerk.kim',
        decidedAt: NOW,
      },
    ]);
  });

  it('replaces an earlier decision on the same column and pattern', () => {
    const first = recordDecisions(
      quarantined(),
      [{ column: 'phone', pattern: 'phone-number', reason: 'old reason' }],
      staff({ username: 'first' }),
      '2026-01-01T00:00:00.000Z',
    );

    const second = recordDecisions(
      first,
      [{ column: 'phone', pattern: 'phone-number', reason: 'new reason' }],
      staff({ username: 'second' }),
      NOW,
    );

    expect(second.decisions).toHaveLength(1);
    expect(second.decisions[0]).toMatchObject({ reason: 'new reason', decidedBy: 'second', decidedAt: NOW });
  });

  it('may amend a ready version', () => {
    const ready = datasetVersion({ state: 'ready', findings: [finding('phone', 'phone-number')] });

    const next = recordDecisions(
      ready,
      [{ column: 'phone', pattern: 'phone-number', reason: 'r' }],
      staff(),
      NOW,
    );

    expect(next.state).toBe('ready');
    expect(next.decisions).toHaveLength(1);
  });

  it('leaves the version it was given unchanged', () => {
    const version = quarantined();
    const before = structuredClone(version);

    recordDecisions(version, [{ column: 'phone', pattern: 'phone-number', reason: 'r' }], staff(), NOW);

    expect(version).toEqual(before);
  });
});

describe('publishVersion', () => {
  const owned = () =>
    dataset({ datasetId: 'pothole-repairs', status: 'draft', currentVersion: 0, rowCount: 0 });

  it('refuses a quarantined version with 409 naming the open columns', () => {
    const version = datasetVersion({
      state: 'quarantined',
      findings: [finding('phone', 'phone-number'), finding('owner_ssn', 'us-ssn')],
      decisions: [
        {
          column: 'phone',
          pattern: 'phone-number',
          decision: 'public-by-law',
          reason: 'r',
          decidedBy: 'x',
          decidedAt: NOW,
        },
      ],
    });

    const err = thrownBy(() => publishVersion(owned(), version, staff(), NOW));

    expect(err.statusCode).toBe(409);
    expect(err.message).toContain('owner_ssn (us-ssn)');
    expect(err.message).not.toContain('phone (phone-number)');
  });

  it.each(['failed', 'awaiting-upload', 'ingesting', 'withdrawn'] as VersionState[])(
    'refuses a %s version with 409',
    (state) => {
      const err = thrownBy(() => publishVersion(owned(), datasetVersion({ state }), staff(), NOW));

      expect(err.statusCode).toBe(409);
    },
  );

  it("refuses another department's staff with 403", () => {
    const err = thrownBy(() => publishVersion(owned(), datasetVersion(), otherDepartment, NOW));

    expect(err.statusCode).toBe(403);
  });

  it('lets City IT publish for any department', () => {
    const { version } = publishVersion(owned(), datasetVersion(), itAdmin, NOW);

    expect(version.state).toBe('published');
    expect(version.publishedBy).toBe('ira.it');
  });

  it('makes the version current and copies its rows, columns and file onto the dataset', () => {
    const version = datasetVersion({ version: 2 });

    const result = publishVersion(owned(), version, staff(), NOW);

    expect(result.version).toMatchObject({ state: 'published', publishedAt: NOW, publishedBy: 'pat.works' });
    expect(result.dataset).toMatchObject({
      status: 'published',
      currentVersion: 2,
      rowCount: 20,
      modifiedAt: NOW,
      columns: [
        { name: 'request_id', type: 'integer', description: 'Id' },
        { name: 'street_v2', type: 'text', description: 'Street' },
      ],
      file: {
        key: 'datasets/pothole-repairs/versions/2/potholes-v2.csv',
        fileName: 'potholes-v2.csv',
        mediaType: 'text/csv',
        sizeBytes: 1002,
      },
    });
  });

  it('republishes an older published version as current, keeping its first publication', () => {
    const current = dataset({ datasetId: 'pothole-repairs', currentVersion: 3, rowCount: 30 });
    const older = datasetVersion({
      version: 1,
      state: 'published',
      publishedAt: '2026-01-05T00:00:00.000Z',
      publishedBy: 'first.publisher',
    });

    const result = publishVersion(current, older, staff(), NOW);

    expect(result.dataset.currentVersion).toBe(1);
    expect(result.dataset.rowCount).toBe(10);
    expect(result.version).toMatchObject({
      state: 'published',
      publishedAt: '2026-01-05T00:00:00.000Z',
      publishedBy: 'first.publisher',
    });
  });
});

describe('describeColumns', () => {
  const published = () =>
    dataset({ datasetId: 'pothole-repairs', status: 'published', currentVersion: 1, rowCount: 10 });
  const words = [{ field: 'request_id', description: '  The work order number.  ' }];

  it('writes the words on a ready version only (the catalog waits for publication)', () => {
    const draft = dataset({ datasetId: 'pothole-repairs', status: 'draft', currentVersion: 0, rowCount: 0 });

    const result = describeColumns(draft, datasetVersion({ state: 'ready' }), words, staff(), NOW);

    expect(result.dataset).toBeUndefined();
    expect(result.version.columns?.map((c) => c.description)).toEqual(['The work order number.', 'Street']);
  });

  it('updates the catalog at once when the version is the current published one', () => {
    const result = describeColumns(published(), datasetVersion({ state: 'published' }), words, staff(), NOW);

    expect(result.dataset?.columns[0]).toEqual({
      name: 'request_id',
      type: 'integer',
      description: 'The work order number.',
    });
    expect(result.dataset?.modifiedAt).toBe(NOW);
  });

  it('leaves the catalog alone for an older published version', () => {
    const result = describeColumns(
      dataset({ datasetId: 'pothole-repairs', currentVersion: 2 }),
      datasetVersion({ version: 1, state: 'published' }),
      words,
      staff(),
      NOW,
    );

    expect(result.dataset).toBeUndefined();
  });

  it('refuses a column the version does not have with 400 naming it and the real ones', () => {
    const err = thrownBy(() =>
      describeColumns(published(), datasetVersion(), [{ field: 'ward', description: 'x' }], staff(), NOW),
    );

    expect(err.statusCode).toBe(400);
    expect(err.message).toContain('"ward"');
    expect(err.message).toContain('request_id, street_v1');
  });

  it.each(['awaiting-upload', 'ingesting', 'failed', 'withdrawn'] as VersionState[])(
    'refuses a %s version with 409',
    (state) => {
      expect(
        thrownBy(() => describeColumns(published(), datasetVersion({ state }), words, staff(), NOW))
          .statusCode,
      ).toBe(409);
    },
  );

  it("refuses another department's staff with 403", () => {
    expect(
      thrownBy(() => describeColumns(published(), datasetVersion(), words, otherDepartment, NOW)).statusCode,
    ).toBe(403);
  });
});

describe('withdrawVersion', () => {
  const published = (version: number) =>
    datasetVersion({ version, state: 'published', publishedAt: NOW, publishedBy: 'pat.works' });
  const withCurrent = (currentVersion: number) =>
    dataset({ datasetId: 'pothole-repairs', currentVersion, rowCount: currentVersion * 10 });

  it.each(['ready', 'quarantined', 'withdrawn', 'failed'] as VersionState[])(
    'refuses a %s version with 409',
    (state) => {
      const versions = [published(1), datasetVersion({ version: 2, state })];

      const err = thrownBy(() => withdrawVersion(withCurrent(1), versions, 2, 'why', staff(), NOW));

      expect(err.statusCode).toBe(409);
    },
  );

  it('refuses a version that does not exist with 409', () => {
    const err = thrownBy(() => withdrawVersion(withCurrent(1), [published(1)], 7, 'why', staff(), NOW));

    expect(err.statusCode).toBe(409);
  });

  it("refuses another department's staff with 403", () => {
    const err = thrownBy(() =>
      withdrawVersion(withCurrent(1), [published(1)], 1, 'why', otherDepartment, NOW),
    );

    expect(err.statusCode).toBe(403);
  });

  it('records who withdrew the version, when and why', () => {
    const { withdrawn } = withdrawVersion(withCurrent(1), [published(1)], 1, 'A name leaked', staff(), NOW);

    expect(withdrawn).toMatchObject({
      version: 1,
      state: 'withdrawn',
      withdrawnAt: NOW,
      withdrawnBy: 'pat.works',
      withdrawReason: 'A name leaked',
    });
  });

  it('rolls the current version back to the newest other published version', () => {
    const versions = [
      published(1),
      published(2),
      datasetVersion({ version: 3, state: 'withdrawn' }),
      datasetVersion({ version: 4, state: 'ready' }),
      published(5),
    ];

    const result = withdrawVersion(withCurrent(5), versions, 5, 'bad file', staff(), NOW);

    expect(result.current?.version).toBe(2);
    expect(result.dataset).toMatchObject({ status: 'published', currentVersion: 2, rowCount: 20 });
    expect(result.dataset.file?.fileName).toBe('potholes-v2.csv');
  });

  it('rolls back to the version asked for', () => {
    const versions = [published(1), published(2), published(3)];

    const result = withdrawVersion(withCurrent(3), versions, 3, 'bad file', staff(), NOW, 1);

    expect(result.current?.version).toBe(1);
    expect(result.dataset.currentVersion).toBe(1);
  });

  it.each([
    ['a ready version', 2],
    ['the withdrawn version itself', 3],
    ['a missing version', 9],
  ])('refuses to roll back to %s with 409', (_what, rollbackTo) => {
    const versions = [published(1), datasetVersion({ version: 2, state: 'ready' }), published(3)];

    const err = thrownBy(() => withdrawVersion(withCurrent(3), versions, 3, 'x', staff(), NOW, rollbackTo));

    expect(err.statusCode).toBe(409);
    expect(err.message).toContain(String(rollbackTo));
  });

  it('unpublishes the dataset when no other version is published', () => {
    const versions = [datasetVersion({ version: 1, state: 'withdrawn' }), published(2)];

    const result = withdrawVersion(withCurrent(2), versions, 2, 'x', staff(), NOW);

    expect(result.dataset.status).toBe('unpublished');
    expect(result.current).toBeUndefined();
  });

  it('leaves the current version alone when withdrawing an older one', () => {
    const versions = [published(1), published(2)];

    const result = withdrawVersion(withCurrent(2), versions, 1, 'x', staff(), NOW, 1);

    expect(result.withdrawn.state).toBe('withdrawn');
    expect(result.current).toBeUndefined();
    expect(result.dataset).toMatchObject({
      status: 'published',
      currentVersion: 2,
      rowCount: 20,
      modifiedAt: NOW,
    });
  });

  it('lets City IT withdraw', () => {
    const result = withdrawVersion(withCurrent(1), [published(1)], 1, 'x', itAdmin, NOW);

    expect(result.withdrawn.withdrawnBy).toBe('ira.it');
  });
});

describe('canManageDataset', () => {
  it.each([
    ['staff of the owning department', true, staff()],
    ['staff of another department', false, otherDepartment],
    ['City IT from its own department', true, itAdmin],
    ['a clerk of another department', false, staff({ roles: ['clerk'], department: 'city-clerk' })],
    ['staff without a department', false, staff({ department: undefined })],
  ] as const)('%s → %s', (_who, allowed, principal) => {
    expect(canManageDataset(principal, 'public-works')).toBe(allowed);
  });
});

describe('isPubliclyReadable', () => {
  const versionIn = (state: VersionState): DatasetVersion => datasetVersion({ state });

  it('is true for a published version of a published, public dataset', () => {
    expect(isPubliclyReadable({ status: 'published', accessLevel: 'public' }, versionIn('published'))).toBe(
      true,
    );
  });

  it.each([
    ['an unpublished dataset', 'unpublished', 'public', 'published'],
    ['a draft dataset', 'draft', 'public', 'published'],
    ['a non-public dataset', 'published', 'non-public', 'published'],
    ['a restricted dataset', 'published', 'restricted public', 'published'],
    ['a withdrawn version', 'published', 'public', 'withdrawn'],
    ['a ready version', 'published', 'public', 'ready'],
    ['a quarantined version', 'published', 'public', 'quarantined'],
  ] as const)('is false for %s', (_what, status, accessLevel, state) => {
    expect(isPubliclyReadable({ status, accessLevel }, versionIn(state))).toBe(false);
  });
});
