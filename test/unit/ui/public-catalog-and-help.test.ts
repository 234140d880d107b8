import { ApiKeyApplicationBody } from '../../../lambdas/api/schemas/api-access';
import { ListDatasetsQuery } from '../../../lambdas/api/schemas/datasets';
import type { DatasetRecord } from '../../../lambdas/domain/datasets/dataset';
import { buildDataDictionary } from '../../../lambdas/domain/datasets/dictionary';
import { DEFAULT_HELP_CONTENT, publicHelpView } from '../../../lambdas/domain/enforcement/help-content';
import {
  PERSONNEL_FILES_BUSINESS_DAYS,
  RESPONSE_BUSINESS_DAYS,
} from '../../../lambdas/domain/records/clocks';
import { DEFAULT_FEE_SCHEDULE, formatCents } from '../../../lambdas/domain/records/fees';
import { FOI_COMMISSION } from '../../../lambdas/domain/records/letters';
import { API_TERMS } from '../../../lambdas/shared/api-terms';
import { parseForm } from '../../../lambdas/ui/forms';
import { applicationBodyOf, inPlainWords } from '../../../lambdas/ui/public/api-key-pages';
import { catalogPath, catalogQueryOf } from '../../../lambdas/ui/public/pages/catalog';
import { datasetPage, frequencyInWords } from '../../../lambdas/ui/public/pages/dataset';
import { tierLimitsInWords } from '../../../lambdas/ui/public/pages/api-keys';
import { feeLines, helpHref, helpPage } from '../../../lambdas/ui/public/pages/help';

const request = { basePath: '' };

describe('the catalog search in the address bar', () => {
  it('keeps only the filled-in fields, trimmed', () => {
    const query = new URLSearchParams('keyword=+roads+&department=&tag=public%20safety&other=x');
    expect(catalogQueryOf(query)).toEqual({ keyword: 'roads', tag: 'public safety' });
  });

  it('is what GET /v1/datasets accepts, so the page validates it with the route schema', () => {
    const filters = catalogQueryOf(
      new URLSearchParams('keyword=permits&department=police&modifiedSince=2026-01-31'),
    );
    const parsed = parseForm(ListDatasetsQuery, { ...filters, limit: 20 });
    expect(parsed).toEqual({
      ok: true,
      data: { keyword: 'permits', department: 'police', modifiedSince: '2026-01-31', limit: 20 },
    });
    expect(parseForm(ListDatasetsQuery, { department: 'no-such-department', limit: 20 })).toMatchObject({
      ok: false,
      errors: { department: expect.any(String) },
    });
  });

  it('links to the next page with the same search and the cursor, and back to the first without it', () => {
    const filters = { keyword: 'road works', department: 'public-works', cursor: 'old' };
    expect(catalogPath(filters, 'YzE6YWJj')).toBe(
      '/datasets?keyword=road+works&department=public-works&cursor=YzE6YWJj',
    );
    expect(catalogPath(filters)).toBe('/datasets?keyword=road+works&department=public-works');
    expect(catalogPath({})).toBe('/datasets');
  });
});

describe("a dataset's update frequency in words", () => {
  it.each([
    ['R/P1D', 'Every day'],
    ['R/P1W', 'Every week'],
    ['R/P3M', 'Every 3 months'],
    ['R/P1Y', 'Every year'],
    ['irregular', 'Irregularly'],
    ['R/PT1H', 'R/PT1H'],
  ])('%s → %s', (frequency, words) => {
    expect(frequencyInWords(frequency)).toBe(words);
  });
});

describe('the API key application form', () => {
  const form = (fields: Record<string, string | string[]>) => {
    const f = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) f.append(k, one);
    return f;
  };

  it('becomes the body POST /v1/api-key-applications takes', () => {
    const parsed = parseForm(
      ApiKeyApplicationBody,
      applicationBodyOf(
        form({
          applicantName: ' Riley Reporter ',
          email: 'riley@newsroom.example',
          organization: '',
          intendedUse: 'Weekly stories on road repairs, by ward.',
          datasets: ['pothole-repairs', 'building-permits'],
          departments: 'public-works',
          expectedRequestsPerDay: '500',
          requestedTier: 'standard',
          acceptTermsVersion: API_TERMS.version,
        }),
      ),
    );
    expect(parsed).toEqual({
      ok: true,
      data: {
        applicantName: 'Riley Reporter',
        email: 'riley@newsroom.example',
        intendedUse: 'Weekly stories on road repairs, by ward.',
        datasets: ['pothole-repairs', 'building-permits'],
        departments: ['public-works'],
        expectedRequestsPerDay: 500,
        requestedTier: 'standard',
        acceptTermsVersion: API_TERMS.version,
      },
    });
  });

  it('names each missing field, and a request count that is not a number', () => {
    const parsed = parseForm(
      ApiKeyApplicationBody,
      applicationBodyOf(form({ applicantName: 'Riley', expectedRequestsPerDay: 'lots' })),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(
      ['acceptTermsVersion', 'email', 'expectedRequestsPerDay', 'intendedUse'].sort(),
    );
  });

  it('says what to do about an empty field in its own words, and keeps the other messages', () => {
    expect(
      inPlainWords({
        email: 'Fill this in.',
        acceptTermsVersion: 'Enter at least 1 characters.',
        organization: 'Use at most 200 characters.',
      }),
    ).toEqual({
      email: 'Enter your e-mail address.',
      acceptTermsVersion: 'Accept the terms of use to apply.',
      organization: 'Use at most 200 characters.',
    });
  });

  it('describes each usage plan with its own limits', () => {
    expect(tierLimitsInWords('basic')).toBe('10,000 requests a day, up to 5 a second');
  });
});

describe('the help page', () => {
  const page = helpPage({ request, help: publicHelpView(DEFAULT_HELP_CONTENT) }).value;

  it('takes the deadlines, the appeal contact and the fees from the records rules', () => {
    expect(page).toContain(`<strong id="response-deadline">${RESPONSE_BUSINESS_DAYS} business days</strong>`);
    expect(page).toContain(`${PERSONNEL_FILES_BUSINESS_DAYS} business days`);
    expect(page).toContain(FOI_COMMISSION.address);
    expect(page).toContain(`mailto:${FOI_COMMISSION.email}`);
    expect(feeLines().perPage).toBe(`${formatCents(DEFAULT_FEE_SCHEDULE.perPageCents)} a page`);
    expect(page).toContain(`<strong id="fee-per-page">${feeLines().perPage}</strong>`);
  });

  it("shows the city's content: every enforcer, FAQ question and guide", () => {
    for (const enforcer of DEFAULT_HELP_CONTENT.enforcers) expect(page).toContain(enforcer.name);
    for (const entry of DEFAULT_HELP_CONTENT.faq) expect(page).toContain(entry.question);
    for (const guide of DEFAULT_HELP_CONTENT.howTo) expect(page).toContain(`id="guide-${guide.id}"`);
    // A phone placeholder the city has not filled in is never shown.
    expect(page).not.toContain('TO BE FILLED IN');
  });

  it("sends the help's links to the residents' pages instead of the JSON routes", () => {
    expect(helpHref(request, '/v1/datasets')).toBe('/datasets');
    expect(helpHref({ basePath: '/dev' }, '/v1/api-terms')).toBe('/dev/api-keys#terms');
    expect(helpHref(request, '/v1/usage')).toBe('/v1/usage');
    expect(helpHref(request, 'https://portal.ct.gov/foi')).toBe('https://portal.ct.gov/foi');
  });
});

describe("a dataset's page", () => {
  const dataset: DatasetRecord = {
    datasetId: 'assessor-roll',
    title: 'Assessor <roll>',
    description: 'Owners and assessed values.',
    keywords: ['property'],
    ownerDepartment: 'assessor',
    contactName: 'Assessor',
    contactEmail: 'assessor@danbury.local',
    license: 'https://creativecommons.org/publicdomain/zero/1.0/',
    updateFrequency: 'R/P1Y',
    accessLevel: 'public',
    status: 'published',
    currentVersion: 2,
    rowCount: 3,
    columns: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    modifiedAt: '2026-02-01T00:00:00.000Z',
    sampleData: false,
  };
  const dictionary = buildDataDictionary(
    {
      datasetId: dataset.datasetId,
      title: dataset.title,
      version: 2,
      rowCount: 3,
      columns: [
        { field: 'owner_name', title: 'Owner name', type: 'text', description: 'Owner', sortable: false },
        {
          field: 'owner_birth_date',
          title: 'owner_birth_date',
          type: 'date',
          description: 'Birth date',
          sortable: false,
          personalData: [
            {
              pattern: 'us-ssn',
              decision: 'public-by-law',
              reason: 'Published under C.G.S. 12-55',
              decidedAt: '2026-01-15T00:00:00.000Z',
            },
          ],
        },
      ],
    },
    'https://data.danbury.local',
  );
  const page = datasetPage({
    request,
    baseUrl: 'https://data.danbury.local',
    dataset,
    dictionary,
    versions: [],
  }).value;

  it('says which columns the personal-data check cleared, and why', () => {
    expect(page).toContain('Cleared:');
    expect(page).toContain('Social Security number (Published under C.G.S. 12-55)');
    expect(page.match(/Nothing found/g)).toHaveLength(1);
    expect(page).toContain('Owner name <code>owner_name</code>');
  });

  it('escapes what staff typed, and links the download without a key', () => {
    expect(page).toContain('Assessor &lt;roll&gt;');
    expect(page).not.toContain('Assessor <roll>');
    expect(page).toContain('href="/datasets/assessor-roll/download"');
    expect(page).toContain('https://data.danbury.local/v1/datasets/assessor-roll/rows?limit=10');
  });
});
