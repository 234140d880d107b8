// ANY /admin/holiday-calendar, /admin/audit-log → the settings pages (lambdas/ui/settings-controller.ts):
// the holiday calendar and city closures with their effect on open deadlines, the audit log.
import { auditLogStore } from '../../adapters/audit-log-store';
import { recordsStore } from '../../adapters/records/records-wiring';
import { systemClock } from '../../shared/clock';
import { createAdminApp } from '../../ui/admin-app';
import { pageHandler } from '../../ui/page-handler';
import { registerSettingsPages } from '../../ui/settings-controller';
import { adminUiConfig } from './shell-config';

const app = createAdminApp(
  { store: recordsStore(), auditLog: auditLogStore(), clock: systemClock },
  adminUiConfig(),
  [registerSettingsPages],
);

export const handler = pageHandler(app);
