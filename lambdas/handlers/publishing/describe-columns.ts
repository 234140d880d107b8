// POST …/versions/{version}/column-descriptions → describeDatasetColumns → the version with its dictionary words.
import * as routes from '../../api/routes/publishing';
import { staffVersionView } from '../../api/views/versions';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { describeDatasetColumns } from '../../domain/datasets/publishing';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const registry = datasetRegistry();

export const handler = httpHandler(
  routes.describeDatasetColumns,
  async ({ params, body, principal, requestId }) => {
    const version = await describeDatasetColumns(
      registry,
      systemClock,
      principal,
      params.datasetId,
      params.version,
      body.descriptions,
      requestId,
    );
    return { statusCode: 200, body: staffVersionView(version) };
  },
);
