// PUT /v1/staff/holiday-calendar → saveClosures (new calendar version; open due dates recomputed and audited).
import * as routes from '../../api/routes/records-staff';
import { recordsStore } from '../../adapters/records/records-wiring';
import { saveClosures } from '../../domain/records/calendar-admin';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: recordsStore(), clock: systemClock };

export const handler = httpHandler(routes.saveCityClosures, async ({ body, principal, requestId }) => ({
  statusCode: 200,
  body: await saveClosures(deps, principal, body, { requestId }),
}));
