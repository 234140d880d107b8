/**
 * Enforcement cases: the list routed to the person's office (City IT: all) and one
 * case with its report, evidence, attachments (names and scan findings: the files
 * themselves go through the JSON download route), actions, incident and timeline,
 * with the transition and action forms. Every form names the case's revision.
 */
import type { AuditEvent } from '../../domain/audit';
import {
  ACTION_ALLOWED_IN,
  CASE_ACTIONS,
  CASE_TRANSITIONS,
  type CaseStatus,
} from '../../domain/enforcement/cases';
import type { EnforcementCase, ReportAttachment, Reporter } from '../../domain/enforcement/enforcement-case';
import {
  badge,
  csrfField,
  errorSummary,
  selectField,
  textArea,
  dataTable,
  textField,
  type FormState,
} from '../components';
import { departmentName, formatBytes, formatDateTime, words } from '../format';
import { html, type SafeHtml } from '../html';
import { pathOf, type PageRequest } from '../http';

export type CaseView = Omit<EnforcementCase, 'accessTokenHash'> & { reporter?: Reporter };

export const casePath = (reportNumber: string) => `/admin/enforcement/${encodeURIComponent(reportNumber)}`;

/** The transitions a case in this status can take (the buttons of the transition form). */
export function transitionsFrom(status: CaseStatus): string[] {
  return CASE_TRANSITIONS.filter((t) => (t.from as readonly CaseStatus[]).includes(status)).map(
    (t) => t.action,
  );
}

/** Who or what a case is about, in a few words. */
export function subjectLabel(c: Pick<EnforcementCase, 'subject'>): string {
  const s = c.subject;
  const parts = [
    s.datasetId ? `dataset ${s.datasetId}${s.version ? ` v${s.version}` : ''}` : '',
    s.trackingNumber ? `request ${s.trackingNumber}` : '',
    s.apiKeyLast4 ? `API key …${s.apiKeyLast4}` : '',
    s.keyId && !s.apiKeyLast4 ? `API key ${s.keyId}` : '',
    s.applicationId ? `application ${s.applicationId}` : '',
    s.url ?? '',
  ].filter(Boolean);
  return parts.join(', ') || '—';
}

export function casesPage(
  request: Pick<PageRequest, 'basePath'>,
  state: 'open' | 'closed',
  cases: CaseView[],
  nextCursor: string | undefined,
): SafeHtml {
  const tab = (s: 'open' | 'closed') =>
    html`<li>
      <a
        href="${pathOf(request, `/admin/enforcement?state=${s}`)}"
        ${s === state ? html` aria-current="page"` : ''}
        >${words(s)}</a
      >
    </li>`;
  return html`<h1>Enforcement cases</h1>
    <nav aria-label="Case state">
      <ul class="tabs">
        ${tab('open')} ${tab('closed')}
      </ul>
    </nav>
    ${
      cases.length
        ? dataTable({
            id: 'cases',
            caption: 'Cases',
            rowHeaders: true,
            headers: ['Report', 'Category', 'Status', 'About', 'Offices', 'Received'],
            rows: cases.map((c) => [
              html`<a href="${pathOf(request, casePath(c.reportNumber))}">${c.reportNumber}</a>`,
              words(c.category),
              badge(c.status),
              subjectLabel(c),
              c.offices.map(departmentName).join(', '),
              html`<time datetime="${c.receivedAt}">${formatDateTime(c.receivedAt)}</time>`,
            ]),
          })
        : html`<p>No ${state} cases.</p>`
    }
    ${
      nextCursor
        ? html`<nav class="pager" aria-label="Pages">
            <a
              rel="next"
              href="${pathOf(request, `/admin/enforcement?state=${state}&cursor=${encodeURIComponent(nextCursor)}`)}"
              >More</a
            >
          </nav>`
        : ''
    }`;
}

const TRANSITION_LABELS: Record<string, string> = {
  'start-review': 'Start review',
  'find-no-violation': 'No violation',
  refer: 'Refer',
  close: 'Close',
  reopen: 'Reopen',
};

export function casePage(
  request: Pick<PageRequest, 'basePath'>,
  csrf: string,
  detail: { case: CaseView; attachments: ReportAttachment[]; timeline: AuditEvent[] },
  options: { notice?: SafeHtml | undefined; form?: FormState | undefined },
): SafeHtml {
  const c = detail.case;
  const state = options.form;
  const transitions = transitionsFrom(c.status);
  const canAct = ACTION_ALLOWED_IN.includes(c.status);
  return html`<h1>Case ${c.reportNumber}</h1>
    ${options.notice ?? ''}
    <dl class="facts" id="case-facts">
      <dt>Status</dt>
      <dd id="case-status">${badge(c.status)}</dd>
      <dt>Category</dt>
      <dd>${words(c.category)}</dd>
      <dt>Source</dt>
      <dd>${words(c.source)}</dd>
      <dt>About</dt>
      <dd>${subjectLabel(c)}</dd>
      <dt>Party</dt>
      <dd>${words(c.party.kind)} ${c.party.id}</dd>
      <dt>Offices</dt>
      <dd>${c.offices.map(departmentName).join(', ')}</dd>
      <dt>Received</dt>
      <dd><time datetime="${c.receivedAt}">${formatDateTime(c.receivedAt)}</time></dd>
      ${
        c.occurredAt
          ? html`<dt>Happened</dt>
              <dd>${formatDateTime(c.occurredAt)}</dd>`
          : ''
      }
      <dt>Reporter</dt>
      <dd>
        ${c.reporter?.name || c.reporter?.email ? [c.reporter.name, c.reporter.email].filter(Boolean).join(' · ') : 'Anonymous'}
      </dd>
      <dt>Revision</dt>
      <dd>${c.revision}</dd>
      ${
        c.outcome
          ? html`<dt>Outcome</dt>
              <dd>${words(c.outcome.status)}: ${c.outcome.reason}</dd>`
          : ''
      }
    </dl>
    <section class="panel" aria-labelledby="report-title">
      <h2 id="report-title">The report</h2>
      <p class="pre-line">${c.description}</p>
    </section>
    <section class="panel" aria-labelledby="evidence-title">
      <h2 id="evidence-title">Evidence</h2>
      <p class="hint">Gathered ${formatDateTime(c.evidence.gatheredAt)}.</p>
      ${
        c.evidence.summary.length
          ? html`<ul>
              ${c.evidence.summary.map((s) => html`<li>${s}</li>`)}
            </ul>`
          : html`<p>None found.</p>`
      }
    </section>
    <section class="panel" aria-labelledby="attachments-title">
      <h2 id="attachments-title">Attachments</h2>
      ${
        detail.attachments.length
          ? html`<ul>
                ${detail.attachments.map(
                  (a) =>
                    html`<li>
                      ${a.fileName} (${formatBytes(a.sizeBytes)}) ·
                      ${words(a.state)}${
                        a.scan
                          ? a.scan.findings.length
                            ? html` · personal data found:
                              ${a.scan.findings.map((f) => `${f.label}, ${f.where} (${f.count})`).join('; ')}`
                            : ' · no personal data found'
                          : ''
                      }
                    </li>`,
                )}
              </ul>
              <p class="hint">Staff download the files through the staff API.</p>`
          : html`<p>None.</p>`
      }
    </section>
    ${
      c.incident
        ? html`<section class="panel" aria-labelledby="incident-title">
            <h2 id="incident-title">Personal-data incident</h2>
            <dl class="facts">
              <dt>Dataset</dt>
              <dd>${c.incident.datasetId} version ${c.incident.version}</dd>
              <dt>Published</dt>
              <dd>${formatDateTime(c.incident.publishedAt)}</dd>
              <dt>Unpublished</dt>
              <dd>${formatDateTime(c.incident.unpublishedAt)}</dd>
              <dt>Downloads</dt>
              <dd>${c.incident.downloads}</dd>
              <dt>Findings</dt>
              <dd>
                ${c.incident.findings.map((f) => `${f.pattern} in ${f.column} (${f.count})`).join(', ') || '—'}
              </dd>
              <dt>Notice to</dt>
              <dd>${c.incident.noticeTo}</dd>
            </dl>
          </section>`
        : ''
    }
    <section class="panel" aria-labelledby="actions-title">
      <h2 id="actions-title">Actions taken</h2>
      ${
        c.actions.length
          ? html`<ul id="case-actions">
              ${c.actions.map(
                (a) =>
                  html`<li>
                    ${formatDateTime(a.at)}:
                    ${words(a.kind)}${a.offenceLevel ? ` (${a.offenceLevel} offence)` : ''}${
                      a.dueDate ? ` · due ${a.dueDate}` : ''
                    }
                    by ${a.by.username} — ${a.reason}
                  </li>`,
              )}
            </ul>`
          : html`<p>None yet.</p>`
      }
    </section>
    ${
      transitions.length
        ? html`<section class="panel" aria-labelledby="transition-title">
            <h2 id="transition-title">Move the case</h2>
            <form
              method="post"
              id="transition"
              action="${pathOf(request, `${casePath(c.reportNumber)}/transitions`)}"
            >
              ${csrfField(csrf)} ${errorSummary(state, 'transition')}
              <input type="hidden" name="revision" value="${c.revision}" />
              ${textArea({
                form: 'transition',
                name: 'reason',
                label: 'Reason',
                hint: 'Needed for every move but starting the review; the reporter sees the outcome.',
                state,
                rows: 3,
              })}
              <div class="actions">
                ${transitions.map(
                  (t) =>
                    html`<button
                      type="submit"
                      name="action"
                      value="${t}"
                      ${t === 'start-review' ? '' : html` class="secondary"`}
                    >
                      ${TRANSITION_LABELS[t] ?? words(t)}
                    </button>`,
                )}
              </div>
            </form>
          </section>`
        : ''
    }
    ${
      canAct
        ? html`<section class="panel" aria-labelledby="act-title">
            <h2 id="act-title">Act on the party</h2>
            <form method="post" id="act" action="${pathOf(request, `${casePath(c.reportNumber)}/actions`)}">
              ${csrfField(csrf)} ${errorSummary(state, 'act')}
              <input type="hidden" name="revision" value="${c.revision}" />
              ${selectField({
                form: 'act',
                name: 'kind',
                label: 'Action',
                state,
                required: true,
                options: CASE_ACTIONS.map((k) => ({ value: k, label: words(k) })),
              })}
              ${textField({
                form: 'act',
                name: 'dueDate',
                label: 'Due date (order to correct)',
                hint: 'YYYY-MM-DD',
                state,
              })}
              ${textArea({
                form: 'act',
                name: 'reason',
                label: 'Reason',
                hint: 'Sent to the party; never names the reporter. At least 10 characters.',
                state,
                required: true,
                rows: 3,
              })}
              <button type="submit">Take the action</button>
            </form>
          </section>`
        : ''
    }
    <section class="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <ol class="timeline">
        ${detail.timeline.map(
          (e) =>
            html`<li>
              <time datetime="${e.at}">${formatDateTime(e.at)}</time> · ${e.action} ·
              ${'username' in e.actor ? e.actor.username : e.actor.system}
            </li>`,
        )}
      </ol>
    </section>`;
}
