// GET /v1/datasets/{datasetId}/download (API key) → datasetDownloadUrl → 302 to a signed S3 URL.
import { routes } from '../../api/routes';
import { sharedDocumentClient } from '../../adapters/clients/dynamodb';
import { sharedS3Client } from '../../adapters/clients/s3';
import { DynamoDatasetCatalogStore } from '../../adapters/dataset-catalog-store';
import { S3DatasetFileStore } from '../../adapters/dataset-file-store';
import { datasetDownloadUrl } from '../../domain/datasets/catalog';
import { httpHandler } from '../../shared/http-handler';
import { requiredEnv } from '../../shared/config';

const catalog = new DynamoDatasetCatalogStore(sharedDocumentClient(), requiredEnv('TABLE_NAME'));
const files = new S3DatasetFileStore(sharedS3Client(), requiredEnv('DATASETS_BUCKET'));

export const handler = httpHandler(routes.downloadDataset, async ({ params }) => {
  const url = await datasetDownloadUrl(catalog, files, params.datasetId);
  return { statusCode: 302, headers: { Location: url } };
});
