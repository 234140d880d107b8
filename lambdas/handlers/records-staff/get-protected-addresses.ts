// GET /v1/staff/protected-addresses → the C.G.S. 1-217 list.
import * as routes from '../../api/routes/records-staff';
import { recordsStore } from '../../adapters/records/records-wiring';
import { httpHandler } from '../../shared/http-handler';

const store = recordsStore();

export const handler = httpHandler(routes.getProtectedAddresses, async () => ({
  statusCode: 200,
  body: { addresses: await store.getProtectedAddresses() },
}));
