// POST /v1/staff/datasets/{datasetId}/versions → startVersionUpload → 201 upload URLs.
import * as routes from '../../api/routes/publishing';
import { staffVersionView } from '../../api/views/versions';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { datasetUploads } from '../../adapters/dataset-files-wiring';
import { startVersionUpload } from '../../domain/datasets/publishing';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const registry = datasetRegistry();
const uploads = datasetUploads();

export const handler = httpHandler(
  routes.createDatasetVersion,
  async ({ params, body, principal, requestId }) => {
    const { version, upload } = await startVersionUpload(
      registry,
      uploads,
      systemClock,
      principal,
      params.datasetId,
      body,
      requestId,
    );
    return { statusCode: 201, body: { version: staffVersionView(version), upload } };
  },
);
