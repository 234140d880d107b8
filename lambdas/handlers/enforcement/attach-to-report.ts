// POST /v1/violation-reports/{reportNumber}/attachments?token= → startAttachmentUpload → 201 with a presigned PUT.
import * as routes from '../../api/routes/enforcement';
import { attachmentFiles, caseStore } from '../../adapters/enforcement/case-wiring';
import { startAttachmentUpload } from '../../domain/enforcement/attachments';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: caseStore(), files: attachmentFiles(), clock: systemClock };

export const handler = httpHandler(routes.attachToViolationReport, async ({ params, query, body }) => ({
  statusCode: 201,
  body: await startAttachmentUpload(deps, params.reportNumber, query.token, body),
}));
