// ANY /admin/api-keys… → API key applications and keys (lambdas/ui/api-keys-controller.ts): approve, ask,
// reject; a key's usage; suspend, reinstate, revoke.
import { apiAccessStore } from '../../adapters/api-access/api-access-wiring';
import { apiKeyManager } from '../../adapters/api-keys/key-manager-wiring';
import { emailSender } from '../../adapters/email/email-wiring';
import { systemClock } from '../../shared/clock';
import { createAdminApp } from '../../ui/admin-app';
import { registerApiKeyPages } from '../../ui/api-keys-controller';
import { pageHandler } from '../../ui/page-handler';
import { adminUiConfig } from './shell-config';

const app = createAdminApp(
  { applications: apiAccessStore(), keys: apiKeyManager(), email: emailSender(), clock: systemClock },
  adminUiConfig(),
  [registerApiKeyPages],
);

export const handler = pageHandler(app);
