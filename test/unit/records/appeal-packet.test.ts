import { strFromU8, unzipSync } from 'fflate';
import type { AuditEvent } from '../../../lambdas/domain/audit';
import {
  appealPacket,
  zipAppealPacket,
  type AppealPacket,
  type AppealPacketFacts,
  type AppealPacketInput,
} from '../../../lambdas/domain/records/appeal-packet';
import { clocksOf } from '../../../lambdas/domain/records/casework';
import { findExemption } from '../../../lambdas/domain/records/exemptions';
import { defaultCalendar } from '../../../lambdas/domain/records/holiday-calendar';
import { escapeHtml, FOI_COMMISSION } from '../../../lambdas/domain/records/letters';
import type {
  RecordsRequest,
  RequestDocument,
  RequestMessage,
  Requester,
} from '../../../lambdas/domain/records/records-request';
import { PlatformError } from '../../../lambdas/shared/errors';

const calendar = defaultCalendar();
const TN = '2025-000123';
const GENERATED_AT = '2025-03-20T14:30:00Z'; // 10:30:00 EDT in Danbury
const clerk = { userId: 'u-7', username: 'rlopez' };
const INTERNAL_NOTE = 'Internal: requester sued the city in 2019, loop in counsel';
const SECRET_IN_DETAILS = 'old-assignee-value-7731';

const denied: RecordsRequest = {
  trackingNumber: TN,
  revision: 6,
  status: 'partially-fulfilled',
  channel: 'email',
  receivedAt: '2025-03-03T15:00:00Z', // Monday, day 0
  receivingOffice: 'city-clerk',
  enteredBy: clerk,
  description: 'Use-of-force reports for 2024 <script>alert("x")</script> & "related" e-mails',
  delivery: 'electronic',
  department: 'police',
  assignee: { userId: 'u-9', username: 'mchen' },
  personnelFiles: false,
  pauses: [],
  firstResponseAt: '2025-03-03T18:00:00Z',
  determination: {
    outcome: 'partially-fulfilled',
    at: '2025-03-06T15:00:00Z',
    exemptions: ['1-210(b)(2)', 'other-statute'],
    otherStatuteCitation: 'C.G.S. §14-10',
    explanation: 'Medical details of officers were redacted.',
    by: clerk,
  },
  closedAt: '2025-03-06T15:00:00Z',
  fee: {
    invoice: {
      lineItems: [
        {
          description: 'Paper copies (per page)',
          quantity: 20,
          unitCents: 50,
          amountCents: 1000,
          citation: 'C.G.S. §1-212(a)',
        },
      ],
      subtotalCents: 1000,
      waivers: [{ code: 'indigent', label: 'Requester is indigent', citation: 'C.G.S. §1-212(d)(1)' }],
      waivedCents: 1000,
      totalCents: 0,
      prepaymentRequired: false,
      schedule: { perPageCents: 50, certificationCents: 200, prepaymentThresholdCents: 1000 },
    },
    estimatedAt: '2025-03-04T15:00:00Z',
    estimatedBy: clerk,
  },
  statutoryDueDate: '2025-03-07',
  calendarVersion: calendar.version,
  accessTokenHash: 'token-hash-'.padEnd(64, 'f'),
  requesterKey: 'requester-key-'.padEnd(64, 'e'),
  createdAt: '2025-03-03T15:00:00Z',
  updatedAt: '2025-03-06T16:00:00Z',
};

const requester: Requester = {
  name: 'Jordan & Sample',
  email: 'jordan.sample@example.org',
  postalAddress: '14 Elm Street\nDanbury, CT 06810',
  phone: '203-555-0142',
};

const message = (
  messageId: string,
  at: string,
  visibility: RequestMessage['visibility'],
  from: RequestMessage['from'],
  text: string,
): RequestMessage => ({ messageId, trackingNumber: TN, at, visibility, from, text });

// Deliberately out of order: the packet sorts by time.
const messages: RequestMessage[] = [
  message('m5', '2025-03-06T16:00:00Z', 'public', clerk, 'Released with medical details redacted.'),
  message('m4', '2025-03-06T15:00:00Z', 'requester', clerk, 'Your request is partially fulfilled.'),
  message('m1', '2025-03-03T18:00:00Z', 'requester', clerk, 'We acknowledge your request.'),
  message('m2', '2025-03-04T13:00:00Z', 'internal', clerk, INTERNAL_NOTE),
  message('m3', '2025-03-04T20:00:00Z', 'requester', { requester: true }, 'Only 2024, please.\r\nThanks'),
  message(
    'm6',
    '2025-03-05T11:00:00Z',
    'requester',
    { system: 'records-daily-job' },
    'Reminder: due 2025-03-07.',
  ),
];

const document = (id: string, state: RequestDocument['state'], extra: Partial<RequestDocument> = {}) => ({
  trackingNumber: TN,
  documentId: id,
  fileName: `${id}.pdf`,
  contentType: 'application/pdf',
  sizeBytes: 2_345_678,
  objectKey: `request-documents/${TN}/${id}-object-key`,
  state,
  uploadedAt: '2025-03-05T15:00:00Z',
  uploadedBy: clerk,
  ...extra,
});
const documents: RequestDocument[] = [
  document('uof-2024-redacted', 'released', {
    release: { at: '2025-03-06T15:00:00Z', by: clerk, audience: 'requester' },
  }),
  document('uof-summary', 'released', {
    sizeBytes: 812,
    release: { at: '2025-03-06T16:00:00Z', by: clerk, audience: 'public' },
  }),
  document('uof-2024-original', 'blocked'),
];

const staffActor = {
  userId: clerk.userId,
  username: clerk.username,
  department: 'police',
  roles: ['records'],
};
const event = (
  at: string,
  action: string,
  actor: AuditEvent['actor'],
  details: Record<string, unknown> = {},
) => ({
  eventId: `e-${at}`,
  at,
  actor,
  action,
  subject: { type: 'records-request' as const, id: TN },
  details,
});
const timeline: AuditEvent[] = [
  event('2025-03-06T15:00:00Z', 'records-request.fulfil-partially', staffActor, {
    exemptions: ['1-210(b)(2)'],
  }),
  event('2025-03-03T15:00:00Z', 'records-request.submitted', { system: 'intake' }),
  event('2025-03-04T13:00:00Z', 'records-request.assigned', staffActor, {
    changes: [{ field: 'assignee', before: SECRET_IN_DETAILS, after: 'mchen' }],
  }),
];

function input(overrides: Partial<AppealPacketInput> = {}): AppealPacketInput {
  const request = overrides.request ?? denied;
  return {
    request,
    requester,
    clocks: clocksOf(request, calendar, GENERATED_AT),
    messages,
    documents,
    timeline,
    city: { name: 'City of Danbury' },
    generatedAt: GENERATED_AT,
    ...overrides,
  };
}

const fileOf = (packet: AppealPacket, path: string) => {
  const file = packet.files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path} in ${packet.files.map((f) => f.path).join(', ')}`);
  return file.content;
};

const packet = appealPacket(input());
const zipped = zipAppealPacket(packet);
const unzipped = Object.fromEntries(
  Object.entries(unzipSync(zipped)).map(([path, data]) => [path, strFromU8(data)]),
);
const facts = JSON.parse(unzipped['request.json']!) as AppealPacketFacts;

describe('appealPacket', () => {
  it('names the zip after the tracking number and holds the parts, correspondence numbered in date order', () => {
    expect(packet.fileName).toBe(`appeal-packet-${TN}.zip`);
    expect(packet.files.map((f) => f.path)).toEqual([
      'README.txt',
      'summary.html',
      'summary.txt',
      'request.json',
      'timeline.txt',
      'correspondence/01-2025-03-03-from-city.txt',
      'correspondence/02-2025-03-04-from-requester.txt',
      'correspondence/03-2025-03-05-from-city.txt',
      'correspondence/04-2025-03-06-from-city.txt',
      'correspondence/05-2025-03-06-public-note.txt',
    ]);
  });

  it('zips every file unchanged', () => {
    expect(Object.keys(unzipped).sort()).toEqual(packet.files.map((f) => f.path).sort());
    for (const file of packet.files) expect(unzipped[file.path]).toBe(file.content);
  });

  it('copies each message sent to or from the requester, or posted publicly, in its own file', () => {
    expect(unzipped['correspondence/01-2025-03-03-from-city.txt']).toBe(
      [
        `Records request ${TN}: correspondence 1 of 5`,
        'Date: 2025-03-03 13:00 EST',
        'From: City of Danbury (rlopez)',
        'To: The requester',
        '',
        'We acknowledge your request.',
        '',
      ].join('\n'),
    );
    const reply = unzipped['correspondence/02-2025-03-04-from-requester.txt']!;
    expect(reply).toContain('From: The requester\nTo: City of Danbury\n');
    expect(reply).toContain('Only 2024, please.\nThanks\n');
    expect(unzipped['correspondence/03-2025-03-05-from-city.txt']).toContain(
      'From: City of Danbury (automatic notice)',
    );
    expect(unzipped['correspondence/05-2025-03-06-public-note.txt']).toContain(
      'To: Posted on the public page of the request',
    );
  });

  it('leaves out internal notes, and says so in the README', () => {
    for (const content of Object.values(unzipped)) expect(content).not.toContain(INTERNAL_NOTE);
    expect(facts.correspondence).toHaveLength(5);
    expect(unzipped['README.txt']).toMatch(/Internal staff notes on the request: they were never sent/);
  });

  it('carries the complainant contact details (a staff-only export)', () => {
    expect(facts.complainant).toEqual({
      name: 'Jordan & Sample',
      email: 'jordan.sample@example.org',
      postalAddress: '14 Elm Street\nDanbury, CT 06810',
      phone: '203-555-0142',
    });
    expect(unzipped['summary.txt']).toContain('jordan.sample@example.org');
    expect(unzipped['summary.html']).toContain('Jordan &amp; Sample');
    expect(unzipped['summary.html']).toContain('14 Elm Street<br>Danbury, CT 06810');
    expect(unzipped['README.txt']).toContain('staff-only export');
  });

  it('gives the date of the violation, the due date and the appeal deadline (30 calendar days)', () => {
    expect(facts.violation).toEqual({
      basis: 'partial-denial',
      on: '2025-03-06',
      receivedOn: '2025-03-03',
      statutoryDueDate: '2025-03-07',
      firstResponseOn: '2025-03-03',
      deniedOn: '2025-03-06',
      deemedDeniedOn: null,
      appealDeadline: '2025-04-05',
      appealOpen: true,
    });
    for (const path of ['README.txt', 'summary.txt', 'summary.html']) {
      expect(unzipped[path]).toContain('by 2025-04-05');
      expect(unzipped[path]).toContain('C.G.S. §1-206(b)(1)');
    }
    expect(unzipped['summary.txt']).toMatch(/Statutory response due date: +2025-03-07/);
    expect(unzipped['README.txt']).toContain('The request was denied in part on 2025-03-06.');
  });

  it('says so when the appeal deadline had passed before the packet was made', () => {
    const late = appealPacket(input({ generatedAt: '2025-05-01T14:00:00Z' }));
    expect(fileOf(late, 'README.txt')).toContain(
      'by 2025-04-05. That date had passed when this packet was generated.',
    );
    expect(JSON.parse(fileOf(late, 'request.json')).violation.appealOpen).toBe(false);
  });

  it('names the agency, the department and the official who decided', () => {
    expect(facts.agency).toEqual({
      name: 'City of Danbury',
      department: { id: 'police', name: 'Danbury Police Department' },
      receivingOffice: { id: 'city-clerk', name: 'Office of the City Clerk' },
      determinedBy: 'rlopez',
      assignedTo: 'mchen',
    });
    expect(unzipped['summary.txt']).toMatch(/Department: +Danbury Police Department/);
    expect(unzipped['summary.txt']).toMatch(/Determined by: +rlopez, 2025-03-06 10:00 EST/);
  });

  it('cites each exemption with its full citation and text', () => {
    const b2 = findExemption('1-210(b)(2)')!;
    expect(facts.exemptions.map((e) => e.citation)).toEqual([
      'C.G.S. §1-210(b)(2)',
      'C.G.S. §14-10, through C.G.S. §1-210(a)',
    ]);
    for (const path of ['summary.txt', 'summary.html']) {
      expect(unzipped[path]).toContain(escapeHtml(b2.text));
      expect(unzipped[path]).toContain('C.G.S. §14-10, through C.G.S. §1-210(a)');
    }
    expect(unzipped['summary.txt']).toContain(
      `C.G.S. §1-210(b)(2) (code 1-210(b)(2)): ${b2.shortTitle}. ${b2.text}`,
    );
  });

  it("gives the Commission's address and contacts in the README and the summary", () => {
    for (const path of ['README.txt', 'summary.txt', 'summary.html']) {
      expect(unzipped[path]).toContain(FOI_COMMISSION.name);
      expect(unzipped[path]).toContain(FOI_COMMISSION.address);
      expect(unzipped[path]).toContain(FOI_COMMISSION.email);
    }
    expect(unzipped['README.txt']).toContain('Regs. Conn. State Agencies §1-21j-28');
  });

  it('escapes the description (and everything else) in the HTML', () => {
    const html = unzipped['summary.html']!;
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;related&quot;');
    // The only tags are the page's own.
    const tags = new Set([...html.matchAll(/<\/?([a-zA-Z0-9]+)/g)].map((m) => m[1]!.toLowerCase()));
    expect([...tags].sort()).toEqual(
      [
        'blockquote',
        'body',
        'br',
        'h1',
        'h2',
        'head',
        'html',
        'li',
        'meta',
        'p',
        'style',
        'table',
        'td',
        'th',
        'title',
        'tr',
        'ul',
      ].sort(),
    );
    // The text summary keeps the requester's words as written.
    expect(unzipped['summary.txt']).toContain('> Use-of-force reports for 2024 <script>alert("x")</script>');
  });

  it('lists released documents by name, size and release date, not the files or their keys', () => {
    expect(facts.releasedDocuments).toEqual([
      {
        fileName: 'uof-2024-redacted.pdf',
        contentType: 'application/pdf',
        sizeBytes: 2_345_678,
        releasedAt: '2025-03-06T15:00:00Z',
        audience: 'requester',
      },
      {
        fileName: 'uof-summary.pdf',
        contentType: 'application/pdf',
        sizeBytes: 812,
        releasedAt: '2025-03-06T16:00:00Z',
        audience: 'public',
      },
    ]);
    expect(unzipped['summary.txt']).toContain(
      '- uof-2024-redacted.pdf, 2,345,678 bytes (2.2 MB), released to the requester 2025-03-06',
    );
    expect(unzipped['summary.txt']).toContain('- uof-summary.pdf, 812 bytes, published 2025-03-06');
    const all = Object.values(unzipped).join('\n');
    expect(all).not.toContain('uof-2024-original');
    expect(all).not.toContain('object-key');
  });

  it('writes the timeline as when, what and who, without detail values', () => {
    expect(unzipped['timeline.txt']!.split('\n').slice(3)).toEqual([
      '2025-03-03T15:00:00Z  2025-03-03 10:00 EST  records-request.submitted  system (intake)',
      '2025-03-04T13:00:00Z  2025-03-04 08:00 EST  records-request.assigned  rlopez',
      '2025-03-06T15:00:00Z  2025-03-06 10:00 EST  records-request.fulfil-partially  rlopez',
      '',
    ]);
    for (const content of Object.values(unzipped)) expect(content).not.toContain(SECRET_IN_DETAILS);
  });

  it('never carries the access token hash or the requester key', () => {
    const all = Object.values(unzipped).join('\n');
    expect(all).not.toContain(denied.accessTokenHash);
    expect(all).not.toContain(denied.requesterKey);
    expect(all).not.toMatch(/accessTokenHash|requesterKey/);
  });

  it('runs the appeal from the deemed denial when nobody answered in time', () => {
    const overdue: RecordsRequest = {
      ...denied,
      status: 'in-progress',
      firstResponseAt: undefined,
      determination: undefined,
      closedAt: undefined,
      // Due Friday 7 March; deemed denied the day after.
      deemedDenial: { on: '2025-03-08', noticeSentAt: '2025-03-10T11:00:00Z' },
    };
    const p = appealPacket(input({ request: overdue, requester: undefined, messages: [], documents: [] }));
    const f = JSON.parse(fileOf(p, 'request.json')) as AppealPacketFacts;
    expect(f.violation).toMatchObject({
      basis: 'deemed-denial',
      on: '2025-03-08',
      deemedDeniedOn: '2025-03-08',
      deniedOn: null,
      firstResponseOn: null,
      appealDeadline: '2025-04-07',
    });
    expect(f.complainant).toBeNull();
    expect(f.agency.determinedBy).toBeNull();
    expect(fileOf(p, 'README.txt')).toContain('The request was deemed denied on 2025-03-08.');
    expect(fileOf(p, 'summary.txt')).toContain('No contact details on file');
    expect(p.files.filter((file) => file.path.startsWith('correspondence/'))).toEqual([]);
  });

  it('says when no denial is recorded yet', () => {
    const running: RecordsRequest = {
      ...denied,
      receivedAt: '2025-03-18T15:00:00Z',
      status: 'acknowledged',
      firstResponseAt: undefined,
      determination: undefined,
      closedAt: undefined,
    };
    const p = appealPacket(input({ request: running }));
    expect(fileOf(p, 'README.txt')).toContain(
      'No denial or deemed denial is recorded as of 2025-03-20. The response is due by 2025-03-24',
    );
    expect(JSON.parse(fileOf(p, 'request.json')).violation).toMatchObject({
      basis: null,
      on: null,
      appealDeadline: null,
    });
  });

  it('refuses a tracking number that could leave the folder, and a bad generation time', () => {
    for (const bad of [
      input({ request: { ...denied, trackingNumber: '../etc' } }),
      input({ generatedAt: 'yesterday' }),
    ]) {
      expect(() => appealPacket(bad)).toThrow(PlatformError);
    }
  });
});

describe('zipAppealPacket', () => {
  it('is deterministic, every entry stamped with the city time of generatedAt', () => {
    expect(zipAppealPacket(appealPacket(input()))).toEqual(zipped);
    // Local file header of the first entry: DOS time at offset 10, date at 12 (little-endian).
    const view = new DataView(zipped.buffer, zipped.byteOffset, zipped.byteLength);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    const time = view.getUint16(10, true);
    const date = view.getUint16(12, true);
    expect({
      year: (date >> 9) + 1980,
      month: (date >> 5) & 0xf,
      day: date & 0x1f,
      hour: time >> 11,
      minute: (time >> 5) & 0x3f,
    }).toEqual({ year: 2025, month: 3, day: 20, hour: 10, minute: 30 });
  });
});
