/**
 * The audit log viewer: who did what, when, to which record, filtered by city
 * day, record type (or one record's whole trail), actor and action; a GET form
 * and an opaque "Older" cursor, so it needs no script. Details are shown
 * through the domain's lines, which withhold anything personal.
 */
import type { AuditEvent } from '../../domain/audit';
import {
  actorName,
  AUDIT_SUBJECT_TYPES,
  auditDetailLines,
  type AuditLogFilter,
} from '../../domain/audit-log';
import { errorSummary, scrollingTable, selectField, textField, type FormState } from '../components';
import { formatDateTime, words } from '../format';
import { html, type SafeHtml } from '../html';
import { pathOf, type PageRequest } from '../http';
import { CALENDAR_PATH } from './holiday-calendar';
import { keyPath } from './api-keys';
import { requestPath } from './request-table';

export const AUDIT_LOG_PATH = '/admin/audit-log';
const FORM = 'audit-filter';

/** The admin page of a record, where there is one (an application's events have none of their own). */
export function subjectPath(subject: AuditEvent['subject']): string | undefined {
  switch (subject.type) {
    case 'records-request':
      return requestPath(subject.id);
    case 'case':
      return `/admin/enforcement/${encodeURIComponent(subject.id)}`;
    case 'api-key':
      return subject.id.includes('/') ? undefined : keyPath(subject.id);
    case 'dataset':
      return `/admin/datasets/${encodeURIComponent(subject.id)}`;
    case 'dataset-version':
      return `/admin/datasets/${encodeURIComponent(subject.id.split('/')[0] ?? subject.id)}`;
    case 'calendar':
      return CALENDAR_PATH;
    default:
      return undefined;
  }
}

/** The query string of a filter (and a cursor), for the pager and the per-record links. */
export function filterQuery(filter: AuditLogFilter, cursor?: string): string {
  const q = new URLSearchParams();
  for (const name of ['day', 'subjectType', 'subjectId', 'actor', 'action'] as const) {
    const value = filter[name];
    if (value) q.set(name, value);
  }
  if (cursor) q.set('cursor', cursor);
  return q.toString();
}

export function auditLogPage(
  request: Pick<PageRequest, 'basePath'>,
  input: {
    filter: AuditLogFilter;
    events: AuditEvent[];
    nextCursor?: string | undefined;
    first: boolean;
    form?: FormState | undefined;
  },
): SafeHtml {
  const { filter, events, form } = input;
  const scope = filter.subjectId
    ? `the trail of ${words(filter.subjectType ?? '')} ${filter.subjectId}${filter.day ? ` on ${filter.day}` : ''}`
    : `${filter.day ?? ''} (city time)`;
  return html`<h1>Audit log</h1>
    <p class="lead">
      Every change on the platform, by whom and when. Events name records by their numbers and never carry a
      requester’s personal data.
    </p>
    <form method="get" id="${FORM}" action="${pathOf(request, AUDIT_LOG_PATH)}" class="panel">
      ${errorSummary(form, FORM)}
      <div class="inline-form">
        ${textField({
          form: FORM,
          name: 'day',
          label: 'Day',
          hint: 'YYYY-MM-DD, city time.',
          inputmode: 'numeric',
          autocomplete: 'off',
          value: filter.day ?? '',
          state: form,
        })}
        ${selectField({
          form: FORM,
          name: 'subjectType',
          label: 'Record type',
          blank: 'Any',
          value: filter.subjectType ?? '',
          options: AUDIT_SUBJECT_TYPES.map((t) => ({ value: t, label: words(t) })),
          state: form,
        })}
        ${textField({
          form: FORM,
          name: 'subjectId',
          label: 'Record number or id',
          hint: 'With a type: that record’s whole trail.',
          autocomplete: 'off',
          value: filter.subjectId ?? '',
          state: form,
        })}
        ${textField({
          form: FORM,
          name: 'actor',
          label: 'Who (username)',
          autocomplete: 'off',
          value: filter.actor ?? '',
          state: form,
        })}
        ${textField({
          form: FORM,
          name: 'action',
          label: 'Action',
          hint: 'Or its beginning, e.g. calendar.',
          autocomplete: 'off',
          value: filter.action ?? '',
          state: form,
        })}
      </div>
      <button type="submit">Show</button>
    </form>
    <h2 id="events-title">Events: ${scope}</h2>
    ${
      events.length
        ? scrollingTable(
            'Audit events',
            html`<table id="audit-events" aria-labelledby="events-title">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Record</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                ${events.map((e) => eventRow(request, e))}
              </tbody>
            </table>`,
          )
        : html`<p id="no-events">No events match.</p>`
    }
    <nav class="pager" aria-label="Pages">
      ${input.first ? '' : html`<a href="${pathOf(request, `${AUDIT_LOG_PATH}?${filterQuery(filter)}`)}">Newest</a>`}
      ${
        input.nextCursor
          ? html`<a
              rel="next"
              href="${pathOf(request, `${AUDIT_LOG_PATH}?${filterQuery(filter, input.nextCursor)}`)}"
              >Older</a
            >`
          : ''
      }
    </nav>`;
}

function eventRow(request: Pick<PageRequest, 'basePath'>, e: AuditEvent): SafeHtml {
  const link = subjectPath(e.subject);
  const trail = filterQuery({ subjectType: trailType(e.subject.type), subjectId: trailId(e.subject) });
  const lines = auditDetailLines(e.details);
  return html`<tr>
    <td><time datetime="${e.at}">${formatDateTime(e.at)}</time></td>
    <td>${actorName(e.actor)}</td>
    <td><code>${e.action}</code></td>
    <td>
      ${words(e.subject.type)}
      ${
        link
          ? html`<a class="record-id" href="${pathOf(request, link)}">${e.subject.id}</a>`
          : html`<span class="record-id">${e.subject.id}</span>`
      }
      <br /><a class="hint" href="${pathOf(request, `${AUDIT_LOG_PATH}?${trail}`)}"
        >Whole trail<span class="visually-hidden"> of ${e.subject.id}</span></a
      >
    </td>
    <td>
      ${
        lines.length
          ? html`<ul class="details">
              ${lines.map((l) => html`<li><span class="hint">${l.label}:</span> ${l.value}</li>`)}
            </ul>`
          : ''
      }
    </td>
  </tr>`;
}

/** A version's events live in its dataset's trail. */
const trailType = (type: AuditEvent['subject']['type']): AuditLogFilter['subjectType'] =>
  type === 'dataset-version' ? 'dataset' : type;
const trailId = (subject: AuditEvent['subject']) =>
  subject.type === 'dataset-version' ? (subject.id.split('/')[0] ?? subject.id) : subject.id;
