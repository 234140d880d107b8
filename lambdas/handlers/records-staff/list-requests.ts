// GET /v1/staff/records-requests → queueRequests (the queue's filters; department staff see their department).
import * as routes from '../../api/routes/records-staff';
import { recordsStore } from '../../adapters/records/records-wiring';
import { queueRequests } from '../../domain/records/queue-query';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: recordsStore(), clock: systemClock };

export const handler = httpHandler(routes.listRecordsRequests, async ({ query, principal }) => {
  const { searchedUpTo: _read, readLimitReached, ...page } = await queueRequests(deps, principal, query);
  return { statusCode: 200, body: { ...page, ...(readLimitReached ? { readLimitReached } : {}) } };
});
