// ANY /admin, /admin/{proxy+} → the admin UI's home (lambdas/ui/home-controller.ts): sign-in and sign-out,
// the dashboard, the local outbox, the assets, and the "no such page" answer for any other path.
import { apiAccessStore } from '../../adapters/api-access/api-access-wiring';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { listOutbox } from '../../adapters/email/email-wiring';
import { caseStore } from '../../adapters/enforcement/case-wiring';
import { recordsStore } from '../../adapters/records/records-wiring';
import { systemClock } from '../../shared/clock';
import { createAdminApp } from '../../ui/admin-app';
import { assetResponse } from '../../ui/assets';
import { registerHomePages } from '../../ui/home-controller';
import { pageHandler } from '../../ui/page-handler';
import { adminUiConfig } from './shell-config';

const config = adminUiConfig();
const app = createAdminApp(
  {
    store: recordsStore(),
    clock: systemClock,
    applications: apiAccessStore(),
    datasets: datasetRegistry(),
    cases: caseStore(),
    outbox: config.localOutbox ? { list: listOutbox } : undefined,
  },
  config,
  [registerHomePages],
  { assets: assetResponse },
);

export const handler = pageHandler(app);
