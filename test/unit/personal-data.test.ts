import {
  classifyColumnName,
  columnNameTokens,
  createPersonalDataScanner,
  isAbaRoutingNumber,
  isIban,
  isNanpNumber,
  isPaymentCardNumber,
  isValidSsn,
  luhnValid,
  MAX_SCANNED_CHARS,
  PERSONAL_DATA_PATTERNS,
  planColumns,
  type ColumnFinding,
  type PersonalDataPattern,
} from '../../lambdas/domain/personal-data';

/** Patterns found in one cell of `column` (other columns of the dataset given by `columns`). */
function patternsIn(value: string, column = 'notes', columns: string[] = [column]): PersonalDataPattern[] {
  const scanner = createPersonalDataScanner(columns);
  const row = columns.map((c) => (c === column ? value : ''));
  scanner.scanRow(1, row);
  return scanner.findings().map((f) => f.pattern);
}

function scan(columns: string[], rows: string[][]): ColumnFinding[] {
  const scanner = createPersonalDataScanner(columns);
  rows.forEach((row, i) => scanner.scanRow(i + 1, row));
  return scanner.findings();
}

describe('PERSONAL_DATA_PATTERNS', () => {
  it('lists every pattern once, in report order, with a title and description', () => {
    expect(PERSONAL_DATA_PATTERNS.map((p) => p.pattern)).toEqual([
      'us-ssn',
      'date-of-birth',
      'email-address',
      'phone-number',
      'ct-drivers-license',
      'payment-card-number',
      'bank-account-number',
      'street-address-of-person',
    ]);
    for (const p of PERSONAL_DATA_PATTERNS) {
      expect(p.title.length).toBeGreaterThan(3);
      expect(p.description.length).toBeGreaterThan(20);
    }
  });
});

describe('us-ssn', () => {
  it.each([
    '123-45-6789',
    '123 45 6789',
    'SSN: 078-05-1120',
    'ssn-123-45-6789',
    '(899-99-9999)',
    'Applicant SSN 123-45-6789 on file',
    '001-01-0001',
    'first 123-45-6789, second',
  ])('finds %j anywhere', (value) => {
    expect(patternsIn(value)).toEqual(['us-ssn']);
  });

  it.each([
    ['ssn', '123456789'],
    ['SSN', ' 123456789 '],
    ['SocialSecurityNumber', '123-45-6789'],
    ['social_security_no', '123.45.6789'],
    ['taxpayer_id', '123456789'],
    ['Tax ID', '123/45/6789'],
    ['SS#', '123456789'],
    ['applicantSSN', '123456789.0'],
    ['ssn', '12345678'], // 012-34-5678 after a spreadsheet dropped the leading zero
    ['ssn', '1234567'], // 001-23-4567
  ])('finds bare or dotted digits in SSN column %j: %j', (column, value) => {
    expect(patternsIn(value, column)).toEqual(['us-ssn']);
  });

  it.each([
    ['notes', '000-12-3456'],
    ['notes', '666-12-3456'],
    ['notes', '900-12-3456'],
    ['notes', '999-99-9999'],
    ['notes', '123-00-4567'],
    ['notes', '123-45-0000'],
    ['notes', '123-45-67890'],
    ['notes', '1123-45-6789'],
    ['notes', '123-45-6789-1'],
    ['notes', '5-123-45-6789'],
    ['notes', 'A123-45-6789'],
    ['notes', '123-45 6789'],
    ['notes', '123.45.6789'],
    ['notes', '123-456-789'],
    ['notes', '12-345-6789'],
    ['notes', '123456789'],
    ['permit_number', '123456789'],
    ['parcel_id', '123456789'],
    ['ssn', '000123456'],
    ['ssn', '123-45-0000'],
    ['ssn', '123456'],
    ['ssn', '1234567890'],
    ['ssn', 'XXX-XX-6789'],
    ['classname', '123456789'],
  ])('does not flag %j = %j', (column, value) => {
    expect(patternsIn(value, column)).not.toContain('us-ssn');
  });
});

describe('date-of-birth', () => {
  it.each([
    ['dob', '1985-03-12'],
    ['DOB', '1985/3/12'],
    ['date_of_birth', '03/12/1985'],
    ['DateOfBirth', '3/12/85'],
    ['birthdate', '12.03.1985'],
    ['Birth Date', '31/12/1985'],
    ['birth_dt', '19850312'],
    ['born', '03121985'],
    ['applicant_dob', 'March 12, 1985'],
    ['dob', 'Mar 12 1985'],
    ['dob', 'Sept. 5, 1990'],
    ['dob', '12 March 1985'],
    ['dob', '12-Mar-85'],
    ['dob', '1985-03-12T00:00:00Z'],
    ['dob', '03/12/1985 12:00 AM'],
    ['dob', '2000-02-29'],
    ['fecha_de_nacimiento', '12/03/1985'],
    ['PersonDOB', ' 1985-03-12 '],
  ])('finds a date in birth column %j: %j', (column, value) => {
    expect(patternsIn(value, column)).toEqual(['date-of-birth']);
  });

  it.each([
    ['dob', '1985'],
    ['dob', 'March 1985'],
    ['dob', '13/13/1985'],
    ['dob', '1985-02-30'],
    ['dob', '1900-02-29'],
    ['dob', '02/30/1985'],
    ['dob', '0000-00-00'],
    ['dob', 'unknown'],
    ['dob', '1700-01-01'],
    ['inspection_date', '1985-03-12'],
    ['issue_date', '03/12/1985'],
    ['date', 'March 12, 1985'],
    ['adobe_version_date', '1985-03-12'],
    ['notes', 'born 1985-03-12'],
  ])('does not flag %j = %j', (column, value) => {
    expect(patternsIn(value, column)).not.toContain('date-of-birth');
  });
});

describe('email-address', () => {
  it.each([
    'jane.doe@example.com',
    'Contact: JANE@EXAMPLE.ORG today',
    'a+tag@mail.danbury.ct.us',
    "o'brien@example.ie",
    'x@y.co',
    '<jdoe@gmail.com>',
    'first@example.com; second@example.com',
    'mailto:clerk@danbury.gov',
    'user@xn--bcher-kva.example',
    'user@example.xn--p1ai',
    'written to jane_doe99@yahoo.com.',
  ])('finds %j', (value) => {
    expect(patternsIn(value)).toEqual(['email-address']);
  });

  it.each([
    '@danbury',
    'user@localhost',
    'foo@bar',
    'icon@2x.png',
    'meet @ 5pm',
    'a@b.c',
    'user@.com',
    'user.@example.com',
    'jane at example dot com',
    '@handle on social media',
    'user@example.c0m',
  ])('does not flag %j', (value) => {
    expect(patternsIn(value)).not.toContain('email-address');
  });
});

describe('phone-number', () => {
  it.each([
    '(203) 555-0147',
    '(203)555-0147',
    '203-555-0147',
    '203.555.0147',
    '203 555 0147',
    '203 555-0147',
    '+1 203 555 0147',
    '+1-203-555-0147',
    '1-203-555-0147',
    '+1 (203) 555-0147',
    '+12035550147',
    '+1 2035550147',
    '203-555-0147 x12',
    '203-555-0147 ext. 4',
    '203-555-0147x12',
    'Call 203-555-0147.',
    'tel:203-555-0147',
    '800-555-0199',
  ])('finds %j anywhere', (value) => {
    expect(patternsIn(value)).toEqual(['phone-number']);
  });

  it.each([
    ['phone', '2035550147'],
    ['Cell', '12035550147'],
    ['mobile_number', '5550147'],
    ['fax', '555-0147'],
    ['HomePhone', '+44 20 7946 0958'],
    ['tel', '2035550147.0'],
    ['contact_number', '2035550147'],
    ['telefono', '2035550147'],
  ])('finds bare digits in phone column %j: %j', (column, value) => {
    expect(patternsIn(value, column)).toEqual(['phone-number']);
  });

  it.each([
    ['notes', '2035550147'],
    ['notes', '103-555-0147'],
    ['notes', '003-555-0147'],
    ['notes', '203-155-0147'],
    ['notes', '211-555-0147'],
    ['notes', '06810-1234'],
    ['notes', '203-555-01477'],
    ['notes', '1203-555-0147'],
    ['notes', '203-555-0147-2'],
    ['notes', '2025-07-01'],
    ['notes', 'BP-2025-00012'],
    ['notes', '10.203.555.0147'],
    ['notes', '555-0147'],
    ['order_number', '2035550147'],
    ['phone', '0000000000'],
    ['phone', '1035550147'],
    ['phone', '1234'],
    ['phone', 'n/a'],
    ['phone', '155-0147'],
  ])('does not flag %j = %j', (column, value) => {
    expect(patternsIn(value, column)).not.toContain('phone-number');
  });
});

describe('ct-drivers-license', () => {
  it.each([
    ['drivers_license', '123456789'],
    ['DL Number', ' 987654321 '],
    ['license_no', '123456789'],
    ['operator_license', '123456789'],
    ['License #', 'CT 123456789'],
    ['DriverLicenseNumber', '123456789'],
    ['driver_id', '123456789'],
  ])('finds 9 digits in license column %j: %j', (column, value) => {
    expect(patternsIn(value, column)).toEqual(['ct-drivers-license']);
  });

  it.each([
    ['permit_number', '123456789'],
    ['notes', '123456789'],
    ['dog_license', '123456789'],
    ['license_plate', '123456789'],
    ['liquor_license_number', '123456789'],
    ['drivers_license', '12345678'],
    ['drivers_license', '1234567890'],
    ['drivers_license', 'A1234567'],
    ['drivers_license', '2025-123456789'],
    ['driver', '123456789'],
  ])('does not flag %j = %j', (column, value) => {
    expect(patternsIn(value, column)).not.toContain('ct-drivers-license');
  });
});

/** Appends the Luhn check digit to `body`. */
function withCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

describe('payment-card-number', () => {
  it.each([
    '4111111111111111',
    '4111 1111 1111 1111',
    '4111-1111-1111-1111',
    '4222222222222',
    '5555555555554444',
    '2223003122003222',
    '378282246310005',
    '3782 822463 10005',
    '6011111111111117',
    '6011 0009 9013 9424',
    '3530111333300000',
    '30569309025904',
    '36227206271667',
    '6200000000000005',
    '6759649826438453',
    '2200000000000004',
    'paid with 4111 1111 1111 1111 exp 12/26',
    '4111 1111 1111 1111 12/26',
    'card#4111111111111111',
    'ref 12 4111 1111 1111 1111',
    withCheckDigit('401288888888188'),
  ])('finds %j', (value) => {
    expect(patternsIn(value)).toEqual(['payment-card-number']);
  });

  it.each([
    '4111111111111112',
    '4111 1111 1111 1112',
    '5555555555554440',
    '378282246310006',
    withCheckDigit('123456781234567'), // Luhn-valid, no network starts with 1
    withCheckDigit('900000000000000'), // Luhn-valid, prefix 9
    withCheckDigit('41111111111111'), // Luhn-valid Visa prefix, but Visa issues 13, 16 or 19 digits
    withCheckDigit('378282246310005'), // Luhn-valid Amex prefix, but 16 digits (Amex issues 15)
    '0.4111111111111111',
    '4111111111111111111111',
    'x4111111111111111',
    'Order 7000123456789012',
    '41 11 11 11 11 11 11 11',
    '2025-07-01 12:30:00 2025-07-02 13:30:00',
  ])('does not flag %j', (value) => {
    expect(patternsIn(value)).not.toContain('payment-card-number');
  });
});

describe('bank-account-number', () => {
  it.each([
    ['account_number', '123456789012'],
    ['Acct No', '0001234'],
    ['bank_account', '1234-5678-9012'],
    ['checking_account', 'Checking 123456789'],
    ['routing_number', '021000021'],
    ['ABA', '011000015'],
    ['routing_number', '21000021'], // 021000021 without its leading zero
    ['iban', 'GB82 WEST 1234 5698 7654 32'],
    ['IBAN', 'DE89370400440532013000'],
    ['utility_account', '1234567'],
  ])('finds %j = %j', (column, value) => {
    expect(patternsIn(value, column)).toEqual(['bank-account-number']);
  });

  it.each([
    ['account_number', '****1234'],
    ['account_number', 'XXXX-1234'],
    ['account_number', '•••• 1234'],
    ['account_number', '123'],
    ['account_number', '123456789012345678'],
    ['account_number', 'n/a'],
    ['account_number', '12345.67'],
    ['gl_account', '1010-5100'],
    ['account_description', '12345'],
    ['account_balance', '12345.67'],
    ['expense_account', '51000'],
    ['account_holder', '12345'],
    ['routing_number', '123456789'],
    ['transaction_id', '123456789012'],
    ['notes', '021000021'],
  ])('does not flag %j = %j', (column, value) => {
    expect(patternsIn(value, column)).not.toContain('bank-account-number');
  });
});

describe('street-address-of-person', () => {
  const person = ['owner_name', 'address'];

  it.each([
    '12 Main St',
    '12 Main Street',
    '4B Deer Hill Avenue Apt 2',
    '12-14 White St',
    '12 1/2 Lake Ave',
    '1200 N. Main St.',
    '7 Martin Luther King Jr Blvd',
    '85 West St, Danbury, CT 06810',
    '3 Kenosia Ave #2',
    '15 5th Ave',
    '22 PADANARAM RD',
    '9 Candlewood Lake Road',
    '5 Elm Ct',
    '10 Oak Lane',
    '44 Newtown Road Unit 5',
    'lives at 12 Main St',
    'Apt 3, 12 Main St',
  ])('finds %j in a dataset that names people', (value) => {
    expect(patternsIn(value, 'address', person)).toEqual(['street-address-of-person']);
  });

  it.each([
    'Main Street',
    'Ward 3 Main Street',
    'Route 7 Federal Road',
    'Suite 200 Federal Road',
    'PO Box 12',
    '3 dogs ran on Main St',
    '12 Main',
    '12 Broadway',
    '$12 Main St',
    'Danbury, CT 06810',
    'Unit 5',
    '12',
    '12:30 Main St',
    'March 12 Main Street closure',
    '1st Street',
  ])('does not flag %j', (value) => {
    expect(patternsIn(value, 'address', person)).not.toContain('street-address-of-person');
  });

  it.each([
    'name',
    'first_name',
    'LastName',
    'full_name',
    'owner',
    'Owner Name',
    'property_owner',
    'co_owner_2',
    'resident',
    'Applicant Last Name',
    'complainant',
    'victim',
    'suspect',
    'arrestee',
    'employee',
    'patient',
    'student',
    'tenant',
    'surname',
  ])('treats %j as a column of named people', (nameColumn) => {
    expect(patternsIn('12 Main St', 'location', [nameColumn, 'location'])).toEqual([
      'street-address-of-person',
    ]);
  });

  it.each([
    'street_name',
    'business_name',
    'establishment',
    'owner_department',
    'ownerDepartment',
    'student_count',
    'employee_id',
    'file_name',
    'display_name',
    'owner_address',
  ])('does not treat %j as a column of named people', (otherColumn) => {
    expect(patternsIn('12 Main St', 'location', [otherColumn, 'location'])).toEqual([]);
  });

  it('does not flag business locations in a dataset without person columns', () => {
    expect(
      scan(
        ['establishment', 'street_address', 'inspection_date'],
        [
          ['Candlewood Diner', '12 Main St', '2025-10-01'],
          ['Hat City Bagels', '85 White Street', '2025-10-02'],
        ],
      ),
    ).toEqual([]);
  });

  it.each(['owner_address', 'home_address', 'residence', 'ApplicantAddress', 'tenant_addr'])(
    'flags addresses in a person-address column %j even without a name column',
    (column) => {
      expect(patternsIn('12 Main St', column, ['permit_number', column])).toEqual([
        'street-address-of-person',
      ]);
    },
  );

  it('flags only addresses with house numbers: street_name values stay public', () => {
    expect(
      scan(
        ['tenant', 'street_name', 'address'],
        [
          ['Jane Doe', 'Main Street', '12 Main St'],
          ['John Roe', 'Lake Avenue', ''],
        ],
      ),
    ).toEqual([{ column: 'address', pattern: 'street-address-of-person', count: 1, sampleRows: [1] }]);
  });
});

describe('public values that look close', () => {
  it.each([
    '06810-1234',
    'BP-2025-00012',
    'DPD-26-10000',
    'PW-26000',
    '2026-06-01T05:12:33.000Z',
    '2025-07-01',
    '123456789',
    'Order 1000234567890123',
    'Invoice 2035550147',
    '$1,234,567.89',
    '41.3948, -73.4540',
    '192.168.100.1',
    '12:30:45',
    'ISBN 978-0-306-40615-7',
    '03-11-2025',
    'Main Street',
    '12 Main St',
    'planning@danbury',
  ])('%j in a plain column of a dataset without people has no findings', (value) => {
    expect(patternsIn(value, 'notes', ['permit_number', 'notes', 'issue_date'])).toEqual([]);
  });
});

describe('scanner report', () => {
  it('counts every matching cell and keeps the first five rows as samples', () => {
    const rows = Array.from({ length: 12 }, () => ['123-45-6789']);
    expect(scan(['notes'], rows)).toEqual([
      { column: 'notes', pattern: 'us-ssn', count: 12, sampleRows: [1, 2, 3, 4, 5] },
    ]);
  });

  it('keeps the smallest five distinct row numbers, ascending, whatever the scan order', () => {
    const scanner = createPersonalDataScanner(['notes']);
    for (const row of [9, 7, 3, 12, 1, 5, 2, 3]) scanner.scanRow(row, ['jane@example.com']);
    expect(scanner.findings()).toEqual([
      { column: 'notes', pattern: 'email-address', count: 8, sampleRows: [1, 2, 3, 5, 7] },
    ]);
  });

  it('counts exactly, skipping rows without a match', () => {
    const rows = [
      ['x'],
      ['203-555-0147'],
      [''],
      ['no phone'],
      ['(203) 555-0148'],
      ['203-555-0149 or 203-555-0150'],
    ];
    expect(scan(['notes'], rows)).toEqual([
      { column: 'notes', pattern: 'phone-number', count: 3, sampleRows: [2, 5, 6] },
    ]);
  });

  it('reports several patterns of one cell in pattern order, each once per cell', () => {
    const cell = '4111111111111111 a@b.com 203-555-0147 123-45-6789 c@d.org';
    expect(scan(['notes'], [[cell]]).map((f) => [f.pattern, f.count])).toEqual([
      ['us-ssn', 1],
      ['email-address', 1],
      ['phone-number', 1],
      ['payment-card-number', 1],
    ]);
  });

  it('orders findings by column order, then pattern order', () => {
    const findings = scan(
      ['z_contact', 'a_ssn', 'dob'],
      [
        ['z@example.com 203-555-0147', '123456789', '1985-03-12'],
        ['', '', ''],
        ['203-555-0147', '', '03/12/1985'],
      ],
    );
    expect(findings.map((f) => [f.column, f.pattern, f.count, f.sampleRows])).toEqual([
      ['z_contact', 'email-address', 1, [1]],
      ['z_contact', 'phone-number', 2, [1, 3]],
      ['a_ssn', 'us-ssn', 1, [1]],
      ['dob', 'date-of-birth', 2, [1, 3]],
    ]);
  });

  it('keeps duplicate column names apart, in header order', () => {
    const findings = scan(
      ['email', 'email'],
      [
        ['', 'b@example.com'],
        ['a@example.com', ''],
      ],
    );
    expect(findings).toEqual([
      { column: 'email', pattern: 'email-address', count: 1, sampleRows: [2] },
      { column: 'email', pattern: 'email-address', count: 1, sampleRows: [1] },
    ]);
  });

  it('reports nothing for a clean file, an empty file and empty cells', () => {
    expect(scan(['a', 'b'], [])).toEqual([]);
    expect(
      scan(
        ['a', 'b'],
        [
          ['', ''],
          ['hello', '42'],
        ],
      ),
    ).toEqual([]);
  });

  it('tolerates short rows and ignores cells beyond the header', () => {
    const scanner = createPersonalDataScanner(['notes']);
    scanner.scanRow(1, []);
    scanner.scanRow(2, ['ok', 'a@example.com']);
    expect(scanner.findings()).toEqual([]);
  });

  it('returns copies: changing a report does not change the scanner', () => {
    const scanner = createPersonalDataScanner(['notes']);
    scanner.scanRow(1, ['a@example.com']);
    const first = scanner.findings();
    first[0]!.sampleRows.push(99);
    first[0]!.count = 0;
    expect(scanner.findings()).toEqual([
      { column: 'notes', pattern: 'email-address', count: 1, sampleRows: [1] },
    ]);
  });

  it('examines only the first MAX_SCANNED_CHARS characters of a cell', () => {
    const filler = 'x'.repeat(MAX_SCANNED_CHARS - 20);
    expect(patternsIn(`${filler} a@example.com`)).toEqual(['email-address']);
    expect(patternsIn(`${filler}${' '.repeat(100)} a@example.com`)).toEqual([]);
    expect(patternsIn('7'.repeat(1_000_000))).toEqual([]);
  });

  it('never puts a cell value in a report and never logs', () => {
    const values = ['123-45-6789', 'jane@example.com', '(203) 555-0147', '4111 1111 1111 1111', '12 Main St'];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      jest.spyOn(console, m).mockImplementation(() => undefined),
    );
    try {
      const findings = scan(
        ['name', 'notes'],
        [
          ['Jane Doe', values.join(' ; ')],
          ['x', values[4]!],
        ],
      );
      expect(findings.length).toBeGreaterThanOrEqual(5);
      const report = JSON.stringify(findings);
      for (const v of [...values, 'Jane Doe', '6789', 'jane', '0147']) expect(report).not.toContain(v);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe('validity helpers', () => {
  it.each([
    ['123456789', true],
    ['078051120', true],
    ['000123456', false],
    ['666123456', false],
    ['900123456', false],
    ['123006789', false],
    ['123450000', false],
    ['12345678', false],
  ])('isValidSsn(%j) is %s', (digits, expected) => {
    expect(isValidSsn(digits)).toBe(expected);
  });

  it.each([
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['79927398713', true],
    ['79927398710', false],
    ['4111-1111', false],
  ])('luhnValid(%j) is %s', (digits, expected) => {
    expect(luhnValid(digits)).toBe(expected);
  });

  it.each([
    ['4111111111111111', true],
    ['378282246310005', true],
    ['3782822463100050', false],
    ['4111111111111112', false],
    ['7111111111111119', false],
  ])('isPaymentCardNumber(%j) is %s', (digits, expected) => {
    expect(isPaymentCardNumber(digits)).toBe(expected);
  });

  it.each([
    ['021000021', true],
    ['011000015', true],
    ['121000358', true],
    ['123456789', false],
    ['021000022', false],
    ['991000021', false],
    ['02100002', false],
  ])('isAbaRoutingNumber(%j) is %s', (digits, expected) => {
    expect(isAbaRoutingNumber(digits)).toBe(expected);
  });

  it.each([
    ['GB82 WEST 1234 5698 7654 32', true],
    ['DE89370400440532013000', true],
    ['GB00 WEST 1234 5698 7654 32', false],
    ['GB82', false],
  ])('isIban(%j) is %s', (value, expected) => {
    expect(isIban(value)).toBe(expected);
  });

  it.each([
    ['2035550147', true],
    ['8005550199', true],
    ['1035550147', false],
    ['2115550147', false],
    ['2031550147', false],
  ])('isNanpNumber(%j) is %s', (digits, expected) => {
    expect(isNanpNumber(digits)).toBe(expected);
  });
});

describe('column names', () => {
  it.each([
    ['DateOfBirth', ['date', 'of', 'birth']],
    ['date_of_birth', ['date', 'of', 'birth']],
    ['Date of Birth', ['date', 'of', 'birth']],
    ['applicantSSN', ['applicant', 'ssn']],
    ['SSNLast4', ['ssn', 'last', '4']],
    ['License #', ['license', 'no']],
    ['Teléfono', ['telefono']],
  ])('splits %j into %j', (name, tokens) => {
    expect(columnNameTokens(name)).toEqual(tokens);
  });

  it('reads each trait from the header once, for reports', () => {
    expect(
      planColumns(['tenant_name', 'Home Phone', 'ssn', 'dob', 'DL #', 'acct_no', 'aba', 'notes']).map((p) => [
        p.column,
        Object.entries(p.traits)
          .filter(([, v]) => v)
          .map(([k]) => k),
        p.addresses,
      ]),
    ).toEqual([
      ['tenant_name', ['personName'], true],
      ['Home Phone', ['phone'], true],
      ['ssn', ['ssn'], true],
      ['dob', ['birth'], true],
      ['DL #', ['driversLicense'], true],
      ['acct_no', ['bankAccount'], true],
      ['aba', ['routingNumber'], true],
      ['notes', [], true],
    ]);
    expect(classifyColumnName('inspection_date')).toEqual({
      ssn: false,
      birth: false,
      phone: false,
      driversLicense: false,
      bankAccount: false,
      routingNumber: false,
      personName: false,
      personAddress: false,
    });
  });
});
