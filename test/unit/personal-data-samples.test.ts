import { parse } from 'csv-parse/sync';
import { createPersonalDataScanner } from '../../lambdas/domain/personal-data';
import { SAMPLE_DATASETS, toCsv } from '../../local/seed/sample-datasets';

// The sample datasets local mode seeds are meant to carry no personal data:
// the gate must let every one of them through, read the way ingestion reads a file.
describe('personal-data gate over the seeded sample datasets', () => {
  it('has sample datasets to check', () => {
    expect(SAMPLE_DATASETS.length).toBeGreaterThan(0);
  });

  it.each(SAMPLE_DATASETS.map((d) => [d.record.datasetId, d] as const))(
    '%s has no personal-data findings',
    (_id, dataset) => {
      const columns = dataset.record.columns.map((c) => c.name);
      const [header, ...records] = parse(toCsv(columns, dataset.rows)) as string[][];
      expect(header).toEqual(columns);
      expect(records).toHaveLength(dataset.rows.length);

      const scanner = createPersonalDataScanner(header!);
      records.forEach((record, i) => scanner.scanRow(i + 1, record));
      expect(scanner.findings()).toEqual([]);
    },
  );

  it.each(SAMPLE_DATASETS.map((d) => [d.record.datasetId, d] as const))(
    '%s has no findings when its values are scanned as plain strings',
    (_id, dataset) => {
      const scanner = createPersonalDataScanner(dataset.record.columns.map((c) => c.name));
      dataset.rows.forEach((row, i) => scanner.scanRow(i + 1, row.map(String)));
      expect(scanner.findings()).toEqual([]);
    },
  );
});
