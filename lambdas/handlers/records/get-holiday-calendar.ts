// GET /v1/holiday-calendar → publicCalendar (legal holidays and city closures, with the version).
import * as routes from '../../api/routes/records';
import { recordsStore } from '../../adapters/records/records-wiring';
import { publicCalendar } from '../../domain/records/calendar-admin';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const store = recordsStore();

export const handler = httpHandler(routes.getHolidayCalendar, async () => ({
  statusCode: 200,
  body: await publicCalendar(store, systemClock.now()),
}));
