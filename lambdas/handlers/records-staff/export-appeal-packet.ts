// GET /v1/staff/records-requests/{trackingNumber}/appeal-packet → exportAppealPacket → 302 to the zip.
import * as routes from '../../api/routes/records-staff';
import { recordsStore, requestFiles } from '../../adapters/records/records-wiring';
import { exportAppealPacket } from '../../domain/records/release';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: recordsStore(), files: requestFiles(), clock: systemClock };

export const handler = httpHandler(routes.exportAppealPacket, async ({ params, principal, requestId }) => ({
  statusCode: 302,
  headers: { Location: await exportAppealPacket(deps, principal, params.trackingNumber, { requestId }) },
}));
