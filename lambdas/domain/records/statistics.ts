/**
 * Records-request statistics as an open dataset: one row per department and
 * month of receipt, aggregate counts only. Pure: no I/O, no clock.
 *
 * What never appears in a row: the requester (name, contact, requesterKey), the
 * description (requesters write their names and addresses into it), tracking
 * numbers, messages, staff names, free-text citations. A row is built only from
 * dates, the department id, statuses, exemption codes and fee amounts.
 *
 * The rules, stated once:
 * - Month: the New York calendar month of `receivedAt` (the actual arrival, not
 *   day 0, so a Saturday-night arrival on the 31st stays in its month).
 * - Department: `department` if routed, else the office that first received it.
 * - Business days are counted by the records clocks (day 0 = receipt; see
 *   clocks.ts). The first response is the clocks' `answeredOn`: the earliest of
 *   the first written response, a written denial and the closing notice.
 * - Closed / outcomes: the request's current status (the store holds the current
 *   state, which is the state "as of now").
 * - Fees: what was invoiced after waivers, paid or not; waived cents separately.
 * - Medians: the middle value, or the mean of the two middle values for an even
 *   count (so x.5 can occur); null when nothing to measure.
 */
import type { DictionaryColumnInput } from '../datasets/dictionary';
import { businessDaysBetween, nyDate } from './clocks';
import { clocksOf } from './casework';
import type { HolidayCalendar } from './holiday-calendar';
import { isClosed, type RecordsRequest } from './records-request';
import type { RequestStatus } from './workflow';

export interface RequestStatisticsRow {
  month: string;
  department: string;
  requests_received: number;
  requests_closed: number;
  still_open: number;
  median_business_days_to_first_response: number | null;
  median_business_days_to_close: number | null;
  answered_within_4_business_days: number;
  deemed_denials: number;
  denied: number;
  partially_fulfilled: number;
  fulfilled: number;
  no_records: number;
  withdrawn: number;
  fees_charged_cents: number;
  fees_waived_cents: number;
  exemptions_cited: string;
}

export type StatisticsColumn = DictionaryColumnInput & { field: keyof RequestStatisticsRow };

const count = (field: keyof RequestStatisticsRow, title: string, description: string): StatisticsColumn => ({
  field,
  title,
  type: 'integer',
  description,
  sortable: true,
});

/** The dataset's columns in file order, ready for the data dictionary. */
export const STATISTICS_COLUMNS: readonly StatisticsColumn[] = Object.freeze([
  {
    field: 'month',
    title: 'Month received',
    type: 'text',
    description: 'Month the request reached the first city office, YYYY-MM, New York time.',
    sortable: true,
  },
  {
    field: 'department',
    title: 'Department',
    type: 'text',
    description: 'Department id handling the request (the receiving office when not yet routed).',
    sortable: true,
  },
  count('requests_received', 'Requests received', 'Requests received in the month.'),
  count('requests_closed', 'Requests closed', 'Of those, requests closed so far.'),
  count('still_open', 'Still open', 'Of those, requests not yet closed.'),
  {
    field: 'median_business_days_to_first_response',
    title: 'Median business days to first response',
    type: 'number',
    description:
      'Median business days from receipt (day 0) to the first written response; empty when none responded.',
    sortable: true,
  },
  {
    field: 'median_business_days_to_close',
    title: 'Median business days to close',
    type: 'number',
    description: 'Median business days from receipt (day 0) to closing; empty when none closed.',
    sortable: true,
  },
  count(
    'answered_within_4_business_days',
    'Answered within the statutory time',
    'Requests first answered by the C.G.S. §1-206(a) due date (4 business days; 10 for personnel files, §1-214).',
  ),
  count(
    'deemed_denials',
    'Deemed denials',
    'Requests not answered in time and so deemed denied under C.G.S. §1-206(a).',
  ),
  count('denied', 'Denied', 'Requests closed as denied in full.'),
  count('partially_fulfilled', 'Partially fulfilled', 'Requests closed with records withheld or redacted.'),
  count('fulfilled', 'Fulfilled', 'Requests closed with all records provided.'),
  count('no_records', 'No records', 'Requests closed because no responsive records exist.'),
  count('withdrawn', 'Withdrawn', 'Requests withdrawn by the requester.'),
  count(
    'fees_charged_cents',
    'Fees charged (cents)',
    'Copy fees invoiced after waivers, in cents, paid or not (C.G.S. §1-212).',
  ),
  count('fees_waived_cents', 'Fees waived (cents)', 'Copy fees waived under C.G.S. §1-212(d), in cents.'),
  {
    field: 'exemptions_cited',
    title: 'Exemptions cited',
    type: 'text',
    description: 'Exemption codes cited on denials, "code:count" joined by "; ", most cited first.',
    sortable: false,
  },
] satisfies StatisticsColumn[]);

type OutcomeColumn = 'denied' | 'partially_fulfilled' | 'fulfilled' | 'no_records' | 'withdrawn';
const OUTCOME_COLUMN: Partial<Record<RequestStatus, OutcomeColumn>> = {
  denied: 'denied',
  'partially-fulfilled': 'partially_fulfilled',
  fulfilled: 'fulfilled',
  'no-records': 'no_records',
  withdrawn: 'withdrawn',
};

/** Middle value; mean of the two middle values for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// Natural order, so 1-210(b)(2) comes before 1-210(b)(10).
const byCode = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

function exemptionsCited(counts: Map<string, number>): string {
  return [...counts]
    .sort(([codeA, a], [codeB, b]) => b - a || byCode(codeA, codeB))
    .map(([code, n]) => `${code}:${n}`)
    .join('; ');
}

interface Group {
  row: RequestStatisticsRow;
  toFirstResponse: number[];
  toClose: number[];
  exemptions: Map<string, number>;
}

/** One row per (month, department), sorted by month then department. */
export function computeRequestStatistics(
  requests: readonly RecordsRequest[],
  calendar: HolidayCalendar,
  now: string,
): RequestStatisticsRow[] {
  const groups = new Map<string, Group>();
  for (const request of requests) {
    const month = nyDate(request.receivedAt).slice(0, 7);
    const department = request.department ?? request.receivingOffice;
    const key = `${month}\u0000${department}`;
    let group = groups.get(key);
    if (!group) {
      group = { row: emptyRow(month, department), toFirstResponse: [], toClose: [], exemptions: new Map() };
      groups.set(key, group);
    }
    add(group, request, calendar, now);
  }
  return [...groups.values()]
    .map(({ row, toFirstResponse, toClose, exemptions }) => ({
      ...row,
      median_business_days_to_first_response: median(toFirstResponse),
      median_business_days_to_close: median(toClose),
      exemptions_cited: exemptionsCited(exemptions),
    }))
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : byCode(a.department, b.department)));
}

function emptyRow(month: string, department: string): RequestStatisticsRow {
  return {
    month,
    department,
    requests_received: 0,
    requests_closed: 0,
    still_open: 0,
    median_business_days_to_first_response: null,
    median_business_days_to_close: null,
    answered_within_4_business_days: 0,
    deemed_denials: 0,
    denied: 0,
    partially_fulfilled: 0,
    fulfilled: 0,
    no_records: 0,
    withdrawn: 0,
    fees_charged_cents: 0,
    fees_waived_cents: 0,
    exemptions_cited: '',
  };
}

function add(group: Group, request: RecordsRequest, calendar: HolidayCalendar, now: string): void {
  const { row } = group;
  const clocks = clocksOf(request, calendar, now);
  row.requests_received++;

  if (clocks.response.answeredOn !== undefined) {
    group.toFirstResponse.push(businessDaysBetween(clocks.receivedOn, clocks.response.answeredOn, calendar));
  }
  if (clocks.response.state === 'answered') row.answered_within_4_business_days++;
  if (request.deemedDenial) row.deemed_denials++;

  if (isClosed(request.status)) {
    row.requests_closed++;
    const column = OUTCOME_COLUMN[request.status];
    if (column) row[column]++;
    if (request.closedAt) {
      group.toClose.push(businessDaysBetween(clocks.receivedOn, nyDate(request.closedAt), calendar));
    }
    // Only the codes: the free-text "other statute" citation is the clerk's words.
    for (const code of new Set(request.determination?.exemptions ?? [])) {
      group.exemptions.set(code, (group.exemptions.get(code) ?? 0) + 1);
    }
  } else {
    row.still_open++;
  }

  if (request.fee) {
    row.fees_charged_cents += request.fee.invoice.totalCents;
    row.fees_waived_cents += request.fee.invoice.waivedCents;
  }
}

/** RFC 4180 field quoting: quote when the value holds a comma, a quote or a line break. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The rows as CSV: a header row of the column names, then one line per row.
 * Fields are quoted as RFC 4180 says, but lines end with LF, not RFC 4180's
 * CRLF: the file is meant to be diffed and read with line tools as well, and
 * CSV readers accept either (a quoted field may still hold a CR or CRLF).
 * Nulls are empty fields. The file ends with a newline.
 */
export function statisticsCsv(rows: readonly RequestStatisticsRow[]): string {
  const fields = STATISTICS_COLUMNS.map((c) => c.field);
  const lines = [fields.join(','), ...rows.map((row) => fields.map((f) => csvField(row[f])).join(','))];
  return `${lines.join('\n')}\n`;
}
