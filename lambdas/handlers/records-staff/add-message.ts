// POST /v1/staff/records-requests/{trackingNumber}/messages → addMessage (internal, requester or public).
import * as routes from '../../api/routes/records-staff';
import { recordsStore } from '../../adapters/records/records-wiring';
import { emailSender } from '../../adapters/email/email-wiring';
import { addMessage } from '../../domain/records/casework';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: recordsStore(), email: emailSender(), clock: systemClock };

export const handler = httpHandler(
  routes.addRecordsRequestMessage,
  async ({ params, body, principal, requestId, baseUrl }) => ({
    statusCode: 201,
    body: await addMessage(deps, principal, params.trackingNumber, body, { requestId, baseUrl }),
  }),
);
