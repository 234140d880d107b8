// POST /v1/staff/api-key-applications/{applicationId}/decision → decideApplication (approval issues the key).
import * as routes from '../../api/routes/api-access';
import { apiAccessStore } from '../../adapters/api-access/api-access-wiring';
import { apiKeyManager } from '../../adapters/api-keys/key-manager-wiring';
import { emailSender } from '../../adapters/email/email-wiring';
import { decideApplication } from '../../domain/api-access/use-cases';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: apiAccessStore(), email: emailSender(), keys: apiKeyManager(), clock: systemClock };

export const handler = httpHandler(
  routes.decideApiKeyApplication,
  async ({ params, body, principal, requestId, baseUrl }) => ({
    statusCode: 200,
    body: await decideApplication(
      deps,
      principal,
      params.applicationId,
      {
        decision: body.decision,
        message: body.message,
        ...(body.tier ? { tier: body.tier } : {}),
      },
      { requestId, baseUrl },
    ),
  }),
);
