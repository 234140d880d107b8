// POST …/documents/{documentId}/release → releaseDocument (409 RELEASE_BLOCKED while findings are undecided).
import * as routes from '../../api/routes/records-staff';
import { recordsStore, requestFiles } from '../../adapters/records/records-wiring';
import { emailSender } from '../../adapters/email/email-wiring';
import { releaseDocument } from '../../domain/records/release';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: recordsStore(), files: requestFiles(), email: emailSender(), clock: systemClock };

export const handler = httpHandler(
  routes.releaseRecordsDocument,
  async ({ params, body, principal, requestId, baseUrl }) => ({
    statusCode: 200,
    body: await releaseDocument(deps, principal, params.trackingNumber, params.documentId, body, {
      requestId,
      baseUrl,
    }),
  }),
);
