/**
 * The holiday calendar: its version, the days the city is closed this year and
 * next (C.G.S. §1-4 legal holidays and city closures), and, for the City Clerk
 * and City IT, a change (add or remove a closure) that is previewed first: which
 * open requests' due dates move. The preview page carries the same change in a
 * "Save" form, so the whole flow works without the page's script.
 */
import type { DueDateMove } from '../../domain/records/clocks';
import type { ClosureDay, CityClosure } from '../../domain/records/holiday-calendar';
import { csrfField, errorSummary, textArea, textField, type FormState } from '../components';
import { formatDate, formatDateTime } from '../format';
import { html, type SafeHtml } from '../html';
import { pathOf, type PageRequest } from '../http';
import { requestPath } from './request-table';

export const CALENDAR_PATH = '/admin/holiday-calendar';
export const PREVIEW_PATH = '/admin/holiday-calendar/preview';

export interface CalendarView {
  version: string;
  revision: number;
  updatedAt?: string;
  cityClosures: CityClosure[];
  closedDays: ClosureDay[];
  years: [number, number];
}

/** A change to the city closures, as the forms carry it. */
export interface ClosureChange {
  kind: 'add' | 'remove';
  date: string;
  name: string;
  reason?: string | undefined;
}

const ADD_FORM = 'closure';

/** The hidden fields that carry a change from one form to the next. */
function changeFields(revision: number, change: ClosureChange): SafeHtml {
  return html`<input type="hidden" name="revision" value="${revision}" />
    <input type="hidden" name="change" value="${change.kind}" />
    <input type="hidden" name="date" value="${change.date}" />
    <input type="hidden" name="name" value="${change.name}" />
    ${change.reason ? html`<input type="hidden" name="reason" value="${change.reason}" />` : ''}`;
}

export function calendarPage(
  request: Pick<PageRequest, 'basePath'>,
  csrf: string,
  calendar: CalendarView,
  options: { mayChange: boolean; notice?: SafeHtml | undefined; form?: FormState | undefined },
): SafeHtml {
  const { mayChange } = options;
  const state = options.form;
  return html`<h1>Holiday calendar and city closures</h1>
    ${options.notice ?? ''}
    <dl class="facts" id="calendar-facts">
      <dt>Calendar version</dt>
      <dd id="calendar-version">${calendar.version}</dd>
      <dt>Last changed</dt>
      <dd>${calendar.updatedAt ? formatDateTime(calendar.updatedAt) : 'Never: legal holidays only'}</dd>
    </dl>
    <p class="lead">
      Every statutory due date is counted in business days against this calendar and records the version it
      used. Changing a city closure recomputes the due dates of all open requests.
    </p>
    <section class="panel" aria-labelledby="closures-title">
      <h2 id="closures-title">City closures</h2>
      ${
        calendar.cityClosures.length
          ? html`<table id="city-closures">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Reason</th>
                  ${mayChange ? html`<th scope="col"><span class="visually-hidden">Action</span></th>` : ''}
                </tr>
              </thead>
              <tbody>
                ${calendar.cityClosures.map(
                  (c) =>
                    html`<tr>
                      <th scope="row"><time datetime="${c.date}">${formatDate(c.date)}</time></th>
                      <td>${c.name}</td>
                      ${
                        mayChange
                          ? html`<td>
                              <form method="post" action="${pathOf(request, PREVIEW_PATH)}">
                                ${csrfField(csrf)}
                                ${changeFields(calendar.revision, { kind: 'remove', date: c.date, name: c.name })}
                                <button type="submit" class="secondary">
                                  Remove<span class="visually-hidden">
                                    the closure of ${formatDate(c.date)}</span
                                  >
                                </button>
                              </form>
                            </td>`
                          : ''
                      }
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>No city closures: only the legal holidays.</p>`
      }
      ${
        mayChange
          ? html`<form method="post" id="${ADD_FORM}" action="${pathOf(request, PREVIEW_PATH)}">
              <h3>Add a city closure</h3>
              ${csrfField(csrf)} ${errorSummary(state, ADD_FORM)}
              <input type="hidden" name="revision" value="${calendar.revision}" />
              <input type="hidden" name="change" value="add" />
              ${textField({
                form: ADD_FORM,
                name: 'date',
                label: 'Date the city is closed',
                hint: 'YYYY-MM-DD, for example 2026-12-24.',
                inputmode: 'numeric',
                autocomplete: 'off',
                required: true,
                state,
              })}
              ${textField({
                form: ADD_FORM,
                name: 'name',
                label: 'Reason',
                hint: 'Shown in the calendar and to requesters, for example “Snow emergency”.',
                required: true,
                state,
              })}
              ${textArea({
                form: ADD_FORM,
                name: 'reason',
                label: 'Note for the audit log (optional)',
                rows: 2,
                state,
              })}
              <button type="submit">Preview the effect on deadlines</button>
            </form>`
          : html`<p class="hint" id="read-only">
              The City Clerk and City IT change the calendar; you can read it.
            </p>`
      }
    </section>
    <section class="panel" aria-labelledby="closed-days-title">
      <h2 id="closed-days-title">Days the city is closed, ${calendar.years[0]} and ${calendar.years[1]}</h2>
      <table id="closed-days">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Name</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          ${calendar.closedDays.map(
            (d) =>
              html`<tr>
                <th scope="row"><time datetime="${d.date}">${formatDate(d.date)}</time></th>
                <td>${d.name}</td>
                <td>
                  ${d.kind === 'legal-holiday' ? `Legal holiday, ${d.citation ?? 'C.G.S. §1-4'}` : 'City closure'}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
}

export function previewPage(
  request: Pick<PageRequest, 'basePath'>,
  csrf: string,
  input: { revision: number; change: ClosureChange; before: string; after: string; moves: DueDateMove[] },
): SafeHtml {
  const { change, moves } = input;
  const what =
    change.kind === 'add'
      ? html`Adding a city closure on <strong>${formatDate(change.date)}</strong> (${change.name})`
      : html`Removing the city closure of <strong>${formatDate(change.date)}</strong> (${change.name})`;
  return html`<h1>Check the effect before saving</h1>
    <p class="lead">
      ${what} makes the calendar version <strong>${input.after}</strong> (now ${input.before}). Nothing is
      saved yet.
    </p>
    <section class="panel" aria-labelledby="moves-title">
      <h2 id="moves-title">
        ${moves.length === 1 ? '1 open request’s due date moves' : `${moves.length} open requests’ due dates move`}
      </h2>
      ${
        moves.length
          ? html`<table id="due-date-moves">
              <thead>
                <tr>
                  <th scope="col">Request</th>
                  <th scope="col">Due now</th>
                  <th scope="col">Due after the change</th>
                </tr>
              </thead>
              <tbody>
                ${moves.map(
                  (m) =>
                    html`<tr>
                      <th scope="row">
                        <a href="${pathOf(request, requestPath(m.trackingNumber))}">${m.trackingNumber}</a>
                      </th>
                      <td><time datetime="${m.from}">${formatDate(m.from)}</time></td>
                      <td><time datetime="${m.to}">${formatDate(m.to)}</time></td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>No open request’s due date moves.</p>`
      }
    </section>
    <form method="post" id="save-calendar" action="${pathOf(request, CALENDAR_PATH)}" class="actions">
      ${csrfField(csrf)} ${changeFields(input.revision, change)}
      <button type="submit">Save as version ${input.after}</button>
      <a href="${pathOf(request, CALENDAR_PATH)}">Cancel</a>
    </form>`;
}
