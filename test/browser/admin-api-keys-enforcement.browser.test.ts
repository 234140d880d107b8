/**
 * The admin UI's API key and enforcement pages in real Chromium against the local
 * platform: an application sent through the public JSON route approved by City IT
 * (the key's page opens), a key suspended from its page with a reason, a violation
 * report about a key listed for City IT, moved to under review and acted on, and
 * another office's staff refused the case (403).
 */
import type { Browser, Page } from 'playwright-core';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform';
import { launchChromium, newPage, signInAs } from '../support/browser';
import { localEndpoints, uniquePrefix } from '../support/local-aws';

jest.setTimeout(60_000);

let platform: LocalPlatform;
let browser: Browser;
let base: string;
let it_: Awaited<ReturnType<typeof newPage>>;

beforeAll(async () => {
  platform = await startLocalPlatform({
    services: localEndpoints(),
    resourcePrefix: uniquePrefix('browser-keys'),
  });
  base = platform.baseUrl;
  browser = await launchChromium();
  it_ = await newPage(browser);
  await signInAs(it_.page, base, 'itadmin');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function postJson(path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Record<string, unknown>;
}

const main = (page: Page) => page.locator('main').innerText();

describe('API key applications and keys', () => {
  it('approves an application sent through the public route, then shows the issued key', async () => {
    const terms = (await (await fetch(`${base}/v1/api-terms`)).json()) as { version: string };
    await postJson('/v1/api-key-applications', {
      applicantName: 'Riley Reporter',
      email: 'riley@newsroom.example',
      organization: 'Hat City News',
      intendedUse: 'Weekly stories on road repairs and how long they take, by ward.',
      expectedRequestsPerDay: 500,
      requestedTier: 'basic',
      acceptTermsVersion: terms.version,
    });
    const { page } = it_;
    await page.goto(`${base}/admin`);
    await Promise.all([
      page.waitForURL(`${base}/admin/api-keys`),
      page.click('a:has-text("API key applications waiting")'),
    ]);
    const card = page.locator('article', { has: page.locator('h2:has-text("Hat City News")') });
    await card.locator('select[name="tier"]').selectOption('standard');
    await card.locator('textarea[name="message"]').fill('Welcome aboard, enjoy the data.');
    await Promise.all([
      page.waitForURL(/\/admin\/api-keys\/[A-Za-z0-9]+\?done=approved$/),
      card.locator('button:has-text("Approve")').click(),
    ]);

    await expect(page.locator('h1').innerText()).resolves.toMatch(/^API key …[A-Za-z0-9_-]{4}$/);
    const text = await main(page);
    expect(text).toContain('The application was approved');
    expect(text).toContain('Hat City News');
    expect(text).toContain('standard');
    expect(text).toContain('Usage, last 30 days');
    expect(it_.consoleErrors).toEqual([]);
  });

  it('suspends a key with a reason from its page', async () => {
    const { keyId } = await platform.issueApiKey({ name: 'Scraper Inc', tier: 'basic' });
    const { page } = it_;
    await page.goto(`${base}/admin/api-keys/${keyId}`);
    await page.selectOption('#sanction-action', 'suspend');
    await page.fill('#sanction-reason', 'Scraping every dataset far past the terms.');
    await Promise.all([
      page.waitForURL(`${base}/admin/api-keys/${keyId}?done=suspend`),
      page.click('button:has-text("Apply")'),
    ]);

    await expect(page.locator('#key-facts').innerText()).resolves.toContain('Suspended');
    await expect(page.locator('#sanction-history').innerText()).resolves.toContain(
      'Scraping every dataset far past the terms.',
    );
  });
});

describe('enforcement cases', () => {
  let reportNumber = '';

  it('lists a report about a key for City IT, moves it to under review and acts on it', async () => {
    const { keyId } = await platform.issueApiKey({ name: 'Heavy user', tier: 'basic' });
    const { page } = it_;
    await page.goto(`${base}/admin/api-keys/${keyId}`);
    const last4 = /…([A-Za-z0-9_-]{4})/.exec(await page.locator('h1').innerText())![1]!;
    const report = await postJson('/v1/violation-reports', {
      category: 'api-abuse',
      description: `The key ending ${last4} hammers the API all night long.`,
      subject: { apiKeyLast4: last4 },
    });
    reportNumber = report.reportNumber as string;

    await page.goto(`${base}/admin`);
    await Promise.all([
      page.waitForURL(`${base}/admin/enforcement`),
      page.click('a:has-text("Open enforcement cases")'),
    ]);
    await Promise.all([
      page.waitForURL(`${base}/admin/enforcement/${reportNumber}`),
      page.click(`a:has-text("${reportNumber}")`),
    ]);
    await expect(main(page)).resolves.toContain(`hammers the API all night long`);
    await expect(page.locator('#case-status').innerText()).resolves.toBe('Received');

    await Promise.all([page.waitForURL(/done=start-review$/), page.click('button:has-text("Start review")')]);
    await expect(page.locator('#case-status').innerText()).resolves.toBe('Under review');

    await page.selectOption('#act-kind', 'notice');
    await page.fill('#act-reason', 'Keep to the rate limits in the API terms.');
    await Promise.all([page.waitForURL(/done=action$/), page.click('button:has-text("Take the action")')]);
    await expect(page.locator('#case-status').innerText()).resolves.toBe('Action taken');
    await expect(page.locator('#case-actions').innerText()).resolves.toContain('Keep to the rate limits');
    expect(it_.consoleErrors).toEqual([]);
  });

  it('shows the fresh case (409) for a form with a stale revision', async () => {
    const { page } = it_;
    await page.goto(`${base}/admin/enforcement/${reportNumber}`);
    await page.evaluate(`document.querySelector('#act input[name="revision"]').value = '1'`);
    await page.selectOption('#act-kind', 'notice');
    await page.fill('#act-reason', 'A second notice from a stale page.');
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.click('button:has-text("Take the action")'),
    ]);
    expect(response!.status()).toBe(409);
    await expect(main(page)).resolves.toContain('Someone else changed this case');
  });

  it("refuses another office's staff the case (403)", async () => {
    const works = await newPage(browser);
    await signInAs(works.page, base, 'publicworks');
    const response = await works.page.goto(`${base}/admin/enforcement/${reportNumber}`);
    expect(response!.status()).toBe(403);
    await expect(works.page.locator('h1').innerText()).resolves.toBe('Not allowed');
    await expect(main(works.page)).resolves.not.toContain('hammers the API');
    await works.context.close();
  });
});
