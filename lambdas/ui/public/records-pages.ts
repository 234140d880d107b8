/**
 * Records requests, the pages that read: what a request is, the requester's status page and
 * released files, the public archive and its files. No page here writes the table or sends
 * e-mail (the forms are records-form-pages.ts, in their own Lambda with those rights).
 * Every page calls the use case of the matching public JSON route and validates with its schema.
 */
import { safeParse } from 'zod/mini';
import { ArchiveQuery, DocumentParams, RequestParams, TokenQuery } from '../../api/schemas/records';
import type { Clock } from '../../domain/audit';
import { archivedRequest, listArchive } from '../../domain/records/archive';
import { requesterStatus } from '../../domain/records/casework';
import { nyDate } from '../../domain/records/clocks';
import type { RecordsStorePort, RequestFilesPort } from '../../domain/records/ports';
import { publicDownload, requesterDownload } from '../../domain/records/release';
import { badRequest, notFound } from '../../shared/errors';
import { pathOf, redirect } from '../http';
import { archiveEntryContent, archiveListContent, recordsAboutContent, statusContent } from './pages/records';
import { sitePage, type PublicPage, type PublicPageContext, type PublicRouter } from './site-context';
import { withoutUndefined } from './site-forms';

/** What the reading pages call: the records table (read) and the records bucket (5-minute download links). */
export interface RecordsReadingPorts {
  store: RecordsStorePort;
  /** Only its download links are used (the domain's release functions take the whole port). */
  files: RequestFilesPort;
}

/** The reading pages' deps: their ports and the clock of the statutory deadlines. */
export interface RecordsPagesDeps {
  clock: Clock;
  records: RecordsReadingPorts;
}

type Page = PublicPage<RecordsPagesDeps>;
type Ctx = PublicPageContext<RecordsPagesDeps>;

/** An unknown number, a wrong token, a malformed link: one answer, so nobody learns which. */
const NO_SUCH_REQUEST = 'No request matches this tracking number and link.';

/** The tracking number and token of a status link, or the same 404 as a wrong token. */
function requesterKeyOf(ctx: Ctx): { trackingNumber: string; token: string } {
  const params = safeParse(RequestParams, { trackingNumber: ctx.params.trackingNumber });
  const query = safeParse(TokenQuery, { token: ctx.request.query.get('token') ?? '' });
  if (!params.success || !query.success) throw notFound(NO_SUCH_REQUEST);
  return { trackingNumber: params.data.trackingNumber, token: query.data.token };
}

// ---------------------------------------------------------------- about

const aboutPage: Page = (ctx) =>
  sitePage(ctx, 'Public records requests', 'records', recordsAboutContent(ctx.request));

// ---------------------------------------------------------------- the requester's status page

const statusPage: Page = async (ctx) => {
  const { trackingNumber, token } = requesterKeyOf(ctx);
  const view = await requesterStatus(
    { store: ctx.deps.records.store, clock: ctx.deps.clock },
    trackingNumber,
    token,
  );
  const documentPath = (documentId: string) =>
    pathOf(
      ctx.request,
      `/records/status/${trackingNumber}/documents/${documentId}?token=${encodeURIComponent(token)}`,
    );
  return sitePage(
    ctx,
    `Request ${trackingNumber}`,
    'records',
    statusContent(ctx.request, view, documentPath),
    { indexable: false },
  );
};

/** A released document: a fresh 5-minute link per click (the same use case as the JSON route). */
const downloadReleased: Page = async (ctx) => {
  const { trackingNumber, token } = requesterKeyOf(ctx);
  const params = safeParse(DocumentParams, { trackingNumber, documentId: ctx.params.documentId });
  if (!params.success) throw notFound('No released document has this id.');
  const url = await requesterDownload(ctx.deps.records, trackingNumber, params.data.documentId, token);
  return redirect(url, {}, 302);
};

// ---------------------------------------------------------------- the public archive

const ARCHIVE_YEARS_SHOWN = 5;

const archivePage: Page = async (ctx) => {
  const q = ctx.request.query;
  const parsed = safeParse(
    ArchiveQuery,
    withoutUndefined({ year: q.get('year') ?? undefined, cursor: q.get('cursor') ?? undefined }),
  );
  if (!parsed.success) throw badRequest('This archive page does not exist: go back to the archive.');
  const now = ctx.deps.clock.now();
  const page = await listArchive(ctx.deps.records.store, now, {
    ...(parsed.data.year ? { year: parsed.data.year } : {}),
    ...(parsed.data.cursor ? { cursor: parsed.data.cursor } : {}),
    limit: parsed.data.limit,
  });
  const thisYear = Number(nyDate(now).slice(0, 4));
  const years = Array.from({ length: ARCHIVE_YEARS_SHOWN }, (_, i) => thisYear - i);
  if (!years.includes(page.year)) years.push(page.year);
  const nextPath = page.nextCursor
    ? pathOf(ctx.request, `/records/archive?year=${page.year}&cursor=${encodeURIComponent(page.nextCursor)}`)
    : undefined;
  return sitePage(
    ctx,
    'Records already released',
    'records',
    archiveListContent(ctx.request, { year: page.year, requests: page.requests, nextPath }, years),
  );
};

function archivedNumberOf(ctx: Ctx): string {
  const params = safeParse(RequestParams, { trackingNumber: ctx.params.trackingNumber });
  if (!params.success) throw notFound('This request is not in the archive.');
  return params.data.trackingNumber;
}

const archiveEntryPage: Page = async (ctx) => {
  const trackingNumber = archivedNumberOf(ctx);
  const entry = await archivedRequest(ctx.deps.records.store, trackingNumber);
  return sitePage(ctx, `Request ${trackingNumber}`, 'records', archiveEntryContent(ctx.request, entry));
};

const downloadArchived: Page = async (ctx) => {
  const params = safeParse(DocumentParams, {
    trackingNumber: archivedNumberOf(ctx),
    documentId: ctx.params.documentId,
  });
  if (!params.success) throw notFound('No public document has this id.');
  const url = await publicDownload(ctx.deps.records, params.data.trackingNumber, params.data.documentId);
  return redirect(url, {}, 302);
};

/** `/records` and what reads under it; the forms (`/records/new`, `/records/lost-link`) are `registerRecordsFormPages`. */
export function registerRecordsPages(router: PublicRouter<RecordsPagesDeps>): void {
  router.get('/records', aboutPage);
  router.get('/records/status/:trackingNumber', statusPage);
  router.get('/records/status/:trackingNumber/documents/:documentId', downloadReleased);
  router.get('/records/archive', archivePage);
  router.get('/records/archive/:trackingNumber', archiveEntryPage);
  router.get('/records/archive/:trackingNumber/files/:documentId', downloadArchived);
}
