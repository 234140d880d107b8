/**
 * The public help on enforcement: who enforces what, the common violations
 * and what happens after a report, the FAQ, step-by-step guides, and the
 * sanctions the platform applies. It is content the city edits (the City
 * Clerk or City IT, `PUT /v1/staff/enforcement/help`), not prose in code:
 * `DEFAULT_HELP_CONTENT` is only what residents see until the city saves its
 * own version.
 *
 * The rules behind the defaults: monetary fines are set by city ordinance,
 * never by the platform; the platform sends notices and orders to correct,
 * suspends or revokes API access, escalates, and keeps the record. Reports go
 * to `POST /v1/violation-reports` (anonymous allowed; the reporter is never
 * shown to the party reported).
 *
 * Pure: no AWS, no adapters. The store is a port.
 */
import { VIOLATION_CATEGORIES, type ViolationCategory } from './cases';
import { ACTION_FOR_LEVEL, type OffenceLevel, type SanctionAction } from '../api-access/api-keys';
import { auditEvent, type AuditEvent, type Clock } from '../audit';
import {
  APPEAL_CALENDAR_DAYS,
  PERSONNEL_FILES_BUSINESS_DAYS,
  RESPONSE_BUSINESS_DAYS,
} from '../records/clocks';
import { FOI_COMMISSION } from '../records/letters';
import { DEPARTMENTS, RECORDS_CONTACTS, departmentById, type DepartmentId } from '../../shared/city-profile';
import { badRequest, PlatformError, type FieldIssue } from '../../shared/errors';
import type { StaffPrincipal } from '../../shared/staff';

// ---------------------------------------------------------------- model

/** The violation categories a report can name (`POST /v1/violation-reports` uses the same ids). */
/** The same categories reports are filed under (one list: cases.ts). */
export const VIOLATION_IDS = VIOLATION_CATEGORIES;
export type ViolationId = ViolationCategory;

/** The enforcer that stands for "the department that owns the dataset" (whichever it is). */
export const OWNING_DEPARTMENT = 'owning-department';
export type EnforcerOffice = DepartmentId | typeof OWNING_DEPARTMENT;

/** What a phone number holds until the city fills it in; views never show it. */
export const PLACEHOLDER_MARK = 'TO BE FILLED IN BY THE CITY';
export const PHONE_PLACEHOLDER = `${PLACEHOLDER_MARK}: phone number`;

export const REPORT_PATH = '/v1/violation-reports';

export interface HelpLink {
  label: string;
  /** `https://…` or a path on this site (`/v1/records-exemptions`). */
  href: string;
}

export interface ContactDetails {
  email: string;
  /** A phone number, or PHONE_PLACEHOLDER until the city fills it in. */
  phone?: string;
  hours: string;
}

export interface DepartmentContact {
  department: DepartmentId;
  name: string;
  email: string;
  phone?: string;
}

export interface Enforcer {
  /** A department id, or `owning-department` for the department that owns the dataset. */
  office: EnforcerOffice;
  name: string;
  /** What this office enforces, one item per line. */
  enforces: string[];
  /** Required for a department; the owning-department entry lists `departmentContacts` instead. */
  contact?: ContactDetails;
  departmentContacts?: DepartmentContact[];
}

export interface Violation {
  id: ViolationId;
  title: string;
  description: string;
  examples: string[];
  /** Enforcer offices, first the one that leads. */
  handledBy: EnforcerOffice[];
  /** What happens after a report, in order. */
  afterReport: string[];
  links?: HelpLink[];
}

export interface FaqEntry {
  id: string;
  question: string;
  /** Plain text; paragraphs separated by a blank line. */
  answer: string;
  links?: HelpLink[];
}

export interface HowToGuide {
  id: string;
  title: string;
  summary?: string;
  steps: string[];
  links?: HelpLink[];
}

export interface SanctionStep {
  level: OffenceLevel;
  /** What the platform applies at this level (fixed by the platform's rules: api-keys.ts). */
  sanction: Exclude<SanctionAction, 'reinstate'>;
  title: string;
  description: string;
}

export interface Penalties {
  /** Says that fines are set by city ordinance, not by the platform. */
  finesNote: string;
  /** What the platform itself does: notices, orders to correct, suspension, escalation, the record. */
  platformActions: string[];
  /** The ladder for misuse of the API. */
  apiMisuse: SanctionStep[];
}

/** The part the city edits. */
export interface HelpContentSections {
  enforcers: Enforcer[];
  violations: Violation[];
  faq: FaqEntry[];
  howTo: HowToGuide[];
  penalties: Penalties;
}

export interface HelpContent extends HelpContentSections {
  /** 0 for the defaults; each save adds 1 (a stale one gets 409 STALE_REVISION). */
  revision: number;
  /** `help-r<revision>`. */
  version: string;
  updatedAt: string;
  /** The office that saved it (the audit trail names the person). */
  updatedBy: string;
}

export const versionOf = (revision: number) => `help-r${revision}`;

// ---------------------------------------------------------------- limits

export const HELP_LIMITS = {
  enforcers: 10,
  enforces: 10,
  violationSteps: 10,
  examples: 10,
  handledBy: 5,
  faq: 50,
  howTo: 20,
  steps: 15,
  links: 5,
  platformActions: 10,
  id: 64,
  name: 120,
  title: 120,
  question: 300,
  line: 1000,
  summary: 500,
  description: 2000,
  answer: 4000,
  hours: 200,
  email: 254,
  href: 500,
  linkLabel: 120,
  /** The whole content as JSON, in bytes: well inside a DynamoDB item (400 KB) and a request body (256 KB). */
  totalBytes: 150 * 1024,
} as const;

// ---------------------------------------------------------------- defaults

const CLERK = departmentById('city-clerk')!;
const IT = departmentById('information-technology')!;
const OFFICE_HOURS =
  'Monday to Friday during City Hall business hours, except legal holidays and city closures';
const due = `${RESPONSE_BUSINESS_DAYS} business days`;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const LINKS = {
  foiCommission: { label: FOI_COMMISSION.name, href: FOI_COMMISSION.web },
  apiTerms: { label: 'API terms of use', href: '/v1/api-terms' },
  exemptions: { label: 'What the city cites when it withholds records', href: '/v1/records-exemptions' },
  archive: { label: 'Answered requests (archive)', href: '/v1/records-requests/archive' },
  calendar: { label: 'Days the city is closed', href: '/v1/holiday-calendar' },
  catalog: { label: 'Dataset catalog', href: '/v1/datasets' },
  usage: { label: 'Your key’s usage and limits', href: '/v1/usage' },
  contacts: { label: 'Who enforces what', href: '/v1/enforcement/contacts' },
} satisfies Record<string, HelpLink>;

export const DEFAULT_HELP_CONTENT: HelpContent = deepFreeze({
  revision: 0,
  version: versionOf(0),
  updatedAt: '2026-11-01T00:00:00.000Z',
  updatedBy: 'Platform defaults (not yet reviewed by the city)',
  enforcers: [
    {
      office: 'information-technology',
      name: `${IT.name} (City IT)`,
      enforces: [
        'Use of the open data API: scraping, too many requests, shared keys and other breaches of the API terms of use.',
        'Personal data found in a published dataset, together with the department that owns the dataset.',
        'Notices, orders to correct, and suspension or revocation of API keys.',
      ],
      contact: {
        email: RECORDS_CONTACTS.departments['information-technology'].liaison,
        phone: PHONE_PLACEHOLDER,
        hours: OFFICE_HOURS,
      },
    },
    {
      office: 'city-clerk',
      name: CLERK.name,
      enforces: [
        `Public records requests: an answer within the legal timeframe (${due}, C.G.S. §1-206).`,
        'Denials and the reasons the city cites, fees for copies, and the escalation of overdue requests.',
        'Reports that do not fit another category: the Clerk sends them to the office responsible.',
      ],
      contact: { email: RECORDS_CONTACTS.cityClerk, phone: PHONE_PLACEHOLDER, hours: OFFICE_HOURS },
    },
    {
      office: OWNING_DEPARTMENT,
      name: 'The department that owns the dataset',
      enforces: [
        'Its own datasets and records: removing or redacting personal data, and publishing a corrected version.',
        'Every dataset names its owner (the "ownerDepartment" of the dataset in the catalog).',
      ],
      departmentContacts: DEPARTMENTS.map((d) => ({
        department: d.id,
        name: d.name,
        email: RECORDS_CONTACTS.departments[d.id].liaison,
      })),
    },
  ],
  violations: [
    {
      id: 'personal-data',
      title: 'Personal data released or not redacted',
      description:
        'A dataset, a released record or another city publication shows personal information that should have been removed or blacked out.',
      examples: [
        'A Social Security number, a date of birth or a driver’s license number in a dataset.',
        'Bank or card numbers in a released document.',
        'The home address of someone whose address the law protects (C.G.S. §1-217), such as a judge or a police officer.',
      ],
      handledBy: [OWNING_DEPARTMENT, 'information-technology'],
      afterReport: [
        'The department that owns the data and City IT look at the report.',
        'If the personal data is there, the department withdraws the affected version and publishes a corrected one, or releases a redacted copy.',
        'The correction is recorded in the dataset’s or the request’s audit trail.',
        'If you left an e-mail address, the city tells you what it did.',
      ],
      links: [LINKS.catalog],
    },
    {
      id: 'api-abuse',
      title: 'Improper use of the API',
      description:
        'Someone uses the open data API in a way the API terms of use do not allow, or in a way that slows it down for everyone.',
      examples: [
        'Scraping: paging through whole datasets again and again instead of using the download or the change list.',
        'Sending far more requests than the key’s usage plan allows, or using several keys to get around the limits.',
        'Sharing or selling a key, or using the data to harass people or to identify them.',
      ],
      handledBy: ['information-technology'],
      afterReport: [
        'City IT checks the key’s usage records.',
        'First offence: the key holder gets a notice and an order to correct by e-mail.',
        'Repeat offence: the key is suspended.',
        'Continuing offence: the key is revoked.',
        'Every notice and sanction is recorded with its reason.',
      ],
      links: [LINKS.apiTerms],
    },
    {
      id: 'records-not-answered',
      title: 'A public records request not answered in time',
      description: `The city must answer a public records request within ${due} (C.G.S. §1-206(a)), or ${PERSONNEL_FILES_BUSINESS_DAYS} business days for personnel, medical or similar files (C.G.S. §1-214). A request not answered in time counts as denied.`,
      examples: [
        `No acknowledgment or answer ${due} after the city received your request.`,
        'No reply after you answered a question from the city about your request.',
      ],
      handledBy: ['city-clerk'],
      afterReport: [
        'The City Clerk looks up the request by its tracking number and asks the department for an answer.',
        'Overdue requests are also escalated every day to the department head and the City Clerk.',
        `You keep your right to appeal to the ${FOI_COMMISSION.name}. Reporting to the city does not stop the ${APPEAL_CALENDAR_DAYS} days you have to appeal.`,
      ],
      links: [LINKS.foiCommission, LINKS.calendar],
    },
    {
      id: 'other',
      title: 'Something else',
      description:
        'Another problem with the open data platform or with public records. Say what happened, where and when.',
      examples: ['A dataset that is wrong or out of date.', 'A city web page that gives wrong information.'],
      handledBy: ['city-clerk'],
      afterReport: [
        'The City Clerk reads the report and sends it to the office responsible.',
        'If you left an e-mail address, that office tells you what it did.',
      ],
    },
  ],
  faq: [
    {
      id: 'who-enforces',
      question: 'Who enforces the rules of the open data platform and public records?',
      answer:
        'City IT handles misuse of the API and, with the department that owns the dataset, personal data in datasets. ' +
        'The City Clerk handles public records requests. The department that owns a dataset corrects its own data.',
      links: [LINKS.contacts],
    },
    {
      id: 'report-anonymously',
      question: 'Can I report a violation without giving my name?',
      answer:
        'Yes. Your name and e-mail address are optional. If you leave an e-mail address, the city can ask you a question and tell you what it did.\n\n' +
        'Your identity is never shown to the person, business or office you report.',
    },
    {
      id: 'after-a-report',
      question: 'What happens after I report a violation?',
      answer:
        'The office responsible reviews the report. Depending on what it finds, it sends a notice or an order to correct, ' +
        'suspends or revokes API access, or escalates to a department head and the City Clerk. Every step is recorded.',
    },
    {
      id: 'fines',
      question: 'Will someone be fined because of my report?',
      answer:
        'This platform does not fine anyone. Fines, where the law allows them, are set by city ordinance and imposed under it. ' +
        'The platform handles notices, orders to correct, suspension of API keys or access, escalation, and keeps the record.',
    },
    {
      id: 'records-deadline',
      question: 'How long does the city have to answer my records request?',
      answer:
        `${due} after the city receives it (C.G.S. §1-206(a)); ${PERSONNEL_FILES_BUSINESS_DAYS} business days for personnel, medical or similar files (C.G.S. §1-214). ` +
        'Weekends, legal holidays and city closures do not count. If there is no answer in time, the request counts as denied.',
      links: [LINKS.calendar],
    },
    {
      id: 'appeal',
      question: 'My request was denied or not answered. What can I do?',
      answer:
        `You can appeal to the ${FOI_COMMISSION.name} within ${APPEAL_CALENDAR_DAYS} days of the denial, or of the day an unanswered request counted as denied (C.G.S. §1-206(b)(1)). ` +
        `Contact: ${FOI_COMMISSION.address}; phone ${FOI_COMMISSION.phone}; e-mail ${FOI_COMMISSION.email}.`,
      links: [LINKS.foiCommission],
    },
    {
      id: 'key-suspended',
      question: 'My API key was suspended. What can I do?',
      answer:
        'Read the notice the city sent you: it says why, and until when if the suspension has an end date. ' +
        'Fix the problem, then reply to City IT. A suspension with an end date ends by itself on that date.',
      links: [LINKS.apiTerms, LINKS.usage],
    },
  ],
  howTo: [
    {
      id: 'request-public-records',
      title: 'Request public records',
      summary: 'Anyone may ask. You do not need to say why.',
      steps: [
        'Describe the records you want as precisely as you can: the subject, the dates, the department if you know it.',
        'Send the request online (POST /v1/records-requests), or by mail, e-mail, phone or in person to the City Clerk.',
        'Keep the tracking number and the private status link you receive.',
        `The city answers within ${due}. Follow the status link to see messages, the fee for copies and the released files.`,
        'If part of a record is withheld, the city cites the law that allows it.',
      ],
      links: [LINKS.exemptions, LINKS.archive],
    },
    {
      id: 'apply-for-api-key',
      title: 'Apply for an API key',
      summary: 'An API key lets you download files and read dataset rows through the API.',
      steps: [
        'Read the API terms of use.',
        'Apply with your name, e-mail address, what you will use the data for and the datasets you need (POST /v1/api-key-applications).',
        'The department that owns the data, or City IT for general access, decides.',
        'If approved, you get an e-mail with a link to retrieve your key. It works once: keep the key secret.',
        'Stay within your usage plan. You can check your usage at any time.',
      ],
      links: [LINKS.apiTerms, LINKS.usage],
    },
    {
      id: 'report-a-violation',
      title: 'Report a violation',
      steps: [
        'Choose what you are reporting: personal data, misuse of the API, a records request not answered in time, or something else.',
        'Say what happened, where (the dataset, the tracking number or the web page) and when.',
        `Send the report (POST ${REPORT_PATH}). Your name and e-mail address are optional.`,
        'The office responsible reviews it. Your identity is never shown to the party you report.',
      ],
      links: [LINKS.contacts],
    },
    {
      id: 'appeal-to-foi-commission',
      title: 'Appeal to the Freedom of Information Commission',
      summary: `If your records request was denied or not answered in time, you have ${APPEAL_CALENDAR_DAYS} days to appeal.`,
      steps: [
        `Write a notice of appeal within ${APPEAL_CALENDAR_DAYS} days of the denial, or of the day an unanswered request counted as denied.`,
        'Include your tracking number, what you asked for, and a copy of the denial letter if you got one.',
        `Send it to the ${FOI_COMMISSION.name}, ${FOI_COMMISSION.address}, or by e-mail to ${FOI_COMMISSION.email}.`,
        'The Commission may hold a hearing and can order the city to release the records.',
      ],
      links: [LINKS.foiCommission],
    },
  ],
  penalties: {
    finesNote:
      'The platform does not fine anyone. Monetary fines, where the law allows them, are set by city ordinance and imposed under it.',
    platformActions: [
      'Notices and orders to correct.',
      'Suspension of an API key or of access.',
      'Revocation of an API key.',
      'Escalation to the department head and the City Clerk.',
      'A record of every report, notice and sanction.',
    ],
    apiMisuse: [
      {
        level: 'first',
        sanction: 'notice',
        title: 'First offence: notice and order to correct',
        description: 'The key holder is told what was wrong and what to change. The key keeps working.',
      },
      {
        level: 'repeat',
        sanction: 'suspend',
        title: 'Repeat offence: suspension',
        description:
          'The key stops working, until a date or until City IT reinstates it. The key holder is told why.',
      },
      {
        level: 'continuing',
        sanction: 'revoke',
        title: 'Continuing offence: revocation',
        description: 'The key is cancelled for good. The key holder is told why.',
      },
    ],
  },
} satisfies HelpContent);

// ---------------------------------------------------------------- validation

const LEVELS: readonly OffenceLevel[] = ['first', 'repeat', 'continuing'];
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const EMAIL = /^[^\s@<>()",;:]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;
const PHONE = /^\+?[0-9().\- ]{7,25}(?:\s*(?:ext\.?|x)\s*\d{1,6})?$/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_BREAK = /[\n\r]/;
const PLACEHOLDER = new RegExp(`${PLACEHOLDER_MARK}|\\bTODO\\b|lorem ipsum|\\{\\{`, 'i');
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const RELATIVE = /^[A-Za-z0-9\-._~/?#=&%+:@!$'()*,;]+$/;

/** A link the help may show: https with a host and no credentials, or a path on this site. */
export function isAllowedHref(href: string): boolean {
  if (!href || href.length > HELP_LIMITS.href || /[\s\\<>"`]/.test(href)) return false;
  if (SCHEME.test(href)) {
    if (!/^https:\/\/[^/]/i.test(href)) return false;
    try {
      const url = new URL(href);
      return url.protocol === 'https:' && url.hostname !== '' && !url.username && !url.password;
    } catch {
      return false;
    }
  }
  return !href.startsWith('//') && RELATIVE.test(href);
}

export const isPhonePlaceholder = (phone: string | undefined) => phone === PHONE_PLACEHOLDER;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const at = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** Collects every problem with a field path, so the editor can fix them all in one go. */
class Checker {
  readonly issues: FieldIssue[] = [];

  fail(path: string, message: string): undefined {
    this.issues.push({ path, message });
    return undefined;
  }

  object(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []) {
    if (!isObject(value)) return this.fail(path, 'must be an object');
    for (const key of Object.keys(value)) {
      if (!required.includes(key) && !optional.includes(key))
        this.fail(at(path, key), 'is not a known field');
    }
    for (const key of required) if (value[key] === undefined) this.fail(at(path, key), 'is required');
    return value;
  }

  text(
    value: unknown,
    path: string,
    min: number,
    max: number,
    options: { multiline?: boolean } = {},
  ): string | undefined {
    if (value === undefined) return undefined; // reported as required by object()
    if (typeof value !== 'string') return this.fail(path, 'must be text');
    const text = value.replace(/\r\n?/g, '\n').trim();
    if (text.length < min) return this.fail(path, `must be at least ${min} characters`);
    if (text.length > max) return this.fail(path, `must be at most ${max} characters`);
    if (CONTROL.test(text)) return this.fail(path, 'must not contain control characters');
    if (!options.multiline && LINE_BREAK.test(text)) return this.fail(path, 'must be one line');
    if (PLACEHOLDER.test(text)) {
      return this.fail(
        path,
        'still holds placeholder text: write the text itself (only phone numbers may wait)',
      );
    }
    return text;
  }

  list<T>(
    value: unknown,
    path: string,
    min: number,
    max: number,
    each: (item: unknown, path: string, index: number) => T | undefined,
  ): T[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return this.fail(path, 'must be a list');
    if (value.length < min) return this.fail(path, `must have at least ${min} item${min === 1 ? '' : 's'}`);
    if (value.length > max) return this.fail(path, `must have at most ${max} items`);
    const out = value.map((item, i) => each(item, at(path, i), i));
    return out.every((item) => item !== undefined) ? (out as T[]) : undefined;
  }

  lines(value: unknown, path: string, min: number, max: number) {
    return this.list(value, path, min, max, (item, p) => this.text(item, p, 3, HELP_LIMITS.line));
  }

  id(value: unknown, path: string, seen: Set<string>): string | undefined {
    const id = this.text(value, path, 1, HELP_LIMITS.id);
    if (id === undefined) return undefined;
    if (!ID.test(id))
      return this.fail(path, 'must be lowercase words joined by dashes, like "report-a-violation"');
    if (seen.has(id)) return this.fail(path, `"${id}" appears twice`);
    seen.add(id);
    return id;
  }

  email(value: unknown, path: string): string | undefined {
    const email = this.text(value, path, 3, HELP_LIMITS.email);
    if (email !== undefined && !EMAIL.test(email)) return this.fail(path, 'must be an e-mail address');
    return email;
  }

  phone(value: unknown, path: string): string | undefined {
    if (value === PHONE_PLACEHOLDER) return PHONE_PLACEHOLDER;
    if (typeof value !== 'string') return this.fail(path, 'must be a phone number');
    const phone = value.trim();
    if (!PHONE.test(phone) || (phone.match(/\d/g) ?? []).length < 7) {
      return this.fail(path, 'must be a phone number like (203) 555-0100, or left out');
    }
    return phone;
  }

  links(value: unknown, path: string): HelpLink[] | undefined {
    return this.list(value, path, 0, HELP_LIMITS.links, (item, p) => {
      const link = this.object(item, p, ['label', 'href']);
      if (!link) return undefined;
      const label = this.text(link.label, at(p, 'label'), 1, HELP_LIMITS.linkLabel);
      const href = this.text(link.href, at(p, 'href'), 1, HELP_LIMITS.href);
      if (href !== undefined && !isAllowedHref(href)) {
        return this.fail(at(p, 'href'), 'must be an https:// link or a path on this site, like /v1/datasets');
      }
      return label !== undefined && href !== undefined ? { label, href } : undefined;
    });
  }
}

const DEPARTMENT_IDS = DEPARTMENTS.map((d) => d.id as string);

function checkEnforcers(c: Checker, value: unknown): Enforcer[] | undefined {
  const offices = new Set<string>();
  return c.list(value, 'enforcers', 1, HELP_LIMITS.enforcers, (item, path) => {
    const e = c.object(item, path, ['office', 'name', 'enforces'], ['contact', 'departmentContacts']);
    if (!e) return undefined;
    const office = c.text(e.office, at(path, 'office'), 1, HELP_LIMITS.id);
    if (office !== undefined && office !== OWNING_DEPARTMENT && !DEPARTMENT_IDS.includes(office)) {
      return c.fail(
        at(path, 'office'),
        `must be a department id (${DEPARTMENT_IDS.join(', ')}) or ${OWNING_DEPARTMENT}`,
      );
    }
    if (office !== undefined && offices.has(office))
      return c.fail(at(path, 'office'), `"${office}" appears twice`);
    if (office !== undefined) offices.add(office);
    const name = c.text(e.name, at(path, 'name'), 2, HELP_LIMITS.name);
    const enforces = c.lines(e.enforces, at(path, 'enforces'), 1, HELP_LIMITS.enforces);
    let contact: ContactDetails | undefined;
    let departmentContacts: DepartmentContact[] | undefined;
    if (office === OWNING_DEPARTMENT) {
      if (e.contact !== undefined)
        c.fail(at(path, 'contact'), 'the owning department is reached through departmentContacts');
      const seen = new Set<string>();
      departmentContacts = c.list(
        e.departmentContacts ??
          c.fail(at(path, 'departmentContacts'), 'is required for the owning department'),
        at(path, 'departmentContacts'),
        1,
        DEPARTMENTS.length,
        (raw, p) => {
          const d = c.object(raw, p, ['department', 'name', 'email'], ['phone']);
          if (!d) return undefined;
          const department = c.text(d.department, at(p, 'department'), 1, HELP_LIMITS.id);
          if (department !== undefined && !DEPARTMENT_IDS.includes(department)) {
            return c.fail(at(p, 'department'), `must be a department id (${DEPARTMENT_IDS.join(', ')})`);
          }
          if (department !== undefined && seen.has(department)) {
            return c.fail(at(p, 'department'), `"${department}" appears twice`);
          }
          if (department !== undefined) seen.add(department);
          const dName = c.text(d.name, at(p, 'name'), 2, HELP_LIMITS.name);
          const email = c.email(d.email, at(p, 'email'));
          const phone = d.phone === undefined ? undefined : c.phone(d.phone, at(p, 'phone'));
          if (department === undefined || dName === undefined || email === undefined) return undefined;
          if (d.phone !== undefined && phone === undefined) return undefined;
          return {
            department: department as DepartmentId,
            name: dName,
            email,
            ...(phone ? { phone } : {}),
          };
        },
      );
    } else if (office !== undefined) {
      if (e.departmentContacts !== undefined) {
        c.fail(
          at(path, 'departmentContacts'),
          `only the ${OWNING_DEPARTMENT} entry lists department contacts`,
        );
      }
      const raw =
        e.contact === undefined
          ? c.fail(at(path, 'contact'), 'is required')
          : c.object(e.contact, at(path, 'contact'), ['email', 'hours'], ['phone']);
      if (raw) {
        const email = c.email(raw.email, at(path, 'contact.email'));
        const hours = c.text(raw.hours, at(path, 'contact.hours'), 3, HELP_LIMITS.hours);
        const phone = raw.phone === undefined ? undefined : c.phone(raw.phone, at(path, 'contact.phone'));
        if (email !== undefined && hours !== undefined && (raw.phone === undefined || phone !== undefined)) {
          contact = { email, ...(phone ? { phone } : {}), hours };
        }
      }
    }
    if (office === undefined || name === undefined || enforces === undefined) return undefined;
    if (office === OWNING_DEPARTMENT ? !departmentContacts : !contact) return undefined;
    return {
      office: office as EnforcerOffice,
      name,
      enforces,
      ...(contact ? { contact } : {}),
      ...(departmentContacts ? { departmentContacts } : {}),
    };
  });
}

function checkViolations(c: Checker, value: unknown, offices: Set<string> | undefined) {
  const seen = new Set<string>();
  const violations = c.list(value, 'violations', 1, VIOLATION_IDS.length, (item, path) => {
    const v = c.object(
      item,
      path,
      ['id', 'title', 'description', 'examples', 'handledBy', 'afterReport'],
      ['links'],
    );
    if (!v) return undefined;
    let id = c.text(v.id, at(path, 'id'), 1, HELP_LIMITS.id);
    if (id !== undefined && !(VIOLATION_IDS as readonly string[]).includes(id)) {
      id = c.fail(at(path, 'id'), `must be one of ${VIOLATION_IDS.join(', ')}`);
    } else if (id !== undefined && seen.has(id)) {
      id = c.fail(at(path, 'id'), `"${id}" appears twice`);
    }
    if (id !== undefined) seen.add(id);
    const title = c.text(v.title, at(path, 'title'), 3, HELP_LIMITS.title);
    const description = c.text(v.description, at(path, 'description'), 10, HELP_LIMITS.description, {
      multiline: true,
    });
    const examples = c.lines(v.examples, at(path, 'examples'), 0, HELP_LIMITS.examples);
    const handled = new Set<string>();
    const handledBy = c.list(v.handledBy, at(path, 'handledBy'), 1, HELP_LIMITS.handledBy, (raw, p) => {
      const office = c.text(raw, p, 1, HELP_LIMITS.id);
      if (office === undefined) return undefined;
      if (offices && !offices.has(office)) return c.fail(p, `"${office}" is not one of the enforcers`);
      if (handled.has(office)) return c.fail(p, `"${office}" appears twice`);
      handled.add(office);
      return office as EnforcerOffice;
    });
    const afterReport = c.lines(v.afterReport, at(path, 'afterReport'), 1, HELP_LIMITS.violationSteps);
    const links = v.links === undefined ? [] : c.links(v.links, at(path, 'links'));
    if ([id, title, description, examples, handledBy, afterReport, links].includes(undefined))
      return undefined;
    return {
      id: id as ViolationId,
      title: title!,
      description: description!,
      examples: examples!,
      handledBy: handledBy!,
      afterReport: afterReport!,
      ...(links!.length ? { links: links! } : {}),
    };
  });
  if (Array.isArray(value)) {
    const missing = VIOLATION_IDS.filter((id) => !value.some((v) => isObject(v) && v.id === id));
    if (missing.length)
      c.fail('violations', `must describe every category once; missing: ${missing.join(', ')}`);
  }
  return violations;
}

function checkFaq(c: Checker, value: unknown): FaqEntry[] | undefined {
  const seen = new Set<string>();
  return c.list(value, 'faq', 1, HELP_LIMITS.faq, (item, path) => {
    const f = c.object(item, path, ['id', 'question', 'answer'], ['links']);
    if (!f) return undefined;
    const id = c.id(f.id, at(path, 'id'), seen);
    const question = c.text(f.question, at(path, 'question'), 5, HELP_LIMITS.question);
    const answer = c.text(f.answer, at(path, 'answer'), 10, HELP_LIMITS.answer, { multiline: true });
    const links = f.links === undefined ? [] : c.links(f.links, at(path, 'links'));
    if (id === undefined || question === undefined || answer === undefined || links === undefined)
      return undefined;
    return { id, question, answer, ...(links.length ? { links } : {}) };
  });
}

function checkHowTo(c: Checker, value: unknown): HowToGuide[] | undefined {
  const seen = new Set<string>();
  return c.list(value, 'howTo', 1, HELP_LIMITS.howTo, (item, path) => {
    const g = c.object(item, path, ['id', 'title', 'steps'], ['summary', 'links']);
    if (!g) return undefined;
    const id = c.id(g.id, at(path, 'id'), seen);
    const title = c.text(g.title, at(path, 'title'), 3, HELP_LIMITS.title);
    const summary =
      g.summary === undefined ? undefined : c.text(g.summary, at(path, 'summary'), 3, HELP_LIMITS.summary);
    const steps = c.lines(g.steps, at(path, 'steps'), 1, HELP_LIMITS.steps);
    const links = g.links === undefined ? [] : c.links(g.links, at(path, 'links'));
    if (id === undefined || title === undefined || steps === undefined || links === undefined)
      return undefined;
    if (g.summary !== undefined && summary === undefined) return undefined;
    return { id, title, ...(summary ? { summary } : {}), steps, ...(links.length ? { links } : {}) };
  });
}

function checkPenalties(c: Checker, value: unknown): Penalties | undefined {
  if (value === undefined) return undefined; // reported as required
  const p = c.object(value, 'penalties', ['finesNote', 'platformActions', 'apiMisuse']);
  if (!p) return undefined;
  let finesNote = c.text(p.finesNote, 'penalties.finesNote', 20, HELP_LIMITS.line, { multiline: true });
  if (finesNote !== undefined && !/ordinance/i.test(finesNote)) {
    finesNote = c.fail(
      'penalties.finesNote',
      'must say that fines are set by city ordinance (the platform imposes none)',
    );
  }
  const platformActions = c.lines(
    p.platformActions,
    'penalties.platformActions',
    1,
    HELP_LIMITS.platformActions,
  );
  const apiMisuse = c.list(
    p.apiMisuse,
    'penalties.apiMisuse',
    LEVELS.length,
    LEVELS.length,
    (item, path, i) => {
      const s = c.object(item, path, ['level', 'sanction', 'title', 'description']);
      if (!s) return undefined;
      const level = LEVELS[i]!;
      if (s.level !== level)
        return c.fail(at(path, 'level'), `must be "${level}" (the ladder is first, repeat, continuing)`);
      const sanction = ACTION_FOR_LEVEL[level] as SanctionStep['sanction'];
      if (s.sanction !== sanction) {
        return c.fail(
          at(path, 'sanction'),
          `must be "${sanction}": that is what the platform applies to a ${level} offence`,
        );
      }
      const title = c.text(s.title, at(path, 'title'), 3, HELP_LIMITS.title);
      const description = c.text(s.description, at(path, 'description'), 10, HELP_LIMITS.line, {
        multiline: true,
      });
      if (title === undefined || description === undefined) return undefined;
      return { level, sanction, title, description };
    },
  );
  if (finesNote === undefined || platformActions === undefined || apiMisuse === undefined) return undefined;
  return { finesNote, platformActions, apiMisuse };
}

/**
 * Checks the sections the city edits and returns them normalized (text
 * trimmed, line ends as \n). Throws 400 VALIDATION_FAILED listing every
 * problem with its field path (`faq.2.answer`).
 */
export function validateHelpContent(input: unknown): HelpContentSections {
  const c = new Checker();
  const root = c.object(input, '', ['enforcers', 'violations', 'faq', 'howTo', 'penalties']);
  if (root) {
    const enforcers = checkEnforcers(c, root.enforcers);
    const offices = Array.isArray(root.enforcers)
      ? new Set(root.enforcers.filter(isObject).map((e) => String(e.office)))
      : undefined;
    const violations = checkViolations(c, root.violations, offices);
    const faq = checkFaq(c, root.faq);
    const howTo = checkHowTo(c, root.howTo);
    const penalties = checkPenalties(c, root.penalties);
    if (!c.issues.length && enforcers && violations && faq && howTo && penalties) {
      const sections: HelpContentSections = { enforcers, violations, faq, howTo, penalties };
      const bytes = new TextEncoder().encode(JSON.stringify(sections)).length;
      if (bytes <= HELP_LIMITS.totalBytes) return sections;
      c.fail(
        '',
        `is ${Math.ceil(bytes / 1024)} KB; the help content may be at most ${HELP_LIMITS.totalBytes / 1024} KB`,
      );
    }
  }
  const shown = c.issues.slice(0, 50);
  throw badRequest(
    `The help content has ${c.issues.length} problem${c.issues.length === 1 ? '' : 's'}: ` +
      shown
        .slice(0, 3)
        .map((i) => `${i.path || 'content'} ${i.message}`)
        .join('; ') +
      (c.issues.length > 3 ? '; …' : ''),
    shown.length ? shown : [{ path: '', message: 'is not valid help content' }],
  );
}

/** Field paths still holding a placeholder (phone numbers the city has not filled in). */
export function placeholderFields(content: HelpContentSections): string[] {
  const paths: string[] = [];
  content.enforcers.forEach((e, i) => {
    if (isPhonePlaceholder(e.contact?.phone)) paths.push(`enforcers.${i}.contact.phone`);
    e.departmentContacts?.forEach((d, j) => {
      if (isPhonePlaceholder(d.phone)) paths.push(`enforcers.${i}.departmentContacts.${j}.phone`);
    });
  });
  return paths;
}

/**
 * The phone numbers the city still has to give: an office's contact phone
 * that is missing or a placeholder, and department phones left as placeholders.
 * (Views leave placeholders out, so an edit sent back from the public page drops them.)
 */
export function phonesToFillIn(content: HelpContentSections): string[] {
  const paths: string[] = [];
  content.enforcers.forEach((e, i) => {
    if (e.contact && (!e.contact.phone || isPhonePlaceholder(e.contact.phone))) {
      paths.push(`enforcers.${i}.contact.phone`);
    }
    e.departmentContacts?.forEach((d, j) => {
      if (isPhonePlaceholder(d.phone)) paths.push(`enforcers.${i}.departmentContacts.${j}.phone`);
    });
  });
  return paths;
}

// ---------------------------------------------------------------- public views

function withoutPlaceholderPhone<T extends { phone?: string }>(contact: T): T {
  if (!isPhonePlaceholder(contact.phone)) return contact;
  const { phone: _placeholder, ...rest } = contact;
  return rest as T;
}

function publicEnforcer(enforcer: Enforcer): Enforcer {
  return {
    ...enforcer,
    ...(enforcer.contact ? { contact: withoutPlaceholderPhone(enforcer.contact) } : {}),
    ...(enforcer.departmentContacts
      ? { departmentContacts: enforcer.departmentContacts.map(withoutPlaceholderPhone) }
      : {}),
  };
}

const REPORTING = {
  method: 'POST',
  path: REPORT_PATH,
  categories: VIOLATION_IDS,
  anonymousAllowed: true,
  note: 'Your name and e-mail address are optional, and your identity is never shown to the party you report.',
} as const;

const APPEALS = {
  to: FOI_COMMISSION.name,
  address: FOI_COMMISSION.address,
  phone: FOI_COMMISSION.phone,
  email: FOI_COMMISSION.email,
  web: FOI_COMMISSION.web,
  deadlineDays: APPEAL_CALENDAR_DAYS,
  citation: 'C.G.S. §1-206(b)(1)',
} as const;

const stamp = (content: HelpContent) => ({
  version: content.version,
  revision: content.revision,
  updatedAt: content.updatedAt,
  updatedBy: content.updatedBy,
});

/**
 * `GET /v1/enforcement/help`: everything residents see. The sections are
 * the city's content as saved (so an editor can send them back with the
 * revision), except phone placeholders, which are left out.
 */
export function publicHelpView(content: HelpContent) {
  return {
    ...stamp(content),
    enforcers: content.enforcers.map(publicEnforcer),
    violations: content.violations,
    faq: content.faq,
    howTo: content.howTo,
    penalties: content.penalties,
    reporting: REPORTING,
    appeals: APPEALS,
  };
}

/** `GET /v1/enforcement/contacts`: who enforces what, with the violations each office handles. */
export function enforcementContacts(content: HelpContent) {
  return {
    ...stamp(content),
    enforcers: content.enforcers.map((enforcer) => ({
      ...publicEnforcer(enforcer),
      handles: content.violations
        .filter((v) => v.handledBy.includes(enforcer.office))
        .map((v) => ({ id: v.id, title: v.title, leads: v.handledBy[0] === enforcer.office })),
    })),
    reporting: REPORTING,
    appeals: APPEALS,
  };
}

// ---------------------------------------------------------------- use cases

export interface HelpContentStorePort {
  /** The saved content, or DEFAULT_HELP_CONTENT when the city has saved none. */
  current(options?: { consistent?: boolean }): Promise<HelpContent>;
  /** Saves `content` if the stored revision is still `expectedRevision` (else 409 STALE_REVISION), with its audit event. */
  save(content: HelpContent, expectedRevision: number, audit: AuditEvent): Promise<void>;
}

export const HELP_CONTENT_SUBJECT = { type: 'help-content', id: 'enforcement-help' } as const;

const SECTIONS = ['enforcers', 'violations', 'faq', 'howTo', 'penalties'] as const;

/** 409 STALE_REVISION: someone saved the help content since the editor read it. */
export function staleHelpRevision(yours: number, current: number) {
  return new PlatformError(
    409,
    'STALE_REVISION',
    `The help content changed since you opened it (you had revision ${yours}, it is now ${current}). Reload it and apply your change again.`,
    { context: { currentRevision: current } },
  );
}

function officeOf(principal: StaffPrincipal): string {
  if (!principal.department) return 'City staff';
  return departmentById(principal.department)?.name ?? principal.department;
}

/**
 * Saves the city's help content as the next revision, with an audit event
 * naming the sections that changed. `input` is the five sections plus the
 * revision the editor read.
 */
export async function saveHelpContent(
  deps: { store: HelpContentStorePort; clock: Clock },
  principal: StaffPrincipal,
  input: { revision: number } & Record<string, unknown>,
  context: { requestId: string },
) {
  const { revision, ...rest } = input;
  const sections = validateHelpContent(rest);
  const before = await deps.store.current({ consistent: true });
  if (before.revision !== revision) throw staleHelpRevision(revision, before.revision);
  const next: HelpContent = {
    ...sections,
    revision: before.revision + 1,
    version: versionOf(before.revision + 1),
    updatedAt: deps.clock.now(),
    updatedBy: officeOf(principal),
  };
  const changed = SECTIONS.filter((s) => JSON.stringify(before[s]) !== JSON.stringify(next[s]));
  await deps.store.save(
    next,
    before.revision,
    auditEvent(
      deps.clock,
      principal,
      'help-content.updated',
      HELP_CONTENT_SUBJECT,
      {
        changes: [{ field: 'version', before: before.version, after: next.version }],
        sectionsChanged: changed,
        counts: { faq: next.faq.length, howTo: next.howTo.length, enforcers: next.enforcers.length },
      },
      context.requestId,
    ),
  );
  return { content: next, phonesToFillIn: phonesToFillIn(next) };
}
