// EventBridge schedule (daily) → runDailyRecordsJob: deemed denials, digests, escalation. Safe to run twice.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { ScheduledEvent } from 'aws-lambda';
import { recordsStore } from '../../adapters/records/records-wiring';
import { emailSender } from '../../adapters/email/email-wiring';
import { runDailyRecordsJob } from '../../domain/records/daily-job';
import { systemClock } from '../../shared/clock';
import { logger } from '../../shared/logger';
import { requiredEnv } from '../../shared/config';

const deps = { store: recordsStore(), email: emailSender(), clock: systemClock };

async function run(event: Partial<ScheduledEvent>) {
  // The scheduled event's own time: a retried or replayed run judges the same day.
  const report = await runDailyRecordsJob(deps, {
    baseUrl: requiredEnv('PUBLIC_API_URL').replace(/\/$/, ''),
    ...(event.time ? { now: event.time } : {}),
  });
  logger.info('Daily records job done', { ...report, deemedDenied: report.deemedDenied.length });
  return report;
}

export const handler = middy(run).use(injectLambdaContext(logger, { clearState: true }));
