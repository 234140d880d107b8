// GET /v1/staff/datasets?department= → listDepartmentDatasets (every status; owners and City IT).
import * as routes from '../../api/routes/publishing';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { listDepartmentDatasets } from '../../domain/datasets/publishing';
import { httpHandler } from '../../shared/http-handler';

const registry = datasetRegistry();

export const handler = httpHandler(routes.listDepartmentDatasets, async ({ query, principal }) => ({
  statusCode: 200,
  body: await listDepartmentDatasets(registry.catalog, principal, {
    limit: query.limit,
    ...(query.department ? { department: query.department } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  }),
}));
