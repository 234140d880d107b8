// POST /v1/staff/records-requests/{trackingNumber}/fee → setFeeEstimate (C.G.S. 1-212 invoice with waivers).
import * as routes from '../../api/routes/records-staff';
import { recordsStore } from '../../adapters/records/records-wiring';
import { emailSender } from '../../adapters/email/email-wiring';
import { setFeeEstimate } from '../../domain/records/casework';
import type { FeeEstimateInput } from '../../domain/records/fees';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: recordsStore(), email: emailSender(), clock: systemClock };

export const handler = httpHandler(
  routes.estimateRecordsFee,
  async ({ params, body, principal, requestId, baseUrl }) => ({
    statusCode: 200,
    body: await setFeeEstimate(
      deps,
      principal,
      params.trackingNumber,
      body as Omit<FeeEstimateInput, 'delivery'> & { revision: number },
      { requestId, baseUrl },
    ),
  }),
);
