/**
 * The audit log viewer's rules: who may read the log, what a filter may say,
 * which stored days (UTC index partitions) a city day spans, and how an event's
 * details are shown without personal data. Pure: the adapter
 * (lambdas/adapters/audit-log-store.ts) runs the Queries.
 */
import type { FieldIssue } from '../shared/errors';
import { hasAnyRole, type StaffPrincipal, type StaffRole } from '../shared/staff';
import type { AuditEvent } from './audit';
import { nyDate } from './records/clocks';
import { fromDayNumber, isCalendarDate, toDayNumber } from './records/holiday-calendar';

/** The log spans every area (requests, keys, datasets, cases): the City Clerk and City IT read it, not one department. */
export const AUDIT_LOG_READERS: readonly StaffRole[] = ['clerk', 'it-admin'];

export function mayReadAuditLog(principal: StaffPrincipal): boolean {
  return hasAnyRole(principal, AUDIT_LOG_READERS);
}

export const AUDIT_SUBJECT_TYPES = [
  'records-request',
  'calendar',
  'api-key',
  'dataset',
  'case',
  'help-content',
  'protected-addresses',
] as const satisfies readonly AuditEvent['subject']['type'][];
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];

export interface AuditLogFilter {
  /** A city date; the day's events when no subject is given. */
  day?: string;
  subjectType?: AuditSubjectType;
  /** With a type: that record's own trail instead of a day. */
  subjectId?: string;
  /** A staff username, or a system actor's name (e.g. `online-intake`). */
  actor?: string;
  /** An action or its beginning (`records-request.` for all of them). */
  action?: string;
}

/** One page of the log, newest first; `nextCursor` is opaque. */
export interface AuditLogPage {
  events: AuditEvent[];
  nextCursor?: string;
}

const ACTOR = /^[A-Za-z0-9@._+-]{1,128}$/;
const ACTION = /^[a-z0-9.-]{1,80}$/;
const SUBJECT_ID = /^[A-Za-z0-9/._-]{1,128}$/;

/**
 * The filter from the page's fields (trimmed; empty means "any"). Without a
 * subject the log is read one city day at a time, `today` when none is given.
 */
export function auditLogFilter(
  input: Partial<Record<keyof AuditLogFilter, string | undefined>>,
  today: string,
): { filter: AuditLogFilter; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const text = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
  const filter: AuditLogFilter = {};
  const day = text(input.day);
  const subjectType = text(input.subjectType);
  const subjectId = text(input.subjectId);
  const actor = text(input.actor);
  const action = text(input.action)?.toLowerCase();
  if (day !== undefined) {
    if (isCalendarDate(day)) filter.day = day;
    else issues.push({ path: 'day', message: 'Enter a real date, YYYY-MM-DD.' });
  }
  if (subjectType !== undefined) {
    if ((AUDIT_SUBJECT_TYPES as readonly string[]).includes(subjectType))
      filter.subjectType = subjectType as AuditSubjectType;
    else issues.push({ path: 'subjectType', message: 'Choose one of the record types.' });
  }
  if (subjectId !== undefined) {
    if (!SUBJECT_ID.test(subjectId))
      issues.push({
        path: 'subjectId',
        message: 'Use the record’s number or id (letters, digits, - _ . /).',
      });
    else if (!filter.subjectType && subjectType === undefined)
      issues.push({ path: 'subjectType', message: 'Choose the type of the record.' });
    else if (filter.subjectType) filter.subjectId = subjectId;
  }
  if (actor !== undefined) {
    if (ACTOR.test(actor)) filter.actor = actor;
    else issues.push({ path: 'actor', message: 'Enter a username (letters, digits, @ . _ + -).' });
  }
  if (action !== undefined) {
    if (ACTION.test(action)) filter.action = action;
    else issues.push({ path: 'action', message: 'Enter an action such as records-request.assigned.' });
  }
  if (!filter.subjectId && !filter.day) filter.day = today;
  return { filter, issues };
}

/** The first instant of a city day (midnight in New York, whatever the offset that day). */
function cityMidnight(day: string): string {
  const edt = `${day}T04:00:00.000Z`;
  return nyDate(edt) === day ? edt : `${day}T05:00:00.000Z`;
}

/**
 * A city day as instants `[from, to)` and the index partitions (UTC days) it
 * spans, newest first: a Danbury evening is already the next day in UTC.
 */
export function auditDayWindow(day: string): { from: string; to: string; partitions: string[] } {
  const from = cityMidnight(day);
  const to = cityMidnight(fromDayNumber(toDayNumber(day) + 1));
  const last = new Date(Date.parse(to) - 1).toISOString().slice(0, 10);
  const first = from.slice(0, 10);
  return { from, to, partitions: first === last ? [first] : [last, first] };
}

/** Keys that name a person or how to reach one: never shown, even if an event carried them by mistake. */
const PERSONAL_KEY = /e-?mail|phone|address|requester|reporter|applicant|contact|birth|ssn/i;
const EMAIL_LIKE = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const WITHHELD = '(withheld: personal data)';

function shown(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return EMAIL_LIKE.test(value) ? WITHHELD : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length ? value.map(shown).join('; ') : 'none';
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k} ${PERSONAL_KEY.test(k) ? WITHHELD : shown(v)}`)
      .join(', ');
  return '';
}

export interface AuditDetailLine {
  label: string;
  value: string;
}

/**
 * An event's details as lines: each change as "field: before → after", then the
 * other details. Values under a personal-looking key, or that look like an
 * e-mail address, are withheld (events should carry none; this makes sure).
 */
export function auditDetailLines(details: Record<string, unknown>): AuditDetailLine[] {
  const lines: AuditDetailLine[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (key === 'changes' && Array.isArray(value)) {
      for (const change of value as { field?: unknown; before?: unknown; after?: unknown }[]) {
        const field = String(change?.field ?? 'value');
        lines.push({
          label: field,
          value: PERSONAL_KEY.test(field) ? WITHHELD : `${shown(change?.before)} → ${shown(change?.after)}`,
        });
      }
    } else {
      lines.push({ label: key, value: PERSONAL_KEY.test(key) ? WITHHELD : shown(value) });
    }
  }
  return lines;
}

/** Who did it: a staff member's username (and department), or the system part that acted. */
export function actorName(actor: AuditEvent['actor']): string {
  if ('system' in actor) return `System: ${actor.system}`;
  return actor.department ? `${actor.username} (${actor.department})` : actor.username;
}
