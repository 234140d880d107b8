import { MAX_SCANNED_CHARS } from '../../../lambdas/domain/personal-data';
import { createProtectedAddressMatcher } from '../../../lambdas/domain/records/protected-addresses';
import {
  createReleaseScanner,
  kindOf,
  MAX_SAMPLE_LOCATIONS,
  notScannableReport,
  personalDataInText,
  releaseNeedsDecision,
  type DocumentFinding,
  type DocumentScanReport,
  type ReleaseScannerOptions,
} from '../../../lambdas/domain/records/release-scan';

const SSN = '123-45-6789';
const PROTECTED = [{ id: 'pa-1', address: '12 N Main St', category: 'police-officer' }];

type ProtectedList = ReleaseScannerOptions['protectedAddresses'];

function scanCsv(rows: string[][], protectedAddresses: ProtectedList = PROTECTED): DocumentScanReport {
  const scanner = createReleaseScanner({ kind: 'csv', protectedAddresses });
  for (const row of rows) scanner.scanRow(row);
  return scanner.report();
}

function scanLines(lines: string[], protectedAddresses: ProtectedList = PROTECTED): DocumentScanReport {
  const scanner = createReleaseScanner({ kind: 'text', protectedAddresses });
  lines.forEach((line, i) => scanner.scanText(line, `line ${i + 1}`));
  return scanner.report();
}

const brief = (f: DocumentFinding) => [f.where, f.pattern, f.count, f.sampleLocations];

describe('kindOf', () => {
  it.each([
    ['ledger.csv', undefined, 'csv'],
    ['LEDGER.CSV', undefined, 'csv'],
    ['letter.txt', undefined, 'text'],
    ['minutes.md', undefined, 'text'],
    ['export.tsv', undefined, 'text'],
    ['page.html', undefined, 'text'],
    ['data.json', undefined, 'json'],
    ['parcels.geojson', undefined, 'json'],
    ['events.ndjson', undefined, 'json'],
    ['report.pdf', undefined, 'pdf'],
    ['report.pdf', 'text/plain', 'pdf'],
    ['upload', 'application/pdf', 'pdf'],
    ['upload.bin', 'text/csv; charset=utf-8', 'csv'],
    ['upload', 'application/vnd.api+json', 'json'],
    ['notes', 'TEXT/PLAIN', 'text'],
    ['photo.jpg', 'image/jpeg', 'not-scannable'],
    ['scan.tiff', undefined, 'not-scannable'],
    ['memo.docx', undefined, 'not-scannable'],
    ['budget.xlsx', undefined, 'not-scannable'],
    ['records.zip', 'application/zip', 'not-scannable'],
    ['message.eml', undefined, 'not-scannable'],
    ['no-extension', undefined, 'not-scannable'],
    ['constructor', undefined, 'not-scannable'],
    ['x.toString', undefined, 'not-scannable'],
  ])('%s (%s) -> %s', (name, type, kind) => {
    expect(kindOf(name, type)).toBe(kind);
  });
});

describe('releaseNeedsDecision', () => {
  const clean: DocumentScanReport = { scannedAs: 'text', bytesScanned: 10, truncated: false, findings: [] };
  it('lets a clean, fully scanned document through and holds back everything else', () => {
    expect(releaseNeedsDecision(clean)).toBe(false);
    expect(releaseNeedsDecision({ ...clean, truncated: true })).toBe(true);
    expect(releaseNeedsDecision(notScannableReport('an image'))).toBe(true);
    const finding: DocumentFinding = {
      pattern: 'us-ssn',
      label: 'Social Security number',
      where: 'text',
      count: 1,
      sampleLocations: ['line 1'],
    };
    expect(releaseNeedsDecision({ ...clean, findings: [finding] })).toBe(true);
  });
});

describe('personalDataInText (free text rules)', () => {
  it.each([
    ['Your SSN 123-45-6789 is on file.', ['us-ssn']],
    ['SSN: 123456789', ['us-ssn']],
    ['Social Security No.: 123 45 6789', ['us-ssn']],
    ['The applicant has her SSN: 123456789', ['us-ssn']],
    ['SSN: 123456789 DOB: 03/12/1985', ['us-ssn', 'date-of-birth']],
    ['Write to jane.doe@gmail.com today', ['email-address']],
    ['Call (203) 555-0147', ['phone-number']],
    ['Cell: 2035550147', ['phone-number']],
    ['Date of Birth: 03/12/1985', ['date-of-birth']],
    ['D.O.B. 1985-03-12', ['date-of-birth']],
    ['DOB 3/12/85', ['date-of-birth']],
    ['She was born on March 12, 1985 in Danbury.', ['date-of-birth']],
    ['birthdate: 12 March 1985', ['date-of-birth']],
    ['  "applicant_dob": "1985-03-12",', ['date-of-birth']],
    ['{"ssn":"123456789","dob":"1985-03-12"}', ['us-ssn', 'date-of-birth']],
    ["Driver's License #: 123456789", ['ct-drivers-license']],
    ['Account #: 12345678', ['bank-account-number']],
    ['Routing: 021000021', ['bank-account-number']],
    ['Card 4111 1111 1111 1111 exp 12/26', ['payment-card-number']],
    ['Her home address is 12 Main Street, Danbury.', ['street-address-of-person']],
    ['12 Main Street is her residence.', ['street-address-of-person']],
    ['He resides at 4B Deer Hill Avenue Apt 2', ['street-address-of-person']],
    ['Owner: Jane Doe, 12 Main St', ['street-address-of-person']],
    ['Tenant Name: Jane Doe  Unit: 12 Main St', ['street-address-of-person']],
  ])('%j -> %j', (line, patterns) => {
    expect(personalDataInText(line)).toEqual(patterns);
  });

  it.each([
    // Dates without a birth keyword right before them are ordinary dates.
    'The hearing is on 03/12/2025.',
    'Issued: 03/12/1985',
    'Date of birth unknown; file opened 03/12/1985',
    'adobe 03/12/1985',
    'stubborn 03/12/1985',
    'born in 1985',
    // Bare numbers are not personal without a label that says so.
    'Permit: 123456789',
    'Ref: 2025-000123456',
    'Parcel 123456789 was sold',
    'Invoice 2035550147',
    'Meeting at 10:30 in room 12',
    // Addresses without a word about residence nearby are locations.
    'The fire was at 12 Main Street.',
    'Inspection of 155 Deer Hill Avenue completed',
    'Ward 3 Main Street address list',
    // Masked and invalid numbers.
    'SSN: XXX-XX-6789',
    'SSN: 000-12-3456',
    'Card 4111 1111 1111 1112',
    '',
  ])('%j -> nothing', (line) => {
    expect(personalDataInText(line)).toEqual([]);
  });

  it('scans long lines in windows, including a pattern on a window edge', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(2000);
    expect(filler.length).toBeGreaterThan(4 * MAX_SCANNED_CHARS);
    expect(personalDataInText(`${filler}SSN ${SSN} end`)).toEqual(['us-ssn']);
    for (let shift = -12; shift <= 2; shift++) {
      const before = 'x '.repeat((MAX_SCANNED_CHARS + shift) >> 1);
      expect(personalDataInText(`${before}${SSN} and more`)).toEqual(['us-ssn']);
    }
    expect(personalDataInText(`${filler}date of birth: 1985-03-12`)).toEqual(['date-of-birth']);
    expect(personalDataInText(filler)).toEqual([]);
  });
});

describe('createReleaseScanner: CSV', () => {
  it('reads the header like the dataset scanner: SSN, birth, phone and account columns', () => {
    const report = scanCsv([
      ['case_id', 'ssn', 'birth_date', 'home_phone', 'acct', 'issued'],
      ['2025-001', '123456789', '1985-03-12', '2035550147', '12345678', '1985-03-12'],
      ['2025-002', '', '', '', '', '2025-01-02'],
      ['2025-003', '212-34-5678', '3/12/85', '', '', ''],
    ]);
    expect(report.scannedAs).toBe('csv');
    expect(report.truncated).toBe(false);
    expect(report.findings.map(brief)).toEqual([
      ['column "ssn"', 'us-ssn', 2, ['row 1', 'row 3']],
      ['column "birth_date"', 'date-of-birth', 2, ['row 1', 'row 3']],
      ['column "home_phone"', 'phone-number', 1, ['row 1']],
      ['column "acct"', 'bank-account-number', 1, ['row 1']],
    ]);
    expect(report.findings[0]!.label).toBe('Social Security number');
  });

  it('finds addresses in every column of a file that names people, and none in one that does not', () => {
    const withNames = scanCsv([
      ['owner_name', 'location'],
      ['Jane Doe', '34 Elm Street'],
    ]);
    expect(withNames.findings.map(brief)).toEqual([
      ['column "location"', 'street-address-of-person', 1, ['row 1']],
    ]);
    const withoutNames = scanCsv([
      ['permit', 'location'],
      ['B-1', '34 Elm Street'],
    ]);
    expect(withoutNames.findings).toEqual([]);
  });

  it('applies the free-text rules inside cells (a notes column)', () => {
    const report = scanCsv([
      ['incident', 'notes'],
      ['1', 'Subject DOB 3/12/85, lives at 34 Elm Street'],
      ['2', 'nothing to see on 3/12/2025 at 34 Elm Street'],
    ]);
    expect(report.findings.map(brief)).toEqual([
      ['column "notes"', 'date-of-birth', 1, ['row 1']],
      ['column "notes"', 'street-address-of-person', 1, ['row 1']],
    ]);
  });

  it('counts every matching cell but keeps at most 5 sample rows, the first ones', () => {
    const rows = [['name', 'email']];
    for (let i = 1; i <= 12; i++) rows.push([`P${i}`, i % 2 === 0 ? `p${i}@example.com` : '']);
    const [finding] = scanCsv(rows).findings;
    expect(finding!.count).toBe(6);
    expect(finding!.sampleLocations).toEqual(['row 2', 'row 4', 'row 6', 'row 8', 'row 10']);
    expect(finding!.sampleLocations.length).toBe(MAX_SAMPLE_LOCATIONS);
  });

  it('names columns by position when the first row is data, and reports that row', () => {
    const report = scanCsv([
      ['Jane Doe', SSN, 'jane@example.com'],
      ['John Roe', '212-34-5678', 'john@example.com'],
    ]);
    expect(report.findings.map(brief)).toEqual([
      ['column 2', 'us-ssn', 2, ['header row', 'row 1']],
      ['column 3', 'email-address', 2, ['header row', 'row 1']],
    ]);
    expect(JSON.stringify(report)).not.toMatch(/123-45-6789|jane@/);
  });

  it('never uses a header with many digits, control characters or great length as a label', () => {
    const long = 'x'.repeat(200);
    const report = scanCsv([
      ['20250312 ref', 'tab\there', long, ''],
      ['123-45-6789', '123-45-6789', '123-45-6789', '123-45-6789'],
    ]);
    expect(report.findings.map((f) => f.where)).toEqual(['column 1', 'column 2', 'column 3', 'column 4']);
  });

  it('scans cells beyond the header as free text', () => {
    const report = scanCsv([
      ['a', 'b'],
      ['1', '2', `SSN ${SSN}`],
    ]);
    expect(report.findings.map(brief)).toEqual([['column 3', 'us-ssn', 1, ['row 1']]]);
  });

  it('finds a protected address in a cell and across a house-number column and a street column', () => {
    const report = scanCsv([
      ['house_no', 'street', 'remarks'],
      ['12', 'North Main Street', ''],
      ['5', 'Elm St', 'officer lives at 12 N. Main St., apt 4'],
      ['12', 'Main Street', ''],
    ]);
    const found = report.findings.filter((f) => f.pattern === 'protected-address');
    expect(found.map(brief)).toEqual([
      ['column "remarks"', 'protected-address', 1, ['row 2']],
      ['row (across columns)', 'protected-address', 1, ['row 1']],
    ]);
    expect(found[0]!.label).toBe(
      'Residential address of a protected person (C.G.S. \u00a71-217): Sworn police or law enforcement officer',
    );
  });
});

describe('createReleaseScanner: free text', () => {
  it('groups findings by pattern with line samples and counts', () => {
    const report = scanLines([
      'Dear Ms. Doe,',
      `Your SSN ${SSN} and e-mail jane.doe@gmail.com are on file.`,
      'Nothing here.',
      `A second copy: 212-34-5678 (SSN ${SSN}).`,
      'Reply to records@danbury-ct.gov',
    ]);
    expect(report.scannedAs).toBe('text');
    expect(report.findings.map(brief)).toEqual([
      ['text', 'us-ssn', 2, ['line 2', 'line 4']],
      ['text', 'email-address', 2, ['line 2', 'line 5']],
    ]);
  });

  it('splits multi-line text and samples each location once', () => {
    const scanner = createReleaseScanner({ kind: 'pdf', protectedAddresses: [] });
    scanner.scanText(`Roster\r\nA ${SSN}\nB 212-34-5678\n`, 'page 1');
    scanner.scanText('nothing', 'page 2');
    scanner.scanText(`C ${SSN}`, 'page 3');
    const report = scanner.report({ bytesScanned: 1234 });
    expect(report).toEqual({
      scannedAs: 'pdf',
      bytesScanned: 1234,
      truncated: false,
      findings: [
        {
          pattern: 'us-ssn',
          label: 'Social Security number',
          where: 'text',
          count: 3,
          sampleLocations: ['page 1', 'page 3'],
        },
      ],
    });
  });

  it('reports protected addresses by category, with a generic label for an unknown category', () => {
    const matcher = createProtectedAddressMatcher([
      { id: 'a', address: '12 N Main St', category: 'judge' },
      { id: 'b', address: '3 Elm St', category: 'firefighter' },
      { id: 'c', address: '9 Oak Ave', category: 'something-else' },
    ]);
    const report = scanLines(
      [
        'The judge lives at 12 North Main Street, Apt 4.',
        'Copies to 3 Elm Street and 9 Oak Avenue',
        '12 N Main St',
      ],
      matcher,
    );
    const found = report.findings.filter((f) => f.pattern === 'protected-address');
    expect(found.map((f) => [f.label, f.count, f.sampleLocations])).toEqual([
      [
        'Residential address of a protected person (C.G.S. \u00a71-217): Judge, magistrate or family support magistrate',
        2,
        ['line 1', 'line 3'],
      ],
      ['Residential address of a protected person (C.G.S. \u00a71-217): Firefighter', 1, ['line 2']],
      ['Residential address of a protected person (C.G.S. \u00a71-217)', 1, ['line 2']],
    ]);
  });

  it('counts characters when no byte count is given, and carries truncation and a note', () => {
    const scanner = createReleaseScanner({ kind: 'json', protectedAddresses: [] });
    scanner.scanText('{"a": 1}', 'line 1');
    expect(scanner.report()).toEqual({ scannedAs: 'json', bytesScanned: 8, truncated: false, findings: [] });
    expect(scanner.report({ truncated: true, note: 'cut' })).toMatchObject({ truncated: true, note: 'cut' });
  });

  it('keeps CSV rows and text apart', () => {
    expect(() => createReleaseScanner({ kind: 'text', protectedAddresses: [] }).scanRow(['a'])).toThrow(
      /CSV/,
    );
    expect(() =>
      createReleaseScanner({ kind: 'csv', protectedAddresses: [] }).scanText('a', 'line 1'),
    ).toThrow(/scanRow/);
  });

  it('never puts a matched value in a report', () => {
    const values = [SSN, '123456789', 'jane.doe@gmail.com', '203-555-0147', '1985-03-12', '12 North Main'];
    const report = scanLines([
      `SSN ${SSN}, SSN: 123456789, jane.doe@gmail.com, (203) 555-0147`,
      'DOB: 1985-03-12; lives at 12 North Main Street',
    ]);
    expect(report.findings.length).toBeGreaterThanOrEqual(5);
    const json = JSON.stringify(report);
    for (const v of values) expect(json).not.toContain(v);
    expect(json).not.toMatch(/\d{3}-\d{2}-\d{4}|@/);
  });
});
