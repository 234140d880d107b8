/**
 * The admin UI's datasets pages in real Chromium against the local platform, as a
 * dataset owner uses them: Public Works staff register a dataset, upload a CSV with
 * phone numbers and home addresses from the page (straight to S3, with a progress
 * bar), see it quarantined with the findings per column (row numbers, never the
 * values), record a "public by law" decision per column, publish it (the public
 * catalog lists it), publish a cleaned second version, withdraw it (rolling back to
 * the first), then withdraw the first (the dataset leaves the catalog); a file that
 * drops columns is refused with a report until the owner accepts the change. Police staff
 * are refused the dataset (403). With scripts off, the upload form gives the command
 * that uploads the file. Every page passes axe-core (no serious or critical violation).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { launchChromium, newPage, signInAs } from '../support/browser';
import { localEndpoints, uniquePrefix } from '../support/local-aws';

jest.setTimeout(90_000);

let platform: LocalPlatform;
let browser: Browser;
let base: string;
let owner: Awaited<ReturnType<typeof newPage>>;

const DATASET = 'unplowed-streets';
const datasetPage = `/admin/datasets/${DATASET}`;
const versionPage = (n: number) => `${datasetPage}/versions/${n}`;

const WITH_PERSONAL_DATA =
  'complaint_id,resident_name,phone,street,received\r\n' +
  '1,Jane Roe,(203) 555-0147,12 Main Street,2026-01-05\r\n' +
  '2,John Doe,203-555-0199,4 Lake Avenue,2026-01-06\r\n' +
  '3,Ann Poe,,,2026-01-07\r\n';
const CLEANED =
  'complaint_id,resident_name,phone,street,received\r\n' +
  '1,withheld,withheld,withheld,2026-01-05\r\n' +
  '2,withheld,withheld,withheld,2026-01-06\r\n';

beforeAll(async () => {
  platform = await startLocalPlatform({
    services: localEndpoints(),
    resourcePrefix: uniquePrefix('browser-datasets'),
  });
  base = platform.baseUrl;
  browser = await launchChromium();
  owner = await newPage(browser);
  await signInAs(owner.page, base, 'publicworks', '/admin/datasets');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const main = (page: Page) => page.locator('main').innerText();
const badge = (page: Page) => page.locator('#version-badge').innerText();

/** Reloads the version page until ingestion is over (the upload's S3 event starts it). */
async function waitForIngestion(page: Page, version: number): Promise<string> {
  for (let i = 0; i < 80; i++) {
    await platform.events.idle();
    await page.goto(`${base}${versionPage(version)}`);
    const state = await badge(page);
    if (state !== 'Awaiting upload' && state !== 'Ingesting') return state;
    await page.waitForTimeout(250);
  }
  throw new Error(`version ${version} was not ingested`);
}

/** Uploads a CSV from the dataset page with its script; the page moves on to the new version. */
async function uploadFromPage(
  page: Page,
  name: string,
  csv: string | { path: string },
  version: number,
  options: { acceptBreakingChange?: boolean } = {},
): Promise<void> {
  await page.goto(`${base}${datasetPage}`);
  await expect(page.locator('#upload [data-manual]').isHidden()).resolves.toBe(true);
  if (options.acceptBreakingChange) await page.check('#upload-acceptBreakingChange');
  await page.setInputFiles(
    '#upload-file',
    typeof csv === 'string' ? { name, mimeType: 'text/csv', buffer: Buffer.from(csv) } : csv.path,
  );
  await page.click('#upload button[type=submit]');
  // Checked in one go: the page moves on to the version 1.5 s after saying so.
  await page.waitForFunction(() => {
    // A function, not a string: the page's CSP forbids eval. This project compiles without DOM types.
    const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
    const status = doc.querySelector('#upload-status') as { textContent: string };
    const progress = doc.querySelector('#upload progress') as { value: number };
    return status.textContent.startsWith('Uploaded.') && progress.value === 100;
  });
  await page.waitForURL(`${base}${versionPage(version)}`);
}

async function inCatalog(): Promise<string[]> {
  const response = await fetch(`${base}/v1/datasets?keyword=unplowed`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { items: { datasetId: string }[] };
  return body.items.map((d) => d.datasetId);
}

async function submitAndWait(page: Page, url: RegExp | string, button: string): Promise<void> {
  await Promise.all([page.waitForURL(url), page.click(button)]);
}

describe('a dataset from registration to publication', () => {
  it('lists the datasets Public Works manages and refuses an incomplete registration', async () => {
    const { page } = owner;
    await page.goto(`${base}/admin/datasets`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Datasets');
    await expect(page.locator('#list-title').innerText()).resolves.toBe('Department of Public Works');
    await expectNoSeriousA11yViolations(page, 'datasets list');

    await submitAndWait(page, `${base}/admin/datasets/new`, 'a:has-text("Register a dataset")');
    await expectNoSeriousA11yViolations(page, 'register a dataset');
    await page.fill('#register-datasetId', DATASET);
    await page.fill('#register-title', 'Unplowed street complaints');
    const refused = await Promise.all([
      page.waitForResponse(
        (r) => r.url() === `${base}/admin/datasets/new` && r.request().method() === 'POST',
      ),
      page.click('button:has-text("Register the dataset")'),
    ]);
    expect(refused[0].status()).toBe(400);
    const summary = await page.locator('.error-summary').innerText();
    expect(summary).toContain('There is a problem');
    await expect(page.locator('#register-description-error').isVisible()).resolves.toBe(true);
    await expect(page.locator('#register-keywords-error').isVisible()).resolves.toBe(true);
    // What was typed stays.
    await expect(page.locator('#register-title').inputValue()).resolves.toBe('Unplowed street complaints');
    await expectNoSeriousA11yViolations(page, 'register a dataset, refused');
  });

  it('registers the dataset as a draft', async () => {
    const { page } = owner;
    await page.fill('#register-description', 'Complaints about streets left unplowed after a storm, by day.');
    await page.fill('#register-keywords', 'snow, Unplowed, roads');
    await page.fill('#register-contactName', 'Department of Public Works');
    await page.fill('#register-contactEmail', 'dpw@danbury.local');
    await page.selectOption('#register-updateFrequency', 'R/P1D');
    await page.fill('#register-primaryKey', 'complaint_id');
    await submitAndWait(
      page,
      `${base}${datasetPage}?done=registered`,
      'button:has-text("Register the dataset")',
    );

    await expect(page.locator('h1').innerText()).resolves.toContain('Unplowed street complaints');
    await expect(page.locator('h1 .badge').innerText()).resolves.toBe('Draft');
    const facts = await page.locator('#dataset-facts').innerText();
    expect(facts).toContain('Department of Public Works');
    expect(facts).toContain('snow, unplowed, roads');
    expect(facts).toContain('Daily');
    expect(facts).toContain('complaint_id');
    expect(await main(page)).toContain('No file was uploaded yet.');
    await expectNoSeriousA11yViolations(page, 'dataset page');
    expect(await inCatalog()).not.toContain(DATASET);
  });

  it('uploads a CSV with personal data from the page: quarantined, findings per column without values', async () => {
    const { page } = owner;
    await uploadFromPage(page, 'complaints.csv', WITH_PERSONAL_DATA, 1);
    await expect(waitForIngestion(page, 1)).resolves.toBe('Quarantined');

    const findings = await page.locator('#findings').innerText();
    expect(findings).toMatch(/phone\s+Phone number\s+2\s+1, 2\s+Open/);
    expect(findings).toMatch(/street\s+Street address of a person\s+2\s+1, 2\s+Open/);
    const everything = await page.content();
    for (const value of ['555-0147', '555-0199', 'Main Street', 'Jane Roe'])
      expect(everything).not.toContain(value);
    // Nothing to publish while quarantined.
    await expect(page.locator('button:has-text("Publish")').count()).resolves.toBe(0);
    await expect(page.locator('#version-facts').innerText()).resolves.toMatch(/Rows\s+3/);
    await expectNoSeriousA11yViolations(page, 'version page, quarantined');

    // The dashboard's card leads here.
    await page.goto(`${base}/admin`);
    await submitAndWait(
      page,
      `${base}/admin/datasets#quarantined`,
      'a:has-text("Dataset versions quarantined by the personal-data gate")',
    );
    const row = page.locator('tr', { has: page.locator('a:has-text("Unplowed street complaints")') });
    await expect(row.innerText()).resolves.toMatch(/Draft\s+None\s+Version 1\s+Quarantined/);
    await submitAndWait(
      page,
      `${base}${versionPage(1)}`,
      'a:has-text("Unplowed street complaints, version 1")',
    );
  });

  it('records a "public by law" decision per column (a short reason is refused), then publishes', async () => {
    const { page } = owner;
    const phoneForm = page.locator('form', { has: page.locator('h3:has-text("Column “phone”")') });
    await phoneForm.locator('textarea[name="reason"]').fill('no');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/decisions') && r.status() === 400),
      phoneForm.locator('button').click(),
    ]);
    await expect(page.locator('.error-summary').innerText()).resolves.toContain('at least 10 characters');
    await expectNoSeriousA11yViolations(page, 'version page, decision refused');

    for (const column of ['phone', 'street']) {
      const form = page.locator('form', { has: page.locator(`h3:has-text("Column “${column}”")`) });
      await form
        .locator('textarea[name="reason"]')
        .fill('Complaint contact details are published by council policy (test).');
      await submitAndWait(
        page,
        `${base}${versionPage(1)}?done=decided`,
        `#${await form.getAttribute('id')} button`,
      );
    }
    await expect(badge(page)).resolves.toBe('Ready');
    await expect(page.locator('#findings').innerText()).resolves.toContain(
      'Public by law: Complaint contact details are published by council policy (test).',
    );

    await submitAndWait(page, `${base}${versionPage(1)}?done=published`, 'button:has-text("Publish")');
    await expect(badge(page)).resolves.toBe('Published');
    await expectNoSeriousA11yViolations(page, 'version page, published');
    expect(await inCatalog()).toContain(DATASET);
    const rows = await fetch(`${base}/v1/datasets/${DATASET}/rows`, {
      headers: { 'x-api-key': platform.demoApiKey },
    });
    expect(((await rows.json()) as { version: number }).version).toBe(1);
    // The dataset page links to the residents' page of the dataset.
    await page.goto(`${base}${datasetPage}`);
    await submitAndWait(page, `${base}/datasets/${DATASET}`, 'a:has-text("its public page")');
    expect(await page.locator('h1').innerText()).toContain('Unplowed street complaints');
  });

  it('describes the columns for the data dictionary (a description too long is refused)', async () => {
    const { page } = owner;
    await page.goto(`${base}${versionPage(1)}`);
    await page.fill('#describe-description-0', 'x'.repeat(1001));
    const [refused] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/column-descriptions') && r.request().method() === 'POST',
      ),
      page.click('#describe button[type=submit]'),
    ]);
    expect(refused.status()).toBe(400);
    await expect(page.locator('#describe-description-0-error').innerText()).resolves.toContain('1000');
    await expectNoSeriousA11yViolations(page, 'columns form, refused');

    await page.fill('#describe-description-0', 'The complaint number the call center gives.');
    await submitAndWait(page, /done=described/, '#describe button[type=submit]');
    await expect(
      page.locator('#columns-title + * , #columns-title ~ *').first().innerText(),
    ).resolves.toContain('The complaint number the call center gives.');
    const dictionary = (await (await fetch(`${base}/v1/datasets/${DATASET}/dictionary`)).json()) as {
      fields: { name: string; description: string }[];
    };
    expect(dictionary.fields.find((f) => f.name === 'complaint_id')?.description).toBe(
      'The complaint number the call center gives.',
    );
  });

  it('publishes a cleaned version, then withdraws it: the dataset rolls back to version 1', async () => {
    const { page } = owner;
    await uploadFromPage(page, 'complaints-cleaned.csv', CLEANED, 2);
    await expect(waitForIngestion(page, 2)).resolves.toBe('Ready');
    expect(await main(page)).toContain('The scan found no personal data.');
    await submitAndWait(page, `${base}${versionPage(2)}?done=published`, 'button:has-text("Publish")');

    await page.fill('#withdraw-reason', 'The cleaned file dropped rows by mistake.');
    await expect(page.locator('#withdraw-rollbackTo').inputValue()).resolves.toBe('1');
    await submitAndWait(
      page,
      `${base}${versionPage(2)}?done=withdrawn`,
      'button:has-text("Withdraw version 2")',
    );
    await expect(badge(page)).resolves.toBe('Withdrawn');
    await expect(page.locator('#version-facts').innerText()).resolves.toContain(
      'The cleaned file dropped rows by mistake.',
    );
    const rows = await fetch(`${base}/v1/datasets/${DATASET}/rows`, {
      headers: { 'x-api-key': platform.demoApiKey },
    });
    expect(((await rows.json()) as { version: number }).version).toBe(1);

    await page.goto(`${base}${datasetPage}`);
    const versions = await page.locator('#versions-title + .table-wrap').innerText();
    expect(versions).toMatch(/Version 2\s+Withdrawn\s+complaints-cleaned\.csv\s+2/);
    expect(versions).toMatch(/Version 1 \(current\)\s+Published\s+complaints\.csv\s+3/);
    // Every step is in the dataset's audit trail, newest first.
    const history = await page.locator('#history tbody').innerText();
    const lines = history.split('\n');
    expect(lines[0]).toMatch(/publicworks\s+Withdrawn\s+2\s+The cleaned file dropped rows by mistake\./);
    expect(history).toMatch(
      /publicworks\s+Personal data decided\s+1\s+phone \(Phone number\): Complaint contact details/,
    );
    expect(history).toMatch(/ingestion\s+Ingested\s+1\s+Quarantined/);
    expect(lines[lines.length - 1]).toMatch(/publicworks\s+Registered/);
  });

  it('withdraws the last published version: the dataset leaves the public catalog', async () => {
    const { page } = owner;
    await page.goto(`${base}${versionPage(1)}`);
    await expect(page.locator('#withdraw').innerText()).resolves.toContain('the dataset leaves the catalog');
    await page.fill('#withdraw-reason', 'A resident asked us to take the addresses down.');
    await submitAndWait(
      page,
      `${base}${versionPage(1)}?done=withdrawn`,
      'button:has-text("Withdraw version 1")',
    );
    expect(await inCatalog()).not.toContain(DATASET);
    expect((await fetch(`${base}/v1/datasets/${DATASET}`)).status).toBe(404);
    await page.goto(`${base}/admin/datasets`);
    const row = page.locator('tr', { has: page.locator(`a:has-text("Unplowed street complaints")`) });
    await expect(row.innerText()).resolves.toMatch(/Unpublished\s+None\s+Version 2\s+Withdrawn/);
    expect(owner.consoleErrors).toEqual([]);
  });
});

describe('a breaking schema change', () => {
  it('refuses a file that drops columns with a report, and takes it when the owner accepts the change', async () => {
    const { page } = owner;
    const dropped = 'complaint_id,received\r\n4,2026-01-08\r\n';
    await uploadFromPage(page, 'complaints-short.csv', dropped, 3);
    await expect(waitForIngestion(page, 3)).resolves.toBe('Failed');
    const report = await page.locator('#schema-changes').innerText();
    expect(report).toMatch(/phone\s+Dropped \(text → —\)\s+Yes/);
    expect(report).toMatch(/street\s+Dropped/);
    await expect(page.locator('a:has-text("“Accept a breaking change”")').getAttribute('href')).resolves.toBe(
      `${datasetPage}#upload`,
    );
    await expect(page.locator('button:has-text("Publish")').count()).resolves.toBe(0);
    await expectNoSeriousA11yViolations(page, 'version page, failed');

    await uploadFromPage(page, 'complaints-short.csv', dropped, 4, { acceptBreakingChange: true });
    await expect(waitForIngestion(page, 4)).resolves.toBe('Ready');
    expect(await main(page)).toMatch(/phone\s+Dropped/);
  });
});

describe('who may manage it', () => {
  it('refuses another department’s staff (403), and leaves the dataset out of their list', async () => {
    const police = await newPage(browser);
    await signInAs(police.page, base, 'police', '/admin/datasets');
    expect(await main(police.page)).not.toContain('Unplowed street complaints');
    for (const path of [datasetPage, versionPage(1)]) {
      const response = await police.page.goto(`${base}${path}`);
      expect(response?.status()).toBe(403);
      await expect(police.page.locator('h1').innerText()).resolves.toBe('Not allowed');
      expect(await main(police.page)).toContain('Only staff of the owning department (public-works)');
    }
    await expectNoSeriousA11yViolations(police.page, '403 page');
    await police.context.close();
  });

  it('shows City IT every department at once, or the one it picks', async () => {
    const it_ = await newPage(browser);
    await signInAs(it_.page, base, 'itadmin', '/admin/datasets');
    await expect(it_.page.locator('#list-title').innerText()).resolves.toBe('All departments');
    const row = it_.page.locator('tr', { has: it_.page.locator('a:has-text("Unplowed street complaints")') });
    await expect(row.innerText()).resolves.toContain('Department of Public Works');
    await it_.page.selectOption('#filter-department', 'police');
    await submitAndWait(it_.page, /department=police/, 'button:has-text("Show")');
    await expect(it_.page.locator('#list-title').innerText()).resolves.toBe('Danbury Police Department');
    expect(await main(it_.page)).not.toContain('Unplowed street complaints');
    await it_.context.close();
  });
});

describe('without JavaScript', () => {
  it('gives the command that uploads the file, and the version ingests when it lands', async () => {
    const noScript = await newPage(browser, { javaScriptEnabled: false });
    const { page } = noScript;
    await signInAs(page, base, 'publicworks', datasetPage);
    await expect(page.locator('#upload [data-manual]').isVisible()).resolves.toBe(true);
    await page.fill('#upload-fileName', 'complaints.csv');
    await page.fill('#upload-sizeBytes', String(Buffer.byteLength(CLEANED)));
    await page.click('#upload button[type=submit]');
    const command = await page.locator('pre.command').innerText();
    expect(command).toMatch(/^curl -X PUT --upload-file 'complaints\.csv' 'http/);
    const url = /'(http[^']+)'$/.exec(command)![1]!;
    expect((await fetch(url, { method: 'PUT', body: CLEANED })).status).toBe(200);
    await expect(waitForIngestion(page, 5)).resolves.toBe('Ready');
    await noScript.context.close();
  });
});

describe('a large file', () => {
  const path = join(tmpdir(), `admin-datasets-large-${process.pid}.csv`);
  afterAll(() => rmSync(path, { force: true }));

  it('goes from the page to S3 in parts (above 100 MB), with one progress bar, and is ingested', async () => {
    // 101 MB of the dataset's own columns: above what the page sends in one PUT.
    const header = 'complaint_id,resident_name,phone,street,received\r\n';
    // Long rows: few of them, so ingesting the large file stays quick.
    const padding = 'x'.repeat(10_000);
    const rows = Math.ceil((101 * 1024 * 1024) / (padding.length + 40));
    const lines = [header];
    for (let i = 1; i <= rows; i++) lines.push(`${i},withheld,withheld,${padding},2026-01-05\r\n`);
    writeFileSync(path, lines.join(''));

    const { page } = owner;
    const puts: string[] = [];
    const record = (request: { method(): string; url(): string }) => {
      if (request.method() === 'PUT')
        puts.push(new URL(request.url()).searchParams.get('partNumber') ?? 'whole');
    };
    page.on('request', record);
    try {
      await uploadFromPage(page, 'large.csv', { path }, 6);
    } finally {
      page.off('request', record);
    }
    expect(puts).toEqual(['1', '2']);
    await expect(waitForIngestion(page, 6)).resolves.toBe('Ready');
    await expect(page.locator('#version-facts').innerText()).resolves.toMatch(
      new RegExp(`Rows\\s+${rows}\\b`),
    );
  }, 300_000);
});
