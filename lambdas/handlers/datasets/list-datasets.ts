// GET /v1/datasets → listCatalog → a page of dataset summaries.
import * as routes from '../../api/routes/datasets';
import { datasetSummaryView } from '../../api/views/datasets';
import { sharedDocumentClient } from '../../adapters/clients/dynamodb';
import { DynamoDatasetCatalogStore } from '../../adapters/dataset-catalog-store';
import { listCatalog } from '../../domain/datasets/catalog';
import { httpHandler } from '../../shared/http-handler';
import { requiredEnv } from '../../shared/config';

const catalog = new DynamoDatasetCatalogStore(sharedDocumentClient(), requiredEnv('TABLE_NAME'));

export const handler = httpHandler(routes.listDatasets, async ({ query, baseUrl }) => {
  const page = await listCatalog(catalog, query);
  return {
    statusCode: 200,
    body: { items: page.datasets.map((d) => datasetSummaryView(d, baseUrl)), nextCursor: page.nextCursor },
  };
});
