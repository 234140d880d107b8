// ANY /admin/enforcement… → violation cases (lambdas/ui/enforcement-controller.ts): the list, a case, its
// transitions and actions (which go through the owning features' use cases).
import { emailSender } from '../../adapters/email/email-wiring';
import { caseEffects, caseStore } from '../../adapters/enforcement/case-wiring';
import { systemClock } from '../../shared/clock';
import { createAdminApp } from '../../ui/admin-app';
import { registerEnforcementPages } from '../../ui/enforcement-controller';
import { pageHandler } from '../../ui/page-handler';
import { adminUiConfig } from './shell-config';

const app = createAdminApp(
  { cases: caseStore(), caseEffects, email: emailSender(), clock: systemClock },
  adminUiConfig(),
  [registerEnforcementPages],
);

export const handler = pageHandler(app);
