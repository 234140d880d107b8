// POST /v1/api-keys/rotate (API key) → rotateKey → 201 with the new key (once); the old one works 7 more days.
import * as routes from '../../api/routes/api-access';
import { apiAccessStore, sharedApiKeyAdmission } from '../../adapters/api-access/api-access-wiring';
import { apiKeyManager } from '../../adapters/api-keys/key-manager-wiring';
import { emailSender } from '../../adapters/email/email-wiring';
import { rotateKey } from '../../domain/api-access/use-cases';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: apiAccessStore(), email: emailSender(), keys: apiKeyManager(), clock: systemClock };

export const handler = httpHandler(
  routes.rotateApiKey,
  async ({ apiKeyId, requestId }) => ({ statusCode: 201, body: await rotateKey(deps, apiKeyId!, requestId) }),
  { admit: sharedApiKeyAdmission() },
);
