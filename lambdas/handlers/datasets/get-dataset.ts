// GET /v1/datasets/{datasetId} → getPublishedDataset → dataset metadata.
import * as routes from '../../api/routes/datasets';
import { datasetDetailView } from '../../api/views/datasets';
import { sharedDocumentClient } from '../../adapters/clients/dynamodb';
import { DynamoDatasetCatalogStore } from '../../adapters/dataset-catalog-store';
import { getPublishedDataset } from '../../domain/datasets/catalog';
import { httpHandler } from '../../shared/http-handler';
import { requiredEnv } from '../../shared/config';

const catalog = new DynamoDatasetCatalogStore(sharedDocumentClient(), requiredEnv('TABLE_NAME'));

export const handler = httpHandler(routes.getDataset, async ({ params, baseUrl }) => {
  const dataset = await getPublishedDataset(catalog, params.datasetId);
  return {
    statusCode: 200,
    body: datasetDetailView(dataset, baseUrl),
    headers: { 'Last-Modified': new Date(dataset.modifiedAt).toUTCString() },
  };
});
