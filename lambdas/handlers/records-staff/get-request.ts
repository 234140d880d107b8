// GET /v1/staff/records-requests/{trackingNumber} → requestDetail.
import * as routes from '../../api/routes/records-staff';
import { recordsStore } from '../../adapters/records/records-wiring';
import { requestDetail } from '../../domain/records/casework';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: recordsStore(), clock: systemClock };

export const handler = httpHandler(routes.getRecordsRequest, async ({ params, principal }) => ({
  statusCode: 200,
  body: await requestDetail(deps, principal, params.trackingNumber),
}));
