// POST …/versions/{version}/retry-ingestion → retryIngestion → 202 (the staged file is announced again).
import * as routes from '../../api/routes/publishing';
import { staffVersionView } from '../../api/views/versions';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { datasetUploads } from '../../adapters/dataset-files-wiring';
import { retryIngestion } from '../../domain/datasets/publishing';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const registry = datasetRegistry();
const uploads = datasetUploads();

export const handler = httpHandler(routes.retryIngestion, async ({ params, principal, requestId }) => ({
  statusCode: 202,
  body: staffVersionView(
    await retryIngestion(
      registry,
      uploads,
      systemClock,
      principal,
      params.datasetId,
      params.version,
      requestId,
    ),
  ),
}));
