// EventBridge schedule (daily) → publishRequestStatistics: the statistics table and its open dataset.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { ScheduledEvent } from 'aws-lambda';
import { recordsStore } from '../../adapters/records/records-wiring';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { datasetUploads } from '../../adapters/dataset-files-wiring';
import { publishRequestStatistics } from '../../domain/records/statistics-publication';
import { systemClock } from '../../shared/clock';
import { logger } from '../../shared/logger';

const ports = {
  store: recordsStore(),
  registry: datasetRegistry(),
  uploads: datasetUploads(),
  clock: systemClock,
  async putFile(url: string, body: string, contentType: string) {
    const response = await fetch(url, { method: 'PUT', headers: { 'content-type': contentType }, body });
    if (!response.ok) throw new Error(`The statistics upload failed with HTTP ${response.status}`);
  },
};

async function run(event: Partial<ScheduledEvent>) {
  const report = await publishRequestStatistics(ports, event.time ?? systemClock.now());
  logger.info('Records statistics job done', { ...report });
  return report;
}

export const handler = middy(run).use(injectLambdaContext(logger, { clearState: true }));
