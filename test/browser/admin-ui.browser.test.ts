/**
 * The admin UI in real Chromium against the local platform (DynamoDB Local,
 * s3rver, the outbox), as staff use it: sign in, the dashboard with the sample
 * requests, a request acknowledged then denied with an exemption and its letter,
 * a stale form, a document uploaded by the page's script straight to S3, blocked
 * on personal data, decided and released; a department's staff kept to their
 * department; a form without its CSRF token refused; a core action with
 * JavaScript off; a request entered from a letter; sign-out. Every page is checked
 * for its security headers, and the console for CSP violations.
 */
import type { Browser, Page, Response } from 'playwright-core';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform';
import { launchChromium, newPage, signInAs } from '../support/browser';
import { localEndpoints, uniquePrefix } from '../support/local-aws';

jest.setTimeout(60_000);

let platform: LocalPlatform;
let browser: Browser;
let base: string;
/** Sample requests `npm start` seeds: received online; routed to Public Works; fulfilled. */
let received: string;
let routed: string;
let clerk: Awaited<ReturnType<typeof newPage>>;
const visited: Response[] = [];

beforeAll(async () => {
  platform = await startLocalPlatform({
    services: localEndpoints(),
    resourcePrefix: uniquePrefix('browser'),
  });
  base = platform.baseUrl;
  [received, routed] = platform.seededRequests as [string, string, string];
  browser = await launchChromium();
  clerk = await newPage(browser);
  clerk.page.on('response', (response) => {
    if (response.url().startsWith(`${base}/admin`) && response.request().resourceType() === 'document') {
      visited.push(response);
    }
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const detailPath = (trackingNumber: string) => `/admin/records-requests/${trackingNumber}`;
const statusLine = (page: Page) => page.locator('#status-messages').innerText();

/** Reloads until the document's card shows the state (the scan runs when the upload lands). */
async function waitForDocumentState(page: Page, fileName: string, state: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.reload();
    const card = page.locator('article', { has: page.locator(`h3:has-text("${fileName}")`) });
    if ((await card.locator('.badge').first().innerText()).toLowerCase() === state) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`${fileName} never became ${state}`);
}

describe('signing in', () => {
  it('sends a visitor to the sign-in page, with the security headers and no inline script or style', async () => {
    const { page } = clerk;
    const response = await page.goto(`${base}/admin`);

    expect(page.url()).toBe(`${base}/admin/sign-in?next=%2Fadmin`);
    const headers = response!.headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    // Local mode is plain http: no HSTS, and the cookie cannot be Secure.
    expect(headers['strict-transport-security']).toBeUndefined();
    // Evaluated in the page (as text: this project compiles without the DOM types).
    const inline = await page.evaluate(`({
      scripts: document.querySelectorAll('script:not([src])').length,
      styles: document.querySelectorAll('style, [style]').length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
    })`);
    expect(inline).toEqual({ scripts: 0, styles: 0, handlers: 0 });
  });

  it('refuses a wrong password with the error summary linking to the field', async () => {
    const { page } = clerk;
    await page.fill('#sign-in-username', 'clerk');
    await page.fill('#sign-in-password', 'not-the-password');
    await page.click('button:has-text("Sign in")');

    const summary = page.locator('.error-summary');
    await expect(summary.innerText()).resolves.toContain('The username or password is wrong.');
    expect(await summary.locator('a').getAttribute('href')).toBe('#sign-in-username');
    // The script moved the focus to the summary, so a screen reader reads it first.
    expect(await page.evaluate('document.activeElement.className')).toBe('error-summary');
    expect(await page.inputValue('#sign-in-password')).toBe('');
  });

  it('signs the clerk in: the dashboard shows the sample requests, the cookie is HttpOnly', async () => {
    const { page, context } = clerk;
    await signInAs(page, base, 'clerk');

    await expect(page.locator('h1').innerText()).resolves.toBe('Dashboard');
    for (const trackingNumber of [received, routed]) {
      await expect(page.locator(`a:has-text("${trackingNumber}")`).count()).resolves.toBeGreaterThan(0);
    }
    const departments = page.locator('section[aria-labelledby="departments-title"]');
    await expect(departments.innerText()).resolves.toContain('Department of Public Works');
    const cookie = (await context.cookies()).find((c) => c.name === 'admin-session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
  });
});

describe('working a request', () => {
  it('acknowledges a request, then denies it citing an exemption and shows the letter as sent', async () => {
    const { page } = clerk;
    await page.goto(`${base}${detailPath(received)}`);
    await expect(page.locator('h1').innerText()).resolves.toContain('Received');

    await page.click('#acknowledge button[type=submit]');
    await expect(page.locator('h1').innerText()).resolves.toContain('Acknowledged');
    await expect(statusLine(page)).resolves.toContain('now acknowledged');

    // The exemption picker's filter (the page's script shows it) narrows the long list.
    await page.fill('#deny-exemptions-filter', 'preliminary');
    const visibleChoices = await page.locator('#deny-exemptions-list .choice:visible').count();
    expect(visibleChoices).toBe(1);
    await page.check('#deny-exemptions-list input[value="1-210(b)(1)"]');
    await page.fill('#deny-message', 'The priority map is a preliminary draft.');
    await page.click('#deny button[type=submit]');

    await expect(page.locator('h1').innerText()).resolves.toContain('Denied');
    const letter = await page.locator('.letter').innerText();
    expect(letter).toContain('C.G.S. §1-210(b)(1)');
    expect(letter).toContain('The priority map is a preliminary draft.');
    expect(letter).toContain('Freedom of Information Commission');
    // The copy kept on the request (and the outbox's e-mail) hold the same letter.
    await page.goto(`${base}/admin/outbox`);
    await expect(page.locator('article').first().innerText()).resolves.toContain(received);
  });

  it('refuses a denial without an exemption, with the problem at the top of the form', async () => {
    const { page } = clerk;
    const other = (await enterRequestByMail(page, 'Tree commission minutes for 2025, all meetings.'))
      .trackingNumber;
    await page.click('#deny button[type=submit]');

    expect(page.url()).toBe(`${base}${detailPath(other)}/actions`);
    const summary = page.locator('#deny .error-summary');
    await expect(summary.innerText()).resolves.toContain('Cite at least one exemption');
    expect(await summary.locator('a').getAttribute('href')).toBe('#deny-exemptions');
    await expect(page.locator('h1').innerText()).resolves.toContain('Received');
  });

  it('shows the fresh state and says so when someone else changed the request meanwhile', async () => {
    const { page } = clerk;
    await page.goto(`${base}${detailPath(routed)}`);
    const second = await newPage(browser);
    await signInAs(second.page, base, 'clerk', detailPath(routed));
    await second.page.click('#start-work button[type=submit]');
    await expect(second.page.locator('h1').innerText()).resolves.toContain('In progress');
    await second.context.close();

    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/actions')),
      page.click('#start-work button[type=submit]'),
    ]);

    expect(response.status()).toBe(409);
    await expect(statusLine(page)).resolves.toContain('Someone else changed this request');
    await expect(page.locator('h1').innerText()).resolves.toContain('In progress');
  });

  it('uploads a document straight to S3 with a progress bar, blocks it on an SSN, then decides and releases it', async () => {
    const { page } = clerk;
    await page.goto(`${base}${detailPath(routed)}`);
    await expect(page.locator('#upload [data-manual]').isHidden()).resolves.toBe(true);
    await page.setInputFiles('#upload-file', {
      name: 'work-orders.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('order,note\n2026-114,Contractor payee SSN 219-09-9999 for the 1099\n'),
    });
    await page.click('#upload button[type=submit]');
    await page.locator('#upload-status', { hasText: 'Uploaded.' }).waitFor();
    expect(await page.evaluate("document.querySelector('#upload progress').value")).toBe(100);

    await waitForDocumentState(page, 'work-orders.csv', 'blocked');
    const card = page.locator('article', { has: page.locator('h3:has-text("work-orders.csv")') });
    await expect(card.innerText()).resolves.toContain('Social Security number');
    await expect(card.innerText()).resolves.not.toContain('219-09-9999');
    await card
      .locator('textarea[name=reason]')
      .fill('The payee agreed in writing; the SSN is redacted on paper.');
    await card.locator('button:has-text("Record the decision")').click();
    await expect(statusLine(page)).resolves.toContain('The decision is recorded');

    const clear = page.locator('article', { has: page.locator('h3:has-text("work-orders.csv")') });
    await clear.locator('button:has-text("Release the document")').click();
    await expect(statusLine(page)).resolves.toContain('The document is released');
  });
});

describe('who sees what', () => {
  it("keeps department staff to their department: another department's request is a 403 page", async () => {
    const works = await newPage(browser);
    await signInAs(works.page, base, 'publicworks');
    const dashboard = await works.page.locator('main').innerText();
    expect(dashboard).toContain(routed);
    expect(dashboard).not.toContain(received);

    const response = await works.page.goto(`${base}${detailPath(received)}`);
    expect(response!.status()).toBe(403);
    await expect(works.page.locator('h1').innerText()).resolves.toBe('Not allowed');
    await expect(works.page.locator('main').innerText()).resolves.not.toContain('Sample Requester');
    expect(works.consoleErrors).toEqual([]);
    await works.context.close();
  });

  it('refuses a form POST without its CSRF token, or with a token of another session', async () => {
    const { page } = clerk;
    const note = 'A note posted from elsewhere';
    const without = await page.request.post(`${base}${detailPath(routed)}/messages`, {
      form: { visibility: 'internal', text: note },
      maxRedirects: 0,
    });
    expect(without.status()).toBe(403);
    expect(await without.text()).toContain('This form could not be accepted');

    const other = await newPage(browser);
    await signInAs(other.page, base, 'clerk', detailPath(routed));
    const foreignToken = await other.page.locator('#message input[name=csrf]').inputValue();
    await other.context.close();
    const foreign = await page.request.post(`${base}${detailPath(routed)}/messages`, {
      form: { csrf: foreignToken, visibility: 'internal', text: note },
      maxRedirects: 0,
    });
    expect(foreign.status()).toBe(403);

    await page.goto(`${base}${detailPath(routed)}`);
    await expect(page.locator('main').innerText()).resolves.not.toContain(note);
  });
});

/** The new-request form, filled as a clerk would from a letter; answers the detail page's tracking number. */
async function enterRequestByMail(page: Page, description: string): Promise<{ trackingNumber: string }> {
  await page.goto(`${base}/admin/records-requests/new`);
  await page.check('#new-request-channel input[value=mail]');
  await page.fill('#new-request-requester\\.name', 'Sample Letter Writer');
  await page.fill('#new-request-requester\\.postalAddress', '1 Example Way, Danbury, CT 06810');
  await page.fill('#new-request-description', description);
  await page.check('#new-request-delivery input[value=paper]');
  await page.click('#new-request button[type=submit]');
  await expect(statusLine(page)).resolves.toContain('The request is entered');
  const trackingNumber = /\d{4}-\d{6}/.exec(await page.locator('h1').innerText())![0];
  return { trackingNumber };
}

describe('without JavaScript', () => {
  it('works the core actions with scripts disabled: a note, a workflow action, the upload instructions', async () => {
    const plain = await newPage(browser, { javaScriptEnabled: false });
    const { page } = plain;
    await signInAs(page, base, 'clerk', detailPath(routed));

    await page.check('#message-visibility input[value=internal]');
    await page.fill('#message-text', 'Called the requester: paper copies are fine.');
    await page.click('#message button[type=submit]');
    await expect(statusLine(page)).resolves.toContain('Added.');
    await expect(page.locator('main').innerText()).resolves.toContain(
      'Called the requester: paper copies are fine.',
    );

    await page.check('#await-requester-pauseReason input[value=clarification]');
    await page.fill('#await-requester-message', 'Which months of 2026 do you need?');
    await page.click('#await-requester button[type=submit]');
    await expect(page.locator('h1').innerText()).resolves.toContain('Awaiting requester');

    // No script to PUT the file: the page gives the command instead.
    await expect(page.locator('#upload [data-manual]').isVisible()).resolves.toBe(true);
    await page.fill('#upload-fileName', 'minutes.pdf');
    await page.fill('#upload-contentType', 'application/pdf');
    await page.fill('#upload-sizeBytes', '1234');
    await page.click('#upload button[type=submit]');
    await expect(page.locator('pre.command').innerText()).resolves.toMatch(
      /^curl -X PUT -H 'Content-Type: application\/pdf' --upload-file 'minutes.pdf' 'http/,
    );
    await plain.context.close();
  });
});

describe('entering a request and leaving', () => {
  it('enters a request received by mail, with its receipt time and office', async () => {
    const { page } = clerk;
    const { trackingNumber } = await enterRequestByMail(
      page,
      'Building permits issued on Main Street in 2026.',
    );

    expect(page.url()).toBe(`${base}${detailPath(trackingNumber)}?done=entered`);
    const facts = await page.locator('section[aria-labelledby="request-title"]').innerText();
    expect(facts).toContain('Mail');
    expect(facts).toContain('Office of the City Clerk');
    await expect(page.locator('section[aria-labelledby="requester-title"]').innerText()).resolves.toContain(
      'Sample Letter Writer',
    );
  });

  it('finds a request by tracking number and exports the queue as CSV', async () => {
    const { page } = clerk;
    await page.goto(`${base}/admin/records-requests`);
    await page.fill('#find-trackingNumber', routed.replace(/-0+/, '-'));
    await page.click('form[role=search] button');
    expect(page.url()).toBe(`${base}${detailPath(routed)}`);

    const csv = await page.request.get(`${base}/admin/records-requests.csv?state=open`);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toMatch(/^trackingNumber,status,/);
    expect(text).toContain(routed);
    expect(text).not.toContain('Sample Requester');
  });

  it('signs out: the cookie is gone and the dashboard asks for a sign-in again', async () => {
    const { page, context } = clerk;
    await page.goto(`${base}/admin`);
    await page.click('button:has-text("Sign out")');

    await expect(page.locator('main').innerText()).resolves.toContain('You are signed out.');
    expect((await context.cookies()).find((c) => c.name === 'admin-session')).toBeUndefined();
    await page.goto(`${base}/admin`);
    expect(page.url()).toContain('/admin/sign-in');
  });
});

describe('content security policy', () => {
  it('was on every page visited, and the console logged no violation or script error', () => {
    expect(visited.length).toBeGreaterThan(10);
    for (const response of visited) {
      expect(response.headers()['content-security-policy']).toMatch(
        /^default-src 'self'; script-src 'self';/,
      );
    }
    expect(clerk.consoleErrors).toEqual([]);
  });

  it('is enforced by Chromium: an inline script does not run', async () => {
    const { page, consoleErrors } = clerk;
    await page.goto(`${base}/admin/sign-in`);
    await page.addScriptTag({ content: 'window.__inlineRan = true;' }).catch(() => undefined);

    expect(await page.evaluate('window.__inlineRan')).toBeUndefined();
    expect(consoleErrors.some((e) => e.includes('Content Security Policy'))).toBe(true);
  });
});
