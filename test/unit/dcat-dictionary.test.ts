import {
  buildDataDictionary,
  type DataDictionaryInput,
  type DictionaryColumnInput,
} from '../../lambdas/domain/datasets/dictionary';

const BASE_URL = 'https://data.danbury.example';

const TABLE_SCHEMA_TYPES = ['string', 'number', 'integer', 'boolean', 'date', 'datetime'];

function column(field: string, overrides: Partial<DictionaryColumnInput> = {}): DictionaryColumnInput {
  return {
    field,
    title: field.replace(/_/g, ' '),
    type: 'text',
    description: `The ${field.replace(/_/g, ' ')}.`,
    sortable: false,
    ...overrides,
  };
}

const decision = {
  pattern: 'person-name',
  decision: 'public-by-law' as const,
  reason: 'Property owners are public under CGS § 12-55 (grand list).',
  decidedAt: '2025-02-01T15:04:05.000Z',
};

function input(overrides: Partial<DataDictionaryInput> = {}): DataDictionaryInput {
  return {
    datasetId: 'property-assessments',
    title: 'Property assessments',
    version: 3,
    rowCount: 31_245,
    primaryKey: 'parcel_id',
    columns: [
      column('parcel_id', { title: 'Parcel ID', sortable: true }),
      column('owner_name', { title: 'Owner', personalData: [decision] }),
      column('owner_address', {
        title: 'Owner address',
        personalData: [
          { ...decision, pattern: 'person-address' },
          { ...decision, pattern: 'phone-number', reason: 'Listed in the public grand list.' },
        ],
      }),
      column('assessed_value', { type: 'number', sortable: true }),
      column('units', { type: 'integer', personalData: [] }),
      column('exempt', { type: 'boolean' }),
      column('assessment_date', { type: 'date', sortable: true }),
      column('updated_at', { type: 'datetime' }),
    ],
    ...overrides,
  };
}

describe('buildDataDictionary', () => {
  it('describes the dataset version: id, title, version, row count, primary key, metadata URL', () => {
    const d = buildDataDictionary(input(), `${BASE_URL}/`);
    expect(d).toMatchObject({
      datasetId: 'property-assessments',
      title: 'Property assessments',
      version: 3,
      rowCount: 31_245,
      primaryKey: 'parcel_id',
      dataset: `${BASE_URL}/v1/datasets/property-assessments`,
    });
  });

  it('keeps the columns in file order', () => {
    const d = buildDataDictionary(input(), BASE_URL);
    expect(d.fields.map((f) => f.name)).toEqual(input().columns.map((c) => c.field));
    const reversed = input({ columns: [...input().columns].reverse() });
    expect(buildDataDictionary(reversed, BASE_URL).fields.map((f) => f.name)).toEqual(
      reversed.columns.map((c) => c.field),
    );
  });

  it('uses Table Schema field properties and types, keeping the platform type alongside', () => {
    const d = buildDataDictionary(input(), BASE_URL);
    for (const f of d.fields) {
      expect(TABLE_SCHEMA_TYPES).toContain(f.type);
      expect(typeof f.name).toBe('string');
      expect(typeof f.title).toBe('string');
      expect(typeof f.description).toBe('string');
      expect(typeof f.sortable).toBe('boolean');
    }
    expect(d.fields.map((f) => [f.platformType, f.type])).toEqual([
      ['text', 'string'],
      ['text', 'string'],
      ['text', 'string'],
      ['number', 'number'],
      ['integer', 'integer'],
      ['boolean', 'boolean'],
      ['date', 'date'],
      ['datetime', 'datetime'],
    ]);
    expect(d.fields[0]).toEqual({
      name: 'parcel_id',
      title: 'Parcel ID',
      type: 'string',
      platformType: 'text',
      description: 'The parcel id.',
      sortable: true,
      clearedInPersonalDataGate: false,
    });
  });

  it('flags the columns cleared in the personal-data gate, with pattern(s) and reason', () => {
    const fields = buildDataDictionary(input(), BASE_URL).fields;
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(byName.owner_name).toMatchObject({
      clearedInPersonalDataGate: true,
      personalDataDecisions: [decision],
    });
    expect(byName.owner_address!.clearedInPersonalDataGate).toBe(true);
    expect(byName.owner_address!.personalDataDecisions!.map((p) => [p.pattern, p.reason])).toEqual([
      ['person-address', decision.reason],
      ['phone-number', 'Listed in the public grand list.'],
    ]);
    for (const name of ['parcel_id', 'assessed_value', 'units', 'exempt', 'assessment_date', 'updated_at']) {
      expect(byName[name]!.clearedInPersonalDataGate).toBe(false);
      expect(byName[name]).not.toHaveProperty('personalDataDecisions');
    }
  });

  it('leaves primaryKey out when the dataset has none', () => {
    const d = buildDataDictionary(input({ primaryKey: undefined }), BASE_URL);
    expect(d).not.toHaveProperty('primaryKey');
  });

  it('refuses a primary key that is not a column, and duplicate column names', () => {
    expect(() => buildDataDictionary(input({ primaryKey: 'parcel' }), BASE_URL)).toThrow(
      /primary key "parcel"/,
    );
    expect(() =>
      buildDataDictionary(
        input({ columns: [column('a'), column('b'), column('a')], primaryKey: 'a' }),
        BASE_URL,
      ),
    ).toThrow(/duplicate column "a"/);
  });

  it('strips control characters from titles, descriptions and reasons', () => {
    const d = buildDataDictionary(
      input({
        title: 'Property\u0000 assessments',
        columns: [
          column('parcel_id', {
            title: 'Parcel\tID\u0007',
            description: 'Line one\r\nline two\u001f',
            personalData: [{ ...decision, reason: 'Public\u0000 by law.' }],
          }),
        ],
      }),
      BASE_URL,
    );
    expect(d.title).toBe('Property assessments');
    expect(d.fields[0]).toMatchObject({
      title: 'Parcel ID',
      description: 'Line one\nline two',
      personalDataDecisions: [expect.objectContaining({ reason: 'Public by law.' })],
    });
  });

  it('serializes to plain JSON without losing anything', () => {
    const d = buildDataDictionary(input(), BASE_URL);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });
});
