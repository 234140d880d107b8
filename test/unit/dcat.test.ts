/**
 * The DCAT-US 1.1 catalog validated against the published JSON Schemas
 * (test/fixtures/dcat-us-1.1, see its README for where they come from):
 * - data.gov's non-federal v1.1 profile validates the whole catalog;
 * - the official (federal) dataset schema must fail on exactly the two
 *   federal-only codes (bureauCode, programCode) and on nothing else.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildDcatCatalog,
  buildDcatDataset,
  DCAT_US_SCHEMA,
  RIGHTS_MAX_LENGTH,
  type DcatCatalog,
  type DcatDatasetInput,
} from '../../lambdas/domain/datasets/dcat';
import { CITY, DEPARTMENTS } from '../../lambdas/shared/city-profile';

const FIXTURES = join(__dirname, '..', 'fixtures', 'dcat-us-1.1');
const SCHEMA_BASE = 'https://project-open-data.cio.gov/v1.1/schema/';
const BASE_URL = 'https://data.danbury.example';

function loadValidators() {
  // The schemas are draft-04 and predate ajv's strict mode; their regexes use
  // escapes (`\:`) that are invalid with the `u` flag, as in Python's `re`,
  // which data.gov's validators run them with.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const ids: string[] = [];
  for (const folder of ['official', 'non-federal']) {
    for (const file of readdirSync(join(FIXTURES, folder)).filter((f) => f.endsWith('.json'))) {
      const schema = JSON.parse(readFileSync(join(FIXTURES, folder, file), 'utf8')) as { id: string };
      ids.push(schema.id);
      ajv.addSchema(schema); // registered under its `id`, so relative `$ref`s resolve
    }
  }
  const get = (name: string): ValidateFunction => {
    const v = ajv.getSchema(SCHEMA_BASE + name);
    if (!v) throw new Error(`schema ${name} not loaded`);
    return v;
  };
  return {
    ids,
    catalog: get('catalog.json'), // non-federal catalog → dataset-non-federal.json
    nonFederalDataset: get('dataset-non-federal.json'),
    federalDataset: get('dataset.json'),
  };
}

const schemas = loadValidators();

function errorsOf(v: ValidateFunction, data: unknown): ErrorObject[] {
  return v(data) ? [] : [...(v.errors ?? [])];
}

function expectValidCatalog(catalog: unknown) {
  expect(errorsOf(schemas.catalog, catalog)).toEqual([]);
}

/** The federal schema may only complain that the two federal-only codes are missing. */
function expectFederalValidExceptCodes(dataset: unknown) {
  const errors = errorsOf(schemas.federalDataset, dataset);
  expect(errors.map((e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`).sort()).toEqual([
    ' required {"missingProperty":"bureauCode"}',
    ' required {"missingProperty":"programCode"}',
  ]);
}

const department = (id: string) => DEPARTMENTS.find((d) => d.id === id)!.name;

function input(overrides: Partial<DcatDatasetInput> = {}): DcatDatasetInput {
  return {
    datasetId: 'building-permits',
    title: 'Building permits',
    description: 'Building permits issued by the City of Danbury since 2015.',
    keywords: ['permits', 'construction'],
    publisherName: CITY.publisherName,
    ownerDepartmentName: department('planning-zoning'),
    contactName: 'Permit Desk',
    contactEmail: 'permits@danbury.example',
    license: 'https://creativecommons.org/publicdomain/zero/1.0/',
    accessLevel: 'public',
    updateFrequency: 'R/P1D',
    issuedAt: '2024-01-15T14:00:00.000Z',
    modifiedAt: '2025-03-02T09:30:00Z',
    ...overrides,
  };
}

const several: DcatDatasetInput[] = [
  input(),
  input({
    datasetId: 'road-closures',
    title: 'Road closures',
    description: 'Planned road closures.\nUpdated every weekday.',
    keywords: ['roads', 'traffic'],
    ownerDepartmentName: department('public-works'),
    contactEmail: 'public.works@danbury.example',
    updateFrequency: 'R/PT1H',
    spatial: 'Danbury, Connecticut',
    temporal: '2020-01-01/2025-12-31',
  }),
  input({
    datasetId: 'restaurant-inspections',
    title: 'Restaurant inspections',
    keywords: ['food', 'health'],
    ownerDepartmentName: department('health'),
    updateFrequency: 'R/P1M',
    temporal: '2019-07-01T00:00:00Z/2025-06-30T23:59:59Z',
    rights: 'Inspection results are public records under the Connecticut Freedom of Information Act.',
  }),
  input({
    datasetId: 'police-incidents',
    title: 'Police incidents',
    keywords: ['public safety'],
    ownerDepartmentName: department('police'),
    updateFrequency: 'irregular',
  }),
];

describe('DCAT-US 1.1 schema fixtures', () => {
  it('loads every schema file a $ref reaches, each under its own id', () => {
    expect(schemas.ids.sort()).toEqual(
      [
        'catalog.json',
        'dataset-non-federal.json',
        'dataset.json',
        'distribution.json',
        'organization.json',
        'vcard-non-federal.json',
        'vcard.json',
      ].map((f) => `${SCHEMA_BASE}${f}#`),
    );
  });
});

describe('buildDcatCatalog', () => {
  it('builds a catalog of several datasets that validates against the DCAT-US 1.1 schemas', () => {
    const catalog = buildDcatCatalog(several, BASE_URL);
    expect(catalog.dataset).toHaveLength(4);
    expectValidCatalog(catalog);
    for (const d of catalog.dataset) {
      expect(errorsOf(schemas.nonFederalDataset, d)).toEqual([]);
      expectFederalValidExceptCodes(d);
    }
  });

  it('still validates once serialized, which is what /data.json serves', () => {
    const served = JSON.parse(JSON.stringify(buildDcatCatalog(several, BASE_URL))) as DcatCatalog;
    expectValidCatalog(served);
  });

  it('has the catalog header of a DCAT-US 1.1 data.json', () => {
    const catalog = buildDcatCatalog(several, `${BASE_URL}/`);
    expect(catalog).toMatchObject({
      '@context': 'https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld',
      '@id': `${BASE_URL}/data.json`,
      '@type': 'dcat:Catalog',
      conformsTo: DCAT_US_SCHEMA,
      describedBy: 'https://project-open-data.cio.gov/v1.1/schema/catalog.json',
    });
  });

  it('builds a valid empty catalog', () => {
    const catalog = buildDcatCatalog([], BASE_URL);
    expect(catalog.dataset).toEqual([]);
    expectValidCatalog(catalog);
  });

  it('falls back to the department as keyword when a dataset has none, and still validates', () => {
    const noKeywords = buildDcatCatalog(
      [input({ keywords: [] }), input({ datasetId: 'blank-keywords', keywords: ['  ', '\t'] })],
      BASE_URL,
    );
    for (const d of noKeywords.dataset) {
      expect(d.keyword).toEqual(['planning and zoning']);
      expectFederalValidExceptCodes(d);
    }
    expectValidCatalog(noKeywords);
  });

  it('cleans keywords: trimmed, single-spaced, no duplicates whatever their case', () => {
    const d = buildDcatDataset(
      input({ keywords: [' Permits ', 'permits', 'new   construction', 'PERMITS'] }),
      BASE_URL,
    );
    expect(d.keyword).toEqual(['Permits', 'new construction']);
  });

  it('gives every dataset the CSV download distribution (downloadURL + mediaType + format)', () => {
    for (const d of buildDcatCatalog(several, BASE_URL).dataset) {
      const csv = d.distribution.find((x) => x.mediaType === 'text/csv');
      expect(csv).toEqual({
        '@type': 'dcat:Distribution',
        title: `${d.title} (CSV)`,
        description: expect.stringContaining('API key') as unknown as string,
        downloadURL: `${d.identifier}/download`,
        mediaType: 'text/csv',
        format: 'CSV',
        describedBy: `${d.identifier}/dictionary`,
        describedByType: 'application/json',
      });
      expect(csv!.description).toContain('x-api-key');
      expect(d.distribution).toHaveLength(1);
    }
  });

  it('lists the rows API as a second distribution when asked', () => {
    const catalog = buildDcatCatalog(several, BASE_URL, { rowsApi: true });
    for (const d of catalog.dataset) {
      expect(d.distribution).toHaveLength(2);
      expect(d.distribution[1]).toMatchObject({
        '@type': 'dcat:Distribution',
        accessURL: `${d.identifier}/rows`,
        format: 'API',
        conformsTo: `${BASE_URL}/openapi.json`,
      });
      expect(d.distribution[1]).not.toHaveProperty('downloadURL');
      expect(d.distribution[1]!.description).toContain('API key');
    }
    expectValidCatalog(catalog);
  });

  it('never emits the federal-only bureauCode or programCode', () => {
    const text = JSON.stringify(buildDcatCatalog(several, BASE_URL, { rowsApi: true }));
    expect(text).not.toMatch(/bureauCode|programCode/);
  });

  it('gives every contact a mailto: email, exactly once', () => {
    const catalog = buildDcatCatalog(
      [...several, input({ datasetId: 'already-mailto', contactEmail: ' MAILTO:clerk@danbury.example ' })],
      BASE_URL,
    );
    for (const d of catalog.dataset) {
      expect(d.contactPoint['@type']).toBe('vcard:Contact');
      expect(d.contactPoint.hasEmail).toMatch(/^mailto:[^:\s]+@[^:\s]+$/);
    }
    const cleaned = catalog.dataset.find((d) => d.identifier.endsWith('/already-mailto'))!;
    expect(cleaned.contactPoint.hasEmail).toBe('mailto:clerk@danbury.example');
    expectValidCatalog(catalog);
  });

  it('uses the canonical dataset URL as identifier: unique, stable, independent of input order', () => {
    const a = buildDcatCatalog(several, BASE_URL);
    const b = buildDcatCatalog([...several].reverse(), `${BASE_URL}//`);
    expect(b).toEqual(a);
    const ids = a.dataset.map((d) => d.identifier);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      ['building-permits', 'police-incidents', 'restaurant-inspections', 'road-closures'].map(
        (id) => `${BASE_URL}/v1/datasets/${id}`,
      ),
    );
    for (const d of a.dataset) {
      expect(d.landingPage).toBe(d.identifier);
      expect(d.describedBy).toBe(`${d.identifier}/dictionary`);
      expect(d.describedByType).toBe('application/json');
    }
  });

  it('lists a dataset id once even when it is passed twice', () => {
    const catalog = buildDcatCatalog([input(), input({ title: 'A second copy' })], BASE_URL);
    expect(catalog.dataset.map((d) => d.title)).toEqual(['Building permits']);
  });

  it('leaves restricted public and non-public datasets out of the public catalog', () => {
    const catalog = buildDcatCatalog(
      [
        input(),
        input({ datasetId: 'sealed-records', accessLevel: 'non-public' }),
        input({ datasetId: 'on-request', accessLevel: 'restricted public' }),
      ],
      BASE_URL,
    );
    expect(catalog.dataset.map((d) => d.identifier)).toEqual([`${BASE_URL}/v1/datasets/building-permits`]);
    expect(catalog.dataset[0]!.accessLevel).toBe('public');
  });

  it('names the department as publisher, a sub-organization of the city', () => {
    const d = buildDcatDataset(input(), BASE_URL);
    expect(d.publisher).toEqual({
      '@type': 'org:Organization',
      name: 'Planning and Zoning',
      subOrganizationOf: { '@type': 'org:Organization', name: 'City of Danbury, Connecticut' },
    });
    const cityOwned = buildDcatDataset(input({ ownerDepartmentName: CITY.publisherName }), BASE_URL);
    expect(cityOwned.publisher).toEqual({ '@type': 'org:Organization', name: CITY.publisherName });
  });

  it('carries license, accrualPeriodicity, issued, modified, spatial and temporal', () => {
    const d = buildDcatCatalog(several, BASE_URL).dataset.find((x) =>
      x.identifier.endsWith('/road-closures'),
    )!;
    expect(d).toMatchObject({
      license: 'https://creativecommons.org/publicdomain/zero/1.0/',
      accrualPeriodicity: 'R/PT1H',
      issued: '2024-01-15T14:00:00.000Z',
      modified: '2025-03-02T09:30:00.000Z',
      spatial: 'Danbury, Connecticut',
      temporal: '2020-01-01/2025-12-31',
    });
  });

  it('publishes an unusable frequency as "irregular" and leaves out a bad license or temporal', () => {
    const d = buildDcatDataset(
      input({ updateFrequency: 'daily', license: 'CC0', temporal: '2025-12-31/2020-01-01' }),
      BASE_URL,
    );
    expect(d.accrualPeriodicity).toBe('irregular');
    expect(d).not.toHaveProperty('license');
    expect(d).not.toHaveProperty('temporal');
    expect(buildDcatDataset(input({ updateFrequency: 'R/P' }), BASE_URL).accrualPeriodicity).toBe(
      'irregular',
    );
    expect(buildDcatDataset(input({ temporal: 'last year' }), BASE_URL)).not.toHaveProperty('temporal');
    expectFederalValidExceptCodes(d);
  });

  it('keeps rights within 255 characters', () => {
    const long = 'Released under the Connecticut Freedom of Information Act. '.repeat(10);
    const d = buildDcatDataset(input({ rights: long }), BASE_URL);
    expect(d.rights!.length).toBeLessThanOrEqual(RIGHTS_MAX_LENGTH);
    expect(d.rights!.endsWith('…')).toBe(true);
    expect(errorsOf(schemas.nonFederalDataset, d)).toEqual([]);
    expect(buildDcatDataset(input({ rights: '   ' }), BASE_URL)).not.toHaveProperty('rights');
  });

  it('strips control characters and lone surrogates from every string', () => {
    const dirty = input({
      title: 'Permits\u0000 \u0007issued\n',
      description: 'Line one\r\nLine two\u001b[31m \uD800',
      keywords: ['per\u0008mits'],
      contactName: 'Permit\u0085 Desk',
    });
    const d = buildDcatDataset(dirty, BASE_URL);
    expect(d.title).toBe('Permits issued');
    expect(d.description).toBe('Line one\nLine two[31m');
    expect(d.keyword).toEqual(['permits']);
    expect(d.contactPoint.fn).toBe('Permit Desk');
    // eslint-disable-next-line no-control-regex
    const controls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
    const walk = (v: unknown): void => {
      if (typeof v === 'string') expect(v).not.toMatch(controls);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(d);
    expect(JSON.stringify(d)).not.toMatch(/\\ud[89ab]/i);
  });

  it('fills a title, description or contact name that is empty after cleaning', () => {
    const d = buildDcatDataset(input({ title: ' \u0000 ', description: '', contactName: '' }), BASE_URL);
    expect(d.title).toBe('building-permits');
    expect(d.description).toBe('building-permits');
    expect(d.contactPoint.fn).toBe('Planning and Zoning');
    expectFederalValidExceptCodes(d);
  });

  it('rejects a base URL that is not an absolute http(s) URL', () => {
    expect(() => buildDcatCatalog(several, 'data.danbury.example')).toThrow(/baseUrl/);
    expect(() => buildDcatCatalog(several, 'ftp://data.danbury.example')).toThrow(/baseUrl/);
  });
});

describe('the schema validation can fail', () => {
  const valid = () => JSON.parse(JSON.stringify(buildDcatCatalog(several, BASE_URL))) as DcatCatalog;
  const firstDataset = (c: DcatCatalog) => c.dataset[0] as unknown as Record<string, unknown>;

  it('rejects a dataset without a title', () => {
    const broken = valid();
    delete firstDataset(broken).title;
    expect(errorsOf(schemas.catalog, broken)).toContainEqual(
      expect.objectContaining({ instancePath: '/dataset/0', params: { missingProperty: 'title' } }),
    );
  });

  it('rejects an access level DCAT-US does not know', () => {
    const broken = valid();
    firstDataset(broken).accessLevel = 'secret';
    expect(errorsOf(schemas.catalog, broken)).toContainEqual(
      expect.objectContaining({ instancePath: '/dataset/0/accessLevel', keyword: 'enum' }),
    );
  });

  it('rejects a download distribution without a mediaType', () => {
    const broken = valid();
    delete (broken.dataset[0]!.distribution[0] as { mediaType?: string }).mediaType;
    expect(errorsOf(schemas.catalog, broken)).toContainEqual(
      expect.objectContaining({ params: { missingProperty: 'mediaType' } }),
    );
  });

  it('rejects a contact email without mailto:, rights over 255 characters and a wrong conformsTo', () => {
    const broken = valid();
    broken.dataset[0]!.contactPoint.hasEmail = 'permits@danbury.example';
    broken.dataset[1]!.rights = 'x'.repeat(256);
    (broken as { conformsTo: string }).conformsTo = 'https://project-open-data.cio.gov/v1.0/schema';
    const paths = errorsOf(schemas.catalog, broken).map((e) => e.instancePath);
    expect(paths).toEqual(
      expect.arrayContaining(['/conformsTo', '/dataset/0/contactPoint/hasEmail', '/dataset/1/rights']),
    );
  });
});
