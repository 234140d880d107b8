// GET /v1/staff/datasets/{datasetId} → the dataset and all its versions, for its managers.
import * as routes from '../../api/routes/publishing';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { assertCanManage } from '../../domain/datasets/versions';
import { notFound } from '../../shared/errors';
import { httpHandler } from '../../shared/http-handler';
import { staffDatasetView } from './staff-dataset-view';

const registry = datasetRegistry();

export const handler = httpHandler(routes.getStaffDataset, async ({ params, principal, baseUrl }) => {
  const dataset = await registry.getDataset(params.datasetId);
  if (!dataset) throw notFound(`There is no dataset "${params.datasetId}".`);
  assertCanManage(principal, dataset.ownerDepartment);
  const versions = await registry.listVersions(params.datasetId);
  return { statusCode: 200, body: staffDatasetView(dataset, versions, baseUrl) };
});
