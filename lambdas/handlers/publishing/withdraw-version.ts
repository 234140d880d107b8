// POST …/versions/{version}/withdraw → withdrawDatasetVersion → the withdrawn version (dataset rolled back).
import * as routes from '../../api/routes/publishing';
import { staffVersionView } from '../../api/views/versions';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { withdrawDatasetVersion } from '../../domain/datasets/publishing';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const registry = datasetRegistry();

export const handler = httpHandler(
  routes.withdrawDatasetVersion,
  async ({ params, body, principal, requestId }) => {
    const { withdrawn } = await withdrawDatasetVersion(
      registry,
      systemClock,
      principal,
      params.datasetId,
      params.version,
      body.reason,
      body.rollbackTo,
      requestId,
    );
    return { statusCode: 200, body: staffVersionView(withdrawn) };
  },
);
