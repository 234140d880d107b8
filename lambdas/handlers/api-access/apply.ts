// POST /v1/api-key-applications → submitApplication → 201 with a status link (idempotent with Idempotency-Key).
import * as routes from '../../api/routes/api-access';
import { apiAccessStore } from '../../adapters/api-access/api-access-wiring';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { emailSender } from '../../adapters/email/email-wiring';
import { submitApplication } from '../../domain/api-access/use-cases';
import { isPubliclyListed } from '../../domain/datasets/dataset';
import { systemClock } from '../../shared/clock';
import { httpHandler, requestHeader } from '../../shared/http-handler';

const store = apiAccessStore();
const registry = datasetRegistry();
const email = emailSender();
const datasets = {
  async ownerOf(datasetId: string) {
    const dataset = await registry.getDataset(datasetId);
    return dataset && isPubliclyListed(dataset) ? dataset.ownerDepartment : undefined;
  },
};

export const handler = httpHandler(routes.applyForApiKey, async ({ body, event, requestId, baseUrl }) => {
  const idempotencyKey = requestHeader(event, 'idempotency-key');
  return submitApplication({ store, email, datasets, clock: systemClock }, body, {
    sourceIp: event.requestContext?.identity?.sourceIp ?? 'unknown',
    ...(idempotencyKey ? { idempotencyKey } : {}),
    requestId,
    baseUrl,
  });
});
