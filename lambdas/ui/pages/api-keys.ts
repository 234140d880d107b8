/**
 * API key applications waiting for a decision, every key by status, and one
 * key's page: its usage for 30 days (an SVG bar chart and the same numbers in a
 * table: no script, no inline style) and the sanction form. Forms post to lambdas/ui/api-keys-controller.ts.
 */
import type { ApiKeyApplication } from '../../domain/api-access/applications';
import type { ApiKeyRecord, KeyStatus } from '../../domain/api-access/api-keys';
import { USAGE_TIERS, USAGE_TIER_NAMES } from '../../shared/usage-tiers';
import {
  badge,
  csrfField,
  errorSummary,
  selectField,
  textArea,
  dataTable,
  scrollingTable,
  textField,
  type FormState,
} from '../components';
import { departmentName, formatDateTime, words } from '../format';
import { html, type SafeHtml } from '../html';
import { pathOf, type PageRequest } from '../http';

export const APPLICATION_STATUSES = ['submitted', 'needs-information', 'approved', 'rejected'] as const;
export type ApplicationStatusFilter = (typeof APPLICATION_STATUSES)[number];

export const KEY_STATUSES = ['active', 'suspended', 'revoked'] as const satisfies readonly KeyStatus[];

export const keyPath = (keyId: string) => `/admin/api-keys/${encodeURIComponent(keyId)}`;

export interface UsageRow {
  day: string;
  requests: number;
  throttled: number;
  /** The bar's scale: the largest day, or the daily quota when nothing came close. */
  max: number;
}

/** The 30 days oldest first, each with the scale its bar is drawn against. */
export function usageRows(
  days: readonly { day: string; requests: number; throttled: number }[],
  dailyQuota: number,
): UsageRow[] {
  const busiest = days.reduce((m, d) => Math.max(m, d.requests), 0);
  const max = Math.max(1, busiest > 0 ? busiest : Math.min(dailyQuota, 1));
  return [...days]
    .sort((a, b) => a.day.localeCompare(b.day))
    .map((d) => ({ day: d.day, requests: d.requests, throttled: d.throttled, max }));
}

const CHART = { width: 600, height: 160, top: 14, bottom: 24 };

/**
 * Requests per day as an inline SVG bar chart: no script and no style attribute
 * (the CSP allows neither), colours from admin.css. Screen readers get its
 * title and summary; the table below it has every number.
 */
export function usageChart(rows: readonly UsageRow[]): SafeHtml {
  const baseline = CHART.height - CHART.bottom;
  const plot = baseline - CHART.top;
  const slot = CHART.width / Math.max(rows.length, 1);
  const max = rows[0]?.max ?? 1;
  const busiest = rows.reduce<UsageRow | undefined>(
    (m, r) => (!m || r.requests > m.requests ? r : m),
    undefined,
  );
  const first = rows[0]?.day ?? '';
  const last = rows[rows.length - 1]?.day ?? '';
  return html`<figure class="usage-chart" id="usage-chart">
    <svg
      viewBox="0 0 ${CHART.width} ${CHART.height}"
      role="img"
      aria-labelledby="usage-chart-title usage-chart-desc"
      focusable="false"
    >
      <title id="usage-chart-title">Requests per day, ${first} to ${last}</title>
      <desc id="usage-chart-desc">
        ${
          busiest && busiest.requests > 0
            ? `The busiest day was ${busiest.day} with ${busiest.requests} requests.`
            : 'No requests in these days.'
        }
      </desc>
      <line class="axis" x1="0" y1="${baseline}" x2="${CHART.width}" y2="${baseline}" />
      ${rows.map((r, i) => {
        const h = r.requests > 0 ? Math.max(1, Math.round((r.requests / max) * plot)) : 0;
        return html`<rect
          class="bar${r.throttled > 0 ? ' throttled' : ''}"
          data-day="${r.day}"
          x="${(i * slot + slot * 0.15).toFixed(1)}"
          y="${baseline - h}"
          width="${(slot * 0.7).toFixed(1)}"
          height="${h}"
        >
          <title>${r.day}: ${r.requests} requests</title>
        </rect>`;
      })}
      <text class="label" x="0" y="${CHART.height - 6}">${first}</text>
      <text class="label end" x="${CHART.width}" y="${CHART.height - 6}">${last}</text>
      <text class="label" x="0" y="${CHART.top - 2}">${max}</text>
    </svg>
    <figcaption class="hint">Each bar is one day’s requests; the top of the chart is ${max}.</figcaption>
  </figure>`;
}

export function applicationsPage(
  request: Pick<PageRequest, 'basePath'>,
  csrf: string,
  status: ApplicationStatusFilter,
  applications: (ApiKeyApplication & { youMayDecide: boolean })[],
  options: { notice?: SafeHtml | undefined; form?: FormState | undefined },
): SafeHtml {
  const tab = (s: ApplicationStatusFilter) =>
    html`<li>
      <a
        href="${pathOf(request, `/admin/api-keys?status=${s}`)}"
        ${s === status ? html` aria-current="page"` : ''}
        >${words(s)}</a
      >
    </li>`;
  return html`<h1>API key applications</h1>
    ${options.notice ?? ''}
    <form method="get" action="${pathOf(request, '/admin/api-keys/find')}" class="inline-form">
      ${textField({ form: 'find-key', name: 'keyId', label: 'Open a key by its id' })}
      <button type="submit">Open</button>
    </form>
    <nav aria-label="Application status">
      <ul class="tabs">
        ${APPLICATION_STATUSES.map(tab)}
      </ul>
    </nav>
    ${applications.length ? '' : html`<p>No applications are ${words(status).toLowerCase()}.</p>`}
    ${applications.map((a) => applicationCard(request, csrf, a, options.form))}`;
}

/** Every issued key in one status, newest first, a page at a time; each opens its own page. */
export function keysSection(
  request: Pick<PageRequest, 'basePath'>,
  input: {
    status: KeyStatus;
    keys: Omit<ApiKeyRecord, 'valueHash'>[];
    nextCursor?: string | undefined;
    first: boolean;
    /** The applications tab shown above, kept in the links. */
    applicationStatus: ApplicationStatusFilter;
  },
): SafeHtml {
  const link = (query: Record<string, string>) =>
    pathOf(
      request,
      `/admin/api-keys?${new URLSearchParams({ status: input.applicationStatus, ...query }).toString()}#keys`,
    );
  const tab = (s: KeyStatus) =>
    html`<li>
      <a href="${link({ keys: s })}" ${s === input.status ? html` aria-current="page"` : ''}>${words(s)}</a>
    </li>`;
  return html`<section id="keys" class="panel" aria-labelledby="keys-title">
    <h2 id="keys-title">API keys</h2>
    <nav aria-label="Key status">
      <ul class="tabs">
        ${KEY_STATUSES.map(tab)}
      </ul>
    </nav>
    ${
      input.keys.length
        ? dataTable({
            id: 'key-list',
            caption: `${words(input.status)} API keys`,
            rowHeaders: true,
            headers: ['Key', 'Holder', 'Tier', 'Status', 'Issued'],
            rows: input.keys.map((k) => [
              html`<a href="${pathOf(request, keyPath(k.keyId))}">…${k.last4}</a>`,
              k.name,
              k.tier,
              html`${badge(k.status)}${k.suspendedUntil ? html` until ${formatDateTime(k.suspendedUntil)}` : ''}`,
              html`<time datetime="${k.createdAt}">${formatDateTime(k.createdAt)}</time>`,
            ]),
          })
        : html`<p>No keys are ${words(input.status).toLowerCase()}.</p>`
    }
    <nav class="pager" aria-label="Pages of keys">
      ${input.first ? '' : html`<a href="${link({ keys: input.status })}">Newest</a>`}
      ${
        input.nextCursor
          ? html`<a rel="next" href="${link({ keys: input.status, keysCursor: input.nextCursor })}">Older</a>`
          : ''
      }
    </nav>
  </section>`;
}

function applicationCard(
  request: Pick<PageRequest, 'basePath'>,
  csrf: string,
  a: ApiKeyApplication & { youMayDecide: boolean },
  state: FormState | undefined,
): SafeHtml {
  const form = `decide-${a.applicationId}`;
  const decidable = a.youMayDecide && (a.status === 'submitted' || a.status === 'needs-information');
  return html`<article class="panel application" aria-labelledby="${form}-title">
    <h2 id="${form}-title">${a.organization ?? a.applicantName}</h2>
    <dl class="facts">
      <dt>Applicant</dt>
      <dd>${a.applicantName} · ${a.email}</dd>
      <dt>Status</dt>
      <dd>${badge(a.status)}</dd>
      <dt>Submitted</dt>
      <dd><time datetime="${a.submittedAt}">${formatDateTime(a.submittedAt)}</time></dd>
      <dt>Requested tier</dt>
      <dd>${a.requestedTier}</dd>
      <dt>Requests per day</dt>
      <dd>${a.expectedRequestsPerDay}</dd>
      <dt>Decided by</dt>
      <dd>${departmentName(a.decidingOffice)}</dd>
      ${
        a.datasets.length
          ? html`<dt>Datasets</dt>
              <dd>${a.datasets.join(', ')}</dd>`
          : ''
      }
      ${
        a.keyId
          ? html`<dt>Key</dt>
              <dd><a href="${pathOf(request, keyPath(a.keyId))}">${a.keyId}</a></dd>`
          : ''
      }
    </dl>
    <p>${a.intendedUse}</p>
    ${
      a.decisions.length
        ? html`<ul class="history">
            ${a.decisions.map(
              (d) =>
                html`<li>
                  ${formatDateTime(d.at)}: ${words(d.decision)}${d.tier ? ` (${d.tier})` : ''} — ${d.message}
                </li>`,
            )}
          </ul>`
        : ''
    }
    ${
      decidable
        ? html`<form
            method="post"
            id="${form}"
            action="${pathOf(request, `/admin/api-keys/applications/${a.applicationId}/decision`)}"
          >
            ${csrfField(csrf)} ${errorSummary(state, form)}
            ${selectField({
              form,
              name: 'tier',
              label: 'Tier (when approving)',
              value: a.requestedTier,
              state,
              options: USAGE_TIER_NAMES.map((t) => ({
                value: t,
                label: `${t}: ${USAGE_TIERS[t].rateLimit}/s, ${USAGE_TIERS[t].quota.limit} a day`,
              })),
            })}
            ${textArea({
              form,
              name: 'message',
              label: 'Message to the applicant',
              hint: 'Sent with the decision.',
              state,
              required: true,
              rows: 3,
            })}
            <div class="actions">
              <button type="submit" name="decision" value="approve">Approve</button>
              <button type="submit" name="decision" value="ask-information" class="secondary">
                Ask for information
              </button>
              <button type="submit" name="decision" value="reject" class="danger">Reject</button>
            </div>
          </form>`
        : a.status === 'submitted' || a.status === 'needs-information'
          ? html`<p class="hint">${departmentName(a.decidingOffice)} decides this application.</p>`
          : ''
    }
  </article>`;
}

export interface KeyUsage {
  limits: { ratePerSecond: number; burst: number; dailyQuota: number };
  today: { day: string; requests: number };
  days: { day: string; requests: number; throttled: number }[];
}

export function keyPage(
  request: Pick<PageRequest, 'basePath'>,
  csrf: string,
  key: Omit<ApiKeyRecord, 'valueHash'>,
  usage: KeyUsage,
  options: { notice?: SafeHtml | undefined; form?: FormState | undefined },
): SafeHtml {
  const form = 'sanction';
  const state = options.form;
  const rows = usageRows(usage.days, usage.limits.dailyQuota);
  const total = rows.reduce((s, r) => s + r.requests, 0);
  return html`<h1>API key …${key.last4}</h1>
    ${options.notice ?? ''}
    <dl class="facts" id="key-facts">
      <dt>Key id</dt>
      <dd>${key.keyId}</dd>
      <dt>Holder</dt>
      <dd>${key.name} · ${key.contactEmail}</dd>
      <dt>Status</dt>
      <dd>
        ${badge(key.status)}${key.suspendedUntil ? html` until ${formatDateTime(key.suspendedUntil)}` : ''}
      </dd>
      <dt>Tier</dt>
      <dd>
        ${key.tier} (${usage.limits.ratePerSecond} requests a second, burst ${usage.limits.burst},
        ${usage.limits.dailyQuota} a day)
      </dd>
      <dt>Issued</dt>
      <dd>${formatDateTime(key.createdAt)}</dd>
      ${
        key.rotatedTo
          ? html`<dt>Replaced by</dt>
              <dd><a href="${pathOf(request, keyPath(key.rotatedTo))}">${key.rotatedTo}</a></dd>`
          : ''
      }
    </dl>
    <section class="panel" aria-labelledby="sanctions-title">
      <h2 id="sanctions-title">Sanctions</h2>
      ${
        key.sanctions.length
          ? html`<ul class="history" id="sanction-history">
              ${key.sanctions.map(
                (s) =>
                  html`<li>
                    ${formatDateTime(s.at)}:
                    ${words(s.action)}${s.offenceLevel ? ` (${s.offenceLevel} offence)` : ''}${
                      s.until ? ` until ${formatDateTime(s.until)}` : ''
                    }
                    — ${s.reason}
                  </li>`,
              )}
            </ul>`
          : html`<p>None.</p>`
      }
      <form method="post" id="${form}" action="${pathOf(request, `${keyPath(key.keyId)}/sanctions`)}">
        ${csrfField(csrf)} ${errorSummary(state, form)}
        ${selectField({
          form,
          name: 'action',
          label: 'Action',
          state,
          required: true,
          options: [
            { value: 'notice', label: 'Notice and order to correct' },
            { value: 'suspend', label: 'Suspend' },
            { value: 'reinstate', label: 'Reinstate' },
            { value: 'revoke', label: 'Revoke (permanent)' },
          ],
        })}
        ${textField({
          form,
          name: 'until',
          type: 'datetime-local',
          label: 'Suspended until (optional)',
          hint: 'City time. Leave empty to suspend until reinstated.',
          state,
        })}
        ${textArea({
          form,
          name: 'reason',
          label: 'Reason',
          hint: 'Sent to the key holder. At least 10 characters.',
          state,
          required: true,
          rows: 3,
        })}
        <button type="submit">Apply</button>
      </form>
    </section>
    <section class="panel" aria-labelledby="usage-title">
      <h2 id="usage-title">Usage, last 30 days</h2>
      <p>${total} requests; today ${usage.today.requests}.</p>
      ${usageChart(rows)}
      ${scrollingTable(
        'Usage, last 30 days',
        html`<table id="usage">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Requests</th>
              <th scope="col">Refused (429)</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (r) =>
                html`<tr>
                  <th scope="row">${r.day}</th>
                  <td>${r.requests}</td>
                  <td>${r.throttled}</td>
                </tr>`,
            )}
          </tbody>
        </table>`,
      )}
    </section>`;
}
