// S3 ObjectCreated under request-documents/ → scanUploadedDocument (the release gate's scan).
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { S3Event } from 'aws-lambda';
import { recordsStore, requestFiles } from '../../adapters/records/records-wiring';
import { scanUploadedDocument } from '../../domain/records/release';
import { scanDocument } from '../../ingestion/extract-document-text';
import { systemClock } from '../../shared/clock';
import { logger } from '../../shared/logger';

const deps = {
  store: recordsStore(),
  files: requestFiles(),
  clock: systemClock,
  scan: scanDocument,
};

async function scanUploads(event: S3Event): Promise<void> {
  for (const record of event.Records) {
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const result = await scanUploadedDocument(deps, key);
    // The key and the outcome only: findings are counted, never their values.
    logger.info('Request document scanned', { key, ...result });
  }
}

export const handler = middy(scanUploads).use(injectLambdaContext(logger, { clearState: true }));
