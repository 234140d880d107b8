// POST …/versions/{version}/publish → publishDatasetVersion → the published version.
import * as routes from '../../api/routes/publishing';
import { staffVersionView } from '../../api/views/versions';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { publishDatasetVersion } from '../../domain/datasets/publishing';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const registry = datasetRegistry();

export const handler = httpHandler(routes.publishDatasetVersion, async ({ params, principal, requestId }) => {
  const { version } = await publishDatasetVersion(
    registry,
    systemClock,
    principal,
    params.datasetId,
    params.version,
    requestId,
  );
  return { statusCode: 200, body: staffVersionView(version) };
});
