/** The records request queue: filters, a tracking-number search, pages by due date, CSV export. */
import type { StaffRequestView } from '../../domain/records/records-request';
import type { StaffPrincipal } from '../../shared/staff';
import { selectField, textField, type FormState } from '../components';
import { DEPARTMENTS } from '../format';
import { html, type SafeHtml } from '../html';
import { pathOf, type PageRequest } from '../http';
import { requestTable } from './request-table';

export interface QueueFilter {
  state: 'open' | 'closed';
  department?: string | undefined;
  cursor?: string | undefined;
}

export function queueQuery(filter: QueueFilter, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  query.set('state', filter.state);
  if (filter.department) query.set('department', filter.department);
  for (const [k, v] of Object.entries(extra)) query.set(k, v);
  return query.toString();
}

export function queuePage(
  request: Pick<PageRequest, 'basePath'>,
  principal: StaffPrincipal,
  filter: QueueFilter,
  page: { requests: StaffRequestView[]; nextCursor?: string },
  search?: FormState,
): SafeHtml {
  const wide = principal.roles.includes('clerk') || principal.roles.includes('it-admin');
  const departments = wide ? DEPARTMENTS : DEPARTMENTS.filter((d) => d.id === principal.department);
  return html`<h1>Records requests</h1>
    <p class="lead">
      ${
        wide
          ? 'Every department’s requests.'
          : 'Your department’s requests (routed to it, or received by it and not routed yet).'
      }
      Open requests come by statutory due date, the soonest first; closed ones by closing date, the latest
      first.
    </p>
    <div class="grid">
      <form
        class="panel"
        method="get"
        action="${pathOf(request, '/admin/records-requests/find')}"
        role="search"
      >
        <h2>Find a request</h2>
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
      <form class="panel" method="get" action="${pathOf(request, '/admin/records-requests')}">
        <h2>Filter</h2>
        ${selectField({
          form: 'filter',
          name: 'state',
          label: 'Requests',
          options: [
            { value: 'open', label: 'Open' },
            { value: 'closed', label: 'Closed this year' },
          ],
          value: filter.state,
        })}
        ${selectField({
          form: 'filter',
          name: 'department',
          label: 'Department',
          options: departments.map((d) => ({ value: d.id, label: d.name })),
          value: filter.department ?? '',
          ...(wide ? { blank: 'All departments' } : {}),
        })}
        <button type="submit">Show</button>
      </form>
    </div>
    ${requestTable(
      request,
      page.requests.map((r) => ({ request: r })),
      {
        caption: `${filter.state === 'open' ? 'Open' : 'Closed'} requests${
          filter.department
            ? ` of ${DEPARTMENTS.find((d) => d.id === filter.department)?.name ?? filter.department}`
            : ''
        }`,
        closed: filter.state === 'closed',
      },
    )}
    <nav class="pager" aria-label="Pages">
      ${filter.cursor ? html`<a href="${pathOf(request, `/admin/records-requests?${queueQuery(filter)}`)}">First page</a>` : ''}
      ${
        page.nextCursor
          ? html`<a
              href="${pathOf(request, `/admin/records-requests?${queueQuery(filter, { cursor: page.nextCursor })}`)}"
              rel="next"
              >Next page</a
            >`
          : html`<span>End of the list.</span>`
      }
      <a
        class="button secondary"
        href="${pathOf(request, `/admin/records-requests.csv?${queueQuery(filter)}`)}"
        download
        >Download these as CSV</a
      >
    </nav>`;
}
