/**
 * Real Chromium for the admin UI's browser tests and screenshots: Debian's
 * `chromium` package (.ci/run installs it) driven by playwright-core, which
 * downloads no browser of its own.
 */
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export const LOCAL_PASSWORD = 'local-only-password';

/**
 * A page that records CSP violations and script errors (an HTTP error page's "Failed to load
 * resource" is not one), and accepts confirm() dialogs.
 */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      consoleErrors.push(message.text());
    }
  });
  page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => void dialog.accept());
  return { context, page, consoleErrors };
}

/** Signs in with the local sign-in form (the admin UI redirects there first). */
export async function signInAs(
  page: Page,
  baseUrl: string,
  username: string,
  path = '/admin',
): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.fill('#sign-in-username', username);
  await page.fill('#sign-in-password', LOCAL_PASSWORD);
  await Promise.all([page.waitForURL(`${baseUrl}${path}`), page.click('button:has-text("Sign in")')]);
}
