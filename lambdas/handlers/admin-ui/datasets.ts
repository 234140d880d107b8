// ANY /admin/datasets… → the publishing pages (lambdas/ui/datasets-controller.ts): register, upload straight
// to S3, findings and decisions, publish, withdraw.
import { datasetUploads } from '../../adapters/dataset-files-wiring';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { systemClock } from '../../shared/clock';
import { createAdminApp } from '../../ui/admin-app';
import { registerDatasetPages } from '../../ui/datasets-controller';
import { pageHandler } from '../../ui/page-handler';
import { adminUiConfig } from './shell-config';

const app = createAdminApp(
  { datasets: datasetRegistry(), datasetUploads: datasetUploads(), clock: systemClock },
  adminUiConfig(['DATASETS_BUCKET']),
  [registerDatasetPages],
);

export const handler = pageHandler(app);
