/**
 * The records request queue in real Chromium against the local platform: a
 * search by a word of the description, narrowed by channel and by assignee,
 * the CSV export of exactly that filter, the JSON route answering the same
 * filter the same way, a refused due range shown with its error summary, and
 * department staff searching only their department's requests.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform';
import { launchChromium, newPage, signInAs } from '../support/browser';
import { localEndpoints, uniquePrefix } from '../support/local-aws';
import { platformClient, signInAll, type Json } from '../support/platform-client';

jest.setTimeout(60_000);

let platform: LocalPlatform;
let browser: Browser;
let base: string;
let call: ReturnType<typeof platformClient>;
/** Tracking numbers of the requests entered here. */
const entered: Record<'policeTurbidity' | 'worksTurbidity' | 'worksHydrant', string> = {
  policeTurbidity: '',
  worksTurbidity: '',
  worksHydrant: '',
};

async function enter(body: Json): Promise<Json> {
  const response = await call('POST', '/v1/staff/records-requests', {
    as: 'clerk',
    body: { receivedAt: '2026-11-02T10:00:00-05:00', requester: { name: 'Queue Tester' }, ...body },
  });
  expect(response.status).toBe(201);
  return response.body;
}

beforeAll(async () => {
  platform = await startLocalPlatform({ services: localEndpoints(), resourcePrefix: uniquePrefix('queue') });
  base = platform.baseUrl;
  call = platformClient(() => base, await signInAll(base, ['clerk', 'police']));
  const a = await enter({
    description: 'Water turbidity complaints logged by the police dispatch',
    channel: 'phone',
    receivingOffice: 'police',
  });
  const b = await enter({
    description: 'Turbidity test results for the Margerie reservoir',
    channel: 'mail',
    receivingOffice: 'public-works',
  });
  const c = await enter({
    description: 'Hydrant flushing schedule near the reservoir',
    channel: 'mail',
    receivingOffice: 'public-works',
  });
  const numberOf = (body: Json) => String((body.request as Json).trackingNumber);
  entered.policeTurbidity = numberOf(a);
  entered.worksTurbidity = numberOf(b);
  entered.worksHydrant = numberOf(c);
  const assigned = await call('POST', `/v1/staff/records-requests/${entered.worksTurbidity}/assignment`, {
    as: 'clerk',
    body: {
      revision: (b.request as Json).revision,
      department: 'public-works',
      assignee: { userId: 'local-publicworks', username: 'publicworks' },
    },
  });
  expect(assigned.status).toBe(200);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const shown = async (page: Page) =>
  (await page.locator('table tbody th[scope=row] a').allInnerTexts()).map((t) => t.trim()).sort();

describe('the records request queue', () => {
  let clerk: Awaited<ReturnType<typeof newPage>>;
  beforeAll(async () => {
    clerk = await newPage(browser);
    await signInAs(clerk.page, base, 'clerk', '/admin/records-requests');
  });

  it('searches by a word of the description, then narrows by channel and by assignee', async () => {
    const { page } = clerk;
    await page.fill('#filter-q', 'TURBIDITY');
    await page.click('form.queue-filter button[type=submit]');
    expect(await shown(page)).toEqual([entered.policeTurbidity, entered.worksTurbidity].sort());
    // Search words may name a person: they stay out of the address (and the history).
    expect(page.url().toLowerCase()).not.toContain('turbidity');
    await expect(page.locator('table caption').innerText()).resolves.toContain('matching “TURBIDITY”');

    await page.selectOption('#filter-channel', 'phone');
    await page.click('form.queue-filter button[type=submit]');
    expect(await shown(page)).toEqual([entered.policeTurbidity]);

    await page.selectOption('#filter-channel', '');
    await page.fill('#filter-assignee', 'publicworks');
    await page.click('form.queue-filter button[type=submit]');
    expect(await shown(page)).toEqual([entered.worksTurbidity]);
    // The filter stays in the form, so the next change starts from it.
    expect(await page.inputValue('#filter-q')).toBe('TURBIDITY');
    expect(clerk.consoleErrors).toEqual([]);
  });

  it('exports exactly the filter shown as CSV, and the JSON route answers the same filter the same way', async () => {
    const { page } = clerk;
    await page.goto(`${base}/admin/records-requests`);
    await page.fill('#filter-q', 'reservoir');
    await page.selectOption('#filter-department', 'public-works');
    await page.selectOption('#filter-sort', 'received');
    await page.click('form.queue-filter button[type=submit]');
    expect(await shown(page)).toEqual([entered.worksTurbidity, entered.worksHydrant].sort());
    expect(page.url()).not.toContain('reservoir');

    // The CSV of a search is a posted form too: the download carries the same filter.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button:has-text("Download this filter as CSV")'),
    ]);
    expect(download.url()).not.toContain('reservoir');
    const lines = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^trackingNumber,status,channel,/);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual([entered.worksTurbidity, entered.worksHydrant].sort());

    const json = await call(
      'GET',
      '/v1/staff/records-requests?q=reservoir&department=public-works&sort=received',
      {
        as: 'clerk',
      },
    );
    expect(json.status).toBe(200);
    expect((json.body.requests as Json[]).map((r) => r.trackingNumber).sort()).toEqual(
      [entered.worksTurbidity, entered.worksHydrant].sort(),
    );
  });

  it('refuses a due range that ends before it starts, with the error summary linking to the field', async () => {
    const { page } = clerk;
    const response = await page.goto(`${base}/admin/records-requests?dueFrom=2026-12-01&dueTo=2026-11-01`);
    expect(response!.status()).toBe(400);
    const summary = page.locator('.error-summary');
    await expect(summary.innerText()).resolves.toContain('before its start');
    expect(await summary.locator('a').getAttribute('href')).toBe('#filter-dueTo');
    expect(await page.getAttribute('#filter-dueTo', 'aria-invalid')).toBe('true');
  });

  it('lets department staff search only their department’s requests', async () => {
    const police = await newPage(browser);
    await signInAs(police.page, base, 'police', '/admin/records-requests');
    await police.page.fill('#filter-q', 'turbidity');
    await police.page.click('form.queue-filter button[type=submit]');
    expect(await shown(police.page)).toEqual([entered.policeTurbidity]);

    const other = await police.page.goto(`${base}/admin/records-requests?department=public-works`);
    expect(other!.status()).toBe(403);
    await police.context.close();
  });
});
