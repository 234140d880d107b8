// ANY /records/new, ANY /records/lost-link → the records-request forms (lambdas/ui/public/records-form-pages.ts):
// the request form and its receipt, the status link sent again. No sign-in. No bucket: the pages that read
// (status, released files, archive) are records.ts.
import { emailSender } from '../../adapters/email/email-wiring';
import { recordsStore } from '../../adapters/records/records-wiring';
import { requiredEnv } from '../../shared/config';
import { systemClock } from '../../shared/clock';
import { pageHandler } from '../../ui/page-handler';
import { registerRecordsFormPages } from '../../ui/public/records-form-pages';
import { createPublicSite } from '../../ui/public/site-app';

const site = createPublicSite(
  { clock: systemClock, records: { store: recordsStore(), email: emailSender() } },
  { csrfSecret: requiredEnv('ADMIN_UI_CSRF_SECRET') },
  [registerRecordsFormPages],
);

export const handler = pageHandler(site);
