// GET /v1/records-requests/{trackingNumber}?token= → requesterStatus (unknown number and wrong token: the same 404).
import { recordsRoutes as routes } from '../../api/routes/records';
import { recordsStore } from '../../adapters/records/records-wiring';
import { requesterStatus } from '../../domain/records/casework';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const store = recordsStore();

export const handler = httpHandler(routes.getRecordsRequestStatus, async ({ params, query }) => ({
  statusCode: 200,
  body: await requesterStatus({ store, clock: systemClock }, params.trackingNumber, query.token),
}));
