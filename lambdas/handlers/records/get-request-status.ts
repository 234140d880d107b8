// GET /v1/records-requests/{trackingNumber}?token= → requesterStatus (unknown number and wrong token: the same 404).
// The e-mailed status link is this URL: a browser is sent on to the status page, which shows the same.
import * as routes from '../../api/routes/records';
import { recordsStore } from '../../adapters/records/records-wiring';
import { requesterStatus } from '../../domain/records/casework';
import { systemClock } from '../../shared/clock';
import { httpHandler, prefersHtml, seeOtherPage } from '../../shared/http-handler';

const store = recordsStore();

export const handler = httpHandler(
  routes.getRecordsRequestStatus,
  async ({ params, query, event, baseUrl }) =>
    prefersHtml(event)
      ? seeOtherPage(
          baseUrl,
          `/records/status/${params.trackingNumber}?token=${encodeURIComponent(query.token)}`,
        )
      : {
          statusCode: 200,
          body: await requesterStatus({ store, clock: systemClock }, params.trackingNumber, query.token),
        },
);
