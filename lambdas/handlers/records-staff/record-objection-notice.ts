// POST /v1/staff/records-requests/{trackingNumber}/objection-notice → recordObjectionNotice (C.G.S. 1-214).
import * as routes from '../../api/routes/records-staff';
import { recordsStore } from '../../adapters/records/records-wiring';
import { recordObjectionNotice } from '../../domain/records/casework';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: recordsStore(), clock: systemClock };

export const handler = httpHandler(
  routes.recordObjectionNotice,
  async ({ params, body, principal, requestId }) => ({
    statusCode: 200,
    body: await recordObjectionNotice(deps, principal, params.trackingNumber, body, { requestId }),
  }),
);
