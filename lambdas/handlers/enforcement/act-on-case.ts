// POST /v1/staff/enforcement/cases/{reportNumber}/actions → takeCaseAction (through the owning feature).
import * as routes from '../../api/routes/enforcement';
import { caseEffects, caseStore } from '../../adapters/enforcement/case-wiring';
import { emailSender } from '../../adapters/email/email-wiring';
import { takeCaseAction } from '../../domain/enforcement/use-cases';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const store = caseStore();
const email = emailSender();

export const handler = httpHandler(
  routes.actOnEnforcementCase,
  async ({ params, body, principal, requestId, baseUrl }) => ({
    statusCode: 200,
    body: await takeCaseAction(
      { store, email, clock: systemClock, effects: caseEffects({ requestId, baseUrl }) },
      principal,
      params.reportNumber,
      body,
      { requestId, baseUrl },
    ),
  }),
);
