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
let datasetId: string;
/** The requester's and the reporter's private status links (path and token). */
let requestStatusPath: string;
let reportStatusPath: string;

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
  reportStatusPath = pathAndQuery(report.statusUrl as string);
  const submitted = await postJson('/v1/records-requests', {
    description: 'Snow removal overtime records of the Public Works Department, winter 2025-2026.',
    requester: { name: 'Jordan Resident', email: 'jordan.resident@example.org' },
  });
  requestStatusPath = pathAndQuery(submitted.statusUrl as string);
  datasetId = platform.seededDatasets.includes('building-permits')
    ? 'building-permits'
    : platform.seededDatasets[0]!;
}, 120_000);

const pathAndQuery = (url: string) => {
  const { pathname, search } = new URL(url);
  return `${pathname}${search}`;
};

/** Sends the page's (first) form as it is, to see its error state. */
async function submitEmpty(page: Page): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click('main form[method=post] button[type=submit]')]);
  await page.locator('.error-summary').waitFor();
}

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
  // The datasets pages, the holiday calendar and the audit log.
  { name: 'datasets', who: 'itadmin', path: () => '/admin/datasets' },
  { name: 'register a dataset', who: 'itadmin', path: () => '/admin/datasets/new' },
  {
    name: 'register a dataset, submitted empty',
    who: 'itadmin',
    path: () => '/admin/datasets/new',
    then: submitEmpty,
  },
  { name: 'dataset', who: 'itadmin', path: () => `/admin/datasets/${datasetId}` },
  { name: 'dataset version', who: 'itadmin', path: () => `/admin/datasets/${datasetId}/versions/1` },
  { name: 'holiday calendar', who: 'itadmin', path: () => '/admin/holiday-calendar' },
  { name: 'audit log', who: 'itadmin', path: () => '/admin/audit-log' },
  // The public pages residents use (no sign-in).
  { name: 'public home', who: 'visitor', path: () => '/' },
  { name: 'public dataset catalog', who: 'visitor', path: () => '/datasets' },
  { name: 'public dataset', who: 'visitor', path: () => `/datasets/${datasetId}` },
  { name: 'public API keys', who: 'visitor', path: () => '/api-keys' },
  { name: 'public API key application', who: 'visitor', path: () => '/api-keys/apply' },
  {
    name: 'public API key application, sent empty',
    who: 'visitor',
    path: () => '/api-keys/apply',
    then: submitEmpty,
  },
  { name: 'public API key application sent', who: 'visitor', path: () => '/api-keys/apply/sent' },
  { name: 'public help', who: 'visitor', path: () => '/help' },
  { name: 'public records requests', who: 'visitor', path: () => '/records' },
  { name: 'public records request form', who: 'visitor', path: () => '/records/new' },
  {
    name: 'public records request form, sent empty',
    who: 'visitor',
    path: () => '/records/new',
    then: submitEmpty,
  },
  { name: "requester's status page", who: 'visitor', path: () => requestStatusPath },
  { name: 'lost status link', who: 'visitor', path: () => '/records/lost-link' },
  { name: 'public archive', who: 'visitor', path: () => '/records/archive' },
  { name: 'public archive entry', who: 'visitor', path: () => `/records/archive/${seeded[2]}` },
  { name: 'report a violation', who: 'visitor', path: () => '/report' },
  { name: 'report a violation, sent empty', who: 'visitor', path: () => '/report', then: submitEmpty },
  { name: "reporter's status page", who: 'visitor', path: () => reportStatusPath },
  { name: 'public page not found (404)', who: 'visitor', path: () => '/no-such-page', status: 404 },
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

/** The focused element's outline, as drawn. */
function focusOutline(page: Page): Promise<{ style: string; width: number; color: string }> {
  return page.evaluate(`(() => {
    const s = getComputedStyle(document.activeElement);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor };
  })()`);
}

/**
 * Tabs through the whole page and lists the visible links, buttons and fields the focus
 * never reached (a radio group counts as reached when one of its radios is: arrows move
 * within it). Also lists any positive tabindex, which would scramble the order.
 */
async function unreachableByTab(page: Page): Promise<string[]> {
  await page.evaluate(`window.__reached = new Set(); window.__first = null; document.activeElement.blur()`);
  for (let presses = 0; presses < 600; presses++) {
    await page.keyboard.press('Tab');
    const again = await page.evaluate(`(() => {
      // Round to the first stop again (a date field stops once per part: month, day…).
      const e = document.activeElement;
      if (window.__reached.size > 1 && e === window.__first) return true;
      window.__first = window.__first || e;
      window.__reached.add(e);
      return false;
    })()`);
    if (again) break;
  }
  return page.evaluate(`(() => {
    const key = (e) => e.type === 'radio' ? 'radio ' + (e.form ? e.form.id : '') + ' ' + e.name : e;
    const reached = new Set([...window.__reached].map(key));
    const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.name ? '[name=' + e.name + ']' : '') + ' ' + (e.innerText || '').trim().slice(0, 30);
    const controls = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')]
      .filter((e) => !e.disabled && e.checkVisibility() && e.getAttribute('tabindex') !== '-1');
    return [
      ...controls.filter((e) => !reached.has(key(e))).map((e) => 'not reached: ' + name(e)),
      ...controls.filter((e) => e.tabIndex > 0).map((e) => 'positive tabindex: ' + name(e)),
    ];
  })()`);
}

describe('with the keyboard alone', () => {
  let clerk: Session;
  /** What has the focus: tag, id, class and text, as one line. */
  const focused = (page: Page) =>
    page.evaluate(
      `(() => { const e = document.activeElement; return e.tagName.toLowerCase() + '#' + e.id + '.' + e.className + ' ' + (e.innerText || e.value || '').trim().slice(0, 40); })()`,
    ) as Promise<string>;

  /** Presses Tab (or Shift+Tab) until the focus is on `selector`; fails if it never gets there. */
  async function tabTo(page: Page, selector: string, key = 'Tab', limit = 150): Promise<number> {
    for (let presses = 1; presses <= limit; presses++) {
      await page.keyboard.press(key);
      if (await page.evaluate(`document.activeElement.matches(${JSON.stringify(selector)})`)) return presses;
    }
    throw new Error(`${limit} presses of ${key} never reached ${selector} (last: ${await focused(page)})`);
  }

  const summaryLinks = (page: Page) =>
    page.evaluate(`[...document.querySelectorAll('.error-summary a')].map((a) => a.hash)`) as Promise<
      string[]
    >;

  /** From the focused summary: Tab to each link in turn, Enter, and the focus is on its field. */
  async function expectEachSummaryLinkLeadsToItsField(page: Page, links: string[]): Promise<void> {
    for (const [i, hash] of links.entries()) {
      await tabTo(page, `.error-summary li:nth-child(${i + 1}) a`, i === 0 ? 'Tab' : 'Shift+Tab');
      await page.keyboard.press('Enter');
      await expect(page.evaluate('"#" + document.activeElement.id')).resolves.toBe(hash);
    }
  }

  beforeAll(async () => {
    clerk = await newPage(browser);
    await signInAs(clerk.page, base, 'clerk');
  });

  afterAll(() => clerk.context.close());

  it('the skip link is the first stop, shows where the focus is, and moves the focus to the main content', async () => {
    const { page } = clerk;
    await page.goto(`${base}/admin`);
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toMatch(/^a#\.skip-link Skip to main content/);
    // Off-screen until focused, then inside the window, with the focus outline drawn.
    const box = await page.locator('.skip-link').boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    await expect(focusOutline(page)).resolves.toMatchObject({ style: 'solid' });
    expect((await focusOutline(page)).width).toBeGreaterThanOrEqual(2);

    await page.keyboard.press('Enter');
    await expect(focused(page)).resolves.toMatch(/^main#main/);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(`document.activeElement.closest('main') !== null`)).resolves.toBe(true);
    // Back out of the main content: the last stop of the header is signing out.
    await page.keyboard.press('Shift+Tab');
    await expect(focused(page)).resolves.toMatch(/^button#\. Sign out/);
  });

  it('draws a :focus-visible outline for every focusable element', async () => {
    const { page } = clerk;
    await page.goto(`${base}/admin/records-requests/new`);
    const rules = (await page.evaluate(`[...document.styleSheets].flatMap((sheet) =>
      [...sheet.cssRules].filter((r) => r.selectorText && r.selectorText.includes(':focus-visible')).map((r) => r.cssText))`)) as string[];
    expect(rules.some((rule) => /outline: 3px solid/.test(rule))).toBe(true);
    // A text box, a radio, a select, a button: each shows the outline when reached by Tab.
    for (const selector of [
      '#new-request-receivedAt',
      'input[type=radio]:checked',
      'select',
      '#new-request button[type=submit]',
    ]) {
      await tabTo(page, selector);
      const outline = await focusOutline(page);
      expect({ selector, ...outline }).toEqual({
        selector,
        style: 'solid',
        width: 3,
        color: 'rgb(255, 191, 71)',
      });
    }
  });

  it('reaches every link, button and field of the request page with Tab, and nothing is stuck out of reach', async () => {
    const { page } = clerk;
    for (const trackingNumber of seeded) {
      await page.goto(`${base}/admin/records-requests/${trackingNumber}`);
      await expect(unreachableByTab(page)).resolves.toEqual([]);
    }
    for (const path of [
      '/admin',
      '/admin/records-requests',
      '/admin/records-requests/new',
      '/admin/outbox',
    ]) {
      await page.goto(`${base}${path}`);
      await expect(unreachableByTab(page)).resolves.toEqual([]);
    }
  }, 120_000);

  it('reaches every control of the other areas and of the public pages with Tab, after a skip link', async () => {
    const { page } = clerk;
    for (const path of ['/admin/holiday-calendar', '/admin/audit-log']) {
      await page.goto(`${base}${path}`);
      await expect(unreachableByTab(page)).resolves.toEqual([]);
    }
    const resident = await newPage(browser);
    for (const path of [
      '/',
      '/datasets',
      `/datasets/${datasetId}`,
      '/records/new',
      '/api-keys/apply',
      '/report',
    ]) {
      await resident.page.goto(`${base}${path}`);
      await resident.page.keyboard.press('Tab');
      await expect(focused(resident.page)).resolves.toMatch(/Skip to (the )?main content/i);
      await expect(unreachableByTab(resident.page)).resolves.toEqual([]);
    }
    expect(resident.consoleErrors).toEqual([]);
    await resident.context.close();
  }, 120_000);

  it('acknowledges a request from its page with Tab and Space', async () => {
    const { page } = clerk;
    const trackingNumber = seeded[0]!;
    await page.goto(`${base}/admin/records-requests/${trackingNumber}`);
    await expect(page.locator('h1').innerText()).resolves.toContain('Received');

    await tabTo(page, '#acknowledge textarea[name=message]');
    await page.keyboard.type('We have your request and are looking for the records.');
    await page.keyboard.press('Tab');
    await expect(focused(page)).resolves.toMatch(/^button#\. Acknowledge the request/);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Space')]);

    await expect(page.locator('h1').innerText()).resolves.toContain('Acknowledged');
    await expect(page.locator('#status-messages').innerText()).resolves.toContain('now acknowledged');
    await expectNoSeriousA11yViolations(page, 'request just acknowledged');
    expect(clerk.consoleErrors).toEqual([]);
  });

  it('puts the focus on the error summary of a refused form, whose links lead to the fields', async () => {
    const { page } = clerk;
    await page.goto(`${base}/admin/records-requests/new`);
    // Empty the received date (select all, delete) and send the form with Enter on its button.
    await tabTo(page, '#new-request-receivedAt');
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Tab');
      if ((await focused(page)).startsWith('input#new-request-receivedAt')) break;
      await page.keyboard.press('Shift+Tab');
    }
    await tabTo(page, '#new-request button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

    await expect(focused(page)).resolves.toMatch(/^div#\.error-summary There is a problem/);
    const links = await summaryLinks(page);
    expect(links).toEqual(expect.arrayContaining(['#new-request-description']));
    // Each link names a field that says it is wrong and reads out its message.
    for (const hash of links) {
      const field = await page.evaluate(`(() => {
        const e = document.querySelector(${JSON.stringify(hash)});
        const ids = (e.getAttribute('aria-describedby') || '').split(' ');
        return { invalid: e.getAttribute('aria-invalid') === 'true' || e.tagName === 'FIELDSET',
                 message: ids.map((id) => document.getElementById(id)).filter((m) => m && m.classList.contains('error-message')).length };
      })()`);
      expect({ hash, field }).toEqual({ hash, field: { invalid: true, message: 1 } });
    }
    await expectEachSummaryLinkLeadsToItsField(page, links);
    expect(clerk.consoleErrors).toEqual([]);
  });

  it('leads from the error summary to a group of checkboxes (a denial citing no exemption)', async () => {
    const { page } = clerk;
    await page.goto(`${base}/admin/records-requests/${seeded[0]}`);
    await tabTo(page, '#deny button[type=submit]');
    // The page asks for confirmation (accepted); the server refuses the denial without a citation.
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

    await expect(focused(page)).resolves.toMatch(/^div#\.error-summary There is a problem/);
    const links = await summaryLinks(page);
    expect(links).toContain('#deny-exemptions');
    await expectEachSummaryLinkLeadsToItsField(page, links);
    await expectNoSeriousA11yViolations(page, 'denial refused');
  });
});
