// GET /v1/staff/enforcement/cases/{reportNumber} → caseDetail.
import * as routes from '../../api/routes/enforcement';
import { caseStore } from '../../adapters/enforcement/case-wiring';
import { caseDetail } from '../../domain/enforcement/use-cases';
import { httpHandler } from '../../shared/http-handler';

const store = caseStore();

export const handler = httpHandler(routes.getEnforcementCase, async ({ params, principal }) => ({
  statusCode: 200,
  body: await caseDetail(store, principal, params.reportNumber),
}));
