// GET /v1/staff/enforcement/cases/{reportNumber}/attachments/{attachmentId} → attachmentDownload → 302.
import * as routes from '../../api/routes/enforcement';
import { attachmentFiles, caseStore } from '../../adapters/enforcement/case-wiring';
import { attachmentDownload } from '../../domain/enforcement/attachments';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: caseStore(), files: attachmentFiles() };

export const handler = httpHandler(routes.downloadCaseAttachment, async ({ params, principal }) => ({
  statusCode: 302,
  headers: {
    Location: await attachmentDownload(deps, principal, params.reportNumber, params.attachmentId),
  },
}));
