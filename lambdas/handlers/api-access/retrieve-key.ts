// POST /v1/api-keys/retrieve → retrieveKey → the key value, exactly once.
import * as routes from '../../api/routes/api-access';
import { apiAccessStore } from '../../adapters/api-access/api-access-wiring';
import { retrieveKey } from '../../domain/api-access/use-cases';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const store = apiAccessStore();

export const handler = httpHandler(routes.retrieveApiKey, async ({ body }) => ({
  statusCode: 200,
  body: await retrieveKey(store, systemClock, body.token),
}));
