// GET /v1/staff/api-keys/{keyId} → the key record (never the value) and its usage.
import * as routes from '../../api/routes/api-access';
import { apiAccessStore } from '../../adapters/api-access/api-access-wiring';
import { keyView, usageOf } from '../../domain/api-access/use-cases';
import { nextOffenceLevel, ACTION_FOR_LEVEL } from '../../domain/api-access/api-keys';
import { notFound } from '../../shared/errors';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const store = apiAccessStore();

export const handler = httpHandler(routes.getApiKey, async ({ params }) => {
  const key = await store.getKey(params.keyId);
  if (!key) throw notFound('There is no such API key.');
  const level = nextOffenceLevel(key.sanctions);
  return {
    statusCode: 200,
    body: {
      key: keyView(key),
      nextOffence: { level, recommendedAction: ACTION_FOR_LEVEL[level] },
      usage: await usageOf(store, systemClock, key.keyId),
    },
  };
});
