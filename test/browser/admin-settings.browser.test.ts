/**
 * The holiday calendar, the audit log and the API key list in real Chromium
 * against the local platform: the City Clerk closes the city on a request's due
 * date, sees the preview naming that request, saves, and finds the new version
 * and the moved due date; department staff get the read-only calendar and a
 * 403 for a change or the audit log; the audit log shows the change by day and
 * actor (and no requester's personal data); the key list opens a key's usage chart.
 */
import type { Browser, Page } from 'playwright-core';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform';
import { nyDate } from '../../lambdas/domain/records/clocks';
import { formatDate } from '../../lambdas/ui/format';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { launchChromium, newPage, signInAs } from '../support/browser';
import { localEndpoints, uniquePrefix } from '../support/local-aws';

jest.setTimeout(90_000);

let platform: LocalPlatform;
let browser: Browser;
let base: string;
let clerk: Awaited<ReturnType<typeof newPage>>;
let works: Awaited<ReturnType<typeof newPage>>;
let it_: Awaited<ReturnType<typeof newPage>>;

const REQUESTER = { name: 'Morgan Requester', email: 'morgan.requester@example.org', phone: '203-555-0142' };
let trackingNumber = '';
let dueDate = '';
let movedTo = '';

beforeAll(async () => {
  platform = await startLocalPlatform({
    services: localEndpoints(),
    resourcePrefix: uniquePrefix('browser-settings'),
  });
  base = platform.baseUrl;
  browser = await launchChromium();
  [clerk, works, it_] = await Promise.all([newPage(browser), newPage(browser), newPage(browser)]);
  await signInAs(clerk.page, base, 'clerk');
  await signInAs(works.page, base, 'publicworks');
  await signInAs(it_.page, base, 'itadmin');

  const response = await fetch(`${base}/v1/records-requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      description: 'Snow plow routes and salt purchases for the 2025-2026 winter.',
      delivery: 'electronic',
      requester: REQUESTER,
    }),
  });
  expect(response.status).toBe(201);
  const receipt = (await response.json()) as { trackingNumber: string; statutoryDueDate: string };
  trackingNumber = receipt.trackingNumber;
  dueDate = receipt.statutoryDueDate;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const main = (page: Page) => page.locator('main').innerText();
const today = () => nyDate(new Date().toISOString());

describe('holiday calendar', () => {
  it('previews a closure on a request’s due date, saves it as a new version, and the due date moves', async () => {
    const { page } = clerk;
    await page.goto(`${base}/admin/holiday-calendar`);
    await expect(page.locator('#calendar-version').innerText()).resolves.toBe('cgs-1-4+city-r0');
    // The legal holidays of this year and next, from the C.G.S. §1-4 rules.
    const year = Number(today().slice(0, 4));
    const rows = await page.locator('#closed-days tbody tr').allInnerTexts();
    const lincoln = rows.filter((r) => r.includes('Lincoln Day'));
    expect(lincoln.map((r) => r.match(/\d{4}/)?.[0])).toEqual([String(year), String(year + 1)]);
    expect(rows.filter((r) => r.includes('Thanksgiving Day'))).toHaveLength(2);
    expect(rows.every((r) => r.includes('Legal holiday'))).toBe(true);
    await expectNoSeriousA11yViolations(page, 'holiday calendar');

    // A refused change shows the error on its field and saves nothing.
    await page.fill('#closure-date', '2026-02-30');
    await page.fill('#closure-name', 'Water main break');
    await Promise.all([
      page.waitForURL(`${base}/admin/holiday-calendar/preview`),
      page.click('button:has-text("Preview the effect on deadlines")'),
    ]);
    await expect(page.locator('.error-summary').innerText()).resolves.toContain('real date');
    await expect(page.locator('#closure-date').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#calendar-version').innerText()).resolves.toBe('cgs-1-4+city-r0');

    await page.fill('#closure-date', dueDate);
    await page.fill('#closure-name', 'Water main break');
    await Promise.all([
      page.waitForURL(`${base}/admin/holiday-calendar/preview`),
      page.click('button:has-text("Preview the effect on deadlines")'),
    ]);
    await expect(page.locator('h1').innerText()).resolves.toBe('Check the effect before saving');
    const row = page.locator('#due-date-moves tbody tr', { hasText: trackingNumber });
    await expect(row.locator('td time').first().getAttribute('datetime')).resolves.toBe(dueDate);
    movedTo = (await row.locator('td time').nth(1).getAttribute('datetime'))!;
    expect(movedTo > dueDate).toBe(true);
    expect([0, 6]).not.toContain(new Date(`${movedTo}T12:00:00Z`).getUTCDay());
    await expectNoSeriousA11yViolations(page, 'holiday calendar preview');
    // Nothing is saved by the preview.
    const before = (await (await fetch(`${base}/v1/holiday-calendar`)).json()) as { version: string };
    expect(before.version).toBe('cgs-1-4+city-r0');

    await Promise.all([
      page.waitForURL(/\/admin\/holiday-calendar\?saved=1&moved=\d+$/),
      page.click('button:has-text("Save as version cgs-1-4+city-r1")'),
    ]);
    await expect(page.locator('#calendar-version').innerText()).resolves.toBe('cgs-1-4+city-r1');
    await expect(page.locator('#city-closures').innerText()).resolves.toContain('Water main break');
    expect(await main(page)).toContain('Saved as calendar version cgs-1-4+city-r1');
    const after = (await (await fetch(`${base}/v1/holiday-calendar`)).json()) as { version: string };
    expect(after.version).toBe('cgs-1-4+city-r1');

    await page.goto(`${base}/admin/records-requests/${trackingNumber}`);
    const detail = await main(page);
    expect(detail).toContain(formatDate(movedTo));
    expect(detail).not.toContain(`Statutory due date\n${formatDate(dueDate)}`);
    expect(clerk.consoleErrors).toEqual([]);
  });

  it('gives department staff the calendar read-only and refuses their change with 403', async () => {
    const { page } = works;
    await page.goto(`${base}/admin/holiday-calendar`);
    await expect(page.locator('#calendar-version').innerText()).resolves.toBe('cgs-1-4+city-r1');
    await expect(page.locator('#read-only').isVisible()).resolves.toBe(true);
    await expect(page.locator('form#closure').count()).resolves.toBe(0);
    await expectNoSeriousA11yViolations(page, 'holiday calendar, read-only');
    // The navigation offers only what the person may open.
    await expect(page.locator('.site-nav a', { hasText: 'Audit log' }).count()).resolves.toBe(0);

    // The same POST the form would send, with this session's CSRF token: refused.
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();
    const refused = await page.request.post(`${base}/admin/holiday-calendar/preview`, {
      form: { csrf, revision: '1', change: 'add', date: '2026-12-28', name: 'Staff party' },
    });
    expect(refused.status()).toBe(403);
    const saveRefused = await page.request.post(`${base}/admin/holiday-calendar`, {
      form: { csrf, revision: '1', change: 'add', date: '2026-12-28', name: 'Staff party' },
    });
    expect(saveRefused.status()).toBe(403);
    const log = await page.goto(`${base}/admin/audit-log`);
    expect(log?.status()).toBe(403);
  });
});

describe('audit log', () => {
  it('shows the calendar change filtered by day and by actor, and no requester’s personal data', async () => {
    const { page } = clerk;
    await page.goto(`${base}/admin`);
    await expect(page.locator('.site-nav a', { hasText: 'Audit log' }).count()).resolves.toBe(1);
    await page.goto(`${base}/admin/audit-log`);
    await page.fill('#audit-filter-day', today());
    await page.fill('#audit-filter-actor', 'clerk');
    await Promise.all([page.waitForURL(/actor=clerk/), page.click('button:has-text("Show")')]);
    const events = page.locator('#audit-events tbody tr');
    const change = events.filter({ hasText: 'calendar.closures-changed' });
    await expect(change.count()).resolves.toBe(1);
    await expect(change.innerText()).resolves.toContain('Water main break');
    await expect(
      events
        .filter({ hasText: 'records-request.due-date-recomputed' })
        .filter({ hasText: trackingNumber })
        .count(),
    ).resolves.toBe(1);
    const who = await page.locator('#audit-events tbody tr td:nth-child(2)').allInnerTexts();
    expect(who.length).toBeGreaterThan(1);
    expect(who.every((w) => w.startsWith('clerk'))).toBe(true);
    await expectNoSeriousA11yViolations(page, 'audit log');

    // Another actor, or another day: the change is not there.
    await page.goto(`${base}/admin/audit-log?day=${today()}&actor=itadmin`);
    expect(await main(page)).not.toContain('calendar.closures-changed');
    const yesterday = new Date(Date.parse(`${today()}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await page.goto(`${base}/admin/audit-log?day=${yesterday}&actor=clerk`);
    expect(await main(page)).not.toContain('calendar.closures-changed');

    // The whole day, with the request's receipt: never the requester's name, e-mail or phone.
    await page.goto(`${base}/admin/audit-log?day=${today()}`);
    const day = await main(page);
    expect(day).toContain('records-request.received');
    for (const value of Object.values(REQUESTER)) expect(day).not.toContain(value);

    // One record's whole trail, from its row.
    await Promise.all([
      page.waitForURL(/subjectId=/),
      page
        .locator('#audit-events tbody tr', { hasText: 'records-request.received' })
        .filter({ hasText: trackingNumber })
        .locator('a:has-text("Whole trail")')
        .click(),
    ]);
    const trail = await page.locator('#audit-events').innerText();
    expect(trail).toContain('records-request.received');
    expect(trail).toContain('records-request.due-date-recomputed');
    expect(trail).not.toContain('calendar.closures-changed');
    expect(clerk.consoleErrors).toEqual([]);
  });

  it('names the wrong filter field instead of reading', async () => {
    const { page } = it_;
    const response = await page.goto(`${base}/admin/audit-log?day=2026-13-01`);
    expect(response?.status()).toBe(400);
    await expect(page.locator('.error-summary').innerText()).resolves.toContain('Enter a real date');
  });
});

describe('holiday calendar, removing a closure', () => {
  it('previews the due date moving back, and Cancel saves nothing', async () => {
    const { page } = clerk;
    await page.goto(`${base}/admin/holiday-calendar`);
    await Promise.all([
      page.waitForURL(`${base}/admin/holiday-calendar/preview`),
      page.click(`button:has-text("Remove the closure of ${formatDate(dueDate)}")`),
    ]);
    expect(await main(page)).toContain('Removing the city closure');
    const row = page.locator('#due-date-moves tbody tr', { hasText: trackingNumber });
    await expect(row.locator('td time').first().getAttribute('datetime')).resolves.toBe(movedTo);
    await expect(row.locator('td time').nth(1).getAttribute('datetime')).resolves.toBe(dueDate);
    await Promise.all([
      page.waitForURL(`${base}/admin/holiday-calendar`),
      page.click('a:has-text("Cancel")'),
    ]);
    await expect(page.locator('#calendar-version').innerText()).resolves.toBe('cgs-1-4+city-r1');
    await expect(page.locator('#city-closures').innerText()).resolves.toContain('Water main break');
  });
});

describe('API keys', () => {
  it('lists the keys by status and opens a key’s usage chart', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${base}/v1/usage`, { headers: { 'x-api-key': platform.demoApiKey } });
      expect(r.status).toBe(200);
    }
    const { page } = it_;
    await page.goto(`${base}/admin/api-keys`);
    const keys = page.locator('#key-list');
    await expect(keys.innerText()).resolves.toContain('Local demo key');
    await expectNoSeriousA11yViolations(page, 'API keys');
    await Promise.all([
      page.waitForURL(/\/admin\/api-keys\/[A-Za-z0-9]+$/),
      keys.locator('tr', { hasText: 'Local demo key' }).locator('a').click(),
    ]);

    const chart = page.locator('#usage-chart svg[role="img"]');
    await expect(chart.isVisible()).resolves.toBe(true);
    await expect(page.locator('#usage-chart rect.bar').count()).resolves.toBe(30);
    // The newest day (today) is the last bar and the last row.
    const todayBar = page.locator('#usage-chart rect.bar').last();
    expect(Number(await todayBar.getAttribute('height'))).toBeGreaterThan(0);
    const todayRow = page.locator('#usage tbody tr').last();
    await expect(todayRow.locator('th').innerText()).resolves.toBe(await todayBar.getAttribute('data-day'));
    expect(Number(await todayRow.locator('td').first().innerText())).toBeGreaterThanOrEqual(3);
    await expectNoSeriousA11yViolations(page, 'API key usage chart');

    await page.goto(`${base}/admin/api-keys?keys=revoked#keys`);
    expect(await page.locator('#keys').innerText()).toContain('No keys are revoked.');
    expect(it_.consoleErrors).toEqual([]);
  });
});
