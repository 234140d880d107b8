/**
 * The public archive of closed requests: what the city decided and released,
 * never who asked. Reads go through the closed-request index (one partition
 * per year of closing), so the archive pages without scanning.
 */
import { notFound } from '../../shared/errors';
import { nyDate } from './clocks';
import type { RecordsStorePort } from './ports';
import { archiveView, isClosed } from './records-request';

export async function listArchive(
  store: RecordsStorePort,
  now: string,
  query: { year?: number; cursor?: string; limit: number },
) {
  const year = query.year ?? Number(nyDate(now).slice(0, 4));
  const page = await store.closedRequests(year, query.cursor, query.limit);
  return {
    year,
    requests: page.requests.map((request) => {
      const { publicNotes: _notes, files: _files, ...summary } = archiveView(request, [], []);
      return summary;
    }),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

export async function archivedRequest(store: RecordsStorePort, trackingNumber: string) {
  const request = await store.getRequest(trackingNumber);
  if (!request || !isClosed(request.status))
    throw notFound(`Request ${trackingNumber} is not in the archive.`);
  const [documents, messages] = await Promise.all([
    store.documents(trackingNumber),
    store.messages(trackingNumber),
  ]);
  return archiveView(request, documents, messages);
}
