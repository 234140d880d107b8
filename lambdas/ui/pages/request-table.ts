/** A table of records requests (dashboard and queue): tracking number, status, clocks, department. */
import { nyDate } from '../../domain/records/clocks';
import type { StaffRequestView } from '../../domain/records/records-request';
import { badge } from '../components';
import { departmentName, formatDate, formatDateTime, words } from '../format';
import { html, type SafeHtml } from '../html';
import { pathOf, type PageRequest } from '../http';

export const requestPath = (trackingNumber: string) =>
  `/admin/records-requests/${encodeURIComponent(trackingNumber)}`;

/** The §1-206(a) response clock in words. */
export function responseClock(request: StaffRequestView): SafeHtml {
  const response = request.clocks.response;
  if (response.state === 'deemed-denied') {
    return badge('denied', `Deemed denied ${formatDate(response.deemedDeniedOn)}`);
  }
  if (response.state === 'answered') return html`Answered ${formatDate(response.answeredOn)}`;
  const left = response.businessDaysLeft ?? 0;
  if (left <= 0) return badge('blocked', 'Due today');
  return html`${left} business day${left === 1 ? '' : 's'} left`;
}

const shorten = (text: string, max = 90) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

export function requestTable(
  request: Pick<PageRequest, 'basePath'>,
  rows: { request: StaffRequestView; mine?: boolean }[],
  options: {
    caption: string;
    captionHidden?: boolean;
    closed?: boolean;
    /** The queue sorts by receipt too: show when each came in, and how. */
    received?: boolean;
  },
): SafeHtml {
  if (!rows.length) return html`<p>${options.caption}: none.</p>`;
  return html`<div class="table-wrap"><table>
    <caption${options.captionHidden ? html` class="visually-hidden"` : ''}>${options.caption}</caption>
    <thead><tr>
      <th scope="col">Tracking number</th>
      <th scope="col">Status</th>
      ${options.received ? html`<th scope="col">Received</th>` : ''}
      <th scope="col">${options.closed ? 'Closed' : 'Due'}</th>
      <th scope="col">${options.closed ? 'Outcome' : 'Response clock'}</th>
      <th scope="col">Department</th>
      <th scope="col">Assigned to</th>
      <th scope="col">Request</th>
    </tr></thead>
    <tbody>
      ${rows.map(
        ({ request: r, mine }) =>
          html`<tr>
            <th scope="row">
              <a href="${pathOf(request, requestPath(r.trackingNumber))}">${r.trackingNumber}</a>
            </th>
            <td>${badge(r.status)}</td>
            ${options.received ? html`<td>${formatDate(nyDate(r.receivedAt))}<br /><span class="hint">${words(r.channel)}</span></td>` : ''}
            <td>${options.closed ? formatDateTime(r.closedAt) : formatDate(r.statutoryDueDate)}</td>
            <td>
              ${options.closed ? (r.determination ? badge(r.determination.outcome) : '') : responseClock(r)}
            </td>
            <td>
              ${departmentName(r.department ?? r.receivingOffice)}${r.department ? '' : html` <span class="hint">(not routed yet)</span>`}
            </td>
            <td>
              ${r.assignee ? html`${r.assignee.username}${mine ? html` <span class="badge ok">you</span>` : ''}` : html`<span class="hint">nobody</span>`}
            </td>
            <td>${shorten(r.description)}</td>
          </tr>`,
      )}
    </tbody>
  </table></div>`;
}
