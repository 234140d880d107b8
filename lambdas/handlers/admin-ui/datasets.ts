// ANY /admin/datasets… → the publishing pages (lambdas/ui/datasets-controller.ts): register, upload straight
// to S3, findings and decisions, publish, withdraw.
import { datasetUploads } from '../../adapters/dataset-files-wiring';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { sharedS3Presigner } from '../../adapters/clients/s3-presigner';
import { requiredEnv } from '../../shared/config';
import { systemClock } from '../../shared/clock';
import { createAdminApp } from '../../ui/admin-app';
import { registerDatasetPages } from '../../ui/datasets-controller';
import { pageHandler } from '../../ui/page-handler';
import { adminUiConfig } from './shell-config';

const app = createAdminApp(
  { datasets: datasetRegistry(), datasetUploads: datasetUploads(), clock: systemClock },
  // Documents and CSVs go straight from the page to the bucket.
  adminUiConfig([sharedS3Presigner().originOf(requiredEnv('DATASETS_BUCKET'))]),
  [registerDatasetPages],
);

export const handler = pageHandler(app);
