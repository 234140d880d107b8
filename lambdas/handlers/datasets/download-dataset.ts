// GET /v1/datasets/{datasetId}/download (API key) → datasetDownloadUrl → 302 to a signed S3 URL.
import * as routes from '../../api/routes/datasets';
import { sharedDocumentClient } from '../../adapters/clients/dynamodb';
import { sharedS3Presigner } from '../../adapters/clients/s3-presigner';
import { S3DatasetFileLinks } from '../../adapters/dataset-file-store';
import { DynamoDatasetRegistry } from '../../adapters/dataset-registry';
import { downloadCounter } from '../../adapters/download-counter';
import { datasetDownloadUrl } from '../../domain/datasets/catalog';
import { sharedApiKeyAdmission } from '../../adapters/api-access/api-access-wiring';
import { httpHandler } from '../../shared/http-handler';
import { requiredEnv } from '../../shared/config';

const registry = new DynamoDatasetRegistry(sharedDocumentClient(), requiredEnv('TABLE_NAME'));
const files = new S3DatasetFileLinks(sharedS3Presigner(), requiredEnv('DATASETS_BUCKET'));
const downloads = downloadCounter(sharedDocumentClient(), requiredEnv('TABLE_NAME'));

export const handler = httpHandler(
  routes.downloadDataset,
  async ({ params, query }) => {
    const url = await datasetDownloadUrl(
      registry.catalog,
      registry,
      files,
      params.datasetId,
      query.version,
      downloads,
    );
    return { statusCode: 302, headers: { Location: url } };
  },
  { admit: sharedApiKeyAdmission() },
);
