// GET /v1/api-key-applications/{applicationId}?token= → the applicant's view of their application.
import * as routes from '../../api/routes/api-access';
import { apiAccessStore } from '../../adapters/api-access/api-access-wiring';
import { applicationStatus } from '../../domain/api-access/use-cases';
import { httpHandler } from '../../shared/http-handler';

const store = apiAccessStore();

export const handler = httpHandler(routes.getApplicationStatus, async ({ params, query }) => ({
  statusCode: 200,
  body: await applicationStatus(store, params.applicationId, query.token),
}));
