/**
 * The residents' records-request pages as HTML: what a request is, the form,
 * the receipt, the private status page, the lost-link form and the public
 * archive. The data comes from the same use cases as the public JSON routes.
 */
import { DELIVERY_OPTIONS } from '../../../domain/records/records-request';
import { findExemption } from '../../../domain/records/exemptions';
import { FOI_COMMISSION } from '../../../domain/records/letters';
import {
  APPEAL_CALENDAR_DAYS,
  numberInWords,
  nyDate,
  PERSONNEL_FILES_BUSINESS_DAYS,
  RESPONSE_BUSINESS_DAYS,
  type RequestClocks,
} from '../../../domain/records/clocks';
import type { archivedRequest, listArchive } from '../../../domain/records/archive';
import type { requesterStatus } from '../../../domain/records/casework';
import {
  badge,
  choices,
  csrfField,
  errorSummary,
  notice,
  scrollingTable,
  selectField,
  textArea,
  textField,
  type FormState,
} from '../../components';
import { DEPARTMENTS, departmentName, formatBytes, formatDate, formatDateTime, words } from '../../format';
import { html, type SafeHtml } from '../../html';
import { pathOf, type PageRequest } from '../../http';

type Req = Pick<PageRequest, 'basePath'>;

export const DELIVERY_LABELS: Record<(typeof DELIVERY_OPTIONS)[number], { label: string; hint: string }> = {
  electronic: {
    label: 'Electronic copy',
    hint: 'Files you download from your status page or get by e-mail.',
  },
  paper: { label: 'Paper copies by mail', hint: 'The city may charge for copies (see fees below).' },
  inspection: { label: 'Look at the records in person', hint: 'Free. The city tells you where and when.' },
  'certified-copy': { label: 'Certified copies', hint: 'Copies certified as true by the city.' },
};

/** Plain words for a request's state, as the requester reads it. */
export const STATUS_WORDS: Record<string, string> = {
  received: 'Received: the city has your request and will answer by the due date.',
  acknowledged: 'Acknowledged: the city has answered that it is working on your request.',
  'in-progress': 'In progress: the city is gathering the records.',
  'awaiting-requester': 'Waiting for you: the city needs an answer or a payment from you (see the messages).',
  fulfilled: 'Fulfilled: the city has given you the records.',
  'partially-fulfilled': 'Partly fulfilled: some records were given, some withheld (see the letter).',
  denied: 'Denied: the city withheld the records (see the letter and how to appeal).',
  withdrawn: 'Withdrawn.',
  'no-records': 'No records: the city found no records matching your request.',
};

export function recordsAboutContent(request: Req): SafeHtml {
  const to = (path: string) => pathOf(request, path);
  return html`<h1>Public records requests</h1>
    <p class="lead">
      Anyone may ask the city for copies of public records, or to look at them. You do not have to say who you
      are or why you want them.
    </p>
    <div class="panel">
      <h2>How it works</h2>
      <ul>
        <li>Describe the records you want as clearly as you can: dates, places, names of programs.</li>
        <li>
          The city must answer within
          <strong>${numberInWords(RESPONSE_BUSINESS_DAYS)} business days</strong> (C.G.S. §1-206). Records in
          personnel or medical files can take up to ${numberInWords(PERSONNEL_FILES_BUSINESS_DAYS)} business
          days.
        </li>
        <li>
          You get a tracking number and a private status link. Keep the link: it shows where your request
          stands, messages from the city and the records released to you.
        </li>
        <li>
          Looking at records in person is free. Paper copies cost at most 50 cents a page (C.G.S. §1-212), and
          a certified copy $2 more. Electronic copies are free unless they need programming or formatting
          work. If the cost is more than $10 the city asks you to pay before it makes the copies.
        </li>
        <li>
          If the city says no, or does not answer in time, you may appeal to the Freedom of Information
          Commission.
        </li>
      </ul>
    </div>
    <ul class="cards">
      <li>
        <h2><a href="${to('/records/new')}">Ask for records</a></h2>
        <p>Fill in a short form. It takes a few minutes.</p>
      </li>
      <li>
        <h2><a href="${to('/records/lost-link')}">Lost your status link?</a></h2>
        <p>We send it again to the e-mail address you gave.</p>
      </li>
      <li>
        <h2><a href="${to('/records/archive')}">Records already released</a></h2>
        <p>Closed requests and the documents released to everyone.</p>
      </li>
      <li>
        <h2><a href="${to('/help')}">Help with fees, deadlines and appeals</a></h2>
        <p>Who enforces what, and what to do when something goes wrong.</p>
      </li>
    </ul>`;
}

export interface RequestFormExtras {
  /** The one-time key of this form (a double submit makes one request). */
  formKey: string;
  /** A near-identical request sent minutes ago (409 LIKELY_DUPLICATE). */
  duplicateOf?: string | undefined;
}

export const REQUEST_FORM = 'records-new';

export function requestFormContent(
  request: Req,
  csrf: string,
  extras: RequestFormExtras,
  form?: FormState,
): SafeHtml {
  const id = REQUEST_FORM;
  return html`<h1>Ask for public records</h1>
    <p class="lead">
      You do not need to say why. Give an e-mail address to get the receipt and updates by e-mail, or a postal
      address to get them by mail.
    </p>
    ${
      extras.duplicateOf
        ? notice(
            html`<h2>You may have sent this already</h2>
              <p>
                This looks like request <strong>${extras.duplicateOf}</strong>, which you sent a few minutes
                ago. Its receipt has its status link, so you do not need to send it again.
              </p>
              <p>If this really is a different request, tick the box at the end of the form and send it.</p>`,
            'warn',
          )
        : ''
    }
    <form method="post" action="${pathOf(request, '/records/new')}" id="${id}" novalidate class="panel">
      ${errorSummary(form, id)} ${csrfField(csrf)}
      <input type="hidden" name="formKey" value="${extras.formKey}" />
      <h2>The records you want</h2>
      ${textArea({
        form: id,
        name: 'description',
        label: 'Which records do you want?',
        hint: 'Be as specific as you can: what, which dates, which place or program (at least 10 characters). Do not include anything private: staff read it.',
        rows: 6,
        state: form,
        required: true,
      })}
      ${choices({
        form: id,
        name: 'delivery',
        type: 'radio',
        label: 'How do you want the records?',
        options: DELIVERY_OPTIONS.map((d) => ({ value: d, ...DELIVERY_LABELS[d] })),
        checked: ['electronic'],
        state: form,
        required: true,
      })}
      ${selectField({
        form: id,
        name: 'department',
        label: 'Which department has them? (optional)',
        hint: 'Leave this if you are not sure: the City Clerk sends it to the right place.',
        options: DEPARTMENTS.map((d) => ({ value: d.id, label: d.name })),
        blank: 'I am not sure',
        state: form,
      })}
      <h2>How the city can answer you</h2>
      ${textField({
        form: id,
        name: 'requester.name',
        label: 'Your name',
        hint: 'Any name the city should use when it writes to you.',
        autocomplete: 'name',
        state: form,
        required: true,
      })}
      ${textField({
        form: id,
        name: 'requester.email',
        type: 'email',
        label: 'E-mail address (optional)',
        hint: 'The receipt, your status link and every update go here.',
        autocomplete: 'email',
        state: form,
      })}
      ${textArea({
        form: id,
        name: 'requester.postalAddress',
        label: 'Postal address (optional if you gave an e-mail address)',
        rows: 3,
        state: form,
      })}
      ${textField({
        form: id,
        name: 'requester.phone',
        type: 'tel',
        label: 'Phone (optional)',
        hint: 'Only if you want staff to be able to call you about the request.',
        autocomplete: 'tel',
        state: form,
      })}
      ${
        extras.duplicateOf || form?.values.get('notADuplicate')
          ? choices({
              form: id,
              name: 'notADuplicate',
              type: 'checkbox',
              label: 'Is this a different request?',
              options: [
                {
                  value: 'yes',
                  label: `Yes, this is a different request from ${extras.duplicateOf ?? 'the one I sent before'}`,
                },
              ],
              state: form,
            })
          : ''
      }
      <button type="submit">Send my request</button>
    </form>
    <p>
      Sent one already and lost the link?
      <a href="${pathOf(request, '/records/lost-link')}">Get your status link again</a>.
    </p>`;
}

export interface Receipt {
  trackingNumber: string;
  receivedAt: string;
  statutoryDueDate: string;
  receiptEmailed: boolean;
  /** The absolute link to the status page on this site. */
  statusLink: string;
  /** The same page, as a path for the link on this page. */
  statusPath: string;
}

export function receiptContent(receipt: Receipt): SafeHtml {
  return html`<h1>We received your request</h1>
    ${notice(
      html`Your tracking number is <strong id="tracking-number">${receipt.trackingNumber}</strong>.`,
      'ok',
    )}
    <dl class="facts panel">
      <dt>Tracking number</dt>
      <dd>${receipt.trackingNumber}</dd>
      <dt>Sent on</dt>
      <dd id="submitted-on">${formatDateTime(receipt.receivedAt)}</dd>
      <dt>The city must answer by</dt>
      <dd id="due-date">${formatDate(receipt.statutoryDueDate)}</dd>
      <dt>Your private status link</dt>
      <dd>
        <a id="status-link" href="${receipt.statusPath}">${receipt.statusLink}</a>
      </dd>
    </dl>
    <div class="panel">
      <h2>Keep your status link</h2>
      <p>
        The link is the key to your request: anyone who has it can see the request and the records released to
        you. We show it only on this page.
      </p>
      <p>
        ${
          receipt.receiptEmailed
            ? 'We also e-mailed this receipt, with a link to your request, to the address you gave.'
            : 'You gave no e-mail address, so copy the link or print this page now. The city will write to you by mail.'
        }
      </p>
      <h2>What happens next</h2>
      <ul>
        <li>The City Clerk sends your request to the department that keeps the records.</li>
        <li>
          The city answers by ${formatDate(receipt.statutoryDueDate)}: with the records, a date when they will
          be ready, or the reasons it withholds them.
        </li>
        <li>Messages, letters and released files appear on your status page.</li>
      </ul>
    </div>`;
}

/** What requesterStatus answers (the JSON status route's body). */
export type RequesterStatus = Awaited<ReturnType<typeof requesterStatus>>;

/** Released files as download links (each link signs a fresh 5-minute URL when clicked). */
function downloadList(
  files: readonly {
    documentId: string;
    fileName: string;
    sizeBytes: number;
    releasedAt?: string | undefined;
  }[],
  href: (documentId: string) => string,
): SafeHtml {
  return html`<ul>
    ${files.map(
      (f) =>
        html`<li>
          <a href="${href(f.documentId)}">Download ${f.fileName}</a>
          (${formatBytes(f.sizeBytes)}${f.releasedAt ? html`, released ${formatDateTime(f.releasedAt)}` : ''})
        </li>`,
    )}
  </ul>`;
}

export const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/** The response clock in a sentence a requester understands. */
export function responseClockText(clocks: RequestClocks): string {
  const { response } = clocks;
  if (response.state === 'deemed-denied') {
    return `The city did not answer by ${formatDate(clocks.statutoryDueDate)}. The law treats that as a denial (deemed denied on ${formatDate(response.deemedDeniedOn)}), which you may appeal.`;
  }
  if (response.state === 'answered') {
    return `The city answered on ${formatDate(response.answeredOn)}.`;
  }
  const left = response.businessDaysLeft ?? 0;
  const when = left === 0 ? 'today' : `in ${left} business day${left === 1 ? '' : 's'}`;
  return `The city must answer by ${formatDate(clocks.statutoryDueDate)} (${when}).`;
}

export function statusContent(
  request: Req,
  view: RequesterStatus,
  documentPath: (documentId: string) => string,
): SafeHtml {
  const { clocks, determination } = view;
  const appeal = clocks.appeal;
  const exemptions = (determination?.exemptions ?? []).map((code) => findExemption(code) ?? { code });
  return html`<h1>Your request ${view.trackingNumber}</h1>
    <p class="lead">${badge(view.status)} ${STATUS_WORDS[view.status] ?? words(view.status)}</p>
    <dl class="facts panel">
      <dt>Sent on</dt>
      <dd>${formatDateTime(view.receivedAt)}</dd>
      <dt>The city's answer</dt>
      <dd id="response-clock">${responseClockText(clocks)}</dd>
      ${
        clocks.promptness.paused
          ? html`<dt>Clock</dt>
              <dd>Paused while the city waits for you.</dd>`
          : ''
      }
      <dt>Department</dt>
      <dd>${view.department ? departmentName(view.department) : 'The City Clerk (not sent on yet)'}</dd>
      <dt>How you get the records</dt>
      <dd>
        ${DELIVERY_LABELS[view.delivery as keyof typeof DELIVERY_LABELS]?.label ?? words(view.delivery)}
      </dd>
      ${
        view.fee
          ? html`<dt>Fee</dt>
              <dd>
                ${dollars(view.fee.invoice.totalCents)}
                ${
                  view.fee.paidAt
                    ? html`(paid on ${formatDateTime(view.fee.paidAt)})`
                    : view.fee.invoice.prepaymentRequired
                      ? '(to pay before the copies are made: see the messages)'
                      : ''
                }
              </dd>`
          : ''
      }
    </dl>
    ${
      appeal
        ? html`<section class="panel" aria-labelledby="appeal-title">
            <h2 id="appeal-title">Your right to appeal</h2>
            <p>
              ${
                appeal.from === 'denial'
                  ? 'The city withheld some or all of the records.'
                  : 'The city did not answer in time.'
              }
              You may appeal to the ${FOI_COMMISSION.name} (C.G.S. §1-206(b)) within ${APPEAL_CALENDAR_DAYS}
              days:
              ${
                appeal.open
                  ? html`by <strong id="appeal-deadline">${formatDate(appeal.deadline)}</strong>.`
                  : html`the deadline was ${formatDate(appeal.deadline)}.`
              }
            </p>
            <p>
              Write to the ${FOI_COMMISSION.name}, ${FOI_COMMISSION.address} (${FOI_COMMISSION.email},
              ${FOI_COMMISSION.phone}) with your tracking number and a copy of the city's letter. See
              <a href="${pathOf(request, '/help')}">help</a>.
            </p>
          </section>`
        : ''
    }
    ${
      determination
        ? html`<section class="panel" aria-labelledby="decision-title">
            <h2 id="decision-title">The city's decision</h2>
            <p>${badge(determination.outcome)} on ${formatDateTime(determination.at)}</p>
            ${
              exemptions.length
                ? html`<h3>The laws the city relies on to withhold records</h3>
                    <ul>
                      ${exemptions.map((e) =>
                        'citation' in e
                          ? html`<li><strong>${e.citation}</strong>: ${e.shortTitle}. ${e.text}</li>`
                          : html`<li>${e.code}</li>`,
                      )}
                    </ul>`
                : ''
            }
            ${determination.explanation ? html`<p class="letter">${determination.explanation}</p>` : ''}
          </section>`
        : ''
    }
    <section class="panel" aria-labelledby="documents-title">
      <h2 id="documents-title">Records released to you</h2>
      ${
        view.documents.length
          ? html`${downloadList(view.documents, documentPath)}
              <p class="hint">Each download link works for 5 minutes after you click it.</p>`
          : html`<p>None yet.</p>`
      }
    </section>
    <section class="panel" aria-labelledby="messages-title">
      <h2 id="messages-title">Messages and letters</h2>
      ${
        view.messages.length
          ? view.messages.map(
              (m) =>
                html`<article class="letter">
                  <h3>${m.from === 'you' ? 'From you' : 'From the city'}, ${formatDateTime(m.at)}</h3>
                  <pre>${m.text}</pre>
                </article>`,
            )
          : html`<p>No messages yet.</p>`
      }
    </section>
    <section class="panel" aria-labelledby="asked-title">
      <h2 id="asked-title">What you asked for</h2>
      <p class="letter">${view.description}</p>
    </section>`;
}

export const LOST_LINK_FORM = 'lost-link';

export function lostLinkContent(request: Req, csrf: string, form?: FormState, sent?: string): SafeHtml {
  const id = LOST_LINK_FORM;
  return html`<h1>Get your status link again</h1>
    ${sent ? notice(sent, 'ok') : ''}
    <p class="lead">
      We send the link again to the e-mail address you gave with the request, and only there.
    </p>
    <form method="post" action="${pathOf(request, '/records/lost-link')}" id="${id}" novalidate class="panel">
      ${errorSummary(form, id)} ${csrfField(csrf)}
      ${textField({
        form: id,
        name: 'trackingNumber',
        label: 'Tracking number',
        hint: 'On your receipt, like 2026-000123.',
        autocomplete: 'off',
        state: form,
        required: true,
      })}
      ${textField({
        form: id,
        name: 'email',
        type: 'email',
        label: 'The e-mail address you gave',
        autocomplete: 'email',
        state: form,
        required: true,
      })}
      <button type="submit">Send me the link</button>
    </form>
    <p>Asked by mail, phone or in person, or gave no e-mail address? Ask the City Clerk's office.</p>`;
}

/** One closed request as the archive lists it (listArchive). */
export type ArchiveSummary = Awaited<ReturnType<typeof listArchive>>['requests'][number];

export function archiveListContent(
  request: Req,
  page: { year: number; requests: ArchiveSummary[]; nextPath?: string | undefined },
  years: number[],
): SafeHtml {
  const to = (path: string) => pathOf(request, path);
  return html`<h1>Records already released</h1>
    <p class="lead">
      Requests the city has closed, with the outcome and the laws cited. To protect the people who asked, the
      archive never shows who asked or their own words.
    </p>
    <form method="get" action="${to('/records/archive')}" class="filters">
      ${selectField({
        form: 'archive',
        name: 'year',
        label: 'Year closed',
        options: years.map((y) => ({ value: String(y), label: String(y) })),
        value: String(page.year),
      })}
      <button type="submit" class="secondary">Show</button>
    </form>
    ${
      page.requests.length
        ? scrollingTable(
            `Requests closed in ${page.year}`,
            html`<table>
              <caption>
                Requests closed in ${page.year}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Tracking number</th>
                  <th scope="col">Department</th>
                  <th scope="col">Received</th>
                  <th scope="col">Closed</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                ${page.requests.map(
                  (r) =>
                    html`<tr>
                      <th scope="row">
                        <a href="${to(`/records/archive/${r.trackingNumber}`)}">${r.trackingNumber}</a>
                      </th>
                      <td>${departmentName(r.department)}</td>
                      <td>${formatDate(r.receivedOn)}</td>
                      <td>${r.closedAt ? formatDate(nyDate(r.closedAt)) : ''}</td>
                      <td>${badge(r.outcome)}${r.deemedDenied ? ' (not answered in time)' : ''}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`,
          )
        : html`<p>No request was closed in ${page.year} yet.</p>`
    }
    ${page.nextPath ? html`<p><a href="${page.nextPath}" rel="next">Older requests</a></p>` : ''}`;
}

export type ArchiveEntry = Awaited<ReturnType<typeof archivedRequest>>;

export function archiveEntryContent(request: Req, entry: ArchiveEntry): SafeHtml {
  const to = (path: string) => pathOf(request, path);
  return html`<p><a href="${to('/records/archive')}">Back to the archive</a></p>
    <h1>Request ${entry.trackingNumber}</h1>
    <dl class="facts panel">
      <dt>Department</dt>
      <dd>${departmentName(entry.department)}</dd>
      <dt>Received</dt>
      <dd>${formatDate(entry.receivedOn)}</dd>
      <dt>Due</dt>
      <dd>${formatDate(entry.statutoryDueDate)}</dd>
      <dt>Closed</dt>
      <dd>${formatDateTime(entry.closedAt)}</dd>
      <dt>Outcome</dt>
      <dd>${badge(entry.outcome)}${entry.deemedDenied ? ' (the city did not answer in time)' : ''}</dd>
      <dt>Laws cited</dt>
      <dd>
        ${
          entry.exemptionsCited.length
            ? entry.exemptionsCited.map((code) => {
                const e = findExemption(code);
                return html`<span class="exemption">${e ? `${e.citation}: ${e.shortTitle}` : code}</span> `;
              })
            : 'None'
        }
      </dd>
    </dl>
    <section class="panel" aria-labelledby="files-title">
      <h2 id="files-title">Files released to everyone</h2>
      ${
        entry.files.length
          ? downloadList(entry.files, (documentId) =>
              to(`/records/archive/${entry.trackingNumber}/files/${documentId}`),
            )
          : html`<p>No file of this request was released to the public.</p>`
      }
    </section>
    ${
      entry.publicNotes.length
        ? html`<section class="panel" aria-labelledby="notes-title">
            <h2 id="notes-title">Notes from the city</h2>
            ${entry.publicNotes.map((n) => html`<p>${formatDateTime(n.at)}: ${n.text}</p>`)}
          </section>`
        : ''
    }`;
}
