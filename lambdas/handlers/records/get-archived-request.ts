// GET /v1/records-requests/archive/{trackingNumber} → archivedRequest.
import * as routes from '../../api/routes/records';
import { recordsStore } from '../../adapters/records/records-wiring';
import { archivedRequest } from '../../domain/records/archive';
import { httpHandler } from '../../shared/http-handler';

const store = recordsStore();

export const handler = httpHandler(routes.getArchivedRequest, async ({ params }) => ({
  statusCode: 200,
  body: await archivedRequest(store, params.trackingNumber),
}));
