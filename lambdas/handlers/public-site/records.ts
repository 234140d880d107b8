// ANY /records, ANY /records/{proxy+} → the records pages that read (lambdas/ui/public/records-pages.ts): what a
// request is, the requester's status page and released files, the public archive and its files. No sign-in.
// The forms (/records/new, /records/lost-link) are records-forms.ts: they write the table and send e-mail.
import { recordsStore, requestFiles } from '../../adapters/records/records-wiring';
import { requiredEnv } from '../../shared/config';
import { systemClock } from '../../shared/clock';
import { pageHandler } from '../../ui/page-handler';
import { registerRecordsPages } from '../../ui/public/records-pages';
import { createPublicSite } from '../../ui/public/site-app';

const site = createPublicSite(
  { clock: systemClock, records: { store: recordsStore(), files: requestFiles() } },
  { csrfSecret: requiredEnv('ADMIN_UI_CSRF_SECRET') },
  [registerRecordsPages],
);

export const handler = pageHandler(site);
