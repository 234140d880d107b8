// GET /v1/violation-reports/{reportNumber}?token= → reporterCaseStatus (unknown and wrong token answer alike).
// The e-mailed status link is this URL: a browser is sent on to the status page, which shows the same.
import * as routes from '../../api/routes/enforcement';
import { caseStore } from '../../adapters/enforcement/case-wiring';
import { reporterCaseStatus } from '../../domain/enforcement/use-cases';
import { httpHandler, prefersHtml, seeOtherPage } from '../../shared/http-handler';

const store = caseStore();

export const handler = httpHandler(
  routes.getViolationReportStatus,
  async ({ params, query, event, baseUrl }) =>
    prefersHtml(event)
      ? seeOtherPage(
          baseUrl,
          `/report/status/${params.reportNumber}?token=${encodeURIComponent(query.token)}`,
        )
      : { statusCode: 200, body: await reporterCaseStatus(store, params.reportNumber, query.token) },
);
