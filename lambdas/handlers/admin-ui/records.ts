// ANY /admin/records-requests… → the records-request pages (lambdas/ui/records-controller.ts): queue, CSV,
// a request's page and its actions, a request entered by staff.
import { emailSender } from '../../adapters/email/email-wiring';
import { recordsStore, requestFiles } from '../../adapters/records/records-wiring';
import { systemClock } from '../../shared/clock';
import { createAdminApp } from '../../ui/admin-app';
import { pageHandler } from '../../ui/page-handler';
import { registerRecordsPages } from '../../ui/records-controller';
import { adminUiConfig } from './shell-config';

const app = createAdminApp(
  { store: recordsStore(), files: requestFiles(), email: emailSender(), clock: systemClock },
  adminUiConfig(['RECORDS_BUCKET']),
  [registerRecordsPages],
);

export const handler = pageHandler(app);
