// GET /, ANY /{proxy+} → the public pages residents use (lambdas/ui/public/site-app.ts): no sign-in.
import { requiredEnv } from '../../shared/config';
import { systemClock } from '../../shared/clock';
import { pageHandler } from '../../ui/page-handler';
import { createPublicSite } from '../../ui/public/site-app';

requiredEnv('TABLE_NAME');

const site = createPublicSite({ clock: systemClock }, { csrfSecret: requiredEnv('ADMIN_UI_CSRF_SECRET') });

export const handler = pageHandler(site);
