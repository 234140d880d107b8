// POST /v1/staff/records-requests/{trackingNumber}/documents → startDocumentUpload → 201 with the upload URL(s).
import * as routes from '../../api/routes/records-staff';
import { recordsStore, requestFiles } from '../../adapters/records/records-wiring';
import { startDocumentUpload } from '../../domain/records/release';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: recordsStore(), files: requestFiles(), clock: systemClock };

export const handler = httpHandler(
  routes.uploadRecordsDocument,
  async ({ params, body, principal, requestId }) => ({
    statusCode: 201,
    body: await startDocumentUpload(deps, principal, params.trackingNumber, body, { requestId }),
  }),
);
