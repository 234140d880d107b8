/**
 * A public records request from submission to release, over HTTP against the
 * local platform (DynamoDB Local, s3rver, the outbox): receipt with tracking
 * number and due date, acknowledgment, assignment, a fee estimate and its
 * waiver, a document with an SSN blocked from release, the redacted version
 * released, the requester's download with the status-link token, and the
 * archive without identity. A second request left past its due date is
 * deemed denied by the daily job and the requester is told of the appeal
 * right. Every public response is checked for the requesters' personal data.
 */
import { strFromU8, unzipSync } from 'fflate';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform';
import { localEndpoints, uniquePrefix } from '../support/local-aws';
import { platformClient, signInAll, type Json } from '../support/platform-client';

let platform: LocalPlatform;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  platform = await startLocalPlatform({
    services: localEndpoints(),
    resourcePrefix: uniquePrefix('records'),
  });
  Object.assign(tokens, await signInAll(platform.baseUrl, ['clerk', 'publicworks', 'police', 'itadmin']));
}, 90_000);
afterAll(() => platform?.stop());

const staffCall = platformClient(() => platform.baseUrl, tokens);
/** Every response the public gets, kept to check for personal data at the end. */
const publicBodies: string[] = [];
async function publicCall(method: string, path: string, options: Parameters<typeof staffCall>[2] = {}) {
  const response = await staffCall(method, path, { ...options, as: undefined });
  publicBodies.push(JSON.stringify(response.body));
  return response;
}

const REQUESTER = {
  name: 'Jordan Q. Resident',
  email: 'jordan.resident@example.org',
  postalAddress: '41 Elmwood Terrace, Danbury, CT 06810',
  phone: '203-555-0147',
};
const SECOND_REQUESTER = { name: 'Casey Latecomer', email: 'casey.latecomer@example.org' };
const PERSONAL_DATA = [
  REQUESTER.name,
  REQUESTER.email,
  REQUESTER.postalAddress,
  '41 Elmwood',
  REQUESTER.phone,
  SECOND_REQUESTER.name,
  SECOND_REQUESTER.email,
  // The sample requesters `npm start` seeds (local/seed/sample-records-requests.ts).
  'Sample Requester',
  'sample.one@example.org',
  'sample.three@example.org',
  '1 Example Way',
];

interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  category: string;
}
async function outbox(): Promise<OutboxMessage[]> {
  const { body } = await staffCall('GET', '/v1/staff/outbox', { as: 'itadmin' });
  return body.messages as OutboxMessage[];
}

async function documentState(trackingNumber: string, documentId: string): Promise<Json> {
  for (let i = 0; i < 100; i++) {
    const { body } = await staffCall('GET', `/v1/staff/records-requests/${trackingNumber}`, { as: 'clerk' });
    const document = (body.documents as Json[]).find((d) => d.documentId === documentId);
    if (document && document.state !== 'awaiting-upload') return document;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`document ${documentId} was never scanned`);
}

async function upload(
  trackingNumber: string,
  fileName: string,
  content: string,
  redacts?: string,
  as = 'publicworks',
) {
  const started = await staffCall('POST', `/v1/staff/records-requests/${trackingNumber}/documents`, {
    as,
    body: {
      fileName,
      contentType: 'text/plain',
      sizeBytes: Buffer.byteLength(content),
      ...(redacts ? { redacts } : {}),
    },
  });
  expect(started.status).toBe(201);
  const { url, headers } = started.body.upload as { url: string; headers: Record<string, string> };
  const put = await fetch(url, { method: 'PUT', headers, body: content });
  expect(put.status).toBe(200);
  const documentId = (started.body.document as Json).documentId as string;
  return documentState(trackingNumber, documentId);
}

describe('Records requests, end to end', () => {
  let trackingNumber = '';
  let statusUrl = '';
  let revision = 1;

  it('refuses bad input with a 4xx in the error shape and writes nothing', async () => {
    const before = await staffCall('GET', '/v1/staff/records-requests', { as: 'clerk' });
    const cases: [unknown, number][] = [
      [{ description: 'short', requester: REQUESTER }, 400],
      [{ description: 'All permits for 12 Main St since 2020', requester: { name: 'No Contact' } }, 400],
      [{ description: 'All permits for 12 Main St since 2020', requester: REQUESTER, purpose: 'why' }, 400],
      [{ description: 'All permits for 12 Main St since 2020', delivery: 'fax', requester: REQUESTER }, 400],
    ];
    for (const [body, status] of cases) {
      const response = await publicCall('POST', '/v1/records-requests', { body });
      expect(response.status).toBe(status);
      expect(response.body.error).toMatchObject({
        code: expect.any(String),
        message: expect.any(String),
        requestId: expect.any(String),
      });
    }
    const unknown = await publicCall(
      'GET',
      '/v1/records-requests/2026-999999?token=aaaaaaaaaaaaaaaaaaaaaaaa',
    );
    expect(unknown.status).toBe(404);
    const queue = await staffCall('GET', '/v1/staff/records-requests', { as: 'clerk' });
    expect(queue.body.requests).toEqual(before.body.requests);
  });

  it('takes a request, answers 201 with tracking number, due date and status link, and e-mails the receipt', async () => {
    const body = {
      description: 'Road repair work orders for Elmwood Terrace, January to October 2026.',
      delivery: 'electronic',
      requester: REQUESTER,
    };
    const created = await publicCall('POST', '/v1/records-requests', {
      body,
      headers: { 'idempotency-key': 'req-1' },
    });
    expect(created.status).toBe(201);
    trackingNumber = created.body.trackingNumber as string;
    expect(trackingNumber).toMatch(/^\d{4}-\d{6}$/);
    expect(created.body.statutoryDueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(created.body.calendarVersion).toMatch(/^cgs-1-4\+city-r\d+$/);
    expect(created.body.receivedAt).toMatch(/T/);
    statusUrl = created.body.statusUrl as string;
    expect(statusUrl).toContain(`/v1/records-requests/${trackingNumber}?token=`);

    const retried = await publicCall('POST', '/v1/records-requests', {
      body,
      headers: { 'idempotency-key': 'req-1' },
    });
    expect(retried.body.trackingNumber).toBe(trackingNumber);
    const duplicate = await publicCall('POST', '/v1/records-requests', {
      body: { ...body, description: 'Road repair work orders for Elmwood Terrace, January to October 2026' },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: 'LIKELY_DUPLICATE' });

    const receipt = (await outbox()).find(
      (m) => m.category === 'records-request-receipt' && m.text.includes(trackingNumber),
    );
    expect(receipt?.to).toBe(REQUESTER.email);
    expect(receipt?.text).toContain(created.body.statutoryDueDate as string);
    expect(receipt?.text).toContain(statusUrl);
  });

  it('shows the requester their status with the token, and the same 404 for a wrong token', async () => {
    const status = await publicCall('GET', statusUrl.replace(platform.baseUrl, ''));
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ trackingNumber, status: 'received' });
    const wrong = await publicCall('GET', `/v1/records-requests/${trackingNumber}?token=${'x'.repeat(32)}`);
    expect(wrong.status).toBe(404);
    const unknown = await publicCall('GET', `/v1/records-requests/2026-999998?token=${'x'.repeat(32)}`);
    expect((wrong.body.error as Json).message).toBe((unknown.body.error as Json).message);
  });

  it('sends a browser that opens the e-mailed status link on to the status page, which shows the same', async () => {
    const asBrowser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
    const link = await fetch(statusUrl, { headers: asBrowser, redirect: 'manual' });
    expect(link.status).toBe(303);
    const location = link.headers.get('location')!;
    expect(location).toBe(
      `${platform.baseUrl}/records/status/${trackingNumber}?token=${new URL(statusUrl).searchParams.get('token')}`,
    );
    const page = await fetch(location, { headers: asBrowser });
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain(trackingNumber);
    expect(text).toContain('noindex');
    // A program that asks for JSON (or anything) still gets JSON.
    const program = await fetch(statusUrl, { headers: { accept: '*/*' } });
    expect(program.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('lets the clerk acknowledge and assign; a stale revision and an illegal action get 409', async () => {
    const ack = await staffCall('POST', `/v1/staff/records-requests/${trackingNumber}/actions`, {
      as: 'clerk',
      body: {
        action: 'acknowledge',
        revision,
        message: 'We have your request and are gathering the work orders.',
      },
    });
    expect(ack.status).toBe(200);
    expect(ack.body.status).toBe('acknowledged');
    expect((ack.body.clocks as Json).response).toMatchObject({ state: 'answered' });
    revision = ack.body.revision as number;

    const stale = await staffCall('POST', `/v1/staff/records-requests/${trackingNumber}/actions`, {
      as: 'clerk',
      body: { action: 'start-work', revision: revision - 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_REVISION' });

    const illegal = await staffCall('POST', `/v1/staff/records-requests/${trackingNumber}/actions`, {
      as: 'clerk',
      body: { action: 'resume', revision },
    });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION' });

    const police = await staffCall('GET', `/v1/staff/records-requests/${trackingNumber}`, { as: 'police' });
    expect(police.status).toBe(403);

    const assigned = await staffCall('POST', `/v1/staff/records-requests/${trackingNumber}/assignment`, {
      as: 'clerk',
      body: {
        revision,
        department: 'public-works',
        assignee: { userId: 'publicworks', username: 'publicworks', email: 'publicworks@danbury.local' },
      },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.department).toBe('public-works');
    revision = assigned.body.revision as number;
    // Now the department sees it, and the police still do not.
    expect(
      (await staffCall('GET', `/v1/staff/records-requests/${trackingNumber}`, { as: 'publicworks' })).status,
    ).toBe(200);
    expect(
      (await staffCall('GET', `/v1/staff/records-requests/${trackingNumber}`, { as: 'police' })).status,
    ).toBe(403);
  });

  it('estimates the copy fee under 1-212 and waives it', async () => {
    const fee = await staffCall('POST', `/v1/staff/records-requests/${trackingNumber}/fee`, {
      as: 'publicworks',
      body: { revision, paperPages: 20, waivers: [] },
    });
    expect(fee.status).toBe(200);
    expect((fee.body.fee as Json).invoice).toMatchObject({ subtotalCents: 1000, totalCents: 1000 });
    revision = fee.body.revision as number;
    const searchCharge = await staffCall('POST', `/v1/staff/records-requests/${trackingNumber}/fee`, {
      as: 'publicworks',
      body: {
        revision,
        electronicItems: [{ kind: 'search', description: 'Search time', quantity: 2, unitCents: 3000 }],
      },
    });
    expect(searchCharge.status).toBe(400);
    const waived = await staffCall('POST', `/v1/staff/records-requests/${trackingNumber}/fee`, {
      as: 'publicworks',
      body: { revision, paperPages: 20, waivers: ['general-welfare'] },
    });
    expect(waived.status).toBe(200);
    expect((waived.body.fee as Json).invoice).toMatchObject({
      subtotalCents: 1000,
      waivedCents: 1000,
      totalCents: 0,
    });
    revision = waived.body.revision as number;
    const start = await staffCall('POST', `/v1/staff/records-requests/${trackingNumber}/actions`, {
      as: 'publicworks',
      body: { action: 'start-work', revision },
    });
    expect(start.status).toBe(200);
    revision = start.body.revision as number;
  });

  let releasedId = '';
  it('blocks release of a document with an SSN, then releases the redacted version', async () => {
    const original = await upload(
      trackingNumber,
      'work-orders.txt',
      'Work order 2026-114, Elmwood Terrace pothole.\nContractor payee SSN 219-09-9999 for the 1099.\n',
    );
    expect(original.state).toBe('blocked');
    const findings = (original.scan as Json).findings as Json[];
    expect(findings.map((f) => f.pattern)).toContain('us-ssn');
    expect(JSON.stringify(original)).not.toContain('219-09-9999');

    const blocked = await staffCall(
      'POST',
      `/v1/staff/records-requests/${trackingNumber}/documents/${original.documentId as string}/release`,
      { as: 'publicworks', body: { audience: 'public' } },
    );
    expect(blocked.status).toBe(409);
    expect(blocked.body.error).toMatchObject({ code: 'RELEASE_BLOCKED' });

    const redacted = await upload(
      trackingNumber,
      'work-orders-redacted.txt',
      'Work order 2026-114, Elmwood Terrace pothole.\nContractor payee SSN [REDACTED 1-210(b)(2)] for the 1099.\n',
      original.documentId as string,
    );
    expect(redacted.state).toBe('clear');
    releasedId = redacted.documentId as string;
    const released = await staffCall(
      'POST',
      `/v1/staff/records-requests/${trackingNumber}/documents/${releasedId}/release`,
      { as: 'publicworks', body: { audience: 'public' } },
    );
    expect(released.status).toBe(200);
    const detail = await staffCall('GET', `/v1/staff/records-requests/${trackingNumber}`, { as: 'clerk' });
    const states = Object.fromEntries((detail.body.documents as Json[]).map((d) => [d.documentId, d.state]));
    expect(states).toEqual({ [original.documentId as string]: 'superseded', [releasedId]: 'released' });

    const fulfilled = await staffCall('POST', `/v1/staff/records-requests/${trackingNumber}/actions`, {
      as: 'publicworks',
      body: { action: 'fulfil', revision, message: 'The redacted work orders are on your status page.' },
    });
    expect(fulfilled.status).toBe(200);
    expect(fulfilled.body.status).toBe('fulfilled');
  });

  it('lets the requester download the released file with the token', async () => {
    const token = new URL(statusUrl).searchParams.get('token')!;
    const status = await publicCall('GET', `/v1/records-requests/${trackingNumber}?token=${token}`);
    expect(status.body.status).toBe('fulfilled');
    expect((status.body.documents as Json[]).map((d) => d.documentId)).toEqual([releasedId]);
    const redirect = await fetch(
      `${platform.baseUrl}/v1/records-requests/${trackingNumber}/documents/${releasedId}?token=${token}`,
      { redirect: 'manual' },
    );
    expect(redirect.status).toBe(302);
    const file = await fetch(redirect.headers.get('location')!);
    expect(await file.text()).toContain('[REDACTED 1-210(b)(2)]');
    const noToken = await publicCall(
      'GET',
      `/v1/records-requests/${trackingNumber}/documents/${releasedId}?token=${'y'.repeat(32)}`,
    );
    expect(noToken.status).toBe(404);
  });

  it('shows the closed request in the archive without the requester or the description', async () => {
    const list = await publicCall('GET', '/v1/records-requests/archive');
    expect(list.status).toBe(200);
    const entry = (list.body.requests as Json[]).find((r) => r.trackingNumber === trackingNumber);
    expect(entry).toMatchObject({ department: 'public-works', outcome: 'fulfilled' });
    const detail = await publicCall('GET', `/v1/records-requests/archive/${trackingNumber}`);
    expect((detail.body.files as Json[]).map((f) => f.documentId)).toEqual([releasedId]);
    expect(JSON.stringify(detail.body)).not.toContain('Elmwood Terrace');
  });

  it('marks a request left past its due date deemed denied and tells the requester of the appeal right', async () => {
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toISOString();
    const entered = await staffCall('POST', '/v1/staff/records-requests', {
      as: 'clerk',
      body: {
        description: 'Minutes of the tree commission meetings, 2025.',
        requester: SECOND_REQUESTER,
        channel: 'mail',
        receivedAt: tenDaysAgo,
        receivingOffice: 'city-clerk',
      },
    });
    expect(entered.status).toBe(201);
    const late = entered.body.trackingNumber as string;
    expect(String(entered.body.statutoryDueDate) < new Date().toISOString().slice(0, 10)).toBe(true);

    const first = (await platform.scheduler.run('dailyRecordsJob')) as Json;
    expect(first.deemedDenied).toEqual([late]);
    const notice = (await outbox()).find((m) => m.category === 'records-request-deemed-denial');
    expect(notice?.to).toBe(SECOND_REQUESTER.email);
    expect(notice?.text).toContain('Freedom of Information Commission');
    expect(notice?.text).toMatch(/30 (calendar )?days/);
    expect((await outbox()).some((m) => m.category === 'records-escalation')).toBe(true);

    // Safe to run twice: nothing new is marked or sent.
    const before = (await outbox()).length;
    const second = (await platform.scheduler.run('dailyRecordsJob')) as Json;
    expect(second.deemedDenied).toEqual([]);
    expect((await outbox()).length).toBe(before);

    const detail = await staffCall('GET', `/v1/staff/records-requests/${late}`, { as: 'clerk' });
    expect((detail.body.request as Json).deemedDenial).toMatchObject({ on: expect.any(String) });
    expect(((detail.body.request as Json).clocks as Json).appeal).toMatchObject({ from: 'deemed-denial' });
  });

  it('moves open due dates when the clerk adds a city closure, after showing the effect first', async () => {
    const created = await publicCall('POST', '/v1/records-requests', {
      body: { description: 'Snow emergency parking ban notices, winter 2025-2026.', requester: REQUESTER },
    });
    const tn = created.body.trackingNumber as string;
    const due = created.body.statutoryDueDate as string;
    const calendar = await publicCall('GET', '/v1/holiday-calendar');
    expect(calendar.body.closedDays).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: expect.stringMatching(/Thanksgiving/) })]),
    );
    const closures = {
      revision: calendar.body.revision as number,
      closures: [{ date: due, name: 'Storm closure' }],
    };
    expect(
      (await staffCall('PUT', '/v1/staff/holiday-calendar', { as: 'publicworks', body: closures })).status,
    ).toBe(403);
    const preview = await staffCall('POST', '/v1/staff/holiday-calendar/preview', {
      as: 'clerk',
      body: closures,
    });
    expect(preview.status).toBe(200);
    const move = (preview.body.moves as Json[]).find((m) => m.trackingNumber === tn);
    expect(move).toMatchObject({ from: due });
    expect(String(move?.to) > due).toBe(true);
    // Nothing saved by the preview.
    expect(
      ((await staffCall('GET', `/v1/staff/records-requests/${tn}`, { as: 'clerk' })).body.request as Json)
        .statutoryDueDate,
    ).toBe(due);

    const saved = await staffCall('PUT', '/v1/staff/holiday-calendar', { as: 'clerk', body: closures });
    expect(saved.status).toBe(200);
    const after = (await staffCall('GET', `/v1/staff/records-requests/${tn}`, { as: 'clerk' })).body;
    expect((after.request as Json).statutoryDueDate).toBe(move?.to);
    expect((after.request as Json).calendarVersion).toBe((saved.body.calendar as Json).version);
    expect((after.timeline as Json[]).map((e) => e.action)).toContain('records-request.due-date-recomputed');
    const again = await staffCall('PUT', '/v1/staff/holiday-calendar', { as: 'clerk', body: closures });
    expect(again.status).toBe(409);
  });

  it('puts a request on the 10-day clock when the 1-214 notice is recorded', async () => {
    const created = await staffCall('POST', '/v1/staff/records-requests', {
      as: 'clerk',
      body: {
        description: 'Disciplinary records of a named firefighter, 2020 to 2025.',
        requester: { name: 'Walk-in requester' },
        channel: 'in-person',
        receivedAt: new Date().toISOString(),
        receivingOffice: 'city-clerk',
        delivery: 'inspection',
      },
    });
    const tn = created.body.trackingNumber as string;
    const request = created.body.request as Json;
    const notice = await staffCall('POST', `/v1/staff/records-requests/${tn}/objection-notice`, {
      as: 'clerk',
      body: {
        revision: request.revision,
        noticeOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date()),
        delivery: 'mailed',
      },
    });
    expect(notice.status).toBe(200);
    expect(notice.body.personnelFiles).toBe(true);
    expect(String(notice.body.statutoryDueDate) > String(request.statutoryDueDate)).toBe(true);
    expect(notice.body.objectionNotice).toMatchObject({ delivery: 'mailed', windowEnds: expect.any(String) });
  });

  it('blocks a document with a protected (1-217) address until a clerk decides, with the decision audited', async () => {
    const list = await staffCall('PUT', '/v1/staff/protected-addresses', {
      as: 'clerk',
      body: { addresses: [{ address: '77 Deer Hill Ave', category: 'sworn police officer' }] },
    });
    expect(list.status).toBe(200);
    const created = await publicCall('POST', '/v1/records-requests', {
      body: {
        description: 'Zoning complaints filed about Deer Hill Avenue in 2026.',
        requester: SECOND_REQUESTER,
      },
    });
    const tn = created.body.trackingNumber as string;
    const document = await upload(
      tn,
      'complaints.txt',
      'Complaint 44: noise at 77 Deer Hill Avenue, reported by a neighbour.\n',
      undefined,
      'clerk',
    );
    expect(document.state).toBe('blocked');
    expect(((document.scan as Json).findings as Json[]).map((f) => f.pattern)).toContain('protected-address');
    const decided = await staffCall(
      'POST',
      `/v1/staff/records-requests/${tn}/documents/${document.documentId as string}/decision`,
      {
        as: 'clerk',
        body: {
          reason: 'The address is the location of the complaint, not a residence from a personnel file.',
          exemptions: [],
        },
      },
    );
    expect(decided.status).toBe(200);
    expect((decided.body.document as Json).state).toBe('clear');
    const detail = await staffCall('GET', `/v1/staff/records-requests/${tn}`, { as: 'clerk' });
    expect((detail.body.timeline as Json[]).map((e) => e.action)).toContain(
      'records-request.document-findings-decided',
    );
  });

  it('denies with an exemption, sends the letter with the appeal notice, and keeps a neutral requester history', async () => {
    const created = await publicCall('POST', '/v1/records-requests', {
      body: {
        description: 'Draft budget memos of the finance director, March 2026.',
        requester: SECOND_REQUESTER,
      },
    });
    const tn = created.body.trackingNumber as string;
    const noCitation = await staffCall('POST', `/v1/staff/records-requests/${tn}/actions`, {
      as: 'clerk',
      body: { action: 'deny', revision: 1 },
    });
    expect(noCitation.status).toBe(400);
    const denied = await staffCall('POST', `/v1/staff/records-requests/${tn}/actions`, {
      as: 'clerk',
      body: {
        action: 'deny',
        revision: 1,
        exemptions: ['1-210(b)(1)'],
        message: 'These are preliminary drafts.',
      },
    });
    expect(denied.status).toBe(200);
    expect((denied.body.clocks as Json).appeal).toMatchObject({
      from: 'denial',
      deadline: expect.any(String),
    });
    const letter = (await outbox()).find((m) => m.category === 'records-request-deny' && m.text.includes(tn));
    expect(letter?.text).toContain('1-210(b)(1)');
    expect(letter?.text).toContain('165 Capitol Avenue');
    expect((denied.body.letter as Json).html).toMatch(/<[a-z]+[^>]*>.*1-210\(b\)\(1\)/s);

    const history = await staffCall('GET', `/v1/staff/records-requests/${tn}/requester-history`, {
      as: 'clerk',
    });
    expect((history.body.requests as Json[]).length).toBeGreaterThanOrEqual(3);
    expect(
      (await staffCall('GET', `/v1/staff/records-requests/${tn}/requester-history`, { as: 'publicworks' }))
        .status,
    ).toBe(403);

    const reopened = await staffCall('POST', `/v1/staff/records-requests/${tn}/actions`, {
      as: 'clerk',
      body: { action: 'reopen', revision: denied.body.revision, reason: 'The director finalized the memos.' },
    });
    expect(reopened.body).toMatchObject({ status: 'in-progress' });
    expect(reopened.body).not.toHaveProperty('closedAt');
  });

  it('resends a lost status link only to the address on the request, with the same answer either way', async () => {
    const before = (await outbox()).length;
    const wrong = await publicCall('POST', `/v1/records-requests/${trackingNumber}/status-link`, {
      body: { email: 'someone.else@example.org' },
    });
    const right = await publicCall('POST', `/v1/records-requests/${trackingNumber}/status-link`, {
      body: { email: REQUESTER.email.toUpperCase() },
    });
    expect([wrong.status, right.status]).toEqual([202, 202]);
    expect(wrong.body).toEqual(right.body);
    const sent = (await outbox()).slice(0, (await outbox()).length - before);
    expect(sent.map((m) => m.to)).toEqual([REQUESTER.email]);
    expect(sent[0]?.text).toContain(statusUrl);
  });

  it('exports the appeal packet of a denied request as a zip, for staff only', async () => {
    const created = await publicCall('POST', '/v1/records-requests', {
      body: { description: 'Attorney opinions on the Main Street lease, 2026.', requester: SECOND_REQUESTER },
    });
    const tn = created.body.trackingNumber as string;
    const denied = await staffCall('POST', `/v1/staff/records-requests/${tn}/actions`, {
      as: 'clerk',
      body: { action: 'deny', revision: 1, exemptions: ['1-210(b)(10)'] },
    });
    expect(denied.status).toBe(200);
    const anonymous = await publicCall('GET', `/v1/staff/records-requests/${tn}/appeal-packet`);
    expect(anonymous.status).toBe(401);
    const redirect = await fetch(`${platform.baseUrl}/v1/staff/records-requests/${tn}/appeal-packet`, {
      headers: { authorization: `Bearer ${tokens.clerk}` },
      redirect: 'manual',
    });
    expect(redirect.status).toBe(302);
    const zip = new Uint8Array(await (await fetch(redirect.headers.get('location')!)).arrayBuffer());
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['README.txt', 'summary.html', 'request.json']),
    );
    const summary = strFromU8(files['summary.txt']!);
    expect(summary).toContain('1-210(b)(10)');
    expect(summary).toContain(SECOND_REQUESTER.email);
  });

  it('publishes the request statistics as an open dataset and at /v1/records-requests/statistics', async () => {
    const report = (await platform.scheduler.run('recordsStatisticsJob')) as Json;
    expect(report.rows).toBeGreaterThan(0);
    expect(report.publishedVersion).toBe(report.uploadedVersion);
    const stats = await publicCall('GET', '/v1/records-requests/statistics');
    const rows = stats.body.rows as Json[];
    const received = rows.reduce((sum, r) => sum + (r.requests_received as number), 0);
    expect(received).toBeGreaterThanOrEqual(8);
    const csv = await fetch(`${platform.baseUrl}/v1/records-requests/statistics?format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).split('\n')[0]).toContain('month,department,requests_received');
    const dataset = await publicCall('GET', '/v1/datasets/records-request-statistics', {
      key: platform.demoApiKey,
    });
    expect(dataset.status).toBe(200);
    expect(dataset.body).toMatchObject({ ownerDepartment: { id: 'city-clerk' } });
    const published = await publicCall('GET', '/v1/datasets/records-request-statistics/rows?limit=100', {
      key: platform.demoApiKey,
    });
    expect(published.status).toBe(200);
    expect(published.body.totalRows).toBe(rows.length);
  });

  it('never shows a requester’s name, e-mail, address or phone in a public response', () => {
    expect(publicBodies.length).toBeGreaterThan(10);
    for (const body of publicBodies) {
      for (const value of PERSONAL_DATA) expect(body).not.toContain(value);
    }
  });
});
