// GET /v1/staff/outbox → the e-mails the platform sent (the local outbox; empty where SES sends).
import * as routes from '../../api/routes/api-access';
import { listOutbox } from '../../adapters/email/email-wiring';
import { httpHandler } from '../../shared/http-handler';

export const handler = httpHandler(routes.getOutbox, async () => ({
  statusCode: 200,
  body: await listOutbox(50),
}));
