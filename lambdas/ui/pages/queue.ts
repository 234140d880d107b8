/**
 * The records request queue: a tracking-number search, the filters (status,
 * department, assignee, channel, due range, words of the description), sort,
 * pages by cursor, and the CSV export of the same filter. The filter is the
 * JSON route's query (StaffListQuery). The form POSTs: a filter without search
 * words comes back as a GET address (bookmarkable); search words may name a
 * person, so a search, its pages (whose cursor holds the word) and its CSV stay
 * in POST bodies and never reach a URL, a log line or the browser's history.
 */
import type { QueueQuery } from '../../domain/records/queue-query';
import type { StaffRequestView } from '../../domain/records/records-request';
import { CHANNELS } from '../../domain/records/records-request';
import { REQUEST_STATUSES, isOpen } from '../../domain/records/workflow';
import type { StaffPrincipal } from '../../shared/staff';
import { csrfField, errorSummary, selectField, textField, type FormState } from '../components';
import { DEPARTMENTS, departmentName, words } from '../format';
import { html, type SafeHtml } from '../html';
import { pathOf, type PageRequest } from '../http';
import { requestTable } from './request-table';

/** The query fields the filter form and its links carry (the cursor only in "Next page"). */
export const FILTER_FIELDS = [
  'q',
  'state',
  'status',
  'department',
  'assignee',
  'channel',
  'dueFrom',
  'dueTo',
  'sort',
  'order',
] as const;

export type QueueFilter = Omit<QueueQuery, 'limit'>;

const DEFAULTS: Partial<Record<(typeof FILTER_FIELDS)[number], string>> = {
  state: 'open',
  sort: 'due',
  order: 'asc',
};

/** The filter as a query string: what "Next page", "First page" and the CSV link repeat. */
export function queueQuery(filter: QueueFilter, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const name of FILTER_FIELDS) {
    const value = filter[name];
    if (value !== undefined && value !== '' && (name === 'state' || value !== DEFAULTS[name])) {
      query.set(name, String(value));
    }
  }
  for (const [k, v] of Object.entries(extra)) query.set(k, v);
  return query.toString();
}

export interface QueueResults {
  requests: StaffRequestView[];
  nextCursor?: string;
  /** The page stopped at its reading budget: more may match further on. */
  readLimitReached?: boolean;
  searchedUpTo?: number;
}

const CHANNEL_LABELS: Record<string, string> = {
  online: 'Online form',
  mail: 'Mail',
  phone: 'Phone',
  email: 'E-mail',
  'in-person': 'In person',
};

function caption(filter: QueueFilter): string {
  const open = filter.status ? isOpen(filter.status) : filter.state === 'open';
  const parts = [filter.status ? `${words(filter.status)} requests` : `${open ? 'Open' : 'Closed'} requests`];
  if (filter.department) parts.push(`of ${departmentName(filter.department)}`);
  if (filter.assignee) parts.push(`assigned to ${filter.assignee}`);
  if (filter.channel)
    parts.push(`received by ${CHANNEL_LABELS[filter.channel]?.toLowerCase() ?? filter.channel}`);
  if (filter.dueFrom || filter.dueTo) {
    parts.push(
      `due ${filter.dueFrom ? `from ${filter.dueFrom} ` : ''}${filter.dueTo ? `to ${filter.dueTo}` : ''}`.trim(),
    );
  }
  if (filter.q) parts.push(`matching “${filter.q}”`);
  parts.push(
    `by ${filter.sort === 'received' ? 'date received' : 'due date'}, ${filter.order === 'desc' ? 'latest' : 'earliest'} first`,
  );
  return parts.join(' ');
}

/** A form that repeats the filter in hidden fields (a search's pages and its CSV: never in a URL). */
function postedFilter(
  request: Pick<PageRequest, 'basePath'>,
  csrf: string,
  action: string,
  filter: QueueFilter,
  extra: Record<string, string>,
  button: SafeHtml,
): SafeHtml {
  const fields = new URLSearchParams(queueQuery(filter, extra));
  return html`<form method="post" action="${pathOf(request, action)}" class="inline">
    ${csrfField(csrf)}
    ${[...fields].map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)}
    ${button}
  </form>`;
}

function filterForm(
  request: Pick<PageRequest, 'basePath'>,
  principal: StaffPrincipal,
  filter: QueueFilter,
  state: FormState,
  csrf: string,
): SafeHtml {
  const wide = principal.roles.includes('clerk') || principal.roles.includes('it-admin');
  const departments = wide ? DEPARTMENTS : DEPARTMENTS.filter((d) => d.id === principal.department);
  const field = { form: 'filter', state };
  return html`<form
    class="panel queue-filter"
    method="post"
    action="${pathOf(request, '/admin/records-requests')}"
    aria-labelledby="filter-title"
    novalidate
  >
    <h2 id="filter-title">Filter and search</h2>
    ${errorSummary(state, 'filter')} ${csrfField(csrf)}
    ${textField({
      ...field,
      name: 'q',
      label: 'Words of the description, or a tracking number',
      hint: 'Every word must appear, for example “sewer permit”. Common words like “the” are left out.',
      type: 'search',
      autocomplete: 'off',
    })}
    <div class="grid">
      ${selectField({
        ...field,
        name: 'state',
        label: 'Requests',
        options: [
          { value: 'open', label: 'Open' },
          { value: 'closed', label: 'Closed' },
        ],
      })}
      ${selectField({
        ...field,
        name: 'status',
        label: 'Status',
        hint: 'A status decides open or closed.',
        options: REQUEST_STATUSES.map((s) => ({ value: s, label: words(s) })),
        blank: 'Any status',
      })}
      ${selectField({
        ...field,
        name: 'department',
        label: 'Department',
        options: departments.map((d) => ({ value: d.id, label: d.name })),
        ...(wide ? { blank: 'All departments' } : {}),
      })}
      ${textField({
        ...field,
        name: 'assignee',
        label: 'Assigned to',
        hint: `A username, for example ${principal.username}`,
        autocomplete: 'off',
      })}
      ${selectField({
        ...field,
        name: 'channel',
        label: 'Received by',
        options: CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] ?? c })),
        blank: 'Any channel',
      })}
      ${textField({ ...field, name: 'dueFrom', label: 'Due from', hint: 'YYYY-MM-DD', inputmode: 'numeric' })}
      ${textField({ ...field, name: 'dueTo', label: 'Due to', hint: 'YYYY-MM-DD', inputmode: 'numeric' })}
      ${selectField({
        ...field,
        name: 'sort',
        label: 'Sort by',
        options: [
          { value: 'due', label: 'Statutory due date' },
          { value: 'received', label: 'Date received' },
        ],
      })}
      ${selectField({
        ...field,
        name: 'order',
        label: 'Order',
        options: [
          { value: 'asc', label: 'Earliest first' },
          { value: 'desc', label: 'Latest first' },
        ],
      })}
    </div>
    <button type="submit">Show</button>
    <a href="${pathOf(request, '/admin/records-requests')}">Clear the filter</a>
  </form>`;
}

/** What the form shows: the filter as given (a refused one keeps what was typed). */
function formStateOf(filter: QueueFilter, refused?: FormState): FormState {
  if (refused?.form === 'filter') return refused;
  const values = new URLSearchParams();
  for (const name of FILTER_FIELDS) {
    const value = filter[name];
    if (value !== undefined) values.set(name, String(value));
  }
  return { form: 'filter', values, errors: {} };
}

export function queuePage(
  request: Pick<PageRequest, 'basePath'>,
  principal: StaffPrincipal,
  filter: QueueFilter,
  page: QueueResults | undefined,
  csrf: string,
  search?: FormState,
): SafeHtml {
  const wide = principal.roles.includes('clerk') || principal.roles.includes('it-admin');
  const closed = filter.status ? !isOpen(filter.status) : filter.state === 'closed';
  const queuePath = (extra: Record<string, string> = {}) =>
    pathOf(request, `/admin/records-requests?${queueQuery(filter, extra)}`);
  return html`<h1>Records requests</h1>
    <p class="lead">
      ${
        wide
          ? 'Every department’s requests.'
          : 'Your department’s requests (routed to it, or received by it and not routed yet).'
      }
    </p>
    <form
      class="panel"
      method="get"
      action="${pathOf(request, '/admin/records-requests/find')}"
      role="search"
      aria-labelledby="find-title"
    >
      <h2 id="find-title">Open a request</h2>
      ${errorSummary(search, 'find')}
      ${textField({
        form: 'find',
        name: 'trackingNumber',
        label: 'Tracking number',
        hint: 'For example 2026-000123',
        state: search,
        autocomplete: 'off',
        inputmode: 'numeric',
        type: 'search',
      })}
      <button type="submit">Open it</button>
    </form>
    ${filterForm(request, principal, filter, formStateOf(filter, search), csrf)}
    ${
      page
        ? html`${requestTable(
            request,
            page.requests.map((r) => ({ request: r, mine: r.assignee?.userId === principal.userId })),
            { caption: caption(filter), closed, received: true },
          )}
          ${
            page.readLimitReached
              ? html`<p class="hint" role="status">
                  This page looked through ${page.searchedUpTo?.toLocaleString('en-US')} requests and stopped
                  there so it answers quickly; the next page goes on searching.
                </p>`
              : ''
          }
          ${
            filter.q
              ? html`<nav class="pager" aria-label="Pages">
                  ${
                    filter.cursor
                      ? postedFilter(
                          request,
                          csrf,
                          '/admin/records-requests',
                          filter,
                          {},
                          html`<button type="submit" class="link">First page</button>`,
                        )
                      : ''
                  }
                  ${
                    page.nextCursor
                      ? postedFilter(
                          request,
                          csrf,
                          '/admin/records-requests',
                          filter,
                          { cursor: page.nextCursor },
                          html`<button type="submit" class="link">Next page</button>`,
                        )
                      : html`<span>End of the list.</span>`
                  }
                  ${postedFilter(
                    request,
                    csrf,
                    '/admin/records-requests.csv',
                    filter,
                    {},
                    html`<button type="submit" class="secondary">Download this filter as CSV</button>`,
                  )}
                </nav>`
              : html`<nav class="pager" aria-label="Pages">
                  ${filter.cursor ? html`<a href="${queuePath()}">First page</a>` : ''}
                  ${
                    page.nextCursor
                      ? html`<a href="${queuePath({ cursor: page.nextCursor })}" rel="next">Next page</a>`
                      : html`<span>End of the list.</span>`
                  }
                  <a
                    class="button secondary"
                    href="${pathOf(request, `/admin/records-requests.csv?${queueQuery(filter)}`)}"
                    download
                    >Download this filter as CSV</a
                  >
                </nav>`
          }`
        : html`<p>Correct the filter to see the requests.</p>`
    }`;
}
