// GET …/versions/{version} → the version's ingestion report and personal-data findings.
import * as routes from '../../api/routes/publishing';
import { staffVersionView } from '../../api/views/versions';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { assertCanManage } from '../../domain/datasets/versions';
import { notFound } from '../../shared/errors';
import { httpHandler } from '../../shared/http-handler';

const registry = datasetRegistry();

export const handler = httpHandler(routes.getDatasetVersion, async ({ params, principal }) => {
  const dataset = await registry.getDataset(params.datasetId);
  if (!dataset) throw notFound(`There is no dataset "${params.datasetId}".`);
  assertCanManage(principal, dataset.ownerDepartment);
  const version = await registry.getVersion(params.datasetId, params.version);
  if (!version) throw notFound(`Dataset "${params.datasetId}" has no version ${params.version}.`);
  return { statusCode: 200, body: staffVersionView(version) };
});
