// PUT /v1/staff/protected-addresses → saveProtectedAddresses (audited by count, never by address).
import * as routes from '../../api/routes/records-staff';
import { recordsStore } from '../../adapters/records/records-wiring';
import { saveProtectedAddresses } from '../../domain/records/calendar-admin';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: recordsStore(), clock: systemClock };

export const handler = httpHandler(routes.saveProtectedAddresses, async ({ body, principal, requestId }) => ({
  statusCode: 200,
  body: await saveProtectedAddresses(deps, principal, body, { requestId }),
}));
