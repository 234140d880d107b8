// ANY /, ANY /{proxy+} → the public site's shell (lambdas/ui/public/site-app.ts): the home page, help, the
// assets, and every path no other route claims (a page's 404; under /v1 the JSON API's 404). No sign-in.
// The other areas have their own Lambdas (datasets.ts, api-keys.ts, records.ts, records-forms.ts, report.ts).
import { helpContentStore } from '../../adapters/enforcement/enforcement-wiring';
import { requiredEnv } from '../../shared/config';
import { systemClock } from '../../shared/clock';
import { assetResponse } from '../../ui/assets';
import { pageHandler } from '../../ui/page-handler';
import { registerHelpPages } from '../../ui/public/help-pages';
import { registerHomePage } from '../../ui/public/pages/home';
import { createPublicSite } from '../../ui/public/site-app';

requiredEnv('TABLE_NAME');

const site = createPublicSite(
  { clock: systemClock, help: helpContentStore() },
  { csrfSecret: requiredEnv('ADMIN_UI_CSRF_SECRET') },
  [registerHomePage, registerHelpPages],
  { assets: assetResponse },
);

export const handler = pageHandler(site);
