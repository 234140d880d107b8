/**
 * `npm run screenshots`: the README's pictures of the admin UI and the public site,
 * taken in real Chromium on a fresh local platform with its sample data
 * (docs/screenshots/). Each picture is a page as staff or residents see it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT, startLocalPlatform } from '../../local/platform';
import { launchChromium, newPage, signInAs } from '../support/browser';

/** A CSV with phone numbers and home addresses: the personal-data gate quarantines it. */
const WITH_PERSONAL_DATA =
  'complaint_id,resident_name,phone,street,received\r\n' +
  '1,Jane Roe,(203) 555-0147,12 Main Street,2026-01-05\r\n' +
  '2,John Doe,203-555-0199,4 Lake Avenue,2026-01-06\r\n' +
  '3,Ann Poe,,,2026-01-07\r\n';

async function main(): Promise<void> {
  const out = path.join(PROJECT_ROOT, 'docs', 'screenshots');
  mkdirSync(out, { recursive: true });
  const platform = await startLocalPlatform();
  const base = platform.baseUrl;
  const browser = await launchChromium();
  const saved: string[] = [];
  const shot = async (page: Page, name: string, fullPage = true) => {
    await page.screenshot({ path: path.join(out, `${name}.png`), fullPage });
    saved.push(`${name}.png`);
  };
  try {
    // ----------------------------------------------------------- the City Clerk
    const { page } = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
    await signInAs(page, base, 'clerk');
    await shot(page, 'admin-dashboard');
    await page.goto(`${base}/admin/records-requests`);
    await shot(page, 'admin-queue');

    const [received] = platform.seededRequests;
    await page.goto(`${base}/admin/records-requests/${received}`);
    await page.click('#acknowledge button[type=submit]');
    await page.check('#deny-exemptions-list input[value="1-210(b)(1)"]');
    await page.fill(
      '#deny-message',
      'The priority map is a preliminary draft; the final map is published in December.',
    );
    await page.click('#deny button[type=submit]');
    await page.locator('.letter').waitFor();
    await page.setViewportSize({ width: 1280, height: 1700 });
    await shot(page, 'admin-request', false);
    await page.setViewportSize({ width: 1280, height: 1000 });

    await page.goto(`${base}/admin/holiday-calendar`);
    await shot(page, 'admin-holiday-calendar');
    await page.goto(`${base}/admin/audit-log`);
    await shot(page, 'admin-audit-log', false);
    await page.goto(`${base}/admin/api-keys`);
    await shot(page, 'admin-api-keys');

    // ----------------------------------------------------------- a dataset owner (Public Works)
    const owner = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
    await signInAs(owner.page, base, 'publicworks', '/admin/datasets');
    await owner.page.goto(`${base}/admin/datasets/new`);
    await owner.page.fill('#register-datasetId', 'unplowed-streets');
    await owner.page.fill('#register-title', 'Unplowed street complaints');
    await owner.page.fill('#register-description', 'Complaints about streets left unplowed after a storm.');
    await owner.page.fill('#register-keywords', 'snow, roads');
    await owner.page.fill('#register-contactName', 'Department of Public Works');
    await owner.page.fill('#register-contactEmail', 'dpw@danbury.local');
    await Promise.all([
      owner.page.waitForURL(/\/admin\/datasets\/unplowed-streets(\?|$)/),
      owner.page.click('button:has-text("Register the dataset")'),
    ]);
    await owner.page.setInputFiles('#upload-file', {
      name: 'complaints.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(WITH_PERSONAL_DATA),
    });
    await owner.page.click('#upload button[type=submit]');
    await owner.page.waitForURL(/\/admin\/datasets\/unplowed-streets\/versions\/1(\?|$)/);
    for (let i = 0; i < 80; i++) {
      await platform.events.idle();
      await owner.page.goto(`${base}/admin/datasets/unplowed-streets/versions/1`);
      const state = await owner.page.locator('#version-badge').innerText();
      if (state !== 'Awaiting upload' && state !== 'Ingesting') break;
      await owner.page.waitForTimeout(250);
    }
    await shot(owner.page, 'admin-dataset-findings');
    await owner.page.goto(`${base}/admin/datasets`);
    await shot(owner.page, 'admin-datasets');

    // ----------------------------------------------------------- residents (no sign-in)
    const resident = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
    const site = resident.page;
    await site.goto(`${base}/`);
    await shot(site, 'public-home');
    await site.goto(`${base}/datasets`);
    await shot(site, 'public-catalog');
    await site.goto(`${base}/datasets/pothole-repairs`);
    await shot(site, 'public-dataset');
    await site.goto(`${base}/records/new`);
    await site.fill(
      '#records-new-description',
      'Pothole repair work orders on Main Street for October 2026.',
    );
    await site.check('#records-new-delivery input[value=electronic]');
    await site.fill('#records-new-requester\\.name', 'Pat Example');
    await site.fill('#records-new-requester\\.email', 'pat@example.org');
    await site.click('#records-new button[type=submit]');
    await site.locator('#status-link').waitFor();
    await shot(site, 'public-receipt');
    await site.click('#status-link');
    await site.waitForLoadState();
    await shot(site, 'public-status');
    await site.goto(`${base}/records/archive`);
    await shot(site, 'public-archive');
    await site.goto(`${base}/help`);
    await shot(site, 'public-help');

    const phone = await newPage(browser, { viewport: { width: 375, height: 800 }, isMobile: true });
    await phone.page.goto(`${base}/records/new`);
    await shot(phone.page, 'public-request-form-phone');

    console.log(`Saved ${saved.join(', ')} in ${path.relative(process.cwd(), out)}/`);
  } finally {
    await browser.close();
    await platform.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
