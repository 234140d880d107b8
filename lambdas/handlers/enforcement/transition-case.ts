// POST /v1/staff/enforcement/cases/{reportNumber}/transitions → transitionCase (review, outcome, close, reopen).
import * as routes from '../../api/routes/enforcement';
import { caseStore } from '../../adapters/enforcement/case-wiring';
import { emailSender } from '../../adapters/email/email-wiring';
import { transitionCase } from '../../domain/enforcement/use-cases';
import type { CaseTransition } from '../../domain/enforcement/cases';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: caseStore(), email: emailSender(), clock: systemClock };

export const handler = httpHandler(
  routes.transitionEnforcementCase,
  async ({ params, body, principal, requestId, baseUrl }) => ({
    statusCode: 200,
    body: await transitionCase(
      deps,
      principal,
      params.reportNumber,
      {
        action: body.action as CaseTransition,
        revision: body.revision,
        ...(body.reason ? { reason: body.reason } : {}),
      },
      { requestId, baseUrl },
    ),
  }),
);
