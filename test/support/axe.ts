/**
 * axe-core in the browser tests: the issue's bar is "no serious or critical
 * violation on any page".
 *
 * Injection: the admin UI's CSP (`script-src 'self'`, no inline scripts) refuses
 * `page.addScriptTag({ content })` (an inline <script>), and the refusal is a console
 * error the other tests count as a CSP violation. So axe's source is evaluated through
 * the DevTools protocol (`page.evaluate`), which the page's CSP does not govern: the
 * page under test keeps its real CSP (no `bypassCSP` context that would hide a page
 * that only works without it), and axe checks the page exactly as staff get it.
 */
import { readFileSync } from 'node:fs';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

let axeSource: string | undefined;

function source(): string {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

/** Runs axe-core on the page as it is now (rules for WCAG 2.0/2.1 A and AA, plus best practices). */
export async function runAxe(page: Page): Promise<AxeResults> {
  const present = await page.evaluate('typeof window.axe === "object"');
  if (!present) await page.evaluate(source());
  // Passed as text: this project compiles without the DOM types.
  return (await page.evaluate(`window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  })`)) as AxeResults;
}

/** One line per violation, then one per offending node (its selector and axe's summary). */
export function describeViolations(violations: Result[]): string {
  return violations
    .map((violation) =>
      [
        `[${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})`,
        ...violation.nodes.map(
          (node) =>
            `    at ${node.target.join(' ')}${node.failureSummary ? `: ${node.failureSummary.replace(/\s+/g, ' ')}` : ''}`,
        ),
      ].join('\n'),
    )
    .join('\n');
}

/**
 * Fails, listing each one, when axe finds a violation of impact serious or critical
 * on the page. `context` names the page in the failure (e.g. "queue, 375 px").
 */
export async function expectNoSeriousA11yViolations(page: Page, context?: string): Promise<void> {
  const results = await runAxe(page);
  const blocking = results.violations.filter((v) => v.impact != null && BLOCKING_IMPACTS.has(v.impact));
  if (blocking.length > 0) {
    throw new Error(
      `axe-core: ${blocking.length} serious or critical accessibility violation(s) on ${context ?? page.url()}:\n` +
        describeViolations(blocking),
    );
  }
}
