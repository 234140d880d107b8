/**
 * The residents' records-request and violation-report pages in real Chromium against
 * the local platform (DynamoDB Local, s3rver, the outbox), as a resident uses them:
 * a request sent from the form, its receipt (tracking number, due date, status link)
 * shown on the page and e-mailed, the status page behind the link; the duplicate
 * warning and its override; a denial with its letter and appeal notice; the lost-link
 * form; the archive with the seeded fulfilled request and no requester in sight; a
 * violation report and its status page; a form without its CSRF token refused; a form
 * sent with JavaScript off; a 375 px phone. axe-core checks every page.
 */
import type { Browser, Page, Response } from 'playwright-core';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { launchChromium, newPage } from '../support/browser';
import { localEndpoints, uniquePrefix } from '../support/local-aws';
import { platformClient, signInAll, type Json } from '../support/platform-client';

jest.setTimeout(60_000);

let platform: LocalPlatform;
let browser: Browser;
let base: string;
let resident: Awaited<ReturnType<typeof newPage>>;
let staffCall: ReturnType<typeof platformClient>;
/** Every public page a resident saw, to check none of them shows a sample requester. */
const seen: { url: string; html: string }[] = [];

/** The sample requesters `npm start` seeds (local/seed/sample-records-requests.ts): never on a public page. */
const SAMPLE_REQUESTERS = [
  'Sample Requester',
  'sample.one@example.org',
  'sample.three@example.org',
  '1 Example Way',
  // The requester who sent a request with JavaScript off: never on the archive.
  'Pat No-Script',
  'pat.noscript@example.org',
];
const RESIDENT = { name: 'Jordan Resident', email: 'jordan.resident@example.org' };
const DESCRIPTION = 'Snow removal overtime records of the Public Works Department, winter 2025-2026.';

beforeAll(async () => {
  platform = await startLocalPlatform({
    services: localEndpoints(),
    resourcePrefix: uniquePrefix('browser-public'),
  });
  base = platform.baseUrl;
  expect(platform.seededRequests).toHaveLength(3);
  staffCall = platformClient(() => base, await signInAll(base, ['clerk', 'itadmin']));
  browser = await launchChromium();
  resident = await newPage(browser);
  resident.page.on('response', (response) => void remember(response));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function remember(response: Response): Promise<void> {
  if (response.request().resourceType() !== 'document' || !response.url().startsWith(base)) return;
  seen.push({ url: response.url(), html: await response.text().catch(() => '') });
}

async function outbox(): Promise<{ to: string; subject: string; text: string; category: string }[]> {
  const { body } = await staffCall('GET', '/v1/staff/outbox', { as: 'itadmin' });
  return body.messages as { to: string; subject: string; text: string; category: string }[];
}

const main = (page: Page) => page.locator('main').innerText();

/** Fills the records request form (the page is on /records/new). */
async function fillRequest(page: Page, requester: { name: string; email?: string }, description: string) {
  await page.fill('#records-new-description', description);
  await page.check('#records-new-delivery input[value=electronic]');
  await page.fill('#records-new-requester\\.name', requester.name);
  if (requester.email) await page.fill('#records-new-requester\\.email', requester.email);
}

async function submit(page: Page, form: string): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.click(`#${form} button[type=submit]`),
  ]);
  return response!;
}

let trackingNumber = '';
let statusPath = '';
/** A second request, sent twice with the same form: the one the clerk denies. */
let resent = { trackingNumber: '', link: '' };
/** The request sent with JavaScript off: the one the city fulfils with a file. */
let noScript = { trackingNumber: '', link: '' };

describe('asking for records', () => {
  it('explains records requests in plain words and links to the form', async () => {
    const { page } = resident;
    await page.goto(`${base}/records`);
    const text = await main(page);
    expect(text).toContain('You do not have to say who you are or why');
    expect(text).toContain('four business days');
    expect(text).toContain('50 cents a page');
    await expectNoSeriousA11yViolations(page, '/records');
    await page.click('a:has-text("Ask for records")');
    expect(page.url()).toBe(`${base}/records/new`);
  });

  it('refuses an empty form with the error summary linking to each field', async () => {
    const { page } = resident;
    await page.goto(`${base}/records/new`);
    await expectNoSeriousA11yViolations(page, '/records/new');
    const response = await submit(page, 'records-new');
    expect(response.status()).toBe(400);
    const summary = page.locator('.error-summary');
    await expect(summary.innerText()).resolves.toContain('There is a problem');
    await expect(summary.locator('a[href="#records-new-description"]').count()).resolves.toBe(1);
    await expect(summary.locator('a[href="#records-new-requester.name"]').count()).resolves.toBe(1);
    await expect(
      page.locator('#records-new-description').getAttribute('aria-describedby'),
    ).resolves.toContain('records-new-description-error');
    await expectNoSeriousA11yViolations(page, '/records/new refused');
  });

  it('sends a request and shows the receipt on the page, with nothing private in the URL', async () => {
    const { page } = resident;
    await page.goto(`${base}/records/new`);
    await fillRequest(page, RESIDENT, DESCRIPTION);
    const response = await submit(page, 'records-new');

    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('no-store');
    expect(page.url()).toBe(`${base}/records/new`);
    trackingNumber = await page.locator('#tracking-number').innerText();
    expect(trackingNumber).toMatch(/^\d{4}-\d{6}$/);
    const text = await main(page);
    expect(text).toContain('We received your request');
    await expect(page.locator('#due-date').innerText()).resolves.toMatch(/\w{3}, \w{3} \d{1,2}, \d{4}/);
    await expect(page.locator('#submitted-on').innerText()).resolves.not.toBe('');
    expect(text).toContain('We also e-mailed this receipt');
    const link = page.locator('#status-link');
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(new RegExp(`^/records/status/${trackingNumber}\\?token=[A-Za-z0-9_-]{20,}$`));
    expect(await link.innerText()).toBe(`${base}${href}`);
    statusPath = href;
    await expect(page.locator('meta[name=robots]').getAttribute('content')).resolves.toBe(
      'noindex, nofollow',
    );
    await expectNoSeriousA11yViolations(page, 'receipt');

    const receipt = (await outbox()).find(
      (m) => m.category === 'records-request-receipt' && m.text.includes(trackingNumber),
    );
    expect(receipt?.to).toBe(RESIDENT.email);
    expect(receipt?.text).toContain(new URL(`${base}${href}`).searchParams.get('token')!);
  });

  it('answers a second send of the same form with the same receipt, not a second request', async () => {
    const { page } = resident;
    // The browser's "resend the form": the same fields, the same one-time key.
    await page.goto(`${base}/records/new`);
    await fillRequest(page, RESIDENT, 'A first draft that is never sent as such.');
    const formKey = await page.locator('#records-new input[name=formKey]').inputValue();
    const csrf = await page.locator('#records-new input[name=csrf]').inputValue();
    const send = () =>
      page.request.post(`${base}/records/new`, {
        form: {
          csrf,
          formKey,
          description: 'Preliminary drafts of the 2027 budget memos of the finance director.',
          delivery: 'electronic',
          'requester.name': RESIDENT.name,
          'requester.email': RESIDENT.email,
        },
        maxRedirects: 0,
      });
    const again = await send();
    expect(again.status()).toBe(200);
    const first = /id="tracking-number">([^<]+)</.exec(await again.text())![1];
    const twice = await send();
    expect(/id="tracking-number">([^<]+)</.exec(await twice.text())![1]).toBe(first);
    expect(first).not.toBe(trackingNumber);
    resent = {
      trackingNumber: first!,
      link: /id="status-link" href="([^"]+)"/.exec(await again.text())![1]!,
    };
  });

  it('warns that an identical request was just sent, and sends it when the resident says it differs', async () => {
    const { page } = resident;
    await page.goto(`${base}/records/new`);
    await fillRequest(page, RESIDENT, DESCRIPTION);
    const refused = await submit(page, 'records-new');
    expect(refused.status()).toBe(409);
    const text = await main(page);
    expect(text).toContain('You may have sent this already');
    expect(text).toContain(trackingNumber);
    // What the resident typed is still there.
    await expect(page.locator('#records-new-description').inputValue()).resolves.toBe(DESCRIPTION);
    await expect(page.locator('.error-summary a[href="#records-new-notADuplicate"]').count()).resolves.toBe(
      1,
    );
    await expectNoSeriousA11yViolations(page, 'duplicate warning');

    await page.check('#records-new-notADuplicate input[value=yes]');
    const sent = await submit(page, 'records-new');
    expect(sent.status()).toBe(200);
    const second = await page.locator('#tracking-number').innerText();
    expect(second).toMatch(/^\d{4}-\d{6}$/);
    expect(second).not.toBe(trackingNumber);
  });
});

describe("the requester's status page", () => {
  it('shows the status, the due date and what was asked, behind the private link only', async () => {
    const { page } = resident;
    const response = await page.goto(`${base}${statusPath}`);
    expect(response!.status()).toBe(200);
    const text = await main(page);
    expect(text).toContain(`Your request ${trackingNumber}`);
    expect(text).toContain('Received: the city has your request');
    await expect(page.locator('#response-clock').innerText()).resolves.toMatch(/The city must answer by/);
    expect(text).toContain(DESCRIPTION);
    await expect(page.locator('meta[name=robots]').getAttribute('content')).resolves.toBe(
      'noindex, nofollow',
    );
    await expectNoSeriousA11yViolations(page, 'status page');

    const wrong = await page.goto(`${base}/records/status/${trackingNumber}?token=${'x'.repeat(43)}`);
    expect(wrong!.status()).toBe(404);
    const wrongText = await main(page);
    const unknown = await page.goto(`${base}/records/status/2001-999999?token=${'x'.repeat(43)}`);
    expect(unknown!.status()).toBe(404);
    expect(await main(page)).toBe(wrongText);
    const malformed = await page.goto(`${base}/records/status/${trackingNumber}`);
    expect(malformed!.status()).toBe(404);
    expect(await main(page)).toBe(wrongText);
    await expect(page.locator('meta[name=robots]').count()).resolves.toBe(1);
  });

  it('shows a denial: the letter, the laws cited and the appeal deadline', async () => {
    const { page } = resident;
    const { trackingNumber: tn, link } = resent;
    const denied = await staffCall('POST', `/v1/staff/records-requests/${tn}/actions`, {
      as: 'clerk',
      body: {
        action: 'deny',
        revision: 1,
        exemptions: ['1-210(b)(1)'],
        message: 'These are preliminary drafts not yet decided on.',
      },
    });
    expect(denied.status).toBe(200);
    const deadline = ((denied.body.clocks as Json).appeal as Json).deadline as string;

    await page.goto(`${base}${link}`);
    const text = await main(page);
    expect(text).toContain('Denied: the city withheld the records');
    expect(text).toContain('C.G.S. §1-210(b)(1)');
    expect(text).toContain('Preliminary drafts or notes');
    expect(text).toContain('These are preliminary drafts not yet decided on.');
    expect(text).toContain('Freedom of Information Commission');
    const calendarDate = new Intl.DateTimeFormat('en-US', {
      timeZone: 'UTC',
      weekday: 'short',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
    });
    await expect(page.locator('#appeal-deadline').innerText()).resolves.toBe(
      calendarDate.format(new Date(`${deadline}T12:00:00Z`)),
    );
    // The letter the requester got is on the page, as sent.
    await expect(page.locator('article.letter pre').first().innerText()).resolves.toContain(tn);
    await expectNoSeriousA11yViolations(page, 'status page, denied');
  });

  it('sends the status link again only to the address on the request, with the same answer either way', async () => {
    const { page } = resident;
    await page.goto(`${base}/records/lost-link`);
    await expectNoSeriousA11yViolations(page, '/records/lost-link');
    const before = (await outbox()).filter((m) => m.category === 'records-request-status-link').length;

    await page.fill('#lost-link-trackingNumber', trackingNumber);
    await page.fill('#lost-link-email', 'someone.else@example.org');
    await submit(page, 'lost-link');
    const notMatched = await page.locator('.notice').innerText();

    await page.fill('#lost-link-trackingNumber', trackingNumber);
    await page.fill('#lost-link-email', RESIDENT.email.toUpperCase());
    await submit(page, 'lost-link');
    expect(await page.locator('.notice').innerText()).toBe(notMatched);
    expect(notMatched).toContain('If this tracking number has that e-mail address');

    const sent = (await outbox()).filter((m) => m.category === 'records-request-status-link');
    expect(sent).toHaveLength(before + 1);
    expect(sent.some((m) => m.to === RESIDENT.email && m.text.includes(trackingNumber))).toBe(true);

    await page.fill('#lost-link-trackingNumber', 'not a number');
    const refused = await submit(page, 'lost-link');
    expect(refused.status()).toBe(400);
    await expect(page.locator('.error-summary a[href="#lost-link-email"]').count()).resolves.toBe(1);
    await expectNoSeriousA11yViolations(page, '/records/lost-link refused');
  });
});

describe('the public archive', () => {
  it('lists the seeded fulfilled request and opens it, without the requester or their words', async () => {
    const { page } = resident;
    const fulfilled = platform.seededRequests[2]!;
    await page.goto(`${base}/records/archive`);
    await expectNoSeriousA11yViolations(page, '/records/archive');
    const row = page.locator('tr', { has: page.locator(`a:has-text("${fulfilled}")`) });
    await expect(row.innerText()).resolves.toContain('Fulfilled');
    await page.click(`a:has-text("${fulfilled}")`);
    expect(page.url()).toBe(`${base}/records/archive/${fulfilled}`);
    const text = await main(page);
    expect(text).toContain(`Request ${fulfilled}`);
    expect(text).toContain('The adopted budget is also published on the city website.');
    expect(text).not.toContain('[Sample]');
    await expectNoSeriousA11yViolations(page, 'archive entry');

    // Open requests are not in the archive.
    const open = await page.goto(`${base}/records/archive/${platform.seededRequests[0]}`);
    expect(open!.status()).toBe(404);
  });
});

describe('reporting a violation', () => {
  it('sends a report about an unanswered request, shows the receipt, and the status link opens its status', async () => {
    const { page } = resident;
    await page.goto(`${base}/report`);
    await expectNoSeriousA11yViolations(page, '/report');
    await page.check('#report-category input[value=records-not-answered]');
    await page.fill('#report-description', 'My request was not answered within four business days.');
    // The domain needs the tracking number for this kind: left out, the field says so.
    const refused = await submit(page, 'report');
    expect(refused.status()).toBe(400);
    await expect(
      page.locator('.error-summary a[href="#report-subject.trackingNumber"]').count(),
    ).resolves.toBe(1);
    await expectNoSeriousA11yViolations(page, '/report refused');

    await page.fill('#report-subject\\.trackingNumber', trackingNumber);
    await page.fill('#report-reporter\\.email', RESIDENT.email);
    const sent = await submit(page, 'report');
    expect(sent.status()).toBe(200);
    expect(page.url()).toBe(`${base}/report`);
    const reportNumber = await page.locator('#report-number').innerText();
    expect(reportNumber).toMatch(/^VR-\d{4}-\d{6}$/);
    await expectNoSeriousA11yViolations(page, 'report receipt');
    const href = (await page.locator('#status-link').getAttribute('href'))!;
    expect(href).toMatch(new RegExp(`^/report/status/${reportNumber}\\?token=[A-Za-z0-9_-]{20,}$`));
    expect(
      (await outbox()).some(
        (m) => m.category === 'violation-report-receipt' && m.text.includes(reportNumber),
      ),
    ).toBe(true);

    await page.click('#status-link');
    const text = await main(page);
    expect(text).toContain(`Your report ${reportNumber}`);
    expect(text).toContain('A records request not answered in time');
    expect(text).toContain('Received: the office handling it will review it.');
    await expectNoSeriousA11yViolations(page, 'report status');

    const wrong = await page.goto(`${base}/report/status/${reportNumber}?token=${'y'.repeat(43)}`);
    expect(wrong!.status()).toBe(404);
  });
});

describe('forms from elsewhere, without JavaScript, on a phone', () => {
  it('refuses a form POST without its CSRF token, or with a token of another visitor', async () => {
    const { page } = resident;
    const fields = {
      description: 'Records posted from another site, which must not arrive.',
      delivery: 'electronic',
      'requester.name': RESIDENT.name,
      'requester.email': RESIDENT.email,
    };
    const without = await page.request.post(`${base}/records/new`, { form: fields, maxRedirects: 0 });
    expect(without.status()).toBe(403);
    expect(await without.text()).toContain('This form could not be accepted');

    const other = await newPage(browser);
    await other.page.goto(`${base}/report`);
    const foreignToken = await other.page.locator('#report input[name=csrf]').inputValue();
    await other.context.close();
    const foreign = await page.request.post(`${base}/records/new`, {
      form: { ...fields, csrf: foreignToken },
      maxRedirects: 0,
    });
    expect(foreign.status()).toBe(403);
    const report = await page.request.post(`${base}/report`, {
      form: { category: 'other', description: 'A report posted from another site.' },
      maxRedirects: 0,
    });
    expect(report.status()).toBe(403);
    expect((await outbox()).some((m) => m.text.includes('Records posted from another site'))).toBe(false);
  });

  it('sends a request with JavaScript disabled', async () => {
    const plain = await newPage(browser, { javaScriptEnabled: false });
    const { page } = plain;
    await page.goto(`${base}/records/new`);
    await fillRequest(
      page,
      { name: 'Pat No-Script', email: 'pat.noscript@example.org' },
      'Minutes of the Zoning Commission meetings, January to June 2026.',
    );
    await page.check('#records-new-delivery input[value=inspection]');
    const sent = await submit(page, 'records-new');
    expect(sent.status()).toBe(200);
    await expect(page.locator('#tracking-number').innerText()).resolves.toMatch(/^\d{4}-\d{6}$/);
    noScript = {
      trackingNumber: await page.locator('#tracking-number').innerText(),
      link: (await page.locator('#status-link').getAttribute('href'))!,
    };
    await page.click('#status-link');
    await expect(main(page)).resolves.toContain('Look at the records in person');
    expect(plain.consoleErrors).toEqual([]);
    await plain.context.close();
  });

  it('fits a 375 px phone: no sideways scrolling, and axe finds nothing serious', async () => {
    const phone = await newPage(browser, { viewport: { width: 375, height: 812 } });
    const { page } = phone;
    for (const path of [
      '/records',
      '/records/new',
      '/records/lost-link',
      '/records/archive',
      '/report',
      statusPath,
      // The denial: a long letter in a <pre> must wrap too.
      resent.link,
      `/records/archive/${platform.seededRequests[2]}`,
    ]) {
      await page.goto(`${base}${path}`);
      const overflow = (await page.evaluate(
        'document.documentElement.scrollWidth - window.innerWidth',
      )) as number;
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
      await expectNoSeriousA11yViolations(page, `${path.split('?')[0]} at 375 px`);
    }
    // The receipt shows the whole status link: it wraps rather than widening the page.
    await page.goto(`${base}/report`);
    await page.check('#report-category input[value=other]');
    await page.fill('#report-description', 'A broken link on the dataset page, reported from a phone.');
    expect((await submit(page, 'report')).status()).toBe(200);
    await expect(page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).resolves.toBe(0);
    await expectNoSeriousA11yViolations(page, 'report receipt at 375 px');
    expect(phone.consoleErrors).toEqual([]);
    await phone.context.close();
  });
});

/** A clerk uploads a text file to the request (presigned PUT), waits for the scan and releases it. */
async function releaseFile(trackingNumber: string, fileName: string, content: string): Promise<void> {
  const started = await staffCall('POST', `/v1/staff/records-requests/${trackingNumber}/documents`, {
    as: 'clerk',
    body: { fileName, contentType: 'text/plain', sizeBytes: Buffer.byteLength(content) },
  });
  expect(started.status).toBe(201);
  const { url, headers } = started.body.upload as { url: string; headers: Record<string, string> };
  expect((await fetch(url, { method: 'PUT', headers, body: content })).status).toBe(200);
  const documentId = (started.body.document as Json).documentId as string;
  let state = 'awaiting-upload';
  for (let i = 0; i < 100 && state === 'awaiting-upload'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { body } = await staffCall('GET', `/v1/staff/records-requests/${trackingNumber}`, { as: 'clerk' });
    state = (body.documents as Json[]).find((d) => d.documentId === documentId)?.state as string;
  }
  expect(state).toBe('clear');
  const released = await staffCall(
    'POST',
    `/v1/staff/records-requests/${trackingNumber}/documents/${documentId}/release`,
    { as: 'clerk', body: { audience: 'public' } },
  );
  expect(released.status).toBe(200);
}

describe('records released', () => {
  it('lets the requester download a released file from the status page, then shows it in the archive', async () => {
    const { trackingNumber: tn, link } = noScript;
    const content = 'Zoning Commission minutes, January to June 2026: approved.\n';
    await releaseFile(tn, 'zoning-minutes.txt', content);
    const detail = await staffCall('GET', `/v1/staff/records-requests/${tn}`, { as: 'clerk' });
    const acknowledged = await staffCall('POST', `/v1/staff/records-requests/${tn}/actions`, {
      as: 'clerk',
      body: { action: 'acknowledge', revision: (detail.body.request as Json).revision },
    });
    expect(acknowledged.status).toBe(200);
    const fulfilled = await staffCall('POST', `/v1/staff/records-requests/${tn}/actions`, {
      as: 'clerk',
      body: {
        action: 'fulfil',
        revision: acknowledged.body.revision,
        message: 'The minutes are on your status page.',
      },
    });
    expect(fulfilled.status).toBe(200);

    const { page } = resident;
    await page.goto(`${base}${link}`);
    await expect(main(page)).resolves.toContain('Fulfilled: the city has given you the records.');
    const download = page.locator('a:has-text("Download zoning-minutes.txt")');
    const href = (await download.getAttribute('href'))!;
    expect(href).toMatch(new RegExp(`^/records/status/${tn}/documents/[0-9A-Z]{26}\\?token=`));
    await expectNoSeriousA11yViolations(page, 'status page, fulfilled');
    // Each click signs a fresh 5-minute link to the file.
    const redirect = await page.request.get(`${base}${href}`, { maxRedirects: 0 });
    expect(redirect.status()).toBe(302);
    expect(await (await fetch(redirect.headers().location!)).text()).toBe(content);
    const wrongToken = await page.request.get(
      `${base}${href.replace(/token=.*/, `token=${'z'.repeat(43)}`)}`,
      {
        maxRedirects: 0,
      },
    );
    expect(wrongToken.status()).toBe(404);

    await page.goto(`${base}/records/archive/${tn}`);
    const archived = page.locator('a:has-text("Download zoning-minutes.txt")');
    const publicHref = (await archived.getAttribute('href'))!;
    expect(publicHref).toMatch(new RegExp(`^/records/archive/${tn}/files/[0-9A-Z]{26}$`));
    const publicRedirect = await page.request.get(`${base}${publicHref}`, { maxRedirects: 0 });
    expect(publicRedirect.status()).toBe(302);
    expect(await (await fetch(publicRedirect.headers().location!)).text()).toBe(content);
    await expect(main(page)).resolves.not.toContain('Pat No-Script');
  });
});

describe('every public page', () => {
  it('never showed a sample requester, and logged no CSP violation or script error', () => {
    expect(seen.length).toBeGreaterThan(10);
    // The pages' HTML was captured (a check of empty strings would prove nothing).
    expect(seen.some(({ html }) => html.includes(platform.seededRequests[2]!))).toBe(true);
    for (const { url, html } of seen) {
      for (const personal of SAMPLE_REQUESTERS) {
        expect({ url, shows: html.includes(personal) }).toEqual({ url, shows: false });
      }
    }
    expect(resident.consoleErrors).toEqual([]);
  });

  it('answers too many requests from one address plainly, keeping what was typed', async () => {
    const { page } = resident;
    let status = 0;
    for (let i = 0; i < 15 && status !== 429; i++) {
      await page.goto(`${base}/records/lost-link`);
      await page.fill('#lost-link-trackingNumber', trackingNumber);
      await page.fill('#lost-link-email', 'someone.else@example.org');
      status = (await submit(page, 'lost-link')).status();
    }
    expect(status).toBe(429);
    await expect(page.locator('.error-summary').innerText()).resolves.toContain(
      'Too many requests came from your address this hour',
    );
    await expect(page.locator('#lost-link-trackingNumber').inputValue()).resolves.toBe(trackingNumber);
  });
});
