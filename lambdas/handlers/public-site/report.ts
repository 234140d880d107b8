// ANY /report, ANY /report/{proxy+} → the violation report pages (lambdas/ui/public/report-pages.ts): the
// form and receipt, the reporter's status page. No sign-in.
import { caseEvidence, caseStore } from '../../adapters/enforcement/case-wiring';
import { emailSender } from '../../adapters/email/email-wiring';
import { requiredEnv } from '../../shared/config';
import { systemClock } from '../../shared/clock';
import { pageHandler } from '../../ui/page-handler';
import { createPublicSite } from '../../ui/public/site-app';
import { registerReportPages } from '../../ui/public/report-pages';

const site = createPublicSite(
  {
    clock: systemClock,
    reports: { store: caseStore(), email: emailSender(), evidence: caseEvidence() },
  },
  { csrfSecret: requiredEnv('ADMIN_UI_CSRF_SECRET') },
  [registerReportPages],
);

export const handler = pageHandler(site);
