/**
 * Violation reports worked to an outcome, over HTTP against the local
 * platform: an anonymous report of personal data in a dataset reaches the
 * owning department and City IT with the gate's findings, the version is
 * unpublished and the incident (with its download count) recorded; a report
 * of an unanswered records request reaches the City Clerk with the clock
 * evidence; a report of API scraping reaches City IT, whose suspension goes
 * through the API-key sanctions and tells the consumer. Plus the
 * authorization matrix over the new routes, and the reporter's privacy.
 */
import { ApiAccessStore } from '../../lambdas/adapters/api-access/api-access-store';
import { createDocumentClient } from '../../lambdas/adapters/clients/dynamodb';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform';
import { localEndpoints, uniquePrefix } from '../support/local-aws';
import { platformClient, signInAll, type Json } from '../support/platform-client';

let platform: LocalPlatform;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  platform = await startLocalPlatform({
    services: localEndpoints(),
    resourcePrefix: uniquePrefix('enforce'),
  });
  Object.assign(tokens, await signInAll(platform.baseUrl, ['clerk', 'publicworks', 'police', 'itadmin']));
}, 90_000);
afterAll(() => platform?.stop());

const call = platformClient(() => platform.baseUrl, tokens);
const REPORTER = { name: 'Robin Watchful', email: 'robin.watchful@example.org' };

interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  category: string;
}
const outbox = async () =>
  (await call('GET', '/v1/staff/outbox', { as: 'itadmin' })).body.messages as OutboxMessage[];

const DATASET = 'noise-complaints';
async function publishDatasetWithPhones(): Promise<number> {
  const base = `/v1/staff/datasets/${DATASET}`;
  expect(
    (
      await call('POST', '/v1/staff/datasets', {
        as: 'publicworks',
        body: {
          datasetId: DATASET,
          title: 'Noise complaints',
          description: 'Noise complaints by street, for the enforcement test.',
          keywords: ['noise'],
          ownerDepartment: 'public-works',
          contactName: 'DPW',
          contactEmail: 'dpw@danbury.local',
          license: 'https://creativecommons.org/publicdomain/zero/1.0/',
          updateFrequency: 'R/P1D',
        },
      })
    ).status,
  ).toBe(201);
  const csv = 'complaint_id,caller_phone,street\r\n1,(203) 555-0147,Main St\r\n2,203-555-0199,Lake Ave\r\n';
  const created = await call('POST', `${base}/versions`, {
    as: 'publicworks',
    body: { fileName: 'noise.csv', sizeBytes: Buffer.byteLength(csv) },
  });
  const { version, upload } = created.body as { version: { version: number }; upload: { url: string } };
  await fetch(upload.url, { method: 'PUT', body: csv });
  let state = '';
  for (let i = 0; i < 100 && !['quarantined', 'ready', 'failed'].includes(state); i++) {
    await platform.events.idle();
    state = String(
      (await call('GET', `${base}/versions/${version.version}`, { as: 'publicworks' })).body.state,
    );
  }
  expect(state).toBe('quarantined');
  // A clerk wrongly decides the phones are public: the mistake this report is about.
  await call('POST', `${base}/versions/${version.version}/personal-data-decisions`, {
    as: 'publicworks',
    body: {
      decisions: [
        { column: 'caller_phone', pattern: 'phone-number', reason: 'Assumed to be business lines' },
      ],
    },
  });
  expect(
    (await call('POST', `${base}/versions/${version.version}/publish`, { as: 'publicworks' })).status,
  ).toBe(200);
  return version.version;
}

describe('violation reports and enforcement, end to end', () => {
  let personalDataCase = '';
  let scrapingCase = '';

  it('refuses bad reports with 400 and stores nothing', async () => {
    for (const body of [
      { category: 'api-abuse', description: 'short' },
      { category: 'fines', description: 'A report with an unknown category.' },
      { category: 'records-not-answered', description: 'My request was never answered by the city.' },
      {
        category: 'other',
        description: 'Something else entirely happened here.',
        subject: { trackingNumber: '26-1' },
      },
    ]) {
      const response = await call('POST', '/v1/violation-reports', { body });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: expect.any(String), requestId: expect.any(String) });
    }
    expect(
      ((await call('GET', '/v1/staff/enforcement/cases', { as: 'itadmin' })).body.cases as Json[]).length,
    ).toBe(0);
  });

  it('routes an anonymous report of personal data in a dataset to the owner and City IT, with the findings', async () => {
    const version = await publishDatasetWithPhones();
    // Two downloads while it is public: the incident must count them.
    for (let i = 0; i < 2; i++) {
      const r = await fetch(`${platform.baseUrl}/v1/datasets/${DATASET}/download`, {
        headers: { 'x-api-key': platform.demoApiKey },
        redirect: 'manual',
      });
      expect(r.status).toBe(302);
    }
    const report = await call('POST', '/v1/violation-reports', {
      body: {
        category: 'personal-data',
        description: 'The noise complaints dataset lists the phone numbers of the people who called.',
        subject: { datasetId: DATASET },
      },
      headers: { 'idempotency-key': 'report-1' },
    });
    expect(report.status).toBe(201);
    personalDataCase = report.body.reportNumber as string;
    expect(personalDataCase).toMatch(/^VR-\d{4}-\d{6}$/);
    expect(report.body.handledBy).toEqual(['public-works', 'information-technology']);
    const again = await call('POST', '/v1/violation-reports', {
      body: {
        category: 'personal-data',
        description: 'The noise complaints dataset lists phone numbers.',
        subject: { datasetId: DATASET },
      },
      headers: { 'idempotency-key': 'report-1' },
    });
    expect(again.body.reportNumber).toBe(personalDataCase);

    const detail = await call('GET', `/v1/staff/enforcement/cases/${personalDataCase}`, {
      as: 'publicworks',
    });
    expect(detail.status).toBe(200);
    const evidence = (detail.body.case as Json).evidence as Json;
    expect(evidence.dataset).toMatchObject({
      version,
      findings: [expect.objectContaining({ column: 'caller_phone', pattern: 'phone-number' })],
    });
    expect((detail.body.case as Json).party).toEqual({ kind: 'department', id: 'public-works' });
    // The police see neither the case nor the list entry.
    expect(
      (await call('GET', `/v1/staff/enforcement/cases/${personalDataCase}`, { as: 'police' })).status,
    ).toBe(403);
    const policeList = await call('GET', '/v1/staff/enforcement/cases', { as: 'police' });
    expect(policeList.body.cases).toEqual([]);
    const routed = (await outbox()).filter(
      (m) => m.category === 'enforcement-case-routed' && m.subject.includes(personalDataCase),
    );
    expect(routed.map((m) => m.to).sort()).toEqual([
      'dpw-records@danbury-ct.gov',
      'it-records@danbury-ct.gov',
    ]);
  });

  it('unpublishes the version through the open-data rollback, records the incident, and closes the case', async () => {
    const detail = await call('GET', `/v1/staff/enforcement/cases/${personalDataCase}`, {
      as: 'publicworks',
    });
    const acted = await call('POST', `/v1/staff/enforcement/cases/${personalDataCase}/actions`, {
      as: 'publicworks',
      body: {
        kind: 'unpublish-dataset-version',
        revision: (detail.body.case as Json).revision,
        reason: 'Caller phone numbers are personal data and were published by mistake.',
      },
    });
    expect(acted.status).toBe(200);
    expect(acted.body.status).toBe('action-taken');
    expect(acted.body.incident).toMatchObject({
      datasetId: DATASET,
      downloads: 2,
      publishedAt: expect.any(String),
    });
    expect((await call('GET', `/v1/datasets/${DATASET}/rows`, { key: platform.demoApiKey })).status).toBe(
      404,
    );
    const notice = (await outbox()).find((m) => m.category === 'enforcement-incident');
    expect(notice?.to).toBe('dpw-director@danbury-ct.gov');
    expect(notice?.text).toContain('downloaded 2 time(s)');

    const closed = await call('POST', `/v1/staff/enforcement/cases/${personalDataCase}/transitions`, {
      as: 'publicworks',
      body: {
        action: 'close',
        revision: acted.body.revision,
        reason: 'Version withdrawn; department to republish without phones.',
      },
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', outcome: { status: 'action-taken' } });
    const again = await call('POST', `/v1/staff/enforcement/cases/${personalDataCase}/transitions`, {
      as: 'publicworks',
      body: { action: 'close', revision: closed.body.revision, reason: 'Twice.' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  it('routes a report of an unanswered records request to the City Clerk with the clock evidence', async () => {
    const entered = await call('POST', '/v1/staff/records-requests', {
      as: 'clerk',
      body: {
        description: 'Building permits for 3 Oak Lane, 2024 to 2026.',
        requester: { name: 'Pat Permit', email: 'pat.permit@example.org' },
        channel: 'email',
        receivedAt: new Date(Date.now() - 12 * 86_400_000).toISOString(),
        receivingOffice: 'city-clerk',
      },
    });
    const tn = entered.body.trackingNumber as string;
    const report = await call('POST', '/v1/violation-reports', {
      body: {
        category: 'records-not-answered',
        description: `My request ${tn} was never answered.`,
        subject: { trackingNumber: tn },
        reporter: REPORTER,
      },
    });
    expect(report.status).toBe(201);
    expect(report.body.handledBy).toEqual(['city-clerk']);
    const detail = await call('GET', `/v1/staff/enforcement/cases/${report.body.reportNumber as string}`, {
      as: 'clerk',
    });
    const evidence = (detail.body.case as Json).evidence as Json;
    expect(((evidence.records as Json).clocks as Json).response).toMatchObject({ state: 'deemed-denied' });
    expect((evidence.summary as string[]).join(' ')).toMatch(/deemed denied/);
    expect(
      (await outbox()).some((m) => m.to === REPORTER.email && m.category === 'violation-report-receipt'),
    ).toBe(true);
    // The reporter follows it with the status link from the answer.
    const status = await call(
      'GET',
      new URL(report.body.statusUrl as string).pathname + new URL(report.body.statusUrl as string).search,
    );
    expect(status.body).toMatchObject({ status: 'received', handledBy: ['city-clerk'] });
    expect(JSON.stringify(status.body)).not.toContain('clerk@');
    // The same link opened in a browser goes on to the reporter's status page.
    const inBrowser = await fetch(report.body.statusUrl as string, {
      headers: { accept: 'text/html,*/*;q=0.8' },
      redirect: 'manual',
    });
    expect(inBrowser.status).toBe(303);
    expect(inBrowser.headers.get('location')).toMatch(/\/report\/status\/VR-\d{4}-\d{6}\?token=/);
  });

  it('takes an attachment with the status-link token, scans it, and lets only the case’s offices open it', async () => {
    const report = await call('POST', '/v1/violation-reports', {
      body: {
        category: 'personal-data',
        description: 'A PDF on the city site shows a resident’s social security number.',
        subject: { url: 'https://www.danbury-ct.gov/minutes/2026-10.pdf' },
      },
    });
    const rn = report.body.reportNumber as string;
    const token = new URL(report.body.statusUrl as string).searchParams.get('token')!;
    const content = 'Copied from page 3 of the minutes: SSN 219-09-9999 next to the name.\n';
    const wrong = await call('POST', `/v1/violation-reports/${rn}/attachments?token=${'z'.repeat(32)}`, {
      body: { fileName: 'excerpt.txt', contentType: 'text/plain', sizeBytes: content.length },
    });
    expect(wrong.status).toBe(404);
    const tooBig = await call('POST', `/v1/violation-reports/${rn}/attachments?token=${token}`, {
      body: { fileName: 'huge.pdf', contentType: 'application/pdf', sizeBytes: 26 * 1024 * 1024 },
    });
    expect(tooBig.status).toBe(400);
    const started = await call('POST', `/v1/violation-reports/${rn}/attachments?token=${token}`, {
      body: { fileName: 'excerpt.txt', contentType: 'text/plain', sizeBytes: content.length },
    });
    expect(started.status).toBe(201);
    const upload = started.body.upload as { url: string; headers: Record<string, string> };
    expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: content })).status).toBe(
      200,
    );
    let attachment: Json | undefined;
    for (let i = 0; i < 100 && attachment?.state !== 'scanned'; i++) {
      await platform.events.idle();
      const detail = await call('GET', `/v1/staff/enforcement/cases/${rn}`, { as: 'itadmin' });
      attachment = (detail.body.attachments as Json[])[0];
    }
    expect(attachment).toMatchObject({
      state: 'scanned',
      scan: { findings: [expect.objectContaining({ pattern: 'us-ssn' })] },
    });
    expect(JSON.stringify(attachment)).not.toContain('219-09-9999');
    const path = `/v1/staff/enforcement/cases/${rn}/attachments/${attachment!.attachmentId as string}`;
    expect((await call('GET', path, { as: 'police' })).status).toBe(403);
    const redirect = await fetch(`${platform.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${tokens.itadmin}` },
      redirect: 'manual',
    });
    expect(redirect.status).toBe(302);
    expect(await (await fetch(redirect.headers.get('location')!)).text()).toBe(content);
  });

  it('routes API scraping to City IT; the suspension goes through the API-key sanctions and the consumer is told', async () => {
    // A key value ending in base64url's - and _, which a reporter may copy too.
    const key = await platform.issueApiKey({
      name: 'scraper',
      tier: 'basic',
      value: `scraper-key-${Date.now()}-_x9`,
    });
    const report = await call('POST', '/v1/violation-reports', {
      body: {
        category: 'api-abuse',
        description: 'Someone is paging through every dataset all night with this key.',
        subject: { apiKeyLast4: key.value.slice(-4) },
        reporter: REPORTER,
      },
    });
    expect(report.status).toBe(201);
    scrapingCase = report.body.reportNumber as string;
    expect(report.body.handledBy).toEqual(['information-technology']);
    const detail = await call('GET', `/v1/staff/enforcement/cases/${scrapingCase}`, { as: 'itadmin' });
    expect((detail.body.case as Json).party).toEqual({ kind: 'api-key', id: key.keyId });
    expect(
      (await call('GET', `/v1/staff/enforcement/cases/${scrapingCase}`, { as: 'publicworks' })).status,
    ).toBe(403);

    const suspended = await call('POST', `/v1/staff/enforcement/cases/${scrapingCase}/actions`, {
      as: 'itadmin',
      body: {
        kind: 'suspend-api-key',
        revision: (detail.body.case as Json).revision,
        reason: 'Scraping beyond the quota, against the API terms.',
      },
    });
    expect(suspended.status).toBe(200);
    expect((suspended.body.actions as Json[])[0]).toMatchObject({
      kind: 'suspend-api-key',
      offenceLevel: 'first',
      result: { status: 'suspended' },
    });
    await new Promise((r) => setTimeout(r, 1100)); // the key-status cache (1 s locally)
    const refused = await fetch(`${platform.baseUrl}/v1/datasets/pothole-repairs/rows?limit=1`, {
      headers: { 'x-api-key': key.value },
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('API_KEY_SUSPENDED');
    const messages = await outbox();
    const toConsumer = messages.find(
      (m) => m.to === 'api-consumer@danbury.local' && /suspend/i.test(m.subject + m.text),
    );
    expect(toConsumer).toBeDefined();
    // The party never learns who reported it.
    for (const m of messages.filter((m) => m.to !== REPORTER.email)) {
      expect(m.text).not.toContain(REPORTER.email);
      expect(m.text).not.toContain(REPORTER.name);
    }
    // The reporter hears that action was taken.
    expect(
      messages.some(
        (m) =>
          m.to === REPORTER.email &&
          m.category === 'violation-report-status' &&
          m.text.includes(scrapingCase),
      ),
    ).toBe(true);
  });

  it('opens a case for City IT when a key reaches its daily quota, once, and never sanctions on its own', async () => {
    const key = await platform.issueApiKey({ name: 'quota-eater', tier: 'basic' });
    // What the admission check does when a key's request count reaches the tier's daily quota.
    const db = createDocumentClient(platform.dynamoDbEndpoint);
    const store = new ApiAccessStore(db, platform.tableName);
    const signal = {
      keyId: key.keyId,
      day: new Date().toISOString().slice(0, 10),
      reason: 'daily-quota-reached' as const,
      throttledToday: 0,
      raisedAt: new Date().toISOString(),
    };
    await store.raiseAbuseSignal(signal);
    await store.raiseAbuseSignal(signal); // the same day again: still one signal
    const first = (await platform.scheduler.run('apiAbuseDetection')) as Json;
    expect(first).toMatchObject({ signals: 1, opened: [expect.stringMatching(/^VR-/)] });
    const caseNumber = (first.opened as string[])[0]!;
    const detail = await call('GET', `/v1/staff/enforcement/cases/${caseNumber}`, { as: 'itadmin' });
    expect(detail.body.case).toMatchObject({
      source: 'abuse-detection',
      category: 'api-abuse',
      offices: ['information-technology'],
      party: { kind: 'api-key', id: key.keyId },
      actions: [],
    });
    expect(((detail.body.case as Json).evidence as Json).summary).toEqual(
      expect.arrayContaining([expect.stringContaining('whole daily quota')]),
    );
    const second = (await platform.scheduler.run('apiAbuseDetection')) as Json;
    expect(second).toMatchObject({ signals: 0, opened: [] });
    // Nothing was sanctioned: the key still works.
    const ok = await fetch(`${platform.baseUrl}/v1/datasets/pothole-repairs/rows?limit=1`, {
      headers: { 'x-api-key': key.value },
    });
    expect(ok.status).toBe(200);
    db.destroy();
  });

  it('answers the authorization matrix of the new routes', async () => {
    const rn = scrapingCase;
    const cases: [string, string, string | undefined, number][] = [
      ['GET', '/v1/staff/enforcement/cases', undefined, 401],
      ['GET', '/v1/staff/enforcement/cases', 'police', 200],
      ['GET', '/v1/staff/enforcement/cases?office=information-technology', 'police', 403],
      ['GET', '/v1/staff/enforcement/cases?office=information-technology', 'itadmin', 200],
      ['GET', `/v1/staff/enforcement/cases/${rn}`, undefined, 401],
      ['GET', `/v1/staff/enforcement/cases/${rn}`, 'police', 403],
      ['GET', `/v1/staff/enforcement/cases/${rn}`, 'clerk', 403],
      ['GET', `/v1/staff/enforcement/cases/${rn}`, 'itadmin', 200],
      ['GET', `/v1/staff/enforcement/cases/${personalDataCase}`, 'publicworks', 200],
      ['POST', `/v1/staff/enforcement/cases/${rn}/transitions`, undefined, 401],
      ['POST', `/v1/staff/enforcement/cases/${rn}/transitions`, 'publicworks', 403],
      ['POST', `/v1/staff/enforcement/cases/${rn}/actions`, 'police', 403],
      ['GET', `/v1/violation-reports/${rn}?token=${'x'.repeat(32)}`, undefined, 404],
      ['GET', '/v1/violation-reports/VR-2026-999999?token=' + 'x'.repeat(32), undefined, 404],
    ];
    for (const [method, path, as, expected] of cases) {
      const body = path.endsWith('/transitions')
        ? { action: 'start-review', revision: 1 }
        : path.endsWith('/actions')
          ? { kind: 'notice', revision: 1, reason: 'A reason long enough.' }
          : undefined;
      const response = await call(method, path, { ...(as ? { as } : {}), ...(body ? { body } : {}) });
      expect(`${method} ${path} as ${as ?? 'anonymous'}: ${response.status}`).toBe(
        `${method} ${path} as ${as ?? 'anonymous'}: ${expected}`,
      );
    }
  });
});
