// S3 ObjectCreated under staging/ → ingestUploadedVersion for each uploaded file.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { S3Event } from 'aws-lambda';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { versionFiles } from '../../adapters/dataset-files-wiring';
import { parseStagingKey } from '../../domain/datasets/dataset';
import { ingestUploadedVersion } from '../../domain/datasets/ingest-version';
import { createPersonalDataScanner } from '../../domain/personal-data/scanner';
import { systemClock } from '../../shared/clock';
import { logger } from '../../shared/logger';

const registry = datasetRegistry();
const files = versionFiles();

async function ingestUploads(event: S3Event): Promise<void> {
  for (const record of event.Records) {
    // S3 URL-encodes keys in events (spaces as '+').
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const target = parseStagingKey(key);
    if (!target) {
      logger.warn('Ignoring an object that is not a dataset upload', { key });
      continue;
    }
    const version = await ingestUploadedVersion(
      registry,
      files,
      createPersonalDataScanner,
      systemClock,
      target.datasetId,
      target.version,
    );
    logger.info('Upload ingested', {
      datasetId: target.datasetId,
      version: target.version,
      state: version?.state ?? 'skipped (not awaiting an upload)',
      rowCount: version?.rowCount,
      findings: version?.findings?.length,
    });
  }
}

export const handler = middy(ingestUploads).use(injectLambdaContext(logger, { clearState: true }));
