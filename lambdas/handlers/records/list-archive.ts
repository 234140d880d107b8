// GET /v1/records-requests/archive → listArchive (closed requests, no requester identity).
import * as routes from '../../api/routes/records';
import { recordsStore } from '../../adapters/records/records-wiring';
import { listArchive } from '../../domain/records/archive';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const store = recordsStore();

export const handler = httpHandler(routes.listRecordsArchive, async ({ query }) => ({
  statusCode: 200,
  body: await listArchive(store, systemClock.now(), {
    ...(query.year ? { year: query.year } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
    limit: query.limit,
  }),
}));
