// POST …/documents/{documentId}/complete → completeDocumentUpload (multipart).
import * as routes from '../../api/routes/records-staff';
import { recordsStore, requestFiles } from '../../adapters/records/records-wiring';
import { completeDocumentUpload } from '../../domain/records/release';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: recordsStore(), files: requestFiles(), clock: systemClock };

export const handler = httpHandler(
  routes.completeRecordsDocumentUpload,
  async ({ params, body, principal }) => ({
    statusCode: 200,
    body: await completeDocumentUpload(deps, principal, params.trackingNumber, params.documentId, body.parts),
  }),
);
