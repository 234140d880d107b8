// POST /v1/violation-reports → submitViolationReport → 201 with a report number and a status link.
import * as routes from '../../api/routes/enforcement';
import { caseEvidence, caseStore } from '../../adapters/enforcement/case-wiring';
import { emailSender } from '../../adapters/email/email-wiring';
import { submitViolationReport } from '../../domain/enforcement/use-cases';
import { systemClock } from '../../shared/clock';
import { httpHandler, requestHeader } from '../../shared/http-handler';

const deps = { store: caseStore(), email: emailSender(), clock: systemClock, evidence: caseEvidence() };

export const handler = httpHandler(
  routes.submitViolationReport,
  async ({ body, event, requestId, baseUrl }) => {
    const idempotencyKey = requestHeader(event, 'idempotency-key');
    return submitViolationReport(deps, body, {
      sourceIp: event.requestContext?.identity?.sourceIp ?? 'unknown',
      ...(idempotencyKey ? { idempotencyKey } : {}),
      requestId,
      baseUrl,
    });
  },
);
