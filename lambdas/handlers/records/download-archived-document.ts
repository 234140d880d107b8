// GET /v1/records-requests/archive/{trackingNumber}/files/{documentId} → publicDownload → 302.
import * as routes from '../../api/routes/records';
import { recordsStore, requestFiles } from '../../adapters/records/records-wiring';
import { publicDownload } from '../../domain/records/release';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: recordsStore(), files: requestFiles(), clock: systemClock };

export const handler = httpHandler(routes.downloadArchivedDocument, async ({ params }) => ({
  statusCode: 302,
  headers: { Location: await publicDownload(deps, params.trackingNumber, params.documentId) },
}));
