// POST …/versions/{version}/upload-complete → completeMultipartUpload → 202 (ingestion follows the S3 event).
import * as routes from '../../api/routes/publishing';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { datasetUploads } from '../../adapters/dataset-files-wiring';
import { completeMultipartUpload } from '../../domain/datasets/publishing';
import { httpHandler } from '../../shared/http-handler';

const registry = datasetRegistry();
const uploads = datasetUploads();

export const handler = httpHandler(routes.completeVersionUpload, async ({ params, body, principal }) => {
  await completeMultipartUpload(registry, uploads, principal, params.datasetId, params.version, body.parts);
  return {
    statusCode: 202,
    body: { datasetId: params.datasetId, version: params.version, state: 'awaiting-upload' },
  };
});
