// POST /v1/staff/datasets → registerDataset → 201 the draft dataset.
import * as routes from '../../api/routes/publishing';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { registerDataset } from '../../domain/datasets/publishing';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';
import { staffDatasetView } from './staff-dataset-view';

const registry = datasetRegistry();

export const handler = httpHandler(
  routes.registerDataset,
  async ({ body, principal, requestId, baseUrl }) => {
    const dataset = await registerDataset(registry, systemClock, principal, body, requestId);
    return { statusCode: 201, body: staffDatasetView(dataset, [], baseUrl) };
  },
);
