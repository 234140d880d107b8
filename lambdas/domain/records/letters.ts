/**
 * The letters and e-mails the records workflow sends to requesters: the
 * receipt, denials (with the exemptions and the appeal notice), the notice
 * of a deemed denial, and short status notices. Each comes as a subject, a
 * plain-text body and an HTML body built from the same blocks, so the two
 * never say different things.
 *
 * Everything a person typed (the description, a name, a clerk's message) is
 * escaped in HTML and quoted in text, and nothing here logs: letters hold the
 * requester's words and sometimes their name.
 */
import { CITY, departmentById } from '../../shared/city-profile';
import { cityDateOf, cityDateTimeText } from '../../shared/city-time';
import { badRequest, type FieldIssue } from '../../shared/errors';
import { formatCents, type DeliveryMethod, type FeeInvoice } from './fees';
import type { Exemption } from './exemptions';
import { numberInWords, PERSONNEL_FILES_BUSINESS_DAYS, RESPONSE_BUSINESS_DAYS } from './clocks';

export interface Letter {
  subject: string;
  text: string;
  html: string;
}

/** Where an appeal goes (C.G.S. §1-206(b)(1)). */
export const FOI_COMMISSION = Object.freeze({
  name: 'Connecticut Freedom of Information Commission',
  address: '165 Capitol Avenue, Suite 1100, Hartford, CT 06106',
  phone: '(860) 566-5682',
  email: 'foi@ct.gov',
  web: 'https://portal.ct.gov/foi',
});

const DELIVERY_WORDS: Record<DeliveryMethod, string> = {
  electronic: 'Electronic copies',
  paper: 'Paper copies',
  inspection: 'Inspection in person',
  'certified-copy': 'Certified copies',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// ---------------------------------------------------------------- blocks

type Block =
  | { kind: 'p'; text: string }
  | { kind: 'heading'; text: string }
  /** lines kept together: an address, a details table */
  | { kind: 'lines'; lines: string[] }
  | { kind: 'list'; items: string[] }
  /** the requester's own words, quoted so they cannot pass for the city's */
  | { kind: 'quote'; text: string }
  | { kind: 'link'; label: string; url: string };

const p = (text: string): Block => ({ kind: 'p', text });
const heading = (text: string): Block => ({ kind: 'heading', text });
const lines = (...items: string[]): Block => ({ kind: 'lines', lines: items });
const list = (items: string[]): Block => ({ kind: 'list', items });
const quote = (text: string): Block => ({ kind: 'quote', text });
const link = (label: string, url: string): Block => ({ kind: 'link', label, url });

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL_EXCEPT_LF_TAB = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\uFEFF]/g;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

/** Free text a person wrote: LF line endings, no control characters, no blank edges. */
const cleanText = (value: string) =>
  value
    .replace(/\r\n?|\u0085/g, '\n')
    .replace(CONTROL_EXCEPT_LF_TAB, '')
    .replace(/[ \t]+$/gm, '')
    .trim();

/** A value that must stay on one line (a name in a greeting). */
const oneLine = (value: string, max = 200) => {
  const flat = value.replace(new RegExp(ANY_CONTROL.source, 'g'), ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
};

function renderText(blocks: Block[]): string {
  const out = blocks.map((block) => {
    switch (block.kind) {
      case 'p':
        return block.text;
      case 'heading':
        return `${block.text}\n${'-'.repeat(block.text.length)}`;
      case 'lines':
        return block.lines.join('\n');
      case 'list':
        return block.items.map((item) => `- ${item}`).join('\n');
      case 'quote':
        return block.text
          .split('\n')
          .map((line) => `> ${line}`.trimEnd())
          .join('\n');
      case 'link':
        return `${block.label}: ${block.url}`;
    }
  });
  return `${out.filter((s) => s.length > 0).join('\n\n')}\n`;
}

const htmlLines = (text: string) => text.split('\n').map(escapeHtml).join('<br>');

function renderHtml(subject: string, blocks: Block[]): string {
  const body = blocks.map((block) => {
    switch (block.kind) {
      case 'p':
        return `<p>${htmlLines(block.text)}</p>`;
      case 'heading':
        return `<h2>${escapeHtml(block.text)}</h2>`;
      case 'lines':
        return `<p>${block.lines.map(escapeHtml).join('<br>')}</p>`;
      case 'list':
        return `<ul>${block.items.map((item) => `<li>${htmlLines(item)}</li>`).join('')}</ul>`;
      case 'quote':
        return `<blockquote>${htmlLines(block.text)}</blockquote>`;
      case 'link':
        return `<p>${escapeHtml(block.label)}: <a href="${escapeHtml(block.url)}">${escapeHtml(block.url)}</a></p>`;
    }
  });
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function letter(subject: string, blocks: Block[]): Letter {
  const flatSubject = oneLine(subject);
  return { subject: flatSubject, text: renderText(blocks), html: renderHtml(flatSubject, blocks) };
}

// ---------------------------------------------------------------- checks

const TRACKING_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

class Checks {
  readonly issues: FieldIssue[] = [];

  trackingNumber(value: unknown) {
    if (typeof value !== 'string' || !TRACKING_NUMBER.test(value))
      this.issues.push({
        path: 'trackingNumber',
        message: 'must be a tracking number (letters, digits and dashes)',
      });
  }

  /** A calendar date written YYYY-MM-DD. */
  date(path: string, value: unknown) {
    const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
    const valid =
      m !== null &&
      (() => {
        const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
        return d.toISOString().slice(0, 10) === value;
      })();
    if (!valid) this.issues.push({ path, message: 'must be a date written YYYY-MM-DD' });
    return valid;
  }

  instant(path: string, value: unknown) {
    if (typeof value !== 'string' || !ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value)))
      this.issues.push({ path, message: 'must be an ISO 8601 instant with a time zone' });
  }

  /** Only web links: a `javascript:` or `data:` URL must never become a link in a letter. */
  url(path: string, value: unknown) {
    let ok = false;
    if (typeof value === 'string' && !/\s/.test(value)) {
      try {
        const url = new URL(value);
        ok = url.protocol === 'https:' || url.protocol === 'http:';
      } catch {
        ok = false;
      }
    }
    if (!ok) this.issues.push({ path, message: 'must be an http(s) link' });
  }

  text(path: string, value: unknown, { required = true, single = false, max = 20_000 } = {}) {
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || value.trim().length === 0)
      this.issues.push({ path, message: 'must not be empty' });
    else if (value.length > max) this.issues.push({ path, message: `must be at most ${max} characters` });
    else if (single && ANY_CONTROL.test(value)) this.issues.push({ path, message: 'must be a single line' });
  }

  /** Dates are YYYY-MM-DD, so string order is date order. */
  notBefore(laterPath: string, later: string, earlierPath: string, earlier: string, strictly = false) {
    if (strictly ? later <= earlier : later < earlier)
      this.issues.push({
        path: laterPath,
        message: `must be ${strictly ? 'after' : 'on or after'} ${earlierPath}`,
      });
  }

  done() {
    if (this.issues.length) throw badRequest('The letter cannot be written from these details.', this.issues);
  }
}

// ---------------------------------------------------------------- shared wording

const greeting = (name?: string) => {
  const clean = name === undefined ? '' : oneLine(name);
  return p(clean ? `Dear ${clean},` : 'Dear requester,');
};

const departmentName = (department: string) => departmentById(department)?.name ?? oneLine(department);

const signOff = () => lines('Sincerely,', CITY.publisherName);

function commissionContact(): Block {
  return lines(
    FOI_COMMISSION.name,
    FOI_COMMISSION.address,
    `Phone: ${FOI_COMMISSION.phone}`,
    `E-mail: ${FOI_COMMISSION.email}`,
    `Web: ${FOI_COMMISSION.web}`,
  );
}

function appealNotice(appealDeadline: string): Block[] {
  return [
    heading('Your right to appeal'),
    p(
      `You have the right to appeal to the ${FOI_COMMISSION.name}. Under C.G.S. §1-206(b)(1) the notice of appeal ` +
        `must be filed within 30 calendar days after the denial: file it by ${appealDeadline}. ` +
        'Include your tracking number and a copy of this letter.',
    ),
    commissionContact(),
  ];
}

/** The status link when the caller has it; otherwise a pointer to the one in the receipt. */
const statusLink = (label: string, url: string | undefined): Block =>
  url
    ? link(label, url)
    : p('Use the status link in your receipt to follow your request and get released records.');

// ---------------------------------------------------------------- letters

export interface ReceiptLetterInput {
  trackingNumber: string;
  /** when the request reached the city (ISO instant) */
  receivedAt: string;
  /** the date the clocks count from (the next business day for a weekend or holiday arrival) */
  receivedOn: string;
  statutoryDueDate: string;
  description: string;
  delivery: DeliveryMethod;
  /** a department id, or a department's name */
  department?: string;
  statusUrl: string;
  calendarVersion: string;
  /** Personnel, medical or similar files (C.G.S. §1-214): the 10-business-day clock. */
  personnelFiles?: boolean;
  requesterName?: string;
}

/** The response time in words, from the clocks module's numbers (never a second copy of the rule). */
function responseTimeWords(personnelFiles: boolean | undefined): string {
  const days = personnelFiles ? PERSONNEL_FILES_BUSINESS_DAYS : RESPONSE_BUSINESS_DAYS;
  return `${numberInWords(days)} business days`;
}

/** The requester's copy of their request, with the date it was submitted and the response deadline. */
export function receiptLetter(input: ReceiptLetterInput): Letter {
  const check = new Checks();
  check.trackingNumber(input.trackingNumber);
  check.instant('receivedAt', input.receivedAt);
  const datesOk =
    check.date('receivedOn', input.receivedOn) && check.date('statutoryDueDate', input.statutoryDueDate);
  if (datesOk) check.notBefore('statutoryDueDate', input.statutoryDueDate, 'receivedOn', input.receivedOn);
  check.text('description', input.description);
  if (!Object.hasOwn(DELIVERY_WORDS, input.delivery))
    check.issues.push({
      path: 'delivery',
      message: `must be one of ${Object.keys(DELIVERY_WORDS).join(', ')}`,
    });
  check.text('department', input.department, { required: false, single: true, max: 200 });
  check.url('statusUrl', input.statusUrl);
  check.text('calendarVersion', input.calendarVersion, { single: true, max: 100 });
  check.done();

  const details = [
    `Tracking number: ${input.trackingNumber}`,
    `Submitted: ${cityDateTimeText(input.receivedAt)}`,
    `Received for the legal deadline: ${input.receivedOn}`,
    `Response due by: ${input.statutoryDueDate}`,
    ...(input.department ? [`Department: ${departmentName(input.department)}`] : []),
    `Delivery: ${DELIVERY_WORDS[input.delivery]}`,
  ];
  const due = input.statutoryDueDate;
  return letter(`${CITY.name}: records request ${input.trackingNumber} received`, [
    greeting(input.requesterName),
    p(
      `The ${CITY.name} has received your request for public records under the Connecticut Freedom of ` +
        'Information Act. This is your copy of it.',
    ),
    lines(...details),
    ...(cityDateOf(input.receivedAt) !== input.receivedOn
      ? [
          p(
            'A request that arrives on a weekend, a holiday or a day the city is closed counts as received on ' +
              'the next business day.',
          ),
        ]
      : []),
    p('You asked for:'),
    quote(cleanText(input.description)),
    p(
      `We will respond by ${due}, within ${responseTimeWords(input.personnelFiles)} of receiving your request, as C.G.S. §1-206(a) ` +
        'requires, and we provide records as promptly as we can. If we have not answered by then, the law treats ' +
        `the request as denied and you may appeal to the ${FOI_COMMISSION.name}; we keep working on it either way.`,
    ),
    p(
      'You do not have to tell us why you want these records. No purpose is required, and your request is ' +
        'handled the same whatever the reason.',
    ),
    link('Follow your request, read messages and get released records here', input.statusUrl),
    p('Anyone with this link can see your request, so keep it private.'),
    signOff(),
    p(`Deadline computed with the city's holiday calendar, version ${oneLine(input.calendarVersion)}.`),
  ]);
}

export interface DenialLetterInput {
  trackingNumber: string;
  receivedOn: string;
  deniedOn: string;
  outcome: 'denied' | 'partially-fulfilled';
  exemptions: Exemption[];
  explanation?: string;
  appealDeadline: string;
  signedBy: { name: string; title: string; department: string };
  statusUrl?: string;
  requesterName?: string;
}

/** A written denial (in whole or in part): every exemption relied on, and the appeal notice. */
export function denialLetter(input: DenialLetterInput): Letter {
  const check = new Checks();
  check.trackingNumber(input.trackingNumber);
  const received = check.date('receivedOn', input.receivedOn);
  const denied = check.date('deniedOn', input.deniedOn);
  const deadline = check.date('appealDeadline', input.appealDeadline);
  if (received && denied) check.notBefore('deniedOn', input.deniedOn, 'receivedOn', input.receivedOn);
  if (denied && deadline)
    check.notBefore('appealDeadline', input.appealDeadline, 'deniedOn', input.deniedOn, true);
  if (input.outcome !== 'denied' && input.outcome !== 'partially-fulfilled')
    check.issues.push({ path: 'outcome', message: 'must be denied or partially-fulfilled' });
  if (!Array.isArray(input.exemptions) || input.exemptions.length === 0)
    check.issues.push({ path: 'exemptions', message: 'a denial cites at least one exemption' });
  else
    input.exemptions.forEach((e, i) => {
      check.text(`exemptions[${i}].code`, e?.code, { single: true, max: 100 });
      check.text(`exemptions[${i}].citation`, e?.citation, { single: true, max: 300 });
      check.text(`exemptions[${i}].text`, e?.text, { max: 2000 });
    });
  check.text('explanation', input.explanation, { required: false });
  check.text('signedBy.name', input.signedBy?.name, { single: true, max: 200 });
  check.text('signedBy.title', input.signedBy?.title, { single: true, max: 200 });
  check.text('signedBy.department', input.signedBy?.department, { single: true, max: 200 });
  if (input.statusUrl !== undefined) check.url('statusUrl', input.statusUrl);
  check.done();

  const partial = input.outcome === 'partially-fulfilled';
  const cited = input.exemptions.map(
    (e) => `${e.citation} (code ${e.code})${e.shortTitle ? `: ${e.shortTitle}` : ''}. ${e.text}`,
  );
  const explanation = input.explanation === undefined ? '' : cleanText(input.explanation);
  return letter(
    `${CITY.name}: records request ${input.trackingNumber} ${partial ? 'partially fulfilled' : 'denied'}`,
    [
      greeting(input.requesterName),
      lines(
        `Tracking number: ${input.trackingNumber}`,
        `Received: ${input.receivedOn}`,
        `Decision: ${input.deniedOn}`,
      ),
      p(
        partial
          ? `On ${input.deniedOn} the ${CITY.name} fulfilled your request for public records in part. ` +
              'The records, or the parts of records, that were withheld or redacted are withheld under the law below.'
          : `On ${input.deniedOn} the ${CITY.name} denied your request for public records under the law below.`,
      ),
      heading('Exemptions relied on'),
      list(cited),
      ...(explanation ? [heading('Explanation'), p(explanation)] : []),
      ...appealNotice(input.appealDeadline),
      ...(input.statusUrl ? [link('Your request', input.statusUrl)] : []),
      lines(
        'Sincerely,',
        oneLine(input.signedBy.name),
        oneLine(input.signedBy.title),
        departmentName(input.signedBy.department),
        CITY.publisherName,
      ),
    ],
  );
}

export interface DeemedDenialNoticeInput {
  trackingNumber: string;
  receivedOn: string;
  statutoryDueDate: string;
  deemedDeniedOn: string;
  appealDeadline: string;
  /** Later notices may not have it: the link holds a token the city keeps only as a hash. */
  statusUrl?: string;
  personnelFiles?: boolean;
  requesterName?: string;
}

/** No answer within the statutory business days: the request counts as denied, and the requester may appeal. */
export function deemedDenialNotice(input: DeemedDenialNoticeInput): Letter {
  const check = new Checks();
  check.trackingNumber(input.trackingNumber);
  const dates = ['receivedOn', 'statutoryDueDate', 'deemedDeniedOn', 'appealDeadline'] as const;
  const valid = dates.map((path) => check.date(path, input[path])).every(Boolean);
  if (valid) {
    check.notBefore('statutoryDueDate', input.statutoryDueDate, 'receivedOn', input.receivedOn);
    check.notBefore('deemedDeniedOn', input.deemedDeniedOn, 'statutoryDueDate', input.statutoryDueDate, true);
    check.notBefore('appealDeadline', input.appealDeadline, 'deemedDeniedOn', input.deemedDeniedOn, true);
  }
  if (input.statusUrl !== undefined) check.url('statusUrl', input.statusUrl);
  check.done();

  return letter(
    `${CITY.name}: records request ${input.trackingNumber} not answered in time (deemed denied)`,
    [
      greeting(input.requesterName),
      lines(
        `Tracking number: ${input.trackingNumber}`,
        `Received: ${input.receivedOn}`,
        `Response was due by: ${input.statutoryDueDate}`,
        `Deemed denied on: ${input.deemedDeniedOn}`,
      ),
      p(
        `The ${CITY.name} did not respond to your records request within ${responseTimeWords(input.personnelFiles)} of receiving it, ` +
          `by ${input.statutoryDueDate}. We apologize. Under C.G.S. §1-206(a) a request that is not answered in ` +
          `that time is deemed denied, so as of ${input.deemedDeniedOn} you may appeal.`,
      ),
      ...appealNotice(input.appealDeadline),
      p(
        'This notice does not mean the records will be withheld. The city is still working on your request and ' +
          'will provide the records it can as promptly as possible.',
      ),
      statusLink('Follow your request here', input.statusUrl),
      signOff(),
    ],
  );
}

const STATUS_WORDS: Record<string, string> = {
  acknowledged: 'acknowledged',
  'in-progress': 'in progress',
  'clarification-requested': 'we need more information from you',
  'awaiting-clarification': 'we need more information from you',
  'fee-invoiced': 'fee estimate ready',
  'awaiting-payment': 'fee estimate ready',
  released: 'records released',
  'records-released': 'records released',
  fulfilled: 'fulfilled',
  'partially-fulfilled': 'partially fulfilled',
  'no-records': 'no responsive records found',
  withdrawn: 'withdrawn',
  closed: 'closed',
};

const STATUS = /^[a-z][a-z0-9-]{0,63}$/;

export interface StatusChangeMessageInput {
  trackingNumber: string;
  /** the workflow status, e.g. 'acknowledged', 'clarification-requested', 'fee-invoiced', 'released' */
  status: string;
  /** the clerk's words to the requester */
  message?: string;
  /** Later notices may not have it: the link holds a token the city keeps only as a hash. */
  statusUrl?: string;
  /** printed with a fee estimate */
  invoice?: FeeInvoice;
  requesterName?: string;
}

/** A short notice that a request moved on; the details are behind the status link. */
export function statusChangeMessage(input: StatusChangeMessageInput): Letter {
  const check = new Checks();
  check.trackingNumber(input.trackingNumber);
  if (typeof input.status !== 'string' || !STATUS.test(input.status))
    check.issues.push({
      path: 'status',
      message: 'must be a workflow status (lowercase letters and dashes)',
    });
  check.text('message', input.message, { required: false });
  if (input.statusUrl !== undefined) check.url('statusUrl', input.statusUrl);
  check.done();

  const words = Object.hasOwn(STATUS_WORDS, input.status)
    ? STATUS_WORDS[input.status]!
    : input.status.replace(/-/g, ' ');
  const message = input.message === undefined ? '' : cleanText(input.message);
  return letter(`${CITY.name}: records request ${input.trackingNumber}: ${words}`, [
    greeting(input.requesterName),
    p(`Your records request ${input.trackingNumber} has a new status: ${words}.`),
    ...(message ? [p(message)] : []),
    ...(input.invoice ? [heading('Fee estimate'), lines(...feeInvoiceText(input.invoice))] : []),
    statusLink('Details, messages and released records', input.statusUrl),
    signOff(),
  ]);
}

const quantityWords = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : String(n));

/** A fee estimate as lines of plain text, for inclusion in a letter or message. */
export function feeInvoiceText(invoice: FeeInvoice): string[] {
  const out = invoice.lineItems.map(
    (line) =>
      `${line.description}: ${quantityWords(line.quantity)} × ${formatCents(line.unitCents)} = ` +
      `${formatCents(line.amountCents)} (${line.citation})`,
  );
  if (out.length === 0) out.push('No copy charges.');
  out.push(`Subtotal: ${formatCents(invoice.subtotalCents)}`);
  for (const waiver of invoice.waivers) out.push(`Fee waived: ${waiver.label} (${waiver.citation})`);
  if (invoice.waivedCents > 0) out.push(`Waived: -${formatCents(invoice.waivedCents)}`);
  out.push(`Total due: ${formatCents(invoice.totalCents)}`);
  if (invoice.prepaymentRequired)
    out.push(
      `Payment is due before the copies are made (city policy for fees of ` +
        `${formatCents(invoice.schedule.prepaymentThresholdCents)} or more).`,
    );
  out.push('Searching for and retrieving records is never charged (C.G.S. §1-212(b)).');
  return out;
}
