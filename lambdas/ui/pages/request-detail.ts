/**
 * One records request for staff: the request and requester, the clocks, the fee,
 * the documents with their personal-data findings, messages in three
 * visibilities, the timeline, and a form for every action the workflow allows in
 * its status. Every form names the revision it was rendered with.
 */
import type { AuditEvent } from '../../domain/audit';
import { PERSONNEL_FILES_BUSINESS_DAYS } from '../../domain/records/clocks';
import { EXEMPTIONS } from '../../domain/records/exemptions';
import { ELECTRONIC_COST_ITEMS, formatCents, MANDATORY_WAIVERS } from '../../domain/records/fees';
import type { Letter } from '../../domain/records/letters';
import {
  CHANNELS,
  MESSAGE_VISIBILITIES,
  type RequestDocument,
  type RequestMessage,
  type StaffRequestView,
} from '../../domain/records/records-request';
import { allowedActions, type WorkflowAction } from '../../domain/records/workflow';
import {
  badge,
  choices,
  csrfField,
  errorSummary,
  selectField,
  textArea,
  textField,
  type FormState,
  type Option,
} from '../components';
import { DEPARTMENTS, departmentName, formatBytes, formatDate, formatDateTime, words } from '../format';
import { html, raw, type SafeHtml } from '../html';
import { pathOf, type PageRequest } from '../http';
import type { Session } from '../session';
import { requestPath, responseClock } from './request-table';

export interface RequestDetail {
  request: StaffRequestView;
  messages: RequestMessage[];
  documents: RequestDocument[];
  timeline: AuditEvent[];
}

/** Where to PUT a document's bytes, for people without the page's script. */
export interface UploadInstructions {
  fileName: string;
  url: string;
  headers: Record<string, string>;
}

export interface DetailPageInput {
  request: Pick<PageRequest, 'basePath'>;
  session: Session;
  detail: RequestDetail;
  /** A status line after an action (success, or why it did not happen). */
  notice?: SafeHtml | undefined;
  /** The form that was refused, with its errors and values. */
  form?: FormState | undefined;
  /** The letter or notice the last action sent (denials: the letter with the citations). */
  letter?: Letter | undefined;
  upload?: UploadInstructions | undefined;
}

const EXEMPTION_OPTIONS: Option[] = EXEMPTIONS.map((e) => ({
  value: e.code,
  label: `${e.citation}: ${e.shortTitle}`,
  ...(e.note ? { hint: e.note } : {}),
}));

const VISIBILITY_WORDS: Record<string, { label: string; hint: string }> = {
  internal: { label: 'Internal note', hint: 'Staff only. Never sent, never in the archive.' },
  requester: {
    label: 'Message to the requester',
    hint: 'E-mailed to the requester and shown on their status page.',
  },
  public: { label: 'Public note', hint: 'Shown in the public archive of closed requests. No personal data.' },
};

const ACTION_WORDS: Record<WorkflowAction, { title: string; button: string; hint?: string }> = {
  acknowledge: {
    title: 'Acknowledge',
    button: 'Acknowledge the request',
    hint: 'A written response to the requester: it stops the deemed-denial clock.',
  },
  'start-work': { title: 'Start work', button: 'Start work', hint: 'Nothing is sent to the requester.' },
  'await-requester': {
    title: 'Wait for the requester',
    button: 'Pause: wait for the requester',
    hint: 'Pauses the promptness clock (never the statutory one).',
  },
  resume: { title: 'Resume', button: 'Resume work', hint: 'The requester answered or paid.' },
  fulfil: {
    title: 'Fulfil',
    button: 'Fulfil the request',
    hint: 'Closes the request: every record was provided.',
  },
  'fulfil-partially': { title: 'Fulfil in part', button: 'Fulfil in part' },
  deny: { title: 'Deny', button: 'Deny' },
  'report-no-records': {
    title: 'No records',
    button: 'Report that no records exist',
    hint: 'Closes the request.',
  },
  withdraw: {
    title: 'Withdraw',
    button: 'Record the withdrawal',
    hint: 'The requester withdrew the request.',
  },
  reopen: { title: 'Reopen', button: 'Reopen the request' },
};

// ---------------------------------------------------------------- sections

function facts(view: StaffRequestView): SafeHtml {
  const channel = CHANNELS.includes(view.channel) ? words(view.channel) : view.channel;
  return html`<dl class="facts">
      <dt>Received</dt>
      <dd>${formatDateTime(view.receivedAt)} · ${channel} · ${departmentName(view.receivingOffice)}</dd>
      ${
        view.enteredBy
          ? html`<dt>Entered by</dt>
              <dd>${view.enteredBy.username}</dd>`
          : ''
      }
      <dt>Routed to</dt>
      <dd>
        ${view.department ? departmentName(view.department) : html`<span class="hint">Not routed yet</span>`}
      </dd>
      <dt>Assigned to</dt>
      <dd>${view.assignee ? view.assignee.username : html`<span class="hint">Nobody</span>`}</dd>
      <dt>Delivery</dt>
      <dd>${words(view.delivery)}</dd>
      ${
        view.personnelFiles
          ? html`<dt>Personnel files</dt>
              <dd>Yes: C.G.S. §1-214 (${PERSONNEL_FILES_BUSINESS_DAYS} business days)</dd>`
          : ''
      }
      ${
        view.likelyDuplicateOf
          ? html`<dt>Likely duplicate of</dt>
              <dd>${view.likelyDuplicateOf}</dd>`
          : ''
      }
      <dt>Revision</dt>
      <dd>${view.revision}</dd>
    </dl>
    <h3>What was asked for</h3>
    <pre class="wrap">${view.description}</pre>`;
}

function requesterFacts(view: StaffRequestView): SafeHtml {
  const r = view.requester;
  if (!r) return html`<p>No requester details.</p>`;
  return html`<dl class="facts">
      <dt>Name</dt>
      <dd>${r.name}</dd>
      ${
        r.email
          ? html`<dt>E-mail</dt>
              <dd>${r.email}</dd>`
          : ''
      }
      ${
        r.postalAddress
          ? html`<dt>Postal address</dt>
              <dd>${r.postalAddress}</dd>`
          : ''
      }
      ${
        r.phone
          ? html`<dt>Phone</dt>
              <dd>${r.phone}</dd>`
          : ''
      }
    </dl>
    <p class="hint">Staff only: never shown to the public or in the archive.</p>`;
}

function clocks(view: StaffRequestView): SafeHtml {
  const c = view.clocks;
  return html`<dl class="facts">
    <dt>Statutory due date</dt>
    <dd>
      ${formatDate(c.statutoryDueDate)}
      <span class="hint"
        >(day 0: ${formatDate(c.receivedOn)}; ${view.personnelFiles ? '10' : '4'} business days, C.G.S.
        §1-206(a))</span
      >
    </dd>
    <dt>Response</dt>
    <dd>${responseClock(view)}</dd>
    <dt>Promptness</dt>
    <dd>
      ${c.promptness.businessDaysElapsed} business days
      elapsed${
        c.promptness.pausedBusinessDays ? `, ${c.promptness.pausedBusinessDays} paused` : ''
      }${c.promptness.paused ? html` · ${badge('awaiting-requester', 'Paused now')}` : ''}
    </dd>
    ${
      c.promptness.pauses.length
        ? html`<dt>Pauses</dt>
            <dd>
              <ul>
                ${c.promptness.pauses.map(
                  (p) =>
                    html`<li>
                      ${words(p.reason)}: ${formatDate(p.startedOn)} to
                      ${p.endedOn ? formatDate(p.endedOn) : 'now'} (${p.businessDays} business days)
                    </li>`,
                )}
              </ul>
            </dd>`
        : ''
    }
    <dt>Appeal window</dt>
    <dd>
      ${
        c.appeal
          ? html`${c.appeal.open ? 'Open' : 'Closed'}: from ${formatDate(c.appeal.startsOn)}
            (${c.appeal.from === 'denial' ? 'written denial' : 'deemed denial'}) to
            ${formatDate(c.appeal.deadline)}, 30 days (C.G.S. §1-206(b)(1))`
          : html`<span class="hint">None: nothing was denied</span>`
      }
    </dd>
    ${
      view.objectionNotice
        ? html`<dt>Objection window</dt>
            <dd>
              Until ${formatDate(view.objectionNotice.windowEnds)} (notice ${view.objectionNotice.delivery}
              ${formatDate(view.objectionNotice.noticeOn)}, C.G.S. §1-214)
            </dd>`
        : ''
    }
    <dt>Holiday calendar</dt>
    <dd>${c.calendarVersion}</dd>
  </dl>`;
}

function fee(view: StaffRequestView): SafeHtml {
  const f = view.fee;
  if (!f) return html`<p>No fee estimate yet.</p>`;
  const invoice = f.invoice;
  return html`<table>
      <caption class="visually-hidden">
        Fee estimate
      </caption>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Quantity</th>
          <th scope="col">Unit</th>
          <th scope="col">Amount</th>
        </tr>
      </thead>
      <tbody>
        ${invoice.lineItems.map(
          (l) =>
            html`<tr>
              <td>${l.description} <span class="hint">${l.citation}</span></td>
              <td>${l.quantity}</td>
              <td>${formatCents(l.unitCents)}</td>
              <td>${formatCents(l.amountCents)}</td>
            </tr>`,
        )}
        ${
          invoice.waivers.length
            ? html`<tr>
                <td colspan="3">
                  Waived: ${invoice.waivers.map((w) => `${w.label} (${w.citation})`).join('; ')}
                </td>
                <td>−${formatCents(invoice.waivedCents)}</td>
              </tr>`
            : ''
        }
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colspan="3">Total</th>
          <td><strong>${formatCents(invoice.totalCents)}</strong></td>
        </tr>
      </tfoot>
    </table>
    <p>
      Estimated ${formatDateTime(f.estimatedAt)} by
      ${f.estimatedBy.username}.${
        invoice.prepaymentRequired ? ' Payment is required before the copies are made.' : ''
      }
      ${f.paidAt ? html`${badge('released', 'Paid')} ${formatDateTime(f.paidAt)}${f.paymentNote ? ` (${f.paymentNote})` : ''}` : invoice.totalCents > 0 ? badge('awaiting-upload', 'Not paid') : ''}
    </p>`;
}

function findings(document: RequestDocument): SafeHtml {
  const scan = document.scan;
  if (!scan) return html`<span class="hint">Not scanned yet.</span>`;
  return html`${
    scan.findings.length
      ? html`<table>
          <caption>
            Personal data found (${words(scan.scannedAs)} file)
          </caption>
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Where</th>
              <th scope="col">Count</th>
              <th scope="col">For example</th>
            </tr>
          </thead>
          <tbody>
            ${scan.findings.map(
              (f) =>
                html`<tr>
                  <td>${f.label}</td>
                  <td>${f.where}</td>
                  <td>${f.count}</td>
                  <td>${f.sampleLocations.join(', ')}</td>
                </tr>`,
            )}
          </tbody>
        </table>`
      : html`<p>
          No personal data found (${words(scan.scannedAs)} file, ${formatBytes(scan.bytesScanned)} scanned).
        </p>`
  }${scan.note ? html`<p class="notice warn">${scan.note}</p>` : ''}`;
}

function documentRow(input: DetailPageInput, document: RequestDocument, open: boolean): SafeHtml {
  const { request, session, form } = input;
  const base = `${requestPath(input.detail.request.trackingNumber)}/documents/${encodeURIComponent(document.documentId)}`;
  const decideForm = `decide-${document.documentId}`;
  const releaseForm = `release-${document.documentId}`;
  return html`<article class="panel" aria-labelledby="doc-${document.documentId}">
    <h3 id="doc-${document.documentId}">${document.fileName} ${badge(document.state)}</h3>
    <p>
      ${formatBytes(document.sizeBytes)} · ${document.contentType} · uploaded
      ${formatDateTime(document.uploadedAt)} by
      ${document.uploadedBy.username}${document.redacts ? ' · redacted version of an earlier document' : ''}
    </p>
    ${findings(document)}
    ${
      document.decision
        ? html`<p>
            <strong>Decision:</strong> ${document.decision.reason}${
              document.decision.exemptions.length ? ` (${document.decision.exemptions.join(', ')})` : ''
            },
            by ${document.decision.by.username}, ${formatDateTime(document.decision.at)}
          </p>`
        : ''
    }
    ${
      document.release
        ? html`<p>
            <strong>Released</strong> to
            ${document.release.audience === 'public' ? 'the public archive' : 'the requester'} by
            ${document.release.by.username}, ${formatDateTime(document.release.at)}
          </p>`
        : ''
    }
    ${
      document.state === 'blocked'
        ? html`<form
            method="post"
            action="${pathOf(request, `${base}/decision`)}"
            id="${decideForm}"
            novalidate
          >
            ${errorSummary(form, decideForm)}
            <h4>Release it as it is?</h4>
            <p class="hint">
              Upload a redacted version instead, or record why the law makes this document public as it is
              (audited).
            </p>
            ${csrfField(session.csrf)}
            ${textArea({ form: decideForm, name: 'reason', label: 'Why it may be released with these findings', state: form, required: true, rows: 3 })}
            ${choices({
              form: decideForm,
              name: 'exemptions',
              type: 'checkbox',
              label: 'Exemptions that apply to the redactions (if any)',
              options: EXEMPTION_OPTIONS,
              state: form,
              filter: true,
            })}
            <button type="submit">Record the decision</button>
          </form>`
        : ''
    }
    ${
      document.state === 'clear' && open
        ? html`<form method="post" action="${pathOf(request, `${base}/release`)}" id="${releaseForm}">
            ${errorSummary(form, releaseForm)} ${csrfField(session.csrf)}
            ${choices({
              form: releaseForm,
              name: 'audience',
              type: 'radio',
              label: 'Release to',
              options: [
                {
                  value: 'requester',
                  label: 'The requester',
                  hint: 'A download on their status page, and an e-mail.',
                },
                { value: 'public', label: 'The requester and the public archive' },
              ],
              checked: ['requester'],
              state: form,
            })}
            <button type="submit">Release the document</button>
          </form>`
        : ''
    }
  </article>`;
}

function messages(list: RequestMessage[]): SafeHtml {
  const author = (m: RequestMessage) =>
    'requester' in m.from
      ? 'The requester'
      : 'system' in m.from
        ? `System (${m.from.system})`
        : m.from.username;
  return html`${MESSAGE_VISIBILITIES.map((visibility) => {
    const group = list.filter((m) => m.visibility === visibility);
    return html`<section aria-labelledby="messages-${visibility}">
      <h3 id="messages-${visibility}">${VISIBILITY_WORDS[visibility]!.label}s (${group.length})</h3>
      ${
        group.length
          ? group.map(
              (m) =>
                html`<div class="message ${visibility}">
                  <strong>${author(m)}</strong> · <time datetime="${m.at}">${formatDateTime(m.at)}</time>
                  <pre>${m.text}</pre>
                </div>`,
            )
          : html`<p class="hint">None.</p>`
      }
    </section>`;
  })}`;
}

function describeChange(change: { field?: unknown; before?: unknown; after?: unknown }): string {
  const show = (v: unknown) =>
    v === null || v === undefined ? 'none' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return `${String(change.field)}: ${show(change.before)} → ${show(change.after)}`;
}

function timeline(events: AuditEvent[]): SafeHtml {
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at));
  return html`<ol class="timeline">
    ${sorted.map((e) => {
      const who = 'system' in e.actor ? `System (${e.actor.system})` : e.actor.username;
      const changes = Array.isArray(e.details.changes)
        ? (e.details.changes as Record<string, unknown>[])
        : [];
      return html`<li>
        <time datetime="${e.at}">${formatDateTime(e.at)}</time> ·
        <strong>${words(e.action.replace(/^records-request\./, ''))}</strong> by ${who}
        ${
          changes.length
            ? html`<ul>
                ${changes.map((c) => html`<li>${describeChange(c)}</li>`)}
              </ul>`
            : ''
        }
        ${typeof e.details.reason === 'string' ? html`<p>Reason: ${e.details.reason}</p>` : ''}
        ${Array.isArray(e.details.exemptions) ? html`<p>Exemptions: ${(e.details.exemptions as string[]).join(', ')}</p>` : ''}
      </li>`;
    })}
  </ol>`;
}

/** The body of a letter the platform composed (escaped by lambdas/domain/records/letters.ts). */
function letterBody(letter: Letter): SafeHtml {
  const match = /<body>([\s\S]*)<\/body>/.exec(letter.html);
  return raw(match ? match[1]! : '');
}

// ---------------------------------------------------------------- action forms

function actionForms(input: DetailPageInput): SafeHtml {
  const { request, session, form, detail } = input;
  const view = detail.request;
  const action = pathOf(request, `${requestPath(view.trackingNumber)}/actions`);
  const allowed = allowedActions(view.status);
  const hidden = (name: WorkflowAction) =>
    html`${csrfField(session.csrf)}
      <input type="hidden" name="revision" value="${view.revision}" />
      <input type="hidden" name="action" value="${name}" />`;
  const messageField = (id: string, label = 'Message to the requester (optional)') =>
    textArea({ form: id, name: 'message', label, hint: 'Sent with the notice.', state: form, rows: 3 });

  const simple = (name: WorkflowAction) => {
    const words_ = ACTION_WORDS[name];
    return html`<form
      class="panel"
      method="post"
      action="${action}"
      id="${name}"
      novalidate${
        name === 'withdraw'
          ? html` data-confirm="Record that the requester withdrew ${view.trackingNumber}? This closes it."`
          : ''
      }
    >
      ${errorSummary(form, name)}
      <h3>${words_.title}</h3>
      ${words_.hint ? html`<p class="hint">${words_.hint}</p>` : ''} ${hidden(name)}
      ${name === 'start-work' ? '' : messageField(name)}
      <button type="submit">${words_.button}</button>
    </form>`;
  };

  const forms: SafeHtml[] = [];
  for (const name of ['acknowledge', 'start-work', 'resume', 'fulfil', 'report-no-records'] as const) {
    if (allowed.includes(name)) forms.push(simple(name));
  }
  if (allowed.includes('await-requester')) {
    forms.push(
      html`<form class="panel" method="post" action="${action}" id="await-requester" novalidate>
        ${errorSummary(form, 'await-requester')}
        <h3>${ACTION_WORDS['await-requester'].title}</h3>
        <p class="hint">${ACTION_WORDS['await-requester'].hint}</p>
        ${hidden('await-requester')}
        ${choices({
          form: 'await-requester',
          name: 'pauseReason',
          type: 'radio',
          label: 'Waiting for',
          options: [
            { value: 'clarification', label: 'A clarification of the request' },
            { value: 'payment', label: 'Payment of the fee' },
          ],
          state: form,
          required: true,
        })}
        ${messageField('await-requester', 'What you need from the requester')}
        <button type="submit">${ACTION_WORDS['await-requester'].button}</button>
      </form>`,
    );
  }
  const denials = (['deny', 'fulfil-partially'] as const).filter((a) => allowed.includes(a));
  if (denials.length) {
    forms.push(
      html`<form
        class="panel wide"
        method="post"
        action="${action}"
        id="deny"
        novalidate
        data-confirm="Send the denial letter with these citations? The requester may appeal to the FOI Commission."
      >
        ${errorSummary(form, 'deny')}
        <h3>Deny, or fulfil in part</h3>
        <p class="hint">
          Sends a letter with the exemptions cited and the appeal notice (30 days, FOI Commission).
        </p>
        ${csrfField(session.csrf)}
        <input type="hidden" name="revision" value="${view.revision}" />
        ${choices({
          form: 'deny',
          name: 'action',
          type: 'radio',
          label: 'Decision',
          options: denials.map((a) => ({
            value: a,
            label: a === 'deny' ? 'Deny the request' : 'Provide some records, withhold or redact others',
          })),
          checked: [denials[0]!],
          state: form,
          required: true,
        })}
        ${choices({
          form: 'deny',
          name: 'exemptions',
          type: 'checkbox',
          label: 'Exemptions cited',
          hint: 'At least one. Each is printed on the letter with its citation.',
          options: EXEMPTION_OPTIONS,
          state: form,
          filter: true,
        })}
        ${textField({
          form: 'deny',
          name: 'otherStatuteCitation',
          label: 'The other statute (only with “Other statute”)',
          hint: 'For example C.G.S. §14-10',
          state: form,
        })}
        ${textArea({ form: 'deny', name: 'message', label: 'Explanation for the requester (optional)', state: form, rows: 3 })}
        <button type="submit" class="danger">Send the letter</button>
      </form>`,
    );
  }
  if (allowed.includes('withdraw')) forms.push(simple('withdraw'));
  if (allowed.includes('reopen')) {
    forms.push(
      html`<form class="panel" method="post" action="${action}" id="reopen" novalidate>
        ${errorSummary(form, 'reopen')}
        <h3>${ACTION_WORDS.reopen.title}</h3>
        ${hidden('reopen')}
        ${textArea({ form: 'reopen', name: 'reason', label: 'Why reopen it', state: form, required: true, rows: 3 })}
        ${messageField('reopen')}
        <button type="submit">${ACTION_WORDS.reopen.button}</button>
      </form>`,
    );
  }
  return html`<div class="actions">${forms}</div>`;
}

function assignForm(input: DetailPageInput): SafeHtml {
  const { request, session, form, detail } = input;
  const view = detail.request;
  return html`<form
    class="panel"
    method="post"
    action="${pathOf(request, `${requestPath(view.trackingNumber)}/assignment`)}"
    id="assign"
    novalidate
  >
    ${errorSummary(form, 'assign')}
    <h3>Route or assign</h3>
    ${csrfField(session.csrf)}<input type="hidden" name="revision" value="${view.revision}" />
    ${selectField({
      form: 'assign',
      name: 'department',
      label: 'Department',
      options: DEPARTMENTS.map((d) => ({ value: d.id, label: d.name })),
      value: view.department ?? view.receivingOffice,
      state: form,
    })}
    ${choices({
      form: 'assign',
      name: 'assignee',
      type: 'radio',
      label: 'Assigned to',
      options: [
        { value: 'keep', label: view.assignee ? `Keep ${view.assignee.username}` : 'Keep it unassigned' },
        { value: 'me', label: `Me (${session.principal.username})` },
        ...(view.assignee ? [{ value: 'nobody', label: 'Nobody' }] : []),
      ],
      checked: ['keep'],
      state: form,
    })}
    ${textField({ form: 'assign', name: 'reason', label: 'Reason (optional)', hint: 'Kept in the timeline.', state: form })}
    <button type="submit">Save</button>
  </form>`;
}

function messageForm(input: DetailPageInput): SafeHtml {
  const { request, session, form, detail } = input;
  return html`<form
    class="panel"
    method="post"
    action="${pathOf(request, `${requestPath(detail.request.trackingNumber)}/messages`)}"
    id="message"
    novalidate
  >
    ${errorSummary(form, 'message')}
    <h3>Add a message or note</h3>
    ${csrfField(session.csrf)}
    ${choices({
      form: 'message',
      name: 'visibility',
      type: 'radio',
      label: 'Who sees it',
      options: MESSAGE_VISIBILITIES.map((v) => ({
        value: v,
        label: VISIBILITY_WORDS[v]!.label,
        hint: VISIBILITY_WORDS[v]!.hint,
      })),
      checked: ['internal'],
      state: form,
      required: true,
    })}
    ${textArea({ form: 'message', name: 'text', label: 'Text', state: form, required: true })}
    <button type="submit">Add</button>
  </form>`;
}

function feeForms(input: DetailPageInput, open: boolean): SafeHtml {
  const { request, session, form, detail } = input;
  const view = detail.request;
  const base = requestPath(view.trackingNumber);
  const revision = html`${csrfField(session.csrf)}<input
      type="hidden"
      name="revision"
      value="${view.revision}"
    />`;
  return html`<div class="actions">
    ${
      open
        ? html`<form
            class="panel"
            method="post"
            action="${pathOf(request, `${base}/fee`)}"
            id="fee"
            novalidate
          >
            ${errorSummary(form, 'fee')}
            <h3>Fee estimate (C.G.S. §1-212)</h3>
            <p class="hint">
              Search and retrieval are never billed. The requester gets the invoice by e-mail.
            </p>
            ${revision}
            ${textField({ form: 'fee', name: 'paperPages', label: 'Paper pages', type: 'number', min: 0, inputmode: 'numeric', state: form })}
            ${textField({ form: 'fee', name: 'certifiedCopies', label: 'Certified copies', type: 'number', min: 0, inputmode: 'numeric', state: form })}
            <fieldset>
              <legend>Electronic copy cost (optional)</legend>
              ${selectField({
                form: 'fee',
                name: 'electronicKind',
                label: 'Kind',
                options: ELECTRONIC_COST_ITEMS.map((i) => ({
                  value: i.kind,
                  label: `${i.label} (${i.citation})`,
                })),
                blank: 'None',
                state: form,
              })}
              ${textField({ form: 'fee', name: 'electronicDescription', label: 'Description', state: form })}
              ${textField({ form: 'fee', name: 'electronicQuantity', label: 'Quantity (hours or items)', type: 'number', min: 0, state: form })}
              ${textField({ form: 'fee', name: 'electronicUnitCents', label: 'Unit cost in cents', type: 'number', min: 0, inputmode: 'numeric', state: form })}
            </fieldset>
            ${choices({
              form: 'fee',
              name: 'waivers',
              type: 'checkbox',
              label: 'Waiver checklist',
              hint: 'Any “yes” waives the fee by law.',
              options: MANDATORY_WAIVERS.map((w) => ({
                value: w.code,
                label: w.question,
                hint: `${w.label} (${w.citation})`,
              })),
              state: form,
            })}
            <button type="submit">Save the estimate</button>
          </form>`
        : ''
    }
    ${
      view.fee && !view.fee.paidAt && view.fee.invoice.totalCents > 0
        ? html`<form
            class="panel"
            method="post"
            action="${pathOf(request, `${base}/fee/payment`)}"
            id="payment"
            novalidate
          >
            ${errorSummary(form, 'payment')}
            <h3>Mark the fee paid</h3>
            ${revision}
            ${textField({ form: 'payment', name: 'note', label: 'Receipt or check number', state: form, required: true })}
            <button type="submit">Mark paid</button>
          </form>`
        : ''
    }
  </div>`;
}

function uploadForm(input: DetailPageInput): SafeHtml {
  const { request, session, form, detail } = input;
  return html`<form
    class="panel"
    method="post"
    action="${pathOf(request, `${requestPath(detail.request.trackingNumber)}/documents`)}"
    id="upload"
    novalidate
    data-upload
    data-status="upload-status"
  >
    ${errorSummary(form, 'upload')}
    <h3>Upload a document for release</h3>
    <p class="hint">
      It is scanned for personal data when it lands; findings block its release until you decide.
    </p>
    ${csrfField(session.csrf)}
    <div data-picker hidden>
      <div class="field">
        <label for="upload-file">File</label>
        <input type="file" id="upload-file" name="file" />
      </div>
      <progress max="100" value="0" hidden>0 %</progress>
    </div>
    <div data-manual>
      <p class="hint">
        Without the page's script: give the file's details, then upload it with the command shown.
      </p>
      ${textField({ form: 'upload', name: 'fileName', label: 'File name', hint: 'For example work-orders.pdf', state: form, required: true })}
      ${textField({ form: 'upload', name: 'contentType', label: 'Media type', hint: 'For example application/pdf or text/csv', state: form, value: 'application/pdf', required: true })}
      ${textField({ form: 'upload', name: 'sizeBytes', label: 'Size in bytes', type: 'number', min: 1, inputmode: 'numeric', state: form, required: true })}
    </div>
    ${selectField({
      form: 'upload',
      name: 'redacts',
      label: 'This is a redacted version of',
      options: detail.documents
        .filter((d) => d.state !== 'released' && d.state !== 'superseded')
        .map((d) => ({ value: d.documentId, label: d.fileName })),
      blank: 'Nothing: a new document',
      state: form,
    })}
    <p id="upload-status" role="status" aria-live="polite"></p>
    <button type="submit">Upload</button>
  </form>`;
}

function uploadInstructions(upload: UploadInstructions): SafeHtml {
  const headers = Object.entries(upload.headers)
    .map(([k, v]) => `-H '${k}: ${v}' `)
    .join('');
  const command = `curl -X PUT ${headers}--upload-file '${upload.fileName.replace(/'/g, '')}' '${upload.url}'`;
  return html`<section class="panel" aria-labelledby="upload-now">
    <h2 id="upload-now">Upload ${upload.fileName} now</h2>
    <p>The link works for one hour. From the folder with the file, run:</p>
    <pre class="command">${command}</pre>
    <p>Then reload this page: the document shows its scan result once the file has landed.</p>
  </section>`;
}

// ---------------------------------------------------------------- page

export function requestDetailPage(input: DetailPageInput): SafeHtml {
  const { detail, request } = input;
  const view = detail.request;
  const open = !['fulfilled', 'partially-fulfilled', 'denied', 'withdrawn', 'no-records'].includes(
    view.status,
  );
  return html`<p><a href="${pathOf(request, '/admin/records-requests')}">Back to the queue</a></p>
    <h1>Request ${view.trackingNumber} ${badge(view.status)}</h1>
    <nav aria-label="On this page" class="pager">
      <a href="#actions-title">Next step</a> <a href="#documents-title">Documents</a>
      <a href="#fee-title">Fee</a> <a href="#messages-title">Messages</a>
      <a href="#timeline-title">Timeline</a>
    </nav>
    <div id="status-messages" aria-live="polite">${input.notice ?? ''}</div>
    ${input.upload ? uploadInstructions(input.upload) : ''}
    ${
      input.letter
        ? html`<section class="panel" aria-labelledby="letter-title">
            <h2 id="letter-title">The letter as sent: ${input.letter.subject}</h2>
            <article class="letter">${letterBody(input.letter)}</article>
          </section>`
        : ''
    }
    <div class="grid">
      <section class="panel" aria-labelledby="request-title">
        <h2 id="request-title">The request</h2>
        ${facts(view)}
      </section>
      <section class="panel" aria-labelledby="requester-title">
        <h2 id="requester-title">Requester</h2>
        ${requesterFacts(view)}
      </section>
    </div>
    <section class="panel" aria-labelledby="clocks-title">
      <h2 id="clocks-title">Clocks</h2>
      ${clocks(view)}
    </section>
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">Next step</h2>
      ${actionForms(input)} ${open ? assignForm(input) : ''}
    </section>
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">Documents (${detail.documents.length})</h2>
      ${detail.documents.length ? detail.documents.map((d) => documentRow(input, d, open)) : html`<p>No documents yet.</p>`}
      ${open ? uploadForm(input) : ''}
    </section>
    <section aria-labelledby="fee-title">
      <h2 id="fee-title">Fee</h2>
      <div class="panel">${fee(view)}</div>
      ${feeForms(input, open)}
    </section>
    <section aria-labelledby="messages-title">
      <h2 id="messages-title">Messages</h2>
      ${messages(detail.messages)}${messageForm(input)}
    </section>
    <section class="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      ${timeline(detail.timeline)}
    </section>`;
}
