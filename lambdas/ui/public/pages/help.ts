/**
 * The help page: deadlines and fees (numbers from the records domain, never
 * retyped), then the city's own help content: who enforces what, what happens
 * after a report, the questions people ask, step-by-step guides and sanctions.
 */
import type { HelpLink, publicHelpView } from '../../../domain/enforcement/help-content';
import { PERSONNEL_FILES_BUSINESS_DAYS, RESPONSE_BUSINESS_DAYS } from '../../../domain/records/clocks';
import {
  DEFAULT_FEE_SCHEDULE,
  ELECTRONIC_COST_ITEMS,
  formatCents,
  MANDATORY_WAIVERS,
} from '../../../domain/records/fees';
import { formatDateTime } from '../../format';
import { html, type HtmlValue } from '../../html';
import { pathOf, type PageRequest } from '../../http';

export type HelpView = ReturnType<typeof publicHelpView>;

/** JSON API paths the city's help links to, and the page residents read instead. */
const SITE_PAGE_OF: Record<string, string> = {
  '/v1/datasets': '/datasets',
  '/v1/api-terms': '/api-keys#terms',
  '/v1/api-key-applications': '/api-keys/apply',
  '/v1/enforcement/contacts': '/help#who-enforces',
  '/v1/enforcement/help': '/help',
  '/v1/records-requests': '/records/new',
  '/v1/records-requests/archive': '/records/archive',
  '/v1/violation-reports': '/report',
};

/** A help link as the site shows it: the page instead of its JSON route, site paths under the base path. */
export function helpHref(request: Pick<PageRequest, 'basePath'>, href: string): string {
  if (!href.startsWith('/')) return href;
  return pathOf(request, SITE_PAGE_OF[href] ?? href);
}

/** "$0.50" from 50 cents: the fee schedule's own numbers. */
export function feeLines() {
  const fees = DEFAULT_FEE_SCHEDULE;
  return {
    perPage: `${formatCents(fees.perPageCents)} a page`,
    certification: `${formatCents(fees.certificationCents)} for each certified document`,
    prepayment: formatCents(fees.prepaymentThresholdCents),
  };
}

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

export function helpPage(input: { request: Pick<PageRequest, 'basePath'>; help: HelpView }) {
  const { request, help } = input;
  const links = (items: readonly HelpLink[] | undefined): HtmlValue =>
    items?.length
      ? html`<ul class="links">
          ${items.map((l) => html`<li><a href="${helpHref(request, l.href)}">${l.label}</a></li>`)}
        </ul>`
      : '';
  const fees = feeLines();
  const appeals = help.appeals;
  return html`<h1>Help</h1>
    <p class="lead">
      Deadlines, fees for copies, who enforces what, and what to do when something goes wrong.
    </p>
    <nav aria-labelledby="contents-title" class="contents">
      <h2 id="contents-title">On this page</h2>
      <ul>
        <li><a href="#deadlines">Deadlines</a></li>
        <li><a href="#fees">Fees for copies</a></li>
        <li><a href="#who-enforces">Who enforces what</a></li>
        <li><a href="#after-a-report">What happens after a report</a></li>
        <li><a href="#questions">Questions</a></li>
        <li><a href="#guides">Step by step</a></li>
        <li><a href="#sanctions">Sanctions</a></li>
      </ul>
    </nav>

    <h2 id="deadlines">Deadlines</h2>
    <ul>
      <li>
        The city answers a public records request within
        <strong id="response-deadline">${RESPONSE_BUSINESS_DAYS} business days</strong> after it receives it
        (C.G.S. §1-206(a)). Weekends, legal holidays and city closures do not count.
      </li>
      <li>
        For personnel, medical or similar files: ${PERSONNEL_FILES_BUSINESS_DAYS} business days (C.G.S.
        §1-214).
      </li>
      <li>A request not answered in time counts as denied.</li>
      <li>
        If your request is denied, or counts as denied, you may appeal to the ${appeals.to} within
        <strong>${appeals.deadlineDays} days</strong> (${appeals.citation}).
      </li>
    </ul>
    <h3>${appeals.to}</h3>
    <dl class="facts">
      <dt>Address</dt>
      <dd>${appeals.address}</dd>
      <dt>Phone</dt>
      <dd><a href="tel:${appeals.phone.replace(/[^0-9+]/g, '')}">${appeals.phone}</a></dd>
      <dt>E-mail</dt>
      <dd><a href="mailto:${appeals.email}">${appeals.email}</a></dd>
      <dt>Web</dt>
      <dd><a href="${appeals.web}">${appeals.web}</a></dd>
    </dl>

    <h2 id="fees">Fees for copies</h2>
    <p>Under C.G.S. §1-212:</p>
    <ul>
      <li>Looking at records in person is free.</li>
      <li>Paper copies: <strong id="fee-per-page">${fees.perPage}</strong>.</li>
      <li>Certified copies: ${fees.certification}.</li>
      <li>
        Electronic copies of records kept on computer: at cost, and only for
        ${ELECTRONIC_COST_ITEMS.map((item) => item.label.toLowerCase()).join('; ')}.
      </li>
      <li>The city never charges for the time spent searching for or retrieving records.</li>
      <li>When the fee comes to ${fees.prepayment} or more, you pay it before the copies are made.</li>
    </ul>
    <p>The city waives the fee when:</p>
    <ul>
      ${MANDATORY_WAIVERS.map((w) => html`<li>${w.label} (${w.citation})</li>`)}
    </ul>

    <h2 id="who-enforces">Who enforces what</h2>
    ${help.enforcers.map(
      (e) =>
        html`<section class="panel" aria-labelledby="enforcer-${e.office}">
          <h3 id="enforcer-${e.office}">${e.name}</h3>
          <ul>
            ${e.enforces.map((line) => html`<li>${line}</li>`)}
          </ul>
          ${
            e.contact
              ? html`<p>
                  <a href="mailto:${e.contact.email}">${e.contact.email}</a>${
                    e.contact.phone ? html`, ${e.contact.phone}` : ''
                  }.
                  ${e.contact.hours}
                </p>`
              : ''
          }
          ${
            e.departmentContacts?.length
              ? html`<ul>
                  ${e.departmentContacts.map(
                    (c) => html`<li>${c.name}: <a href="mailto:${c.email}">${c.email}</a></li>`,
                  )}
                </ul>`
              : ''
          }
        </section>`,
    )}

    <h2 id="after-a-report">What happens after a report</h2>
    <p><a href="${pathOf(request, '/report')}">Report a problem</a>. ${help.reporting.note}</p>
    ${help.violations.map(
      (v) =>
        html`<section aria-labelledby="violation-${v.id}">
          <h3 id="violation-${v.id}">${v.title}</h3>
          <p>${v.description}</p>
          <ol>
            ${v.afterReport.map((step) => html`<li>${step}</li>`)}
          </ol>
          ${links(v.links)}
        </section>`,
    )}

    <h2 id="questions">Questions</h2>
    ${help.faq.map(
      (f) =>
        html`<section aria-labelledby="faq-${f.id}">
          <h3 id="faq-${f.id}">${f.question}</h3>
          ${paragraphs(f.answer).map((p) => html`<p>${p}</p>`)} ${links(f.links)}
        </section>`,
    )}

    <h2 id="guides">Step by step</h2>
    ${help.howTo.map(
      (g) =>
        html`<section aria-labelledby="guide-${g.id}">
          <h3 id="guide-${g.id}">${g.title}</h3>
          ${g.summary ? html`<p>${g.summary}</p>` : ''}
          <ol>
            ${g.steps.map((step) => html`<li>${step}</li>`)}
          </ol>
          ${links(g.links)}
        </section>`,
    )}

    <h2 id="sanctions">Sanctions</h2>
    <p>${help.penalties.finesNote}</p>
    <p>What the city does on this platform:</p>
    <ul>
      ${help.penalties.platformActions.map((a) => html`<li>${a}</li>`)}
    </ul>
    <h3>Misuse of the API</h3>
    <ol>
      ${help.penalties.apiMisuse.map((s) => html`<li><strong>${s.title}</strong>. ${s.description}</li>`)}
    </ol>
    <p class="hint">This help was last updated ${formatDateTime(help.updatedAt)}.</p>`;
}
