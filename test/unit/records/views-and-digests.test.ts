import { defaultCalendar } from '../../../lambdas/domain/records/holiday-calendar';
import { requestClocks } from '../../../lambdas/domain/records/clocks';
import { digestRecipient, digestText, urgencyOf } from '../../../lambdas/domain/records/daily-job';
import {
  archiveView,
  requesterView,
  staffView,
  type RecordsRequest,
  type RequestDocument,
  type RequestMessage,
} from '../../../lambdas/domain/records/records-request';

const calendar = defaultCalendar();
const base: RecordsRequest = {
  trackingNumber: '2026-000042',
  revision: 3,
  status: 'fulfilled',
  channel: 'online',
  // 02:30 UTC on Nov 3 is still Nov 2 in Danbury.
  receivedAt: '2026-11-03T02:30:00.000Z',
  receivingOffice: 'city-clerk',
  description: 'Emails between Pat Example (pat@example.org) and the DPW about my driveway at 9 Oak Ln',
  delivery: 'electronic',
  department: 'public-works',
  personnelFiles: false,
  pauses: [],
  statutoryDueDate: '2026-11-06',
  calendarVersion: calendar.version,
  accessTokenHash: 'f'.repeat(64),
  requesterKey: 'e'.repeat(64),
  determination: {
    outcome: 'partially-fulfilled',
    at: '2026-11-05T15:00:00.000Z',
    exemptions: ['1-210(b)(2)'],
  },
  closedAt: '2026-11-05T15:00:00.000Z',
  createdAt: '2026-11-03T02:30:00.000Z',
  updatedAt: '2026-11-05T15:00:00.000Z',
};
const messages: RequestMessage[] = [
  {
    messageId: 'a',
    trackingNumber: base.trackingNumber,
    at: '2026-11-03T14:00:00Z',
    visibility: 'internal',
    from: { userId: 'u', username: 'clerk' },
    text: 'Requester is the neighbour of the inspector',
  },
  {
    messageId: 'b',
    trackingNumber: base.trackingNumber,
    at: '2026-11-03T15:00:00Z',
    visibility: 'requester',
    from: { userId: 'u', username: 'clerk' },
    text: 'We found 14 e-mails.',
  },
  {
    messageId: 'c',
    trackingNumber: base.trackingNumber,
    at: '2026-11-05T15:00:00Z',
    visibility: 'public',
    from: { userId: 'u', username: 'clerk' },
    text: 'Released with personnel information withheld.',
  },
];
const document = (
  id: string,
  state: RequestDocument['state'],
  audience?: 'requester' | 'public',
): RequestDocument => ({
  trackingNumber: base.trackingNumber,
  documentId: id,
  fileName: `${id}.pdf`,
  contentType: 'application/pdf',
  sizeBytes: 100,
  objectKey: `request-documents/${base.trackingNumber}/${id}`,
  state,
  uploadedAt: '2026-11-04T15:00:00Z',
  uploadedBy: { userId: 'u', username: 'dpw' },
  ...(audience
    ? { release: { at: '2026-11-05T15:00:00Z', by: { userId: 'u', username: 'dpw' }, audience } }
    : {}),
});
const documents = [
  document('to-requester', 'released', 'requester'),
  document('to-public', 'released', 'public'),
  document('blocked', 'blocked'),
];
const clocks = requestClocks(
  {
    receivedAt: base.receivedAt,
    personnelFiles: false,
    pauses: [],
    now: '2026-11-05T15:00:00Z',
    firstResponseAt: base.closedAt!,
    deniedAt: base.closedAt!,
    closedAt: base.closedAt!,
  },
  calendar,
);

describe('the three views of a request', () => {
  it('the archive shows outcome, exemptions, public notes and public files, never the description or notes', () => {
    const view = archiveView(base, documents, messages);
    expect(view).toEqual({
      trackingNumber: '2026-000042',
      department: 'public-works',
      receivedOn: '2026-11-02',
      statutoryDueDate: '2026-11-06',
      closedAt: base.closedAt,
      outcome: 'partially-fulfilled',
      exemptionsCited: ['1-210(b)(2)'],
      deemedDenied: false,
      publicNotes: [{ at: '2026-11-05T15:00:00Z', text: 'Released with personnel information withheld.' }],
      files: [{ documentId: 'to-public', fileName: 'to-public.pdf', sizeBytes: 100 }],
    });
    expect(JSON.stringify(view)).not.toMatch(/Pat Example|pat@example|Oak Ln|neighbour/);
  });

  it('the requester sees their messages and released files, never internal notes, tokens or staff names', () => {
    const view = requesterView(base, clocks, messages, documents);
    expect(view.messages.map((m) => m.text)).toEqual([
      'We found 14 e-mails.',
      'Released with personnel information withheld.',
    ]);
    expect(view.documents.map((d) => d.documentId)).toEqual(['to-requester', 'to-public']);
    const text = JSON.stringify(view);
    expect(text).not.toMatch(/neighbour|accessTokenHash|requesterKey|ffffffff|clerk|dpw/);
  });

  it('staff see everything except the token hash and the requester key', () => {
    const view = staffView(base, clocks, { name: 'Pat Example', email: 'pat@example.org' });
    expect(view.requester?.name).toBe('Pat Example');
    expect(view).not.toHaveProperty('accessTokenHash');
    expect(view).not.toHaveProperty('requesterKey');
  });
});

describe('the daily digest', () => {
  const open = (overrides: Partial<RecordsRequest> = {}): RecordsRequest =>
    ({
      ...base,
      status: 'received',
      determination: undefined,
      closedAt: undefined,
      ...overrides,
    }) as RecordsRequest;
  const clocksAt = (request: RecordsRequest, now: string) =>
    requestClocks(
      {
        receivedAt: request.receivedAt,
        personnelFiles: false,
        pauses: [],
        now,
        ...(request.firstResponseAt ? { firstResponseAt: request.firstResponseAt } : {}),
      },
      calendar,
    );

  it('sorts unanswered requests into due soon, due today and overdue, and leaves answered ones alone', () => {
    const request = open({ receivedAt: '2026-11-02T15:00:00Z' }); // due 2026-11-06
    expect(urgencyOf(clocksAt(request, '2026-11-04T12:00:00Z'), '2026-11-04', '2026-11-06')).toBe('due-soon');
    expect(urgencyOf(clocksAt(request, '2026-11-06T12:00:00Z'), '2026-11-06', '2026-11-10')).toBe(
      'due-today',
    );
    expect(urgencyOf(clocksAt(request, '2026-11-09T12:00:00Z'), '2026-11-09', '2026-11-11')).toBe('overdue');
    expect(urgencyOf(clocksAt(request, '2026-11-02T16:00:00Z'), '2026-11-02', '2026-11-04')).toBeUndefined();
    const answered = open({ receivedAt: '2026-11-02T15:00:00Z', firstResponseAt: '2026-11-03T15:00:00Z' });
    expect(urgencyOf(clocksAt(answered, '2026-11-09T12:00:00Z'), '2026-11-09', '2026-11-11')).toBeUndefined();
  });

  it('sends to the assignee, else the department liaison, else the City Clerk', () => {
    expect(
      digestRecipient(open({ assignee: { userId: 'u', username: 'sam', email: 'sam@danbury-ct.gov' } })),
    ).toBe('sam@danbury-ct.gov');
    expect(digestRecipient(open({ department: 'police' }))).toBe('police-records@danbury-ct.gov');
    expect(digestRecipient(open({ department: undefined, receivingOffice: 'no-such-office' }))).toBe(
      'cityclerk@danbury-ct.gov',
    );
  });

  it('lists overdue first, then by due date, one line per request', () => {
    const text = digestText(
      '2026-11-09',
      [
        {
          trackingNumber: '2026-000002',
          urgency: 'due-soon',
          statutoryDueDate: '2026-11-11',
          status: 'received',
          department: 'police',
        },
        {
          trackingNumber: '2026-000001',
          urgency: 'overdue',
          statutoryDueDate: '2026-11-06',
          status: 'received',
          department: 'police',
        },
        {
          trackingNumber: '2026-000003',
          urgency: 'due-today',
          statutoryDueDate: '2026-11-09',
          status: 'received',
          department: 'police',
        },
      ],
      'digest',
    );
    const order = ['2026-000001', '2026-000003', '2026-000002'].map((n) => text.indexOf(n));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).toContain('OVERDUE');
  });
});
