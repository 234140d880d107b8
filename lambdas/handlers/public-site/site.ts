// GET /, ANY /{proxy+} → the public pages residents use (lambdas/ui/public/site-app.ts): no sign-in.
import { apiAccessStore } from '../../adapters/api-access/api-access-wiring';
import { sharedDocumentClient } from '../../adapters/clients/dynamodb';
import { sharedS3Presigner } from '../../adapters/clients/s3-presigner';
import { S3DatasetFileLinks } from '../../adapters/dataset-file-store';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { downloadCounter } from '../../adapters/download-counter';
import { emailSender } from '../../adapters/email/email-wiring';
import { helpContentStore } from '../../adapters/enforcement/enforcement-wiring';
import { caseEvidence, caseStore } from '../../adapters/enforcement/case-wiring';
import { recordsStore, requestFiles } from '../../adapters/records/records-wiring';
import { requiredEnv } from '../../shared/config';
import { systemClock } from '../../shared/clock';
import { pageHandler } from '../../ui/page-handler';
import { createPublicSite } from '../../ui/public/site-app';

requiredEnv('TABLE_NAME');

const site = createPublicSite(
  {
    clock: systemClock,
    catalog: {
      catalog: datasetRegistry().catalog,
      versions: datasetRegistry(),
      files: new S3DatasetFileLinks(sharedS3Presigner(), requiredEnv('DATASETS_BUCKET')),
      downloads: downloadCounter(sharedDocumentClient(), requiredEnv('TABLE_NAME')),
    },
    apiKeyApplications: { store: apiAccessStore(), email: emailSender() },
    help: helpContentStore(),
    records: { store: recordsStore(), files: requestFiles(), email: emailSender() },
    reports: { store: caseStore(), email: emailSender(), evidence: caseEvidence() },
  },
  { csrfSecret: requiredEnv('ADMIN_UI_CSRF_SECRET') },
);

export const handler = pageHandler(site);
