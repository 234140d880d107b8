// GET /v1/datasets/{datasetId}/changes?since= (API key) → readChanges → a page of added/changed/removed rows.
import * as routes from '../../api/routes/open-data';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { rowChunks } from '../../adapters/dataset-files-wiring';
import { readChanges } from '../../domain/rows/changes';
import { sharedApiKeyAdmission } from '../../adapters/api-access/api-access-wiring';
import { httpHandler } from '../../shared/http-handler';

const registry = datasetRegistry();
const chunks = rowChunks();

export const handler = httpHandler(
  routes.getChanges,
  async ({ params, query }) => {
    const page = await readChanges(registry.catalog, registry, (id, v) => chunks.reader(id, v), {
      datasetId: params.datasetId,
      ...query,
    });
    return { statusCode: 200, body: page };
  },
  { admit: sharedApiKeyAdmission() },
);
