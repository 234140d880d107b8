// EventBridge schedule (hourly) → runAbuseDetection: abuse signals become enforcement cases for City IT.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { apiAccessStore } from '../../adapters/api-access/api-access-wiring';
import { caseEvidence, caseStore } from '../../adapters/enforcement/case-wiring';
import { emailSender } from '../../adapters/email/email-wiring';
import { runAbuseDetection } from '../../domain/enforcement/abuse-detection-job';
import { systemClock } from '../../shared/clock';
import { logger } from '../../shared/logger';

const deps = {
  store: caseStore(),
  email: emailSender(),
  clock: systemClock,
  signals: apiAccessStore(),
  evidence: caseEvidence(),
};

async function run() {
  const report = await runAbuseDetection(deps);
  logger.info('API abuse detection done', report);
  return report;
}

export const handler = middy(run).use(injectLambdaContext(logger, { clearState: true }));
