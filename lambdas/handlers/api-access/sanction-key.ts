// POST /v1/staff/api-keys/{keyId}/sanctions → sanctionKey (notice, suspend, reinstate, revoke), audited and e-mailed.
import * as routes from '../../api/routes/api-access';
import { apiAccessStore } from '../../adapters/api-access/api-access-wiring';
import { apiKeyManager } from '../../adapters/api-keys/key-manager-wiring';
import { emailSender } from '../../adapters/email/email-wiring';
import { keyView, sanctionKey } from '../../domain/api-access/use-cases';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: apiAccessStore(), email: emailSender(), keys: apiKeyManager(), clock: systemClock };

export const handler = httpHandler(routes.sanctionApiKey, async ({ params, body, principal, requestId }) => {
  const { key, recommendedAction } = await sanctionKey(
    deps,
    principal,
    params.keyId,
    { action: body.action, reason: body.reason, ...(body.until ? { until: body.until } : {}) },
    requestId,
  );
  return { statusCode: 200, body: { key: keyView(key), nextRecommendedAction: recommendedAction } };
});
