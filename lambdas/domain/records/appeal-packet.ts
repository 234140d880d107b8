/**
 * The appeal packet: one request's facts in the parts a complaint to the FOI
 * Commission contains (Regs. Conn. State Agencies §1-21j-28): the
 * complainant's contact details, the date of the violation, the agency and
 * official, a description of the records, and copies of the correspondence;
 * plus the exemptions cited, the released documents and the audit timeline.
 *
 * A staff-only export for the requester and the city's counsel, so it carries
 * the requester's contact details. It never carries internal notes, audit
 * detail values, document contents or storage keys, tokens or requesterKey.
 *
 * Pure: the caller loads the request, requester, clocks, messages, documents
 * and timeline (as `requestDetail` does) and stores or sends the zip.
 */
import { strToU8, zipSync } from 'fflate';
import { departmentById } from '../../shared/city-profile';
import { badRequest, type FieldIssue } from '../../shared/errors';
import { cityDateTimeText, cityWallClock } from '../../shared/city-time';
import type { AuditEvent } from '../audit';
import { APPEAL_CALENDAR_DAYS, appealDeadline, nyDate, type RequestClocks } from './clocks';
import { findExemption, OTHER_STATUTE } from './exemptions';
import { formatCents } from './fees';
import { isIsoInstant } from './holiday-calendar';
import { escapeHtml, FOI_COMMISSION } from './letters';
import type { RecordsRequest, RequestDocument, RequestMessage, Requester } from './records-request';

export interface AppealPacketInput {
  request: RecordsRequest;
  requester?: Requester;
  clocks: RequestClocks;
  messages: readonly RequestMessage[];
  documents: readonly RequestDocument[];
  timeline: readonly AuditEvent[];
  city: { name: string };
  /** ISO instant; also the zip entries' modification time, so the zip is reproducible. */
  generatedAt: string;
}

export interface AppealPacketFile {
  path: string;
  content: string;
}

export interface AppealPacket {
  fileName: string;
  generatedAt: string;
  files: AppealPacketFile[];
}

export const COMPLAINT_REGULATION = 'Regs. Conn. State Agencies §1-21j-28';

// Tracking numbers end up in file names: nothing that could climb out of a folder.
const TRACKING_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

// ---------------------------------------------------------------- text helpers

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL_EXCEPT_LF_TAB = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\uFEFF]/g;
// eslint-disable-next-line no-control-regex -- flattening control characters is the point
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;

/** Free text a person wrote: LF line endings, no control characters, no blank edges. */
const cleanText = (value: string) =>
  value
    .replace(/\r\n?|\u0085/g, '\n')
    .replace(CONTROL_EXCEPT_LF_TAB, '')
    .replace(/[ \t]+$/gm, '')
    .trim();

/** A value that must stay on one line (a name, an e-mail address, a label). */
const oneLine = (value: string) => value.replace(ANY_CONTROL, ' ').replace(/\s+/g, ' ').trim();

function fileSize(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-US')} bytes`;
  if (bytes < 1024) return exact;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${exact} (${value.toFixed(1)} ${units[unit]})`;
}

const byTime = <T extends { at: string }>(items: readonly T[]): T[] =>
  items
    .map((item, index) => ({ item, index }))
    // Instants may carry different offsets: compare the moments, then keep input order.
    .sort((a, b) => Date.parse(a.item.at) - Date.parse(b.item.at) || a.index - b.index)
    .map(({ item }) => item);

// ---------------------------------------------------------------- the facts

export interface AppealPacketFacts {
  packet: { generatedAt: string; city: string; regulation: string; trackingNumber: string };
  complainant: { name: string; email?: string; postalAddress?: string; phone?: string } | null;
  violation: {
    /** What the appeal runs from; null when no denial or deemed denial is recorded yet. */
    basis: 'denial' | 'partial-denial' | 'deemed-denial' | null;
    on: string | null;
    receivedOn: string;
    statutoryDueDate: string;
    firstResponseOn: string | null;
    deniedOn: string | null;
    deemedDeniedOn: string | null;
    appealDeadline: string | null;
    appealOpen: boolean | null;
  };
  agency: {
    name: string;
    department: { id: string; name: string };
    receivingOffice: { id: string; name: string };
    determinedBy: string | null;
    assignedTo: string | null;
  };
  request: {
    description: string;
    receivedAt: string;
    channel: string;
    delivery: string;
    personnelFiles: boolean;
    status: string;
    outcome: string | null;
    determinedAt: string | null;
    explanation: string | null;
  };
  exemptions: { code: string; shortTitle: string; citation: string; text: string }[];
  fee: {
    subtotalCents: number;
    waivedCents: number;
    totalCents: number;
    waivers: string[];
    paidAt: string | null;
  } | null;
  releasedDocuments: {
    fileName: string;
    contentType: string;
    sizeBytes: number;
    releasedAt: string | null;
    audience: string | null;
  }[];
  correspondence: { file: string; at: string; from: string; to: string }[];
}

const department = (id: string) => ({ id, name: departmentById(id)?.name ?? oneLine(id) });

function exemptionsOf(request: RecordsRequest): AppealPacketFacts['exemptions'] {
  return [...new Set(request.determination?.exemptions ?? [])].map((code) => {
    const found = findExemption(code);
    if (!found) {
      // A code since removed from the table is still what the requester was told.
      return { code, shortTitle: 'Not in the current exemption table', citation: code, text: '' };
    }
    const other = request.determination?.otherStatuteCitation;
    const citation =
      found.code === OTHER_STATUTE && other ? `${oneLine(other)}, through C.G.S. §1-210(a)` : found.citation;
    return { code: found.code, shortTitle: found.shortTitle, citation, text: found.text };
  });
}

interface Correspondence {
  path: string;
  message: RequestMessage;
  from: string;
  to: string;
}

function correspondenceOf(messages: readonly RequestMessage[], cityName: string): Correspondence[] {
  // A whitelist, not "not internal": a new visibility must be added here on purpose.
  const shared = byTime(messages.filter((m) => m.visibility === 'requester' || m.visibility === 'public'));
  const width = Math.max(2, String(shared.length).length);
  return shared.map((message, i) => {
    const byRequester = 'requester' in message.from;
    const from =
      'requester' in message.from
        ? 'The requester'
        : 'system' in message.from
          ? `${cityName} (automatic notice)`
          : `${cityName} (${oneLine(message.from.username)})`;
    const kind =
      message.visibility === 'public' ? 'public-note' : byRequester ? 'from-requester' : 'from-city';
    const to =
      message.visibility === 'public'
        ? 'Posted on the public page of the request'
        : byRequester
          ? cityName
          : 'The requester';
    const path = `correspondence/${String(i + 1).padStart(width, '0')}-${nyDate(message.at)}-${kind}.txt`;
    return { path, message, from, to };
  });
}

function factsOf(input: AppealPacketInput, correspondence: Correspondence[]): AppealPacketFacts {
  const { request, requester, clocks } = input;
  const determination = request.determination;
  const written =
    determination && (determination.outcome === 'denied' || determination.outcome === 'partially-fulfilled')
      ? determination
      : undefined;
  const deniedOn = written ? nyDate(written.at) : null;
  const deemedDeniedOn = clocks.response.deemedDeniedOn ?? request.deemedDenial?.on ?? null;
  // The clocks decide what the appeal runs from; the fallbacks only cover clocks computed before the denial.
  const from = clocks.appeal?.from ?? (deniedOn ? 'denial' : deemedDeniedOn ? 'deemed-denial' : null);
  const on = clocks.appeal?.startsOn ?? (from === 'denial' ? deniedOn : deemedDeniedOn);
  const basis =
    from === 'denial' ? (written?.outcome === 'partially-fulfilled' ? 'partial-denial' : 'denial') : from;
  const deadline = clocks.appeal?.deadline ?? (on ? appealDeadline(on) : null);
  const today = nyDate(input.generatedAt);
  const receivingOffice = department(request.receivingOffice);
  return {
    packet: {
      generatedAt: input.generatedAt,
      city: oneLine(input.city.name),
      regulation: COMPLAINT_REGULATION,
      trackingNumber: request.trackingNumber,
    },
    complainant: requester
      ? {
          name: oneLine(requester.name),
          ...(requester.email ? { email: oneLine(requester.email) } : {}),
          ...(requester.postalAddress ? { postalAddress: cleanText(requester.postalAddress) } : {}),
          ...(requester.phone ? { phone: oneLine(requester.phone) } : {}),
        }
      : null,
    violation: {
      basis,
      on,
      receivedOn: clocks.receivedOn,
      statutoryDueDate: clocks.statutoryDueDate,
      firstResponseOn: clocks.response.answeredOn ?? null,
      deniedOn,
      deemedDeniedOn,
      appealDeadline: deadline,
      appealOpen: on && deadline ? on <= today && today <= deadline : null,
    },
    agency: {
      name: oneLine(input.city.name),
      department: request.department ? department(request.department) : receivingOffice,
      receivingOffice,
      determinedBy: determination?.by ? oneLine(determination.by.username) : null,
      assignedTo: request.assignee ? oneLine(request.assignee.username) : null,
    },
    request: {
      description: cleanText(request.description),
      receivedAt: request.receivedAt,
      channel: request.channel,
      delivery: request.delivery,
      personnelFiles: request.personnelFiles,
      status: request.status,
      outcome: determination?.outcome ?? null,
      determinedAt: determination?.at ?? null,
      explanation: determination?.explanation ? cleanText(determination.explanation) : null,
    },
    exemptions: exemptionsOf(request),
    fee: request.fee
      ? {
          subtotalCents: request.fee.invoice.subtotalCents,
          waivedCents: request.fee.invoice.waivedCents,
          totalCents: request.fee.invoice.totalCents,
          waivers: request.fee.invoice.waivers.map((w) => `${w.label} (${w.citation})`),
          paidAt: request.fee.paidAt ?? null,
        }
      : null,
    releasedDocuments: byTime(
      input.documents
        .filter((d) => d.state === 'released')
        .map((d) => ({ d, at: d.release?.at ?? d.uploadedAt })),
    ).map(({ d }) => ({
      fileName: oneLine(d.fileName),
      contentType: oneLine(d.contentType),
      sizeBytes: d.sizeBytes,
      releasedAt: d.release?.at ?? null,
      audience: d.release?.audience ?? null,
    })),
    correspondence: correspondence.map((c) => ({ file: c.path, at: c.message.at, from: c.from, to: c.to })),
  };
}

// ---------------------------------------------------------------- the summary (one model, two renderings)

type Block =
  | { kind: 'title'; text: string; sub: string[] }
  | { kind: 'section'; title: string }
  | { kind: 'rows'; rows: [label: string, value: string][] }
  | { kind: 'p'; text: string }
  | { kind: 'quote'; text: string }
  | { kind: 'list'; items: string[] };

const BASIS_WORDS: Record<NonNullable<AppealPacketFacts['violation']['basis']>, string> = {
  denial: 'Written denial',
  'partial-denial': 'Written partial denial (records withheld or redacted)',
  'deemed-denial': 'Deemed denial: no response by the statutory due date (C.G.S. §1-206(a))',
};

const AUDIENCE_WORDS: Record<string, string> = {
  requester: 'released to the requester',
  public: 'published',
};

function commissionLines(): string[] {
  return [
    FOI_COMMISSION.name,
    FOI_COMMISSION.address,
    `Phone: ${FOI_COMMISSION.phone}`,
    `E-mail: ${FOI_COMMISSION.email}`,
    `Web: ${FOI_COMMISSION.web}`,
  ];
}

function deadlineSentence(facts: AppealPacketFacts): string {
  const v = facts.violation;
  if (!v.on || !v.appealDeadline) {
    return (
      `No denial or deemed denial is recorded as of ${nyDate(facts.packet.generatedAt)}. The response is due by ` +
      `${v.statutoryDueDate}; without a response by then the request is deemed denied the next day, and the ` +
      `${APPEAL_CALENDAR_DAYS} calendar days to appeal run from that day (C.G.S. §1-206(a), §1-206(b)(1)).`
    );
  }
  const what =
    v.basis === 'deemed-denial'
      ? 'deemed denied'
      : v.basis === 'partial-denial'
        ? 'denied in part'
        : 'denied';
  return (
    `The request was ${what} on ${v.on}. A notice of appeal must be filed with the Commission within ` +
    `${APPEAL_CALENDAR_DAYS} calendar days after the denial (C.G.S. §1-206(b)(1)): by ${v.appealDeadline}.` +
    (v.appealOpen === false && nyDate(facts.packet.generatedAt) > v.appealDeadline
      ? ` That date had passed when this packet was generated.`
      : '')
  );
}

function summaryBlocks(facts: AppealPacketFacts): Block[] {
  const { violation: v, agency, request, complainant } = facts;
  const tn = facts.packet.trackingNumber;
  const none = (value: string | null, text = 'None recorded') => value ?? text;
  return [
    {
      kind: 'title',
      text: `Appeal packet: records request ${tn}`,
      sub: [
        `${facts.packet.city}. Generated ${cityDateTimeText(facts.packet.generatedAt)}.`,
        `The parts of an FOI Commission complaint (${COMPLAINT_REGULATION}).`,
      ],
    },
    { kind: 'section', title: '1. Complainant' },
    complainant
      ? {
          kind: 'rows',
          rows: [
            ['Name', complainant.name],
            ['E-mail', complainant.email ?? 'Not given'],
            ['Postal address', complainant.postalAddress ?? 'Not given'],
            ['Phone', complainant.phone ?? 'Not given'],
          ],
        }
      : { kind: 'p', text: 'No contact details on file (the request was made without them).' },
    { kind: 'section', title: '2. Date of the violation' },
    {
      kind: 'rows',
      rows: [
        ['Violation', v.basis ? `${BASIS_WORDS[v.basis]}, ${v.on}` : 'No denial or deemed denial recorded'],
        ['Received (day 0)', v.receivedOn],
        ['Statutory response due date', v.statutoryDueDate],
        ['First written response', none(v.firstResponseOn)],
        ['Written denial', none(v.deniedOn)],
        ['Deemed denied on', none(v.deemedDeniedOn, 'Not deemed denied')],
        [
          'Appeal deadline',
          v.appealDeadline
            ? `${v.appealDeadline} (${APPEAL_CALENDAR_DAYS} calendar days, C.G.S. §1-206(b)(1))`
            : 'Not running',
        ],
      ],
    },
    { kind: 'section', title: '3. Agency and official' },
    {
      kind: 'rows',
      rows: [
        ['Agency', agency.name],
        ['Department', agency.department.name],
        ['First received by', agency.receivingOffice.name],
        [
          'Determined by',
          agency.determinedBy
            ? `${agency.determinedBy}${request.determinedAt ? `, ${cityDateTimeText(request.determinedAt)}` : ''}`
            : 'No staff determination recorded',
        ],
        ['Assigned to', none(agency.assignedTo, 'Nobody')],
      ],
    },
    { kind: 'section', title: '4. Description of the records requested' },
    { kind: 'quote', text: request.description },
    {
      kind: 'rows',
      rows: [
        ['Received', `${cityDateTimeText(request.receivedAt)} (${request.channel})`],
        ['Delivery asked for', request.delivery],
        ['Personnel, medical or similar files', request.personnelFiles ? 'Yes (C.G.S. §1-214)' : 'No'],
        ['Status', request.status],
        ...(request.outcome ? [['Outcome', request.outcome] as [string, string]] : []),
      ],
    },
    { kind: 'section', title: '5. Exemptions cited' },
    facts.exemptions.length
      ? {
          kind: 'list',
          items: facts.exemptions.map(
            (e) => `${e.citation} (code ${e.code}): ${e.shortTitle}.${e.text ? ` ${e.text}` : ''}`,
          ),
        }
      : { kind: 'p', text: 'None cited.' },
    ...(request.explanation
      ? [
          { kind: 'p', text: 'Explanation given:' } as Block,
          { kind: 'quote', text: request.explanation } as Block,
        ]
      : []),
    ...(facts.fee
      ? [
          { kind: 'section', title: 'Fee' } as Block,
          {
            kind: 'rows',
            rows: [
              ['Invoiced', formatCents(facts.fee.subtotalCents)],
              ['Waived', formatCents(facts.fee.waivedCents)],
              ['Due', formatCents(facts.fee.totalCents)],
              ...facts.fee.waivers.map((w) => ['Waiver', w] as [string, string]),
              ['Paid', facts.fee.paidAt ? cityDateTimeText(facts.fee.paidAt) : 'No'],
            ],
          } as Block,
        ]
      : []),
    { kind: 'section', title: '6. Copies of correspondence' },
    facts.correspondence.length
      ? {
          kind: 'list',
          items: facts.correspondence.map((c) => `${c.file}: ${cityDateTimeText(c.at)}, from ${c.from}`),
        }
      : { kind: 'p', text: 'No messages were exchanged.' },
    { kind: 'p', text: 'Internal staff notes are not correspondence and are not included.' },
    { kind: 'section', title: 'Released documents' },
    facts.releasedDocuments.length
      ? {
          kind: 'list',
          items: facts.releasedDocuments.map(
            (d) =>
              `${d.fileName}, ${fileSize(d.sizeBytes)}` +
              (d.releasedAt
                ? `, ${AUDIENCE_WORDS[d.audience ?? ''] ?? 'released'} ${nyDate(d.releasedAt)}`
                : ''),
          ),
        }
      : { kind: 'p', text: 'No documents released.' },
    { kind: 'section', title: 'Filing with the FOI Commission' },
    { kind: 'p', text: deadlineSentence(facts) },
    { kind: 'rows', rows: commissionLines().map((line) => ['', line]) },
  ];
}

function renderText(blocks: Block[]): string {
  const out = blocks.map((block) => {
    switch (block.kind) {
      case 'title':
        return [block.text, '='.repeat(block.text.length), ...block.sub].join('\n');
      case 'section':
        return `${block.title}\n${'-'.repeat(block.title.length)}`;
      case 'rows': {
        const width = Math.max(...block.rows.map(([label]) => label.length));
        return block.rows
          .map(([label, value]) => {
            const indent = ' '.repeat(width ? width + 2 : 0);
            const head = width ? `${`${label}:`.padEnd(width + 2)}` : '';
            return head + value.split('\n').join(`\n${indent}`);
          })
          .join('\n');
      }
      case 'p':
        return block.text;
      case 'quote':
        return block.text
          .split('\n')
          .map((line) => `> ${line}`.trimEnd())
          .join('\n');
      case 'list':
        return block.items.map((item) => `- ${item.split('\n').join('\n  ')}`).join('\n');
    }
  });
  return `${out.join('\n\n')}\n`;
}

const htmlLines = (text: string) => text.split('\n').map(escapeHtml).join('<br>');

function renderHtml(blocks: Block[]): string {
  const title = blocks.find((b) => b.kind === 'title');
  const body = blocks.map((block) => {
    switch (block.kind) {
      case 'title':
        return `<h1>${escapeHtml(block.text)}</h1>\n${block.sub.map((s) => `<p class="sub">${escapeHtml(s)}</p>`).join('\n')}`;
      case 'section':
        return `<h2>${escapeHtml(block.title)}</h2>`;
      case 'rows':
        return `<table>${block.rows
          .map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${htmlLines(value)}</td></tr>`)
          .join('')}</table>`;
      case 'p':
        return `<p>${htmlLines(block.text)}</p>`;
      case 'quote':
        return `<blockquote>${htmlLines(block.text)}</blockquote>`;
      case 'list':
        return `<ul>${block.items.map((item) => `<li>${htmlLines(item)}</li>`).join('')}</ul>`;
    }
  });
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title?.kind === 'title' ? title.text : 'Appeal packet')}</title>`,
    // Small type and tight spacing so it prints on one page; no scripts, no external resources.
    '<style>@page{margin:1.5cm}body{font:10pt/1.3 Georgia,serif;max-width:48em;margin:auto}' +
      'h1{font-size:14pt;margin:0 0 .2em}h2{font-size:11pt;margin:.9em 0 .2em;border-bottom:1px solid #999}' +
      'p,ul,table,blockquote{margin:.2em 0}.sub{color:#444}th{text-align:left;font-weight:normal;color:#444;' +
      'padding-right:1em;vertical-align:top;white-space:nowrap}blockquote{border-left:3px solid #999;' +
      'padding-left:.6em;margin-left:0}</style>',
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------- the other files

function readme(facts: AppealPacketFacts): string {
  const tn = facts.packet.trackingNumber;
  return renderText([
    {
      kind: 'title',
      text: `Appeal packet for records request ${tn}`,
      sub: [`${facts.packet.city}, generated ${cityDateTimeText(facts.packet.generatedAt)}.`],
    },
    { kind: 'section', title: 'What this is' },
    {
      kind: 'p',
      text:
        `This packet collects the facts of public records request ${tn} in the parts a complaint to the ` +
        `${FOI_COMMISSION.name} contains (${COMPLAINT_REGULATION}): the complainant's contact details, the ` +
        'date of the violation, the agency and official, a description of the records, and copies of the ' +
        'correspondence, with the exemptions cited and the documents released. It is prepared for the ' +
        "requester and for the city's counsel. It is not a complaint by itself and not legal advice.",
    },
    { kind: 'section', title: 'Deadline' },
    { kind: 'p', text: deadlineSentence(facts) },
    { kind: 'section', title: 'How to file' },
    {
      kind: 'p',
      text:
        'Send a written notice of appeal (a complaint) to the Commission. Give your contact details, the date ' +
        'of the violation, the agency and official, a description of the records, and copies of the ' +
        `correspondence (the files in correspondence/), and quote tracking number ${tn}. summary.html prints ` +
        'these parts on one page.',
    },
    { kind: 'rows', rows: commissionLines().map((line) => ['', line]) },
    { kind: 'section', title: 'Contents' },
    {
      kind: 'rows',
      rows: [
        ['README.txt', 'this file'],
        ['summary.html', 'the complaint parts on one printable page (open in a browser, print)'],
        ['summary.txt', 'the same summary as plain text'],
        ['request.json', 'the same facts as JSON'],
        ['timeline.txt', 'the audit trail of the request: when, what, who (no recorded values)'],
        [
          'correspondence/',
          `${facts.correspondence.length} message(s) between the city and the requester and public notes, ` +
            'one file each, in date order',
        ],
      ],
    },
    { kind: 'section', title: 'Not included' },
    {
      kind: 'list',
      items: [
        'Internal staff notes on the request: they were never sent to the requester, so they are not correspondence.',
        'The released documents themselves: summary.html lists their names, sizes and release dates; the ' +
          'requester downloads them with the status link.',
      ],
    },
    { kind: 'section', title: 'Personal data' },
    {
      kind: 'p',
      text:
        "This packet holds the requester's name and contact details. It is a staff-only export: give it to the " +
        "requester and to the city's counsel, and to no one else.",
    },
  ]);
}

function correspondenceFile(c: Correspondence, index: number, total: number, tn: string): string {
  return (
    [
      `Records request ${tn}: correspondence ${index + 1} of ${total}`,
      `Date: ${cityDateTimeText(c.message.at)}`,
      `From: ${c.from}`,
      `To: ${c.to}`,
      '',
      cleanText(c.message.text),
    ].join('\n') + '\n'
  );
}

function timelineFile(timeline: readonly AuditEvent[], tn: string): string {
  const lines = byTime(timeline).map((event) => {
    // Only the when, the what and the who: details hold before/after values.
    const actor =
      'system' in event.actor ? `system (${oneLine(event.actor.system)})` : oneLine(event.actor.username);
    return `${event.at}  ${cityDateTimeText(event.at)}  ${oneLine(event.action)}  ${actor}`;
  });
  return (
    [
      `Audit timeline of records request ${tn}`,
      'Each line: instant (UTC or as recorded), city time, action, who (staff username, or system).',
      '',
      ...(lines.length ? lines : ['(no events)']),
    ].join('\n') + '\n'
  );
}

// ---------------------------------------------------------------- the packet

/** The appeal packet's files, in the order they go into the zip. */
export function appealPacket(input: AppealPacketInput): AppealPacket {
  const tn = input.request.trackingNumber;
  const issues: FieldIssue[] = [];
  if (typeof tn !== 'string' || !TRACKING_NUMBER.test(tn))
    issues.push({ path: 'request.trackingNumber', message: 'must be letters, digits and dashes' });
  if (!isIsoInstant(input.generatedAt))
    issues.push({ path: 'generatedAt', message: 'must be an ISO 8601 instant with a time zone' });
  if (typeof input.city?.name !== 'string' || !oneLine(input.city.name))
    issues.push({ path: 'city.name', message: 'must not be empty' });
  if (issues.length) throw badRequest('The appeal packet cannot be built from these details.', issues);

  const cityName = oneLine(input.city.name);
  const correspondence = correspondenceOf(input.messages, cityName);
  const facts = factsOf(input, correspondence);
  const summary = summaryBlocks(facts);
  return {
    fileName: `appeal-packet-${tn}.zip`,
    generatedAt: input.generatedAt,
    files: [
      { path: 'README.txt', content: readme(facts) },
      { path: 'summary.html', content: renderHtml(summary) },
      { path: 'summary.txt', content: renderText(summary) },
      { path: 'request.json', content: `${JSON.stringify(facts, null, 2)}\n` },
      { path: 'timeline.txt', content: timelineFile(input.timeline, tn) },
      ...correspondence.map((c, i) => ({
        path: c.path,
        content: correspondenceFile(c, i, correspondence.length, tn),
      })),
    ],
  };
}

/**
 * The packet as a zip. Reproducible: every entry gets the same modification
 * time, the city's wall-clock time of `generatedAt`. ZIP stores local times
 * without a zone and fflate reads them with the process's local getters, so
 * the Date is built from the New York fields in local time; the bytes are then
 * the same whatever TZ the process runs in.
 */
export function zipAppealPacket(packet: AppealPacket): Uint8Array {
  const p = cityWallClock(packet.generatedAt);
  const mtime = new Date(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const file of packet.files) {
    if (Object.hasOwn(entries, file.path)) throw badRequest(`Duplicate file in the packet: ${file.path}`);
    entries[file.path] = [strToU8(file.content), { mtime }];
  }
  return zipSync(entries, { level: 6 });
}
