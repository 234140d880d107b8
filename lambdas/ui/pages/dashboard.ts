/** The dashboard: what needs an answer now, the next requests to come due, and the other queues' counts. */
import type { RecordsDashboard } from '../../domain/records/dashboard';
import { departmentName } from '../format';
import { html, type SafeHtml } from '../html';
import { pathOf, type PageRequest } from '../http';
import { requestTable } from './request-table';

export interface OtherQueues {
  /** API key applications submitted and not decided; `forYou`: those this person may decide. */
  applications?: { waiting: number; forYou: number; more: boolean };
  /** Dataset versions quarantined by the personal-data gate, of datasets this person manages. */
  quarantined?: { versions: number; more: boolean };
  /** Open enforcement cases routed to this person's office (City IT: all). */
  cases?: { open: number; more: boolean };
}

const count = (n: number, more: boolean) => `${n}${more ? '+' : ''}`;

function card(label: string, value: string, tone: 'bad' | 'warn' | 'ok' | '', href?: string): SafeHtml {
  return html`<li class="card${tone ? ` ${tone}` : ''}">
    <span class="count">${value}</span>${href ? html`<a href="${href}">${label}</a>` : label}
  </li>`;
}

export function dashboardPage(
  request: Pick<PageRequest, 'basePath'>,
  data: RecordsDashboard,
  other: OtherQueues,
  options: { onlyMine: boolean },
): SafeHtml {
  const total = data.overdue.length + data.deemedDenied.length + data.dueToday.length + data.dueSoon.length;
  const jump = (id: string) => `#${id}`;
  return html`<h1>Dashboard</h1>
    <p class="lead">Today is ${data.today}. “Due soon” means due by ${data.dueSoonBy} (2 business days).</p>
    <form
      class="inline-form panel"
      method="get"
      action="${pathOf(request, '/admin')}"
      aria-label="Whose requests"
    >
      <div class="choice">
        <input
          type="checkbox"
          id="only-mine"
          name="mine"
          value="1"
          ${options.onlyMine ? html` checked` : ''}
        />
        <label for="only-mine">Only requests assigned to me</label>
      </div>
      <button type="submit" class="secondary">Show</button>
    </form>
    <h2 id="needs-answer-title">Records requests that need an answer</h2>
    <ul class="cards" aria-labelledby="needs-answer-title">
      ${card('Overdue', String(data.overdue.length), data.overdue.length ? 'bad' : 'ok', jump('overdue'))}
      ${card('Deemed denied', String(data.deemedDenied.length), data.deemedDenied.length ? 'bad' : 'ok', jump('deemed-denied'))}
      ${card('Due today', String(data.dueToday.length), data.dueToday.length ? 'warn' : 'ok', jump('due-today'))}
      ${card('Due soon', String(data.dueSoon.length), '', jump('due-soon'))}
    </ul>
    ${data.truncated ? html`<p class="notice warn" role="status">More requests need an answer than the dashboard shows; use the queue.</p>` : ''}
    ${total === 0 ? html`<p>Nothing is overdue or due in the next two business days.</p>` : ''}
    <section id="overdue" aria-labelledby="overdue-title">
      <h3 id="overdue-title">Overdue</h3>
      <p class="hint">
        No written response by the due date: deemed denied by law (C.G.S. §1-206(a)); the daily job will
        notify the requester. Answer now.
      </p>
      ${requestTable(request, data.overdue, { caption: 'Overdue requests', captionHidden: true })}
    </section>
    <section id="deemed-denied" aria-labelledby="deemed-denied-title">
      <h3 id="deemed-denied-title">Deemed denied</h3>
      <p class="hint">
        The requester was told of the right to appeal to the FOI Commission. The request is still open: answer
        it.
      </p>
      ${requestTable(request, data.deemedDenied, { caption: 'Deemed denied requests', captionHidden: true })}
    </section>
    <section id="due-today" aria-labelledby="due-today-title">
      <h3 id="due-today-title">Due today</h3>
      ${requestTable(request, data.dueToday, { caption: 'Requests due today', captionHidden: true })}
    </section>
    <section id="due-soon" aria-labelledby="due-soon-title">
      <h3 id="due-soon-title">Due soon</h3>
      ${requestTable(request, data.dueSoon, { caption: 'Requests due soon', captionHidden: true })}
    </section>

    <h2>Next to come due</h2>
    ${requestTable(request, data.upcoming, { caption: 'Open requests by due date', captionHidden: true })}
    <p><a href="${pathOf(request, '/admin/records-requests')}">The whole queue</a></p>

    <div class="grid">
      <section class="panel" aria-labelledby="departments-title">
        <h2 id="departments-title">Open requests by department</h2>
        <table>
          <caption class="visually-hidden">
            Open requests by department
          </caption>
          <thead>
            <tr>
              <th scope="col">Department</th>
              <th scope="col">Open</th>
            </tr>
          </thead>
          <tbody>
            ${data.departmentCounts.map(
              (d) =>
                html`<tr>
                  <th scope="row">
                    <a
                      href="${pathOf(
                        request,
                        `/admin/records-requests?department=${encodeURIComponent(d.department)}`,
                      )}"
                      >${departmentName(d.department)}</a
                    >
                  </th>
                  <td>${d.open}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section class="panel" aria-labelledby="other-title">
        <h2 id="other-title">Other work</h2>
        <ul class="cards">
          ${
            other.applications
              ? card(
                  `API key applications waiting (${count(other.applications.forYou, other.applications.more)} for you to decide)`,
                  count(other.applications.waiting, other.applications.more),
                  other.applications.forYou ? 'warn' : '',
                  pathOf(request, '/admin/api-keys'),
                )
              : ''
          }
          ${
            other.quarantined
              ? card(
                  'Dataset versions quarantined by the personal-data gate',
                  count(other.quarantined.versions, other.quarantined.more),
                  other.quarantined.versions ? 'warn' : '',
                  pathOf(request, '/admin/datasets#quarantined'),
                )
              : ''
          }
          ${
            other.cases
              ? card(
                  'Open enforcement cases',
                  count(other.cases.open, other.cases.more),
                  other.cases.open ? 'warn' : '',
                  pathOf(request, '/admin/enforcement'),
                )
              : ''
          }
        </ul>
        <p class="hint">Datasets get their own pages next; until then, use the API.</p>
      </section>
    </div>`;
}
