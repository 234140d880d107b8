// S3 ObjectCreated under report-attachments/ → scanUploadedAttachment (the same personal-data scan as every upload).
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { S3Event } from 'aws-lambda';
import { attachmentFiles, caseStore } from '../../adapters/enforcement/case-wiring';
import { recordsStore } from '../../adapters/records/records-wiring';
import { scanUploadedAttachment } from '../../domain/enforcement/attachments';
import { scanDocument } from '../../ingestion/extract-document-text';
import { systemClock } from '../../shared/clock';
import { logger } from '../../shared/logger';

const records = recordsStore();
const deps = {
  store: caseStore(),
  files: attachmentFiles(),
  clock: systemClock,
  protectedAddresses: () => records.getProtectedAddresses(),
  scan: scanDocument,
};

async function scanAttachments(event: S3Event): Promise<void> {
  for (const record of event.Records) {
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    logger.info('Report attachment scanned', { key, ...(await scanUploadedAttachment(deps, key)) });
  }
}

export const handler = middy(scanAttachments).use(injectLambdaContext(logger, { clearState: true }));
