// GET /v1/staff/records-requests → listRequests (by due date; department staff see their department).
import { recordsStaffRoutes as routes } from '../../api/routes/records-staff';
import { recordsStore } from '../../adapters/records/records-wiring';
import { listRequests } from '../../domain/records/casework';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: recordsStore(), clock: systemClock };

export const handler = httpHandler(routes.listRecordsRequests, async ({ query, principal }) => ({
  statusCode: 200,
  body: await listRequests(deps, principal, {
    state: query.state,
    limit: query.limit,
    ...(query.department ? { department: query.department } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  }),
}));
