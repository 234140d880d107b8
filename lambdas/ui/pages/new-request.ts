/** A request that came by mail, phone, e-mail or in person, entered by staff with its real time of receipt. */
import { CHANNELS, DELIVERY_OPTIONS } from '../../domain/records/records-request';
import {
  choices,
  csrfField,
  errorSummary,
  selectField,
  textArea,
  textField,
  type FormState,
} from '../components';
import { DEPARTMENTS, words } from '../format';
import { html, type SafeHtml } from '../html';
import { pathOf, type PageRequest } from '../http';
import type { Session } from '../session';

export function newRequestPage(
  request: Pick<PageRequest, 'basePath'>,
  session: Session,
  defaults: { receivedAt: string },
  form?: FormState,
): SafeHtml {
  const id = 'new-request';
  return html`<h1>Enter a records request</h1>
    <p class="lead">
      For a request that reached the city by mail, phone, e-mail or at a counter. The clocks run from when the
      first city office received it.
    </p>
    <form
      method="post"
      action="${pathOf(request, '/admin/records-requests/new')}"
      id="${id}"
      novalidate
      class="panel"
    >
      ${errorSummary(form, id)} ${csrfField(session.csrf)}
      <h2>How it came in</h2>
      ${choices({
        form: id,
        name: 'channel',
        type: 'radio',
        label: 'Channel',
        options: CHANNELS.filter((c) => c !== 'online').map((c) => ({ value: c, label: words(c) })),
        checked: ['mail'],
        state: form,
        required: true,
      })}
      ${textField({
        form: id,
        name: 'receivedAt',
        type: 'datetime-local',
        label: 'Received on (date and time, Danbury time)',
        hint: 'When the first city office got it; not in the future.',
        value: defaults.receivedAt,
        state: form,
        required: true,
      })}
      ${selectField({
        form: id,
        name: 'receivingOffice',
        label: 'Receiving office',
        options: DEPARTMENTS.map((d) => ({ value: d.id, label: d.name })),
        value: session.principal.department ?? 'city-clerk',
        state: form,
        required: true,
      })}
      <h2>The requester</h2>
      <p class="hint">
        Anyone may ask, without giving a reason. A name is optional; give an e-mail address to send the
        receipt and status link.
      </p>
      ${textField({ form: id, name: 'requester.name', label: 'Name (optional)', autocomplete: 'off', state: form })}
      ${textField({ form: id, name: 'requester.email', type: 'email', label: 'E-mail (optional)', autocomplete: 'off', state: form })}
      ${textArea({ form: id, name: 'requester.postalAddress', label: 'Postal address (optional)', rows: 2, state: form })}
      ${textField({ form: id, name: 'requester.phone', type: 'tel', label: 'Phone (optional)', autocomplete: 'off', state: form })}
      <h2>The request</h2>
      ${textArea({
        form: id,
        name: 'description',
        label: 'Which records',
        hint: 'As the requester described them (at least 10 characters).',
        rows: 5,
        state: form,
        required: true,
      })}
      ${choices({
        form: id,
        name: 'delivery',
        type: 'radio',
        label: 'Delivery',
        options: DELIVERY_OPTIONS.map((d) => ({ value: d, label: words(d) })),
        checked: ['electronic'],
        state: form,
        required: true,
      })}
      ${selectField({
        form: id,
        name: 'department',
        label: 'Route to a department now (optional)',
        options: DEPARTMENTS.map((d) => ({ value: d.id, label: d.name })),
        blank: 'Not yet',
        state: form,
      })}
      ${choices({
        form: id,
        name: 'personnelFiles',
        type: 'checkbox',
        label: 'Personnel, medical or similar files',
        options: [{ value: 'yes', label: 'Yes: C.G.S. §1-214 applies (10 business days)' }],
        state: form,
      })}
      <button type="submit">Enter the request</button>
    </form>`;
}
