// GET /v1/violation-reports/{reportNumber}?token= → reporterCaseStatus (unknown and wrong token answer alike).
import { enforcementRoutes as routes } from '../../api/routes/enforcement';
import { caseStore } from '../../adapters/enforcement/case-wiring';
import { reporterCaseStatus } from '../../domain/enforcement/use-cases';
import { httpHandler } from '../../shared/http-handler';

const store = caseStore();

export const handler = httpHandler(routes.getViolationReportStatus, async ({ params, query }) => ({
  statusCode: 200,
  body: await reporterCaseStatus(store, params.reportNumber, query.token),
}));
