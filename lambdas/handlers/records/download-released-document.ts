// GET /v1/records-requests/{trackingNumber}/documents/{documentId}?token= → requesterDownload → 302.
import * as routes from '../../api/routes/records';
import { recordsStore, requestFiles } from '../../adapters/records/records-wiring';
import { requesterDownload } from '../../domain/records/release';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: recordsStore(), files: requestFiles(), clock: systemClock };

export const handler = httpHandler(routes.downloadReleasedDocument, async ({ params, query }) => ({
  statusCode: 302,
  headers: { Location: await requesterDownload(deps, params.trackingNumber, params.documentId, query.token) },
}));
