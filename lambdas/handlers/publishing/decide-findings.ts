// POST …/versions/{version}/personal-data-decisions → decideOnFindings → the version (ready once all are covered).
import * as routes from '../../api/routes/publishing';
import { staffVersionView } from '../../api/views/versions';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { decideOnFindings } from '../../domain/datasets/publishing';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const registry = datasetRegistry();

export const handler = httpHandler(
  routes.decidePersonalData,
  async ({ params, body, principal, requestId }) => {
    const version = await decideOnFindings(
      registry,
      systemClock,
      principal,
      params.datasetId,
      params.version,
      body.decisions,
      requestId,
    );
    return { statusCode: 200, body: staffVersionView(version) };
  },
);
