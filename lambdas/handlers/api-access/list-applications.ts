// GET /v1/staff/api-key-applications?status= → applications in that status, those this person may decide first.
import * as routes from '../../api/routes/api-access';
import { apiAccessStore } from '../../adapters/api-access/api-access-wiring';
import { canDecide } from '../../domain/api-access/applications';
import { httpHandler } from '../../shared/http-handler';

const store = apiAccessStore();

export const handler = httpHandler(routes.listApiKeyApplications, async ({ query, principal }) => {
  const applications = await store.listApplications(query.status, query.limit);
  return {
    statusCode: 200,
    body: {
      applications: applications
        .map(({ statusTokenHash: _token, ...a }) => ({ ...a, youMayDecide: canDecide(principal, a) }))
        .sort((a, b) => Number(b.youMayDecide) - Number(a.youMayDecide)),
    },
  };
});
