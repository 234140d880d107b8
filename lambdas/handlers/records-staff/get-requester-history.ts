// GET /v1/staff/records-requests/{trackingNumber}/requester-history → requesterHistory (clerks and IT).
import * as routes from '../../api/routes/records-staff';
import { recordsStore } from '../../adapters/records/records-wiring';
import { requesterHistory } from '../../domain/records/casework';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: recordsStore(), clock: systemClock };

export const handler = httpHandler(routes.getRequesterHistory, async ({ params, principal }) => ({
  statusCode: 200,
  body: await requesterHistory(deps, principal, params.trackingNumber),
}));
