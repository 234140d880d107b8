// POST …/documents/{documentId}/decision → decideDocumentFindings (audited; the document becomes releasable).
import * as routes from '../../api/routes/records-staff';
import { recordsStore, requestFiles } from '../../adapters/records/records-wiring';
import { decideDocumentFindings } from '../../domain/records/release';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: recordsStore(), files: requestFiles(), clock: systemClock };

export const handler = httpHandler(
  routes.decideRecordsDocument,
  async ({ params, body, principal, requestId }) => ({
    statusCode: 200,
    body: await decideDocumentFindings(deps, principal, params.trackingNumber, params.documentId, body, {
      requestId,
    }),
  }),
);
