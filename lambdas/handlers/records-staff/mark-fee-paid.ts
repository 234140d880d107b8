// POST /v1/staff/records-requests/{trackingNumber}/fee/payment → markFeePaid.
import * as routes from '../../api/routes/records-staff';
import { recordsStore } from '../../adapters/records/records-wiring';
import { markFeePaid } from '../../domain/records/casework';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: recordsStore(), clock: systemClock };

export const handler = httpHandler(
  routes.markRecordsFeePaid,
  async ({ params, body, principal, requestId }) => ({
    statusCode: 200,
    body: await markFeePaid(deps, principal, params.trackingNumber, body, { requestId }),
  }),
);
