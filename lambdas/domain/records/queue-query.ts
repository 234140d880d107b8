/**
 * The records request queue at 10,000+ requests: which requests a filter asks
 * for, which index answers it, and the words of a description that search
 * finds, and the queue's use case (the JSON route's and the admin page's). No
 * AWS here: the store (lambdas/adapters/records/records-store.ts) turns a plan
 * into Queries; the access patterns are in docs/data-model.md.
 *
 * Each request is written with one queue entry per filter dimension (all,
 * status, office, assignee, channel, and one per description word), each in a
 * partition named after the request's state and that dimension's value. A page
 * reads the one partition that is most selective for the filter and checks the
 * other filters on the entries it reads, never more than a fixed number of
 * entries per page (the cursor picks up where the budget ran out).
 */
import { badRequest, forbidden } from '../../shared/errors';
import type { StaffPrincipal } from '../../shared/staff';
import { canViewRequest } from './access';
import { clocksOf } from './casework';
import { currentCalendar } from './intake';
import type { RecordsStorePort } from './ports';
import { isClosed, staffView, type Channel, type RecordsRequest } from './records-request';
import type { RequestStatus } from './workflow';

/** Words of a description kept for search: the first ones, enough for what people type. */
export const MAX_DESCRIPTION_TERMS = 32;
/** Words of one search that must all appear. */
export const MAX_SEARCH_TERMS = 5;
/** Queue entries one page may read before it stops and hands back a cursor. */
export const MAX_ENTRIES_PER_PAGE = 1000;
const MAX_TERM_LENGTH = 40;

// Common English words: they are in most descriptions and find nothing.
const STOP_WORDS = new Set(
  (
    'a an and any are as at be been being but by can could did do does for from had has have he her his ' +
    'i if in into is it its me my no not of on or our please she so such than that the their them then ' +
    'there these they this those to up us was we were what when where which who will with would you your ' +
    'all also about copy copies record records request requesting'
  ).split(' '),
);

/** Lowercase words without accents, digits kept (addresses, permit numbers, years); stop words dropped. */
export function searchWords(text: string): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  const seen = new Set<string>();
  for (const word of words) {
    if (word.length < 2 || word.length > MAX_TERM_LENGTH || STOP_WORDS.has(word)) continue;
    seen.add(word);
  }
  return [...seen];
}

/** The words a description is found by: its first MAX_DESCRIPTION_TERMS distinct search words. */
export const descriptionTerms = (description: string): string[] =>
  searchWords(description).slice(0, MAX_DESCRIPTION_TERMS);

export type QueueSort = 'due' | 'received';
export type SortOrder = 'asc' | 'desc';

/** The queue's filter, as the JSON route and the page both take it (lambdas/api/schemas/records.ts). */
export interface QueueQuery {
  state: 'open' | 'closed';
  status?: RequestStatus | undefined;
  department?: string | undefined;
  /** A staff username. */
  assignee?: string | undefined;
  channel?: Channel | undefined;
  /** Statutory due date range, both ends included (YYYY-MM-DD). */
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  /** Words of the description, or a tracking number. */
  q?: string | undefined;
  sort: QueueSort;
  order: SortOrder;
  cursor?: string | undefined;
  limit: number;
}

/** One dimension of the queue entries written with every request. */
export type QueueDimension = 'all' | 'status' | 'office' | 'assignee' | 'channel' | 'term';

/** What a queue entry holds about its request: enough to check every filter without loading it. */
export interface QueueEntry {
  trackingNumber: string;
  state: 'open' | 'closed';
  status: RequestStatus;
  /** Routed department, or the receiving office until routed (department staff's scope). */
  office: string;
  assignee?: string;
  channel: Channel;
  dueDate: string;
  receivedAt: string;
  terms: string[];
}

export function queueEntryOf(request: RecordsRequest): QueueEntry {
  return {
    trackingNumber: request.trackingNumber,
    state: isClosed(request.status) ? 'closed' : 'open',
    status: request.status,
    office: request.department ?? request.receivingOffice,
    ...(request.assignee ? { assignee: request.assignee.username.toLowerCase() } : {}),
    channel: request.channel,
    dueDate: request.statutoryDueDate,
    receivedAt: request.receivedAt,
    terms: descriptionTerms(request.description),
  };
}

/** The partitions a request's entries go in: one per dimension it has a value for. */
export function entryPartitions(entry: QueueEntry): { dimension: QueueDimension; value: string }[] {
  return [
    { dimension: 'all', value: '' },
    { dimension: 'status', value: entry.status },
    { dimension: 'office', value: entry.office },
    ...(entry.assignee ? [{ dimension: 'assignee' as const, value: entry.assignee }] : []),
    { dimension: 'channel', value: entry.channel },
    ...entry.terms.map((term) => ({ dimension: 'term' as const, value: term })),
  ];
}

/** The filters a plan checks on the entries it reads (the partition already guarantees its own). */
export interface EntryFilter {
  status?: RequestStatus;
  office?: string;
  assignee?: string;
  channel?: Channel;
  dueFrom?: string;
  dueTo?: string;
  terms?: string[];
}

/** How one page is read. */
export type QueuePlan =
  | { kind: 'tracking-number'; trackingNumber: string; filter: EntryFilter & { state: 'open' | 'closed' } }
  | {
      kind: 'partition';
      state: 'open' | 'closed';
      dimension: QueueDimension;
      value: string;
      sort: QueueSort;
      order: SortOrder;
      /** Only with sort 'due': the range goes in the key condition. */
      dueRange?: { from?: string; to?: string };
      /** Checked on each entry read. */
      filter: EntryFilter;
    };

/** 2026-000123, or 2026-123 as people say it. */
export function trackingNumberIn(text: string): string | undefined {
  const m = /^\s*(\d{4})-(\d{1,6})\s*$/.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(6, '0')}` : undefined;
}

/**
 * The most selective partition for a filter. Without counts per value, the
 * order is fixed: a description word (the longest: long words are rare), an
 * assignee (a person's open work is small), a status, an office, a channel,
 * and the whole state last. The due range goes in the key when sorting by due.
 */
export function chooseAccessPath(query: QueueQuery & { office?: string | undefined }): QueuePlan {
  const state = query.status ? (isClosed(query.status) ? 'closed' : 'open') : query.state;
  const office = query.office ?? query.department;
  const terms = query.q ? searchWords(query.q).slice(0, MAX_SEARCH_TERMS) : [];
  const filter: EntryFilter = {
    ...(query.status ? { status: query.status } : {}),
    ...(office ? { office } : {}),
    ...(query.assignee ? { assignee: query.assignee.toLowerCase() } : {}),
    ...(query.channel ? { channel: query.channel } : {}),
    ...(query.dueFrom ? { dueFrom: query.dueFrom } : {}),
    ...(query.dueTo ? { dueTo: query.dueTo } : {}),
    ...(terms.length ? { terms } : {}),
  };
  const trackingNumber = query.q ? trackingNumberIn(query.q) : undefined;
  if (trackingNumber) {
    const { terms: _none, ...rest } = filter;
    return { kind: 'tracking-number', trackingNumber, filter: { ...rest, state } };
  }

  let dimension: QueueDimension = 'all';
  let value = '';
  const rest: EntryFilter = { ...filter };
  if (terms.length) {
    const rarest = [...terms].sort((a, b) => b.length - a.length || a.localeCompare(b))[0]!;
    dimension = 'term';
    value = rarest;
    const others = terms.filter((t) => t !== rarest);
    if (others.length) rest.terms = others;
    else delete rest.terms;
  } else {
    // The single-valued filters, most selective first.
    const single = (['assignee', 'status', 'office', 'channel'] as const).find((name) => filter[name]);
    if (single) {
      dimension = single;
      value = filter[single]!;
      delete rest[single];
    }
  }
  let dueRange: { from?: string; to?: string } | undefined;
  if (query.sort === 'due' && (rest.dueFrom || rest.dueTo)) {
    dueRange = { ...(rest.dueFrom ? { from: rest.dueFrom } : {}), ...(rest.dueTo ? { to: rest.dueTo } : {}) };
    delete rest.dueFrom;
    delete rest.dueTo;
  }
  return {
    kind: 'partition',
    state,
    dimension,
    value,
    sort: query.sort,
    order: query.order,
    ...(dueRange ? { dueRange } : {}),
    filter: rest,
  };
}

/** Whether an entry passes the filters (what the store's FilterExpression checks, and the tracking-number path). */
export function entryMatches(
  entry: QueueEntry,
  filter: EntryFilter & { state?: 'open' | 'closed' },
): boolean {
  if (filter.state && entry.state !== filter.state) return false;
  if (filter.status && entry.status !== filter.status) return false;
  if (filter.office && entry.office !== filter.office) return false;
  if (filter.assignee && entry.assignee !== filter.assignee) return false;
  if (filter.channel && entry.channel !== filter.channel) return false;
  if (filter.dueFrom && entry.dueDate < filter.dueFrom) return false;
  if (filter.dueTo && entry.dueDate > filter.dueTo) return false;
  return (filter.terms ?? []).every((t) => entry.terms.includes(t));
}

/** Problems with a filter that its schema cannot see (one field against another). */
export function queueQueryIssues(query: QueueQuery): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (query.dueFrom && query.dueTo && query.dueFrom > query.dueTo) {
    issues.push({ path: 'dueTo', message: 'the end of the due range comes before its start' });
  }
  if (query.q && !trackingNumberIn(query.q) && searchWords(query.q).length === 0) {
    issues.push({
      path: 'q',
      message:
        'search for a word of the description (common words like "the" or "records" find nothing) or a tracking number',
    });
  }
  return issues;
}

export interface QueuePage {
  requests: RecordsRequest[];
  nextCursor?: string;
  /** Queue entries read for this page. */
  entriesRead: number;
  /** The page stopped at its reading budget (MAX_ENTRIES_PER_PAGE) with entries left to read. */
  readLimitReached: boolean;
}

export type QueueDeps = {
  store: RecordsStorePort;
  clock: { now(): string };
};

/**
 * A page of the queue for a staff member. Department staff see their
 * department's requests only (canViewRequest, the rule of every staff route):
 * without a department filter they get theirs, and another department's is
 * refused.
 */
export async function queueRequests(deps: QueueDeps, principal: StaffPrincipal, query: QueueQuery) {
  const wide = principal.roles.includes('clerk') || principal.roles.includes('it-admin');
  const office = query.department ?? (wide ? undefined : principal.department);
  if (!wide && (!office || !canViewRequest(principal, { department: office, receivingOffice: office }))) {
    throw forbidden('Department staff see their own department’s requests.');
  }
  const issues = queueQueryIssues(query);
  if (issues.length) throw badRequest('The queue filter is not valid.', issues);
  const plan = chooseAccessPath({ ...query, office });
  const [page, calendar] = await Promise.all([
    deps.store.queuePage(plan, query.cursor, query.limit),
    currentCalendar(deps.store),
  ]);
  const now = deps.clock.now();
  return {
    requests: page.requests
      .filter((r) => canViewRequest(principal, r))
      .map((r) => staffView(r, clocksOf(r, calendar, now))),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    searchedUpTo: page.entriesRead,
    readLimitReached: page.readLimitReached,
  };
}
