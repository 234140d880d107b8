/**
 * `npm run screenshots`: the README's pictures of the admin UI, taken in real
 * Chromium on a fresh local platform with its sample data (docs/screenshots/).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, startLocalPlatform } from '../../local/platform';
import { launchChromium, newPage, signInAs } from '../support/browser';

async function main(): Promise<void> {
  const out = path.join(PROJECT_ROOT, 'docs', 'screenshots');
  mkdirSync(out, { recursive: true });
  const platform = await startLocalPlatform();
  const browser = await launchChromium();
  try {
    const { page } = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
    await signInAs(page, platform.baseUrl, 'clerk');
    await page.screenshot({ path: path.join(out, 'admin-dashboard.png'), fullPage: true });

    const [received] = platform.seededRequests;
    await page.goto(`${platform.baseUrl}/admin/records-requests/${received}`);
    await page.click('#acknowledge button[type=submit]');
    await page.check('#deny-exemptions-list input[value="1-210(b)(1)"]');
    await page.fill(
      '#deny-message',
      'The priority map is a preliminary draft; the final map is published in December.',
    );
    await page.click('#deny button[type=submit]');
    await page.locator('.letter').waitFor();
    await page.setViewportSize({ width: 1280, height: 1700 });
    await page.screenshot({ path: path.join(out, 'admin-request.png') });
    console.log(`Saved admin-dashboard.png and admin-request.png in ${path.relative(process.cwd(), out)}/`);
  } finally {
    await browser.close();
    await platform.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
