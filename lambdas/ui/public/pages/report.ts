/**
 * The residents' violation report pages as HTML: the report form, its receipt
 * and the reporter's status page. The data comes from the same use cases as
 * the public JSON routes (POST /v1/violation-reports and its status route).
 */
import { numberInWords, RESPONSE_BUSINESS_DAYS } from '../../../domain/records/clocks';
import { VIOLATION_CATEGORIES, type ViolationCategory } from '../../../domain/enforcement/cases';
import type { reporterCaseStatus } from '../../../domain/enforcement/use-cases';
import {
  badge,
  choices,
  csrfField,
  errorSummary,
  notice,
  textArea,
  textField,
  type FormState,
} from '../../components';
import { departmentName, formatDateTime, words } from '../../format';
import { html, type SafeHtml } from '../../html';
import { pathOf, type PageRequest } from '../../http';

type Req = Pick<PageRequest, 'basePath'>;

export const CATEGORY_LABELS: Record<ViolationCategory, { label: string; hint: string }> = {
  'personal-data': {
    label: 'Personal data published or released by mistake',
    hint: 'Names, addresses, Social Security or account numbers… in a dataset or released records. Say which dataset, tracking number or web address.',
  },
  'api-abuse': {
    label: 'Misuse of the city’s API',
    hint: 'Scraping, far too many requests, or breaking the API terms. Say which key (its last 4 characters) or web address.',
  },
  'records-not-answered': {
    label: 'A records request not answered in time',
    hint: `The city must answer within ${numberInWords(RESPONSE_BUSINESS_DAYS)} business days. Give the tracking number.`,
  },
  other: { label: 'Something else', hint: 'Anything else about the city’s open data or public records.' },
};

/** Plain words for a case's state, as the reporter reads it. */
export const CASE_STATUS_WORDS: Record<string, string> = {
  received: 'Received: the office handling it will review it.',
  'under-review': 'Under review: the office handling it is looking into it.',
  'action-taken': 'Action taken: the city acted on your report.',
  'no-violation': 'No violation found.',
  referred: 'Referred to another agency.',
  closed: 'Closed.',
};

export const REPORT_FORM = 'report';

export function reportFormContent(request: Req, csrf: string, formKey: string, form?: FormState): SafeHtml {
  const id = REPORT_FORM;
  return html`<h1>Report a problem</h1>
    <p class="lead">
      Tell the city about personal data published by mistake, misuse of its API, or a records request not
      answered in time. You may stay anonymous, and the city never shows your name to anyone you report.
    </p>
    <form method="post" action="${pathOf(request, '/report')}" id="${id}" novalidate class="panel">
      ${errorSummary(form, id)} ${csrfField(csrf)}
      <input type="hidden" name="formKey" value="${formKey}" />
      ${choices({
        form: id,
        name: 'category',
        type: 'radio',
        label: 'What is the problem?',
        options: VIOLATION_CATEGORIES.map((c) => ({ value: c, ...CATEGORY_LABELS[c] })),
        state: form,
        required: true,
      })}
      ${textArea({
        form: id,
        name: 'description',
        label: 'What happened?',
        hint: 'What you saw, where and when (at least 10 characters). Do not copy the personal data itself here.',
        rows: 6,
        state: form,
        required: true,
      })}
      <fieldset class="field">
        <legend>Where is it? (fill in what you know)</legend>
        ${textField({
          form: id,
          name: 'subject.trackingNumber',
          label: 'Tracking number of a records request',
          hint: 'Like 2026-000123.',
          autocomplete: 'off',
          state: form,
        })}
        ${textField({
          form: id,
          name: 'subject.datasetId',
          label: 'Dataset id',
          hint: 'The last part of the dataset’s web address, like building-permits.',
          autocomplete: 'off',
          state: form,
        })}
        ${textField({
          form: id,
          name: 'subject.apiKeyLast4',
          label: 'Last 4 characters of the API key',
          autocomplete: 'off',
          state: form,
        })}
        ${textField({
          form: id,
          name: 'subject.url',
          type: 'text',
          inputmode: 'url',
          label: 'Web address',
          hint: 'Starting with https://',
          autocomplete: 'off',
          state: form,
        })}
      </fieldset>
      ${textField({
        form: id,
        name: 'occurredAt',
        type: 'datetime-local',
        label: 'When did it happen? (optional, Danbury time)',
        state: form,
      })}
      <h2>About you (optional)</h2>
      <p class="hint">
        Leave these empty to report anonymously. With an e-mail address you get the receipt and hear when the
        status changes; either way you can follow the report with its private status link.
      </p>
      ${textField({ form: id, name: 'reporter.name', label: 'Your name (optional)', autocomplete: 'name', state: form })}
      ${textField({
        form: id,
        name: 'reporter.email',
        type: 'email',
        label: 'E-mail address (optional)',
        autocomplete: 'email',
        state: form,
      })}
      <p class="hint">
        Screenshots or files: send the report first, then attach up to 5 files (25 MB each) through the API
        (<code>POST /v1/violation-reports/{reportNumber}/attachments</code> with the token from your status
        link). This form does not take files.
      </p>
      <button type="submit">Send the report</button>
    </form>`;
}

export interface ReportReceipt {
  reportNumber: string;
  receivedAt: string;
  handledBy: string[];
  emailed: boolean;
  statusLink: string;
  statusPath: string;
}

export function reportReceiptContent(receipt: ReportReceipt): SafeHtml {
  return html`<h1>We received your report</h1>
    ${notice(html`Your report number is <strong id="report-number">${receipt.reportNumber}</strong>.`, 'ok')}
    <dl class="facts panel">
      <dt>Report number</dt>
      <dd>${receipt.reportNumber}</dd>
      <dt>Sent on</dt>
      <dd>${formatDateTime(receipt.receivedAt)}</dd>
      <dt>Handled by</dt>
      <dd>${receipt.handledBy.map(departmentName).join(', ')}</dd>
      <dt>Your private status link</dt>
      <dd><a id="status-link" href="${receipt.statusPath}">${receipt.statusLink}</a></dd>
    </dl>
    <div class="panel">
      <h2>Keep your status link</h2>
      <p>
        It is the only way to follow this report online, and we show it only on this page.
        ${
          receipt.emailed
            ? 'We also e-mailed the receipt to the address you gave.'
            : 'You gave no e-mail address: copy the link or print this page now.'
        }
      </p>
    </div>`;
}

/** What reporterCaseStatus answers (the JSON status route's body). */
export type ReporterStatus = Awaited<ReturnType<typeof reporterCaseStatus>>;

export function reportStatusContent(view: ReporterStatus): SafeHtml {
  return html`<h1>Your report ${view.reportNumber}</h1>
    <p class="lead">${badge(view.status)} ${CASE_STATUS_WORDS[view.status] ?? words(view.status)}</p>
    <dl class="facts panel">
      <dt>What it is about</dt>
      <dd>${CATEGORY_LABELS[view.category]?.label ?? words(view.category)}</dd>
      <dt>Sent on</dt>
      <dd>${formatDateTime(view.receivedAt)}</dd>
      <dt>Handled by</dt>
      <dd>${view.handledBy.map(departmentName).join(', ')}</dd>
      ${
        view.closedAt
          ? html`<dt>Closed on</dt>
              <dd>${formatDateTime(view.closedAt)}</dd>`
          : ''
      }
    </dl>
    <section class="panel" aria-labelledby="actions-title">
      <h2 id="actions-title">What the city has done</h2>
      ${
        view.actionsTaken.length
          ? html`<ul>
              ${view.actionsTaken.map((a) => html`<li>${words(a.kind)}, ${formatDateTime(a.at)}</li>`)}
            </ul>`
          : html`<p>Nothing yet.</p>`
      }
      ${
        view.outcome
          ? html`<h3>Outcome</h3>
              <p>${badge(view.outcome.status)} ${formatDateTime(view.outcome.at)}</p>
              <p class="letter">${view.outcome.reason}</p>`
          : ''
      }
    </section>`;
}
