// POST /v1/staff/records-requests/{trackingNumber}/actions → actOnRequest (one workflow transition).
import * as routes from '../../api/routes/records-staff';
import { recordsStore } from '../../adapters/records/records-wiring';
import { emailSender } from '../../adapters/email/email-wiring';
import { actOnRequest } from '../../domain/records/casework';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: recordsStore(), email: emailSender(), clock: systemClock };

export const handler = httpHandler(
  routes.actOnRecordsRequest,
  async ({ params, body, principal, requestId, baseUrl }) => ({
    statusCode: 200,
    body: await actOnRequest(deps, principal, params.trackingNumber, body, { requestId, baseUrl }),
  }),
);
