// POST /v1/staff/records-requests → enterRecordsRequest (mail, phone, e-mail or counter; real receipt time).
import * as routes from '../../api/routes/records-staff';
import { recordsStore } from '../../adapters/records/records-wiring';
import { emailSender } from '../../adapters/email/email-wiring';
import { enterRecordsRequest } from '../../domain/records/intake';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: recordsStore(), email: emailSender(), clock: systemClock };

export const handler = httpHandler(routes.enterRecordsRequest, ({ body, principal, requestId, baseUrl }) =>
  enterRecordsRequest(deps, principal, body, { requestId, baseUrl }),
);
