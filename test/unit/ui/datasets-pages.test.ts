import { safeParse } from 'zod/mini';
import {
  CompleteUploadBody,
  DecisionsBody,
  NewVersionBody,
  RegisterDatasetBody,
  WithdrawBody,
} from '../../../lambdas/api/schemas/publishing';
import type { DatasetRecord } from '../../../lambdas/domain/datasets/dataset';
import { uncoveredFindings, type DatasetVersion } from '../../../lambdas/domain/datasets/versions';
import {
  decisionsOf,
  ingestionStuckAfter,
  listField,
  newVersionOf,
  partsOf,
  registrationOf,
  withdrawalOf,
} from '../../../lambdas/ui/datasets-controller';
import { parseForm } from '../../../lambdas/ui/forms';
import { patternTitle, stateBadge } from '../../../lambdas/ui/pages/datasets';
import {
  columnsToDecide,
  decisionFor,
  historyEntry,
  sampleRowsText,
  versionPage,
  type VersionPageInput,
} from '../../../lambdas/ui/pages/datasets-detail';

const form = (fields: Record<string, string | string[]>) => {
  const f = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) f.append(k, one);
  return f;
};

describe('the forms as the routes’ bodies', () => {
  it('splits comma lists and drops empty items', () => {
    expect(listField(' roads, Snow ,, complaints ,')).toEqual(['roads', 'Snow', 'complaints']);
    expect(listField('')).toEqual([]);
    expect(listField(null)).toEqual([]);
  });

  it('builds a registration RegisterDatasetBody accepts, and names the fields it refuses', () => {
    const complete = form({
      datasetId: 'snow-complaints',
      title: 'Snow complaints',
      description: 'Complaints about unplowed streets.',
      keywords: 'snow, roads',
      ownerDepartment: 'public-works',
      contactName: 'Public Works',
      contactEmail: 'dpw@danbury.local',
      license: 'https://creativecommons.org/publicdomain/zero/1.0/',
      updateFrequency: 'R/P1D',
      accessLevel: 'public',
      primaryKey: '',
    });
    const parsed = safeParse(RegisterDatasetBody, registrationOf(complete));
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ keywords: ['snow', 'roads'], accessLevel: 'public' });
    expect(parsed.data).not.toHaveProperty('primaryKey');

    complete.set('keywords', ' , ');
    complete.set('contactEmail', 'not-an-address');
    complete.set('primaryKey', 'Bad Column');
    const refused = parseForm(RegisterDatasetBody, registrationOf(complete));
    expect(refused.ok).toBe(false);
    expect(Object.keys(refused.ok ? {} : refused.errors).sort()).toEqual([
      'contactEmail',
      'keywords',
      'primaryKey',
    ]);
  });

  it('builds a new version: size as a number, sortable columns, the breaking-change box', () => {
    const body = newVersionOf(
      form({
        fileName: 'snow.csv',
        sizeBytes: '1234',
        contentType: 'text/csv',
        sortable: 'received, ward',
        acceptBreakingChange: 'yes',
      }),
    );
    expect(body).toEqual({
      fileName: 'snow.csv',
      sizeBytes: 1234,
      sortable: ['received', 'ward'],
      acceptBreakingChange: true,
    });
    expect(safeParse(NewVersionBody, body).success).toBe(true);
    // The page's contentType is not part of the route's body (the schema is strict).
    expect(newVersionOf(form({ fileName: 'a.csv', sizeBytes: '12' })).acceptBreakingChange).toBe(false);
    const refused = parseForm(NewVersionBody, newVersionOf(form({ fileName: 'a.csv', sizeBytes: 'twelve' })));
    expect(refused.ok ? [] : Object.keys(refused.errors)).toEqual(['sizeBytes']);
  });

  it('makes one decision per kind found in the column, all with the one reason', () => {
    const body = decisionsOf(
      form({
        column: 'owner contact',
        pattern: ['phone-number', 'email-address'],
        reason: ' Public by C.G.S. 1-210 ',
      }),
    );
    expect(body).toEqual({
      decisions: [
        { column: 'owner contact', pattern: 'phone-number', reason: 'Public by C.G.S. 1-210' },
        { column: 'owner contact', pattern: 'email-address', reason: 'Public by C.G.S. 1-210' },
      ],
    });
    expect(safeParse(DecisionsBody, body).success).toBe(true);
    expect(
      safeParse(DecisionsBody, decisionsOf(form({ column: 'phone', reason: 'long enough reason' }))).success,
    ).toBe(false);
  });

  it('withdraws with or without a version to roll back to', () => {
    expect(withdrawalOf(form({ reason: 'Addresses were published', rollbackTo: '' }))).toStrictEqual({
      reason: 'Addresses were published',
    });
    const body = withdrawalOf(form({ reason: 'Addresses were published', rollbackTo: '2' }));
    expect(safeParse(WithdrawBody, body).data).toEqual({ reason: 'Addresses were published', rollbackTo: 2 });
  });
});

describe('partsOf', () => {
  it('reads the parts the page’s script sent (number:ETag, the ETag keeps its quotes) as CompleteUploadBody', () => {
    const body = partsOf(form({ part: ['1:"abc:1"', '2:"def"'] }));
    expect(body).toEqual({
      parts: [
        { partNumber: 1, etag: '"abc:1"' },
        { partNumber: 2, etag: '"def"' },
      ],
    });
    expect(safeParse(CompleteUploadBody, body).success).toBe(true);
    expect(safeParse(CompleteUploadBody, partsOf(form({ part: 'x:"abc"' }))).success).toBe(false);
    expect(safeParse(CompleteUploadBody, partsOf(form({}))).success).toBe(false);
  });
});

describe('ingestionStuckAfter', () => {
  it('is 16 minutes after the run started, for a version still ingesting only', () => {
    const v = { createdAt: '2026-11-26T10:00:00.000Z', ingestionStartedAt: '2026-11-26T10:05:00.000Z' };
    expect(ingestionStuckAfter({ ...v, state: 'ingesting' })).toBe('2026-11-26T10:21:00.000Z');
    expect(ingestionStuckAfter({ createdAt: v.createdAt, state: 'ingesting' })).toBe(
      '2026-11-26T10:16:00.000Z',
    );
    expect(ingestionStuckAfter({ ...v, state: 'quarantined' })).toBeUndefined();
  });
});

describe('findings', () => {
  const findings = [
    { column: 'phone', pattern: 'phone-number' as const, count: 7, sampleRows: [1, 2, 3, 4, 5] },
    { column: 'contact', pattern: 'email-address' as const, count: 1, sampleRows: [9] },
    { column: 'phone', pattern: 'us-ssn' as const, count: 1, sampleRows: [4] },
  ];

  it('groups open findings by column, in the report’s order', () => {
    expect(columnsToDecide(findings).map((c) => [c.column, c.findings.map((f) => f.pattern)])).toEqual([
      ['phone', ['phone-number', 'us-ssn']],
      ['contact', ['email-address']],
    ]);
  });

  it('finds the decision covering a finding by column and kind', () => {
    const decision = {
      column: 'phone',
      pattern: 'phone-number',
      decision: 'public-by-law' as const,
      reason: 'x',
      decidedBy: 'publicworks',
      decidedAt: '2026-11-26T10:00:00Z',
    };
    expect(decisionFor(findings[0]!, [decision])).toBe(decision);
    expect(decisionFor(findings[2]!, [decision])).toBeUndefined();
  });

  it('shows sample rows, with an ellipsis when there are more', () => {
    expect(sampleRowsText([1, 2, 3, 4, 5], 7)).toBe('1, 2, 3, 4, 5, …');
    expect(sampleRowsText([9], 1)).toBe('9');
    expect(sampleRowsText([], 0)).toBe('');
  });

  it('names the kinds in the gate’s words, and states as badges', () => {
    expect(patternTitle('street-address-of-person')).toBe('Street address of a person');
    expect(patternTitle('something-new')).toBe('Something new');
    expect(stateBadge('quarantined').value).toBe('<span class="badge bad">Quarantined</span>');
    expect(stateBadge('awaiting-upload').value).toBe('<span class="badge warn">Awaiting upload</span>');
  });
});

describe('historyEntry', () => {
  it('says what was done, to which version, and why; decisions name columns and kinds, never values', () => {
    expect(
      historyEntry({
        action: 'dataset-version.personal-data-decided',
        subject: { type: 'dataset-version', id: 'snow/3' },
        details: {
          decisions: [
            { column: 'phone', pattern: 'phone-number', decision: 'public-by-law', reason: 'By law' },
          ],
          state: 'ready',
        },
      }),
    ).toEqual({ what: 'Personal data decided', version: 3, why: 'phone (Phone number): By law' });
    expect(
      historyEntry({
        action: 'dataset-version.withdrawn',
        subject: { type: 'dataset-version', id: 'snow/12' },
        details: { reason: 'Addresses published', wasCurrent: true },
      }),
    ).toEqual({ what: 'Withdrawn', version: 12, why: 'Addresses published' });
    expect(
      historyEntry({
        action: 'dataset.registered',
        subject: { type: 'dataset', id: 'snow' },
        details: { title: 'Snow' },
      }),
    ).toEqual({ what: 'Registered', why: '' });
    expect(
      historyEntry({
        action: 'dataset-version.something-new',
        subject: { type: 'dataset-version', id: 'snow/1' },
        details: {},
      }),
    ).toEqual({ what: 'Something new', version: 1, why: '' });
  });
});

describe('versionPage', () => {
  const dataset: DatasetRecord = {
    datasetId: 'snow-complaints',
    title: 'Snow complaints',
    description: 'Complaints',
    keywords: ['snow'],
    ownerDepartment: 'public-works',
    contactName: 'DPW',
    contactEmail: 'dpw@danbury.local',
    license: 'https://creativecommons.org/publicdomain/zero/1.0/',
    updateFrequency: 'R/P1D',
    accessLevel: 'public',
    status: 'published',
    currentVersion: 2,
    rowCount: 3,
    columns: [],
    createdAt: '2026-11-01T10:00:00Z',
    modifiedAt: '2026-11-02T10:00:00Z',
    sampleData: false,
  };
  const version = (
    n: number,
    state: DatasetVersion['state'],
    extra: Partial<DatasetVersion> = {},
  ): DatasetVersion => ({
    datasetId: dataset.datasetId,
    version: n,
    state,
    fileName: `v${n}.csv`,
    uploadKey: `staging/snow-complaints/${n}/upload.csv`,
    sortable: [],
    acceptBreakingChange: false,
    createdAt: '2026-11-01T10:00:00Z',
    createdBy: 'publicworks',
    decisions: [],
    rowCount: 3,
    ...extra,
  });
  const page = (v: DatasetVersion, versions: DatasetVersion[] = [v]) => {
    const input: VersionPageInput = {
      request: { basePath: '' },
      csrf: 'token',
      dataset,
      version: v,
      versions,
      uncovered: uncoveredFindings(v),
      stuck: false,
    };
    return versionPage(input).value;
  };

  it('offers one decision form per open column and no publish button while quarantined', () => {
    const quarantined = version(3, 'quarantined', {
      findings: [
        { column: 'phone', pattern: 'phone-number', count: 2, sampleRows: [1, 2] },
        { column: 'phone', pattern: 'us-ssn', count: 1, sampleRows: [2] },
        { column: 'street', pattern: 'street-address-of-person', count: 2, sampleRows: [1, 2] },
      ],
      decisions: [
        {
          column: 'street',
          pattern: 'street-address-of-person',
          decision: 'public-by-law',
          reason: 'Assessor records are public',
          decidedBy: 'publicworks',
          decidedAt: '2026-11-01T11:00:00Z',
        },
      ],
    });
    const text = page(quarantined);
    expect(text.match(/action="\/admin\/datasets\/snow-complaints\/versions\/3\/decisions"/g)).toHaveLength(
      1,
    );
    expect(text).toContain('Column “phone”');
    expect(text).toContain('name="pattern" value="phone-number"');
    expect(text).toContain('name="pattern" value="us-ssn"');
    expect(text).toContain('Public by law: Assessor records are public');
    expect(text).not.toContain('/publish"');
    expect(text).not.toContain('/withdraw"');
  });

  it('publishes a ready version; withdraws the current one with the other published versions to roll back to', () => {
    expect(page(version(3, 'ready'))).toContain(
      'action="/admin/datasets/snow-complaints/versions/3/publish"',
    );
    const current = version(2, 'published', { publishedAt: '2026-11-02T10:00:00Z' });
    const older = version(1, 'published', { publishedAt: '2026-11-01T10:00:00Z' });
    const withdrawn = version(0, 'withdrawn');
    const text = page(current, [withdrawn, older, current]);
    expect(text).not.toContain('/publish"');
    expect(text).toContain('action="/admin/datasets/snow-complaints/versions/2/withdraw"');
    expect(text.match(/<option value="\d+"/g)).toEqual(['<option value="1"']);
    // An older published version may be made current again (the same publish use case).
    expect(page(older, [older, current])).toContain('Make it current');
  });

  it('restarts only a stuck ingestion, and escapes what the file brought', () => {
    const ingesting = version(4, 'ingesting', { fileName: '<b>x</b>.csv', rowCount: undefined });
    expect(page(ingesting)).not.toContain('retry-ingestion');
    const stuck = versionPage({
      request: { basePath: '/dev' },
      csrf: 't',
      dataset,
      version: ingesting,
      versions: [ingesting],
      uncovered: [],
      stuck: true,
    }).value;
    expect(stuck).toContain('action="/dev/admin/datasets/snow-complaints/versions/4/retry-ingestion"');
    expect(stuck).toContain('&lt;b&gt;x&lt;/b&gt;.csv');
    expect(stuck).not.toContain('<b>x</b>');
  });
});
