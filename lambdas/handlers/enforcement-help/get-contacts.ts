// GET /v1/enforcement/contacts → enforcementContacts (who enforces what, from the city's help content).
import * as routes from '../../api/routes/enforcement-help';
import { helpContentStore } from '../../adapters/enforcement/enforcement-wiring';
import { enforcementContacts } from '../../domain/enforcement/help-content';
import { httpHandler } from '../../shared/http-handler';

const store = helpContentStore();

export const handler = httpHandler(routes.getEnforcementContacts, async () => ({
  statusCode: 200,
  body: enforcementContacts(await store.current()),
}));
