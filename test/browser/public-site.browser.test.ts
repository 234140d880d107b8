/**
 * The residents' dataset catalog, API key and help pages in real Chromium against the
 * local platform (DynamoDB Local, s3rver, the outbox), as a resident uses them: the
 * catalog searched by keyword and by department, a sample dataset's page with the same
 * dictionary as the API's, its download link followed to the CSV (no API key, and
 * counted), an API key application with its errors, its confirmation and the
 * acknowledgment in the outbox, the help page's deadlines and fees, and every page at a
 * 375 px phone width. axe-core checks every page.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser, Page } from 'playwright-core';
import { createDocumentClient } from '../../lambdas/adapters/clients/dynamodb';
import { keys } from '../../lambdas/adapters/table-design';
import { APPEAL_CALENDAR_DAYS, RESPONSE_BUSINESS_DAYS } from '../../lambdas/domain/records/clocks';
import { DEFAULT_FEE_SCHEDULE, formatCents } from '../../lambdas/domain/records/fees';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { launchChromium, newPage } from '../support/browser';
import { localEndpoints, uniquePrefix } from '../support/local-aws';
import { platformClient, signInAll } from '../support/platform-client';

jest.setTimeout(60_000);

let platform: LocalPlatform;
let browser: Browser;
let base: string;
let resident: Awaited<ReturnType<typeof newPage>>;
let staffCall: ReturnType<typeof platformClient>;

const APPLICANT = { name: 'Riley Reporter', email: 'riley.reporter@newsroom.example' };

beforeAll(async () => {
  platform = await startLocalPlatform({
    services: localEndpoints(),
    resourcePrefix: uniquePrefix('browser-site'),
  });
  base = platform.baseUrl;
  expect(platform.seededDatasets).toEqual(
    expect.arrayContaining(['building-permits', 'police-calls-for-service']),
  );
  staffCall = platformClient(() => base, await signInAll(base, ['itadmin']));
  browser = await launchChromium();
  resident = await newPage(browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const main = (page: Page) => page.locator('main').innerText();
const resultTitles = (page: Page) => page.locator('ul.results h3').allInnerTexts();

async function search(page: Page, fields: { keyword?: string; department?: string }): Promise<void> {
  await page.goto(`${base}/datasets`);
  await page.fill('#search-keyword', fields.keyword ?? '');
  await page.selectOption('#search-department', fields.department ?? '');
  await Promise.all([page.waitForNavigation(), page.click('form.search-form button[type=submit]')]);
}

async function downloadCount(datasetId: string, version: number): Promise<number> {
  const db = createDocumentClient(platform.dynamoDbEndpoint);
  try {
    const { Item } = await db.send(
      new GetCommand({ TableName: platform.tableName, Key: keys.versionDownloads(datasetId, version) }),
    );
    return (Item?.downloads as number | undefined) ?? 0;
  } finally {
    db.destroy();
  }
}

async function outbox(): Promise<{ to: string; subject: string; text: string; category: string }[]> {
  const { body } = await staffCall('GET', '/v1/staff/outbox', { as: 'itadmin' });
  return body.messages as { to: string; subject: string; text: string; category: string }[];
}

describe('the dataset catalog', () => {
  it('lists the published datasets with their department, description and last update', async () => {
    const { page, consoleErrors } = resident;
    const response = await page.goto(`${base}/datasets`);

    expect(response!.status()).toBe(200);
    expect(await resultTitles(page)).toEqual(
      expect.arrayContaining(['Building Permits (sample data)', 'Police Calls for Service (sample data)']),
    );
    const permits = page.locator('ul.results > li', { hasText: 'Building Permits' });
    expect(await permits.innerText()).toContain('Planning and Zoning');
    expect(await permits.innerText()).toContain('Building permits issued by the Building Department');
    expect(await permits.locator('dt', { hasText: 'Last updated' }).count()).toBe(1);
    await expectNoSeriousA11yViolations(page, 'catalog');
    expect(consoleErrors).toEqual([]);
  });

  it('finds datasets by keyword, by department, and says so when nothing matches', async () => {
    const { page } = resident;
    await search(page, { keyword: 'permits' });
    expect(page.url()).toContain('keyword=permits');
    expect(await resultTitles(page)).toEqual(['Building Permits (sample data)']);
    await expect(page.inputValue('#search-keyword')).resolves.toBe('permits');

    await search(page, { department: 'police' });
    expect(await resultTitles(page)).toEqual(['Police Calls for Service (sample data)']);

    await search(page, { keyword: 'permits', department: 'police' });
    expect(await resultTitles(page)).toEqual([]);
    expect(await main(page)).toContain('No dataset matches this search');
    await expectNoSeriousA11yViolations(page, 'catalog, no result');
  });

  it('searches from the home page, and with JavaScript off', async () => {
    const noScript = await newPage(browser, { javaScriptEnabled: false });
    try {
      const { page } = noScript;
      await page.goto(`${base}/`);
      await page.fill('#home-keyword', 'inspections');
      await Promise.all([page.waitForNavigation(), page.click('form.home-search button[type=submit]')]);

      expect(page.url()).toBe(`${base}/datasets?keyword=inspections`);
      expect(await resultTitles(page)).toEqual(['Restaurant Inspections (sample data)']);
    } finally {
      await noScript.context.close();
    }
  });

  it('shows a search it cannot run on the form, with the field in error', async () => {
    const { page } = resident;
    const response = await page.goto(`${base}/datasets?modifiedSince=yesterday`);

    expect(response!.status()).toBe(400);
    await expect(page.locator('.error-summary a[href="#search-modifiedSince"]').count()).resolves.toBe(1);
    await expect(page.getAttribute('#search-modifiedSince', 'aria-invalid')).resolves.toBe('true');
    await expectNoSeriousA11yViolations(page, 'catalog, refused search');
  });

  it('says on the form when a keyword has no word the catalog can search', async () => {
    const { page } = resident;
    const response = await page.goto(`${base}/datasets?keyword=a`);

    expect(response!.status()).toBe(400);
    await expect(page.locator('#search-keyword-error').innerText()).resolves.toContain(
      'Enter a word of at least two letters or digits.',
    );
  });

  it('searches with the keyboard only: the skip link, then the keyword field and Enter', async () => {
    const { page } = resident;
    await page.goto(`${base}/datasets`);
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe('Skip to main content');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('search-keyword');
    await page.keyboard.type('inspections');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

    expect(await resultTitles(page)).toEqual(['Restaurant Inspections (sample data)']);
  });

  it('pages through the catalog with its cursor', async () => {
    const { page } = resident;
    // Fewer datasets than a page: no next page, and a bad cursor is a refused search, not an error page.
    await page.goto(`${base}/datasets`);
    await expect(page.locator('nav.pager a', { hasText: 'Next page' }).count()).resolves.toBe(0);
    const response = await page.goto(`${base}/datasets?cursor=not-a-cursor`);
    expect(response!.status()).toBe(400);
    expect(await main(page)).toContain('That page of results is no longer there');
  });
});

describe("a dataset's page", () => {
  it('shows the owner, contact, license, frequency and the same dictionary as the API', async () => {
    const { page, consoleErrors } = resident;
    await search(page, { keyword: 'permits' });
    await Promise.all([page.waitForNavigation(), page.click('a:has-text("Building Permits (sample data)")')]);

    expect(page.url()).toBe(`${base}/datasets/building-permits`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Building Permits (sample data)');
    const facts = await page.locator('dl.facts').innerText();
    expect(facts).toContain('Planning and Zoning');
    expect(facts).toContain('planning@danbury.local');
    expect(facts).toContain('https://creativecommons.org/publicdomain/zero/1.0/');
    expect(facts).toContain('Every week');

    const dictionary = (await (await fetch(`${base}/v1/datasets/building-permits/dictionary`)).json()) as {
      fields: { name: string; clearedInPersonalDataGate: boolean }[];
    };
    const rows = page.locator('table#dictionary tbody tr');
    await expect(rows.count()).resolves.toBe(dictionary.fields.length);
    const names = await rows.locator('th').allInnerTexts();
    expect(names.map((n) => n.split(/\s+/).pop())).toEqual(dictionary.fields.map((f) => f.name));
    const checks = await rows.locator('td:last-child').allInnerTexts();
    expect(checks).toEqual(
      dictionary.fields.map((f) =>
        f.clearedInPersonalDataGate ? expect.stringContaining('Cleared') : 'Nothing found',
      ),
    );

    const developers = await main(page);
    expect(developers).toContain(
      `curl -H "x-api-key: YOUR_KEY" "${base}/v1/datasets/building-permits/rows?limit=10"`,
    );
    await expect(page.locator('a[href="/api-keys"]', { hasText: 'apply' }).count()).resolves.toBe(1);
    await expectNoSeriousA11yViolations(page, 'dataset page');
    expect(consoleErrors).toEqual([]);
  });

  it('downloads the CSV without an API key, and the download is counted', async () => {
    const { page } = resident;
    await page.goto(`${base}/datasets/building-permits`);
    const before = await downloadCount('building-permits', 1);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a.button:has-text("Download the data")'),
    ]);

    expect(download.suggestedFilename()).toBe('building-permits-v1.csv');
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
    const csv = Buffer.concat(chunks).toString('utf8');
    expect(csv.split(/\r?\n/)[0]).toContain('permit_number');
    expect(csv.split(/\r?\n/).filter(Boolean).length).toBe(241);
    await expect(downloadCount('building-permits', 1)).resolves.toBe(before + 1);
  });

  it('answers the download with a 303 to a short-lived signed URL', async () => {
    const response = await fetch(`${base}/datasets/building-permits/download`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('X-Amz-Expires')).toBe('300');
  });

  it('shows the 404 page for a dataset that is not published, and for a version that is not', async () => {
    const { page } = resident;
    const response = await page.goto(`${base}/datasets/no-such-dataset`);
    expect(response!.status()).toBe(404);
    await expect(page.locator('h1').innerText()).resolves.toBe('Not found');
    await expectNoSeriousA11yViolations(page, 'dataset not found');

    const download = await fetch(`${base}/datasets/building-permits/download?version=99`, {
      redirect: 'manual',
    });
    expect(download.status).toBe(404);
  });
});

/** Fills the application form (the page is on /api-keys/apply) with the terms accepted. */
async function fillApplication(page: Page, fields: { email: string; intendedUse: string; requests: string }) {
  await page.fill('#apply-applicantName', APPLICANT.name);
  await page.fill('#apply-email', fields.email);
  await page.fill('#apply-intendedUse', fields.intendedUse);
  await page.fill('#apply-expectedRequestsPerDay', fields.requests);
  await page.check('#apply-acceptTermsVersion input');
}

/** The fields of the form on the page, as a browser would send them, for a form sent twice or many times. */
async function applicationFields(page: Page, applicant: { name: string; email: string }) {
  return {
    csrf: await page.inputValue('input[name=csrf]'),
    formKey: await page.inputValue('input[name=formKey]'),
    applicantName: applicant.name,
    email: applicant.email,
    intendedUse: 'A neighbourhood app that maps building permits near you.',
    expectedRequestsPerDay: '50',
    acceptTermsVersion: (await page.getAttribute('#apply-acceptTermsVersion input', 'value'))!,
  };
}

describe('API keys', () => {
  it('explains keys and the terms, then refuses an incomplete application field by field', async () => {
    const { page, consoleErrors } = resident;
    await page.goto(`${base}/api-keys`);
    const terms = (await (await fetch(`${base}/v1/api-terms`)).json()) as { version: string; text: string[] };
    const about = await main(page);
    for (const line of terms.text) expect(about).toContain(line);
    await expectNoSeriousA11yViolations(page, 'API keys');

    await Promise.all([page.waitForNavigation(), page.click('a:has-text("Apply for an API key")')]);
    expect(page.url()).toBe(`${base}/api-keys/apply`);
    await expectNoSeriousA11yViolations(page, 'API key application');
    await page.fill('#apply-applicantName', APPLICANT.name);
    const [refused] = await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);

    expect(refused!.status()).toBe(400);
    const summary = await page.locator('.error-summary').innerText();
    expect(summary).toContain('Accept the terms of use to apply.');
    for (const field of ['email', 'intendedUse', 'expectedRequestsPerDay', 'acceptTermsVersion']) {
      await expect(page.locator(`.error-summary a[href="#apply-${field}"]`).count()).resolves.toBe(1);
    }
    // What the applicant typed is kept.
    await expect(page.inputValue('#apply-applicantName')).resolves.toBe(APPLICANT.name);
    await expectNoSeriousA11yViolations(page, 'API key application, refused');
    expect(consoleErrors).toEqual([]);
  });

  it('sends an application: the confirmation says what happens next, the e-mail stays out of the URL', async () => {
    const { page } = resident;
    await page.goto(`${base}/api-keys/apply`);
    await fillApplication(page, {
      email: APPLICANT.email,
      intendedUse: 'Weekly stories on building permits and how long they take, by street.',
      requests: '500',
    });
    await page.fill('#apply-organization', 'Hat City News');
    await page.check('#apply-datasets input[value="building-permits"]');
    await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);

    expect(page.url()).toBe(`${base}/api-keys/apply/sent`);
    expect(page.url()).not.toContain('riley');
    const confirmation = await main(page);
    expect(confirmation).toContain('Application sent');
    expect(confirmation).toContain('What happens next');
    await expectNoSeriousA11yViolations(page, 'API key application sent');

    const ack = (await outbox()).find(
      (m) => m.category === 'api-key-application-acknowledgment' && m.to === APPLICANT.email,
    );
    expect(ack?.text).toContain(`Hello ${APPLICANT.name},`);
    expect(ack?.text).toMatch(/\/v1\/api-key-applications\/[0-9A-Z]{26}\?token=/);
  });

  it('makes one application of a form sent twice (a double click), and answers both with the confirmation', async () => {
    const { page } = resident;
    const email = 'double.click@example.org';
    await page.goto(`${base}/api-keys/apply`);
    const form = await applicationFields(page, { name: 'Dana Double', email });
    const send = () => page.request.post(`${base}/api-keys/apply`, { form, maxRedirects: 0 });

    const [first, second] = [await send(), await send()];

    for (const response of [first, second]) {
      expect(response.status()).toBe(303);
      expect(response.headers()['location']).toBe('/api-keys/apply/sent');
    }
    expect((await outbox()).filter((m) => m.to === email)).toHaveLength(1);
  });

  it('says plainly, on the form, that an application for this address is already open (409)', async () => {
    const { page } = resident;
    await page.goto(`${base}/api-keys/apply`);
    await fillApplication(page, {
      email: APPLICANT.email,
      intendedUse: 'The same application again, sent twice by mistake.',
      requests: '10',
    });
    const [response] = await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);

    expect(response!.status()).toBe(409);
    expect(page.url()).toBe(`${base}/api-keys/apply`);
    await expect(page.locator('.error-summary').innerText()).resolves.toContain(
      'There is already an open application for this e-mail address',
    );
  });
});

describe('API keys: the hourly limit per address', () => {
  it('shows the 429 on the form, with what the applicant typed and when to try again', async () => {
    const { page } = resident;
    let refused: Awaited<ReturnType<typeof page.request.post>> | undefined;
    // The use case's limit, whatever its number: applications from this address until it says no.
    for (let i = 0; i < 20 && !refused; i++) {
      await page.goto(`${base}/api-keys/apply`);
      const response = await page.request.post(`${base}/api-keys/apply`, {
        form: await applicationFields(page, { name: 'Busy Applicant', email: `busy.${i}@example.org` }),
        maxRedirects: 0,
      });
      if (response.status() !== 303) refused = response;
    }

    expect(refused?.status()).toBe(429);
    expect(Number(refused!.headers()['retry-after'])).toBeGreaterThan(0);
    const body = await refused!.text();
    expect(body).toContain('Too many applications from your address this hour');
    expect(body).toMatch(/<form method="post"/);
    expect(body).toContain('value="Busy Applicant"');
  });
});

describe('the help page', () => {
  it('shows the response deadline, the appeal and the fee per page from the records rules', async () => {
    const { page, consoleErrors } = resident;
    const response = await page.goto(`${base}/help`);

    expect(response!.status()).toBe(200);
    await expect(page.locator('#response-deadline').innerText()).resolves.toBe(
      `${RESPONSE_BUSINESS_DAYS} business days`,
    );
    await expect(page.locator('#fee-per-page').innerText()).resolves.toBe(
      `${formatCents(DEFAULT_FEE_SCHEDULE.perPageCents)} a page`,
    );
    const text = await main(page);
    expect(text).toContain('4 business days');
    expect(text).toContain('$0.50 a page');
    expect(text).toContain(`within ${APPEAL_CALENDAR_DAYS} days`);
    expect(text).toContain('foi@ct.gov');
    // The city's help content: who enforces what, and its FAQ.
    const help = (await (await fetch(`${base}/v1/enforcement/help`)).json()) as {
      enforcers: { name: string }[];
      faq: { question: string }[];
    };
    for (const enforcer of help.enforcers) expect(text).toContain(enforcer.name);
    for (const entry of help.faq) expect(text).toContain(entry.question);
    await expectNoSeriousA11yViolations(page, 'help');
    expect(consoleErrors).toEqual([]);
  });
});

/** Elements sticking out past the window's right edge (what makes a page scroll sideways). */
function widerThanTheWindow(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return [];
    return [...document.body.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.table-wrap'))
      .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
  })()`);
}

describe('on a 375 px phone', () => {
  let phone: Awaited<ReturnType<typeof newPage>>;
  beforeAll(async () => {
    phone = await newPage(browser, { viewport: { width: 375, height: 812 } });
  });
  afterAll(() => phone.context.close());

  it.each([
    '/',
    '/datasets',
    '/datasets?keyword=roads',
    '/datasets/building-permits',
    '/api-keys',
    '/api-keys/apply',
    '/api-keys/apply/sent',
    '/help',
  ])('%s fits the screen and passes axe-core', async (path) => {
    const { page, consoleErrors } = phone;
    const response = await page.goto(`${base}${path}`);
    expect(response!.status()).toBe(200);
    await expectNoSeriousA11yViolations(page, `${path} at 375 px`);
    await expect(widerThanTheWindow(page)).resolves.toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('shows the help deadlines and fee on the phone too', async () => {
    const { page } = phone;
    await page.goto(`${base}/help`);
    await expect(page.locator('#response-deadline').isVisible()).resolves.toBe(true);
    await expect(page.locator('#fee-per-page').isVisible()).resolves.toBe(true);
  });
});

describe('the JSON API under /v1', () => {
  it('answers an unknown /v1 path with the JSON 404, not a page', async () => {
    const response = await fetch(`${base}/v1/no-such-path`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { error: { code: string } };
    expect(body.error.code).toBe('NOT_FOUND');
  });
});
