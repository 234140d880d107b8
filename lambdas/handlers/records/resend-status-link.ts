// POST /v1/records-requests/{trackingNumber}/status-link → resendStatusLink → 202 (the same answer either way).
import * as routes from '../../api/routes/records';
import { recordsStore } from '../../adapters/records/records-wiring';
import { emailSender } from '../../adapters/email/email-wiring';
import { resendStatusLink } from '../../domain/records/casework';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: recordsStore(), email: emailSender(), clock: systemClock };

export const handler = httpHandler(routes.resendStatusLink, async ({ params, body, event, baseUrl }) => ({
  statusCode: 202,
  body: await resendStatusLink(deps, params.trackingNumber, body.email, {
    baseUrl,
    sourceIp: event.requestContext?.identity?.sourceIp ?? 'unknown',
  }),
}));
