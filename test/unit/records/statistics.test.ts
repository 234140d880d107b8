import { buildDataDictionary } from '../../../lambdas/domain/datasets/dictionary';
import { estimateFee } from '../../../lambdas/domain/records/fees';
import { defaultCalendar } from '../../../lambdas/domain/records/holiday-calendar';
import type { RecordsRequest, Requester } from '../../../lambdas/domain/records/records-request';
import {
  computeRequestStatistics,
  median,
  STATISTICS_COLUMNS,
  statisticsCsv,
  type RequestStatisticsRow,
} from '../../../lambdas/domain/records/statistics';

const calendar = defaultCalendar();
const NOW = '2025-04-30T16:00:00Z';
const clerk = { userId: 'u-1', username: 'jdoe.records' };

let seq = 0;
function request(overrides: Partial<RecordsRequest>): RecordsRequest {
  seq++;
  return {
    trackingNumber: `2025-00${String(seq).padStart(4, '0')}`,
    revision: 1,
    status: 'received',
    channel: 'online',
    receivedAt: '2025-03-03T15:00:00Z',
    receivingOffice: 'city-clerk',
    description: `Request number ${seq}`,
    delivery: 'electronic',
    personnelFiles: false,
    pauses: [],
    statutoryDueDate: '2025-03-07',
    calendarVersion: calendar.version,
    accessTokenHash: `${seq}`.padStart(64, 'a'),
    requesterKey: `${seq}`.padStart(64, 'b'),
    createdAt: overrides.receivedAt ?? '2025-03-03T15:00:00Z',
    updatedAt: NOW,
    ...overrides,
  };
}

const closed = (
  outcome: NonNullable<RecordsRequest['determination']>['outcome'],
  at: string,
  exemptions: string[] = [],
  extra: Partial<NonNullable<RecordsRequest['determination']>> = {},
): Partial<RecordsRequest> => ({
  status: outcome,
  determination: { outcome, at, exemptions, by: clerk, ...extra },
  closedAt: at,
});

const waivedFee = estimateFee({ paperPages: 20, waivers: ['indigent'], delivery: 'paper' });
const paidFee = estimateFee({ paperPages: 30, waivers: [], delivery: 'paper' });

// Police, March 2025 (EST until the 9th, EDT after).
const policePartial = request({
  receivedAt: '2025-03-03T15:00:00Z', // Mon; day 0
  department: 'police',
  description: 'Body camera video of the stop of Jordan Sample at 14 Elm St, Danbury',
  firstResponseAt: '2025-03-05T15:00:00Z', // 2 business days
  // A partial denial with two exemptions, closed on Mon 10 March: 5 business days.
  ...closed('partially-fulfilled', '2025-03-10T15:00:00Z', ['1-210(b)(2)', '1-210(b)(10)'], {
    explanation: 'Withheld Officer Lee’s medical note',
  }),
  fee: { invoice: waivedFee, estimatedAt: '2025-03-04T15:00:00Z', estimatedBy: clerk },
});
const policeDeemed = request({
  receivedAt: '2025-03-05T15:00:00Z', // Wed; due Tue 11 March
  receivingOffice: 'city-clerk', // routed to police
  department: 'police',
  description: 'All complaints filed by Morgan Q. Requester, 22 Oak Lane',
  deemedDenial: { on: '2025-03-12', noticeSentAt: '2025-03-12T11:00:00Z' },
  firstResponseAt: '2025-03-14T15:00:00Z', // 7 business days, too late
  ...closed('denied', '2025-03-14T15:00:00Z', ['1-210(b)(2)', 'other-statute'], {
    otherStatuteCitation: 'C.G.S. §14-10 (secret motor vehicle statute)',
  }),
});
const policeOpen = request({
  // Saturday 29 March: received in March, day 0 is Monday 31 March.
  receivedAt: '2025-03-29T16:00:00Z',
  department: 'police',
  status: 'acknowledged',
  description: 'Dispatch logs mentioning Casey Private, phone 203-555-0199',
  firstResponseAt: '2025-03-31T15:00:00Z', // 0 business days
  fee: {
    invoice: paidFee,
    estimatedAt: '2025-04-01T15:00:00Z',
    estimatedBy: clerk,
    paidAt: '2025-04-02T15:00:00Z',
  },
});

// Public Works, March 2025; both only ever reached the receiving office.
const worksFulfilled = request({
  receivedAt: '2025-03-10T15:00:00Z',
  receivingOffice: 'public-works',
  description: 'Snow plow routes for my street, 7 Birch Rd',
  firstResponseAt: '2025-03-11T15:00:00Z', // 1
  ...closed('fulfilled', '2025-03-14T15:00:00Z'), // 4
});
const worksWithdrawn = request({
  // 22:00 on 31 March in Danbury is already 1 April in UTC: still a March request.
  receivedAt: '2025-04-01T02:00:00Z',
  receivingOffice: 'public-works',
  description: 'Withdrawn: sewer permits for 3 Pine Ct',
  // Withdrawn the same evening; the closing notice is the first written response: 0 and 0.
  ...closed('withdrawn', '2025-04-01T03:00:00Z'),
});

// Police, April 2025.
const policeNoRecords = request({
  receivedAt: '2025-04-01T15:00:00Z',
  department: 'police',
  firstResponseAt: '2025-04-03T15:00:00Z',
  ...closed('no-records', '2025-04-03T15:00:00Z'), // 2 and 2
});
const policeOverdue = request({
  receivedAt: '2025-04-02T15:00:00Z',
  department: 'police',
  status: 'in-progress',
  deemedDenial: { on: '2025-04-09' },
});

// Public Works, April 2025: Good Friday (18 April) is a legal holiday.
const worksAroundGoodFriday = request({
  receivedAt: '2025-04-15T15:00:00Z', // due Tue 22 April, not Mon 21
  receivingOffice: 'public-works',
  firstResponseAt: '2025-04-22T15:00:00Z',
  ...closed('fulfilled', '2025-04-22T15:00:00Z'),
});

const fixtures = [
  worksAroundGoodFriday,
  policeOverdue,
  policePartial,
  worksWithdrawn,
  policeNoRecords,
  policeDeemed,
  worksFulfilled,
  policeOpen,
];
const requesters: Requester[] = [
  { name: 'Jordan Sample', email: 'jordan.sample@example.org', phone: '203-555-0142' },
  { name: 'Morgan Q. Requester', postalAddress: '22 Oak Lane, Danbury, CT 06810' },
];

const rows = computeRequestStatistics(fixtures, calendar, NOW);
const rowOf = (month: string, department: string) => {
  const row = rows.find((r) => r.month === month && r.department === department);
  if (!row) throw new Error(`no row ${month} ${department}`);
  return row;
};

describe('computeRequestStatistics', () => {
  it('makes one row per month of receipt and department, sorted by month then department', () => {
    expect(rows.map((r) => `${r.month} ${r.department}`)).toEqual([
      '2025-03 police',
      '2025-03 public-works',
      '2025-04 police',
      '2025-04 public-works',
    ]);
  });

  it('counts police in March: a partial denial, a deemed denial and an open request', () => {
    expect(rowOf('2025-03', 'police')).toEqual({
      month: '2025-03',
      department: 'police',
      requests_received: 3,
      requests_closed: 2,
      still_open: 1,
      // [2, 7, 0]: odd count, the middle value.
      median_business_days_to_first_response: 2,
      // [5, 7]: even count, the mean of the two.
      median_business_days_to_close: 6,
      answered_within_4_business_days: 2,
      deemed_denials: 1,
      denied: 1,
      partially_fulfilled: 1,
      fulfilled: 0,
      no_records: 0,
      withdrawn: 0,
      // The waived fee adds nothing charged; the paid one on the open request adds $15.00.
      fees_charged_cents: 1500,
      fees_waived_cents: 1000,
      exemptions_cited: '1-210(b)(2):2; 1-210(b)(10):1; other-statute:1',
    } satisfies RequestStatisticsRow);
  });

  it('counts Public Works in March, with a half-day median and the receiving office as department', () => {
    expect(rowOf('2025-03', 'public-works')).toMatchObject({
      requests_received: 2,
      requests_closed: 2,
      still_open: 0,
      median_business_days_to_first_response: 0.5, // [1, 0]
      median_business_days_to_close: 2, // [4, 0]
      answered_within_4_business_days: 2,
      deemed_denials: 0,
      fulfilled: 1,
      withdrawn: 1,
      fees_charged_cents: 0,
      fees_waived_cents: 0,
      exemptions_cited: '',
    });
  });

  it('counts April, with nulls when nothing was answered or closed', () => {
    expect(rowOf('2025-04', 'police')).toMatchObject({
      requests_received: 2,
      requests_closed: 1,
      still_open: 1,
      median_business_days_to_first_response: 2,
      median_business_days_to_close: 2,
      answered_within_4_business_days: 1,
      deemed_denials: 1,
      no_records: 1,
    });
    expect(rowOf('2025-04', 'public-works')).toMatchObject({
      requests_received: 1,
      median_business_days_to_first_response: 4, // Good Friday does not count
      answered_within_4_business_days: 1,
    });
    const onlyOpen = computeRequestStatistics([policeOverdue], calendar, NOW);
    expect(onlyOpen).toHaveLength(1);
    expect(onlyOpen[0]!.median_business_days_to_first_response).toBeNull();
    expect(onlyOpen[0]!.median_business_days_to_close).toBeNull();
  });

  it('returns no rows for no requests', () => {
    expect(computeRequestStatistics([], calendar, NOW)).toEqual([]);
  });

  it('never carries a description, requester, tracking number, token, staff name or free-text citation', () => {
    const secrets = [
      ...fixtures.flatMap((r) => [
        r.description,
        r.trackingNumber,
        r.accessTokenHash,
        r.requesterKey,
        r.determination?.explanation,
        r.determination?.otherStatuteCitation,
      ]),
      ...requesters.flatMap((r) => [r.name, r.email, r.phone, r.postalAddress]),
      clerk.username,
      clerk.userId,
      'Jordan',
      'Morgan',
      'Oak Lane',
      '555-01',
      '14-10',
    ].filter((s): s is string => typeof s === 'string');
    const csv = statisticsCsv(rows);
    for (const row of rows) {
      for (const value of Object.values(row)) {
        for (const secret of secrets) expect(String(value)).not.toContain(secret);
      }
    }
    for (const secret of secrets) expect(csv).not.toContain(secret);
  });
});

describe('median', () => {
  it('takes the middle value, the mean of the two middle values, or null', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });
});

describe('STATISTICS_COLUMNS', () => {
  it('lists every row field, in row order, each with a one-line description', () => {
    expect(STATISTICS_COLUMNS.map((c) => c.field)).toEqual(Object.keys(rows[0]!));
    for (const column of STATISTICS_COLUMNS) {
      expect(column.description.length).toBeGreaterThan(10);
      expect(column.description).not.toMatch(/\n/);
      expect(column.field).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  it('feeds the data dictionary as is', () => {
    const dictionary = buildDataDictionary(
      {
        datasetId: 'records-request-statistics',
        title: 'Records request statistics',
        version: 1,
        rowCount: rows.length,
        columns: [...STATISTICS_COLUMNS],
      },
      'https://data.danbury.example',
    );
    expect(dictionary.fields.map((f) => f.name)).toEqual(STATISTICS_COLUMNS.map((c) => c.field));
  });
});

describe('statisticsCsv', () => {
  it('writes a header row, one LF-terminated line per row, and empty cells for nulls', () => {
    const csv = statisticsCsv(computeRequestStatistics([policeOverdue], calendar, NOW));
    expect(csv).toBe(
      [
        STATISTICS_COLUMNS.map((c) => c.field).join(','),
        '2025-04,police,1,0,1,,,0,1,0,0,0,0,0,0,0,',
        '',
      ].join('\n'),
    );
    expect(csv).not.toContain('\r');
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    const row: RequestStatisticsRow = {
      ...rowOf('2025-03', 'police'),
      department: 'Clerk, "Annex"\nBranch',
      median_business_days_to_close: 2.5,
    };
    const [, line] = statisticsCsv([row]).split(/\n(?=2025)/);
    expect(line).toBe(
      '2025-03,"Clerk, ""Annex""\nBranch",3,2,1,2,2.5,2,1,1,1,0,0,0,1500,1000,' +
        '1-210(b)(2):2; 1-210(b)(10):1; other-statute:1\n',
    );
  });

  it('writes only the header for no rows', () => {
    expect(statisticsCsv([])).toBe(`${STATISTICS_COLUMNS.map((c) => c.field).join(',')}\n`);
  });
});
