// GET /v1/staff/enforcement/cases → listCases (per office; IT admins see all).
import * as routes from '../../api/routes/enforcement';
import { caseStore } from '../../adapters/enforcement/case-wiring';
import { listCases } from '../../domain/enforcement/use-cases';
import { httpHandler } from '../../shared/http-handler';

const store = caseStore();

export const handler = httpHandler(routes.listEnforcementCases, async ({ query, principal }) => ({
  statusCode: 200,
  body: await listCases(store, principal, {
    state: query.state,
    limit: query.limit,
    ...(query.office ? { office: query.office } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  }),
}));
