// GET /v1/usage (API key) → usageOf → tier, limits, requests per day and endpoint for 30 days.
import * as routes from '../../api/routes/api-access';
import { apiAccessStore, sharedApiKeyAdmission } from '../../adapters/api-access/api-access-wiring';
import { usageOf } from '../../domain/api-access/use-cases';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const store = apiAccessStore();

export const handler = httpHandler(
  routes.getUsage,
  async ({ apiKeyId }) => ({ statusCode: 200, body: await usageOf(store, systemClock, apiKeyId!) }),
  { admit: sharedApiKeyAdmission() },
);
