// POST /v1/records-requests → submitRecordsRequest → 201 with tracking number, due date and status link.
import * as routes from '../../api/routes/records';
import { recordsStore } from '../../adapters/records/records-wiring';
import { emailSender } from '../../adapters/email/email-wiring';
import { submitRecordsRequest } from '../../domain/records/intake';
import { systemClock } from '../../shared/clock';
import { httpHandler, requestHeader } from '../../shared/http-handler';

const store = recordsStore();
const email = emailSender();

export const handler = httpHandler(
  routes.submitRecordsRequest,
  async ({ body, event, requestId, baseUrl }) => {
    const idempotencyKey = requestHeader(event, 'idempotency-key');
    return submitRecordsRequest({ store, email, clock: systemClock }, body, {
      sourceIp: event.requestContext?.identity?.sourceIp ?? 'unknown',
      ...(idempotencyKey ? { idempotencyKey } : {}),
      requestId,
      baseUrl,
    });
  },
);
