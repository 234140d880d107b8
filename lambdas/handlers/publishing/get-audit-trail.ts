// GET /v1/staff/datasets/{datasetId}/audit → the dataset's audit trail, for its managers.
import * as routes from '../../api/routes/publishing';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { assertCanManage } from '../../domain/datasets/versions';
import { notFound } from '../../shared/errors';
import { httpHandler } from '../../shared/http-handler';

const registry = datasetRegistry();

export const handler = httpHandler(routes.getDatasetAuditTrail, async ({ params, principal }) => {
  const dataset = await registry.getDataset(params.datasetId);
  if (!dataset) throw notFound(`There is no dataset "${params.datasetId}".`);
  assertCanManage(principal, dataset.ownerDepartment);
  const events = await registry.auditTrail('dataset', params.datasetId);
  return { statusCode: 200, body: { events } };
});
