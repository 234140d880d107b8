// POST /v1/staff/holiday-calendar/preview → previewClosures (which open due dates would move; saves nothing).
import * as routes from '../../api/routes/records-staff';
import { recordsStore } from '../../adapters/records/records-wiring';
import { previewClosures } from '../../domain/records/calendar-admin';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const store = recordsStore();

export const handler = httpHandler(routes.previewCityClosures, async ({ body }) => ({
  statusCode: 200,
  body: await previewClosures(store, systemClock.now(), body),
}));
