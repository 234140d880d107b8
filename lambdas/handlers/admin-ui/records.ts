// ANY /admin/records-requests… → the records-request pages (lambdas/ui/records-controller.ts): queue, CSV,
// a request's page and its actions, a request entered by staff.
import { emailSender } from '../../adapters/email/email-wiring';
import { recordsStore, requestFiles } from '../../adapters/records/records-wiring';
import { sharedS3Presigner } from '../../adapters/clients/s3-presigner';
import { requiredEnv } from '../../shared/config';
import { systemClock } from '../../shared/clock';
import { createAdminApp } from '../../ui/admin-app';
import { pageHandler } from '../../ui/page-handler';
import { registerRecordsPages } from '../../ui/records-controller';
import { adminUiConfig } from './shell-config';

const app = createAdminApp(
  { store: recordsStore(), files: requestFiles(), email: emailSender(), clock: systemClock },
  // Documents and CSVs go straight from the page to the bucket.
  adminUiConfig([sharedS3Presigner().originOf(requiredEnv('RECORDS_BUCKET'))]),
  [registerRecordsPages],
);

export const handler = pageHandler(app);
