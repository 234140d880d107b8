// GET /v1/datasets/{datasetId}/dictionary → the version's data dictionary (Frictionless Table Schema).
import * as routes from '../../api/routes/open-data';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { getPublishedVersion } from '../../domain/datasets/catalog';
import { versionDictionary } from '../../domain/datasets/dictionary';
import { httpHandler } from '../../shared/http-handler';

const registry = datasetRegistry();

export const handler = httpHandler(routes.getDataDictionary, async ({ params, query, baseUrl }) => {
  const { dataset, version } = await getPublishedVersion(
    registry.catalog,
    registry,
    params.datasetId,
    query.version,
  );
  const dictionary = versionDictionary(dataset, version, baseUrl);
  return { statusCode: 200, body: dictionary };
});
