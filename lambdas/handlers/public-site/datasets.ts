// ANY /datasets, ANY /datasets/{proxy+} → the public catalog pages (lambdas/ui/public/catalog-pages.ts):
// browse and search, a dataset's page, the keyless download. No sign-in.
import { sharedDocumentClient } from '../../adapters/clients/dynamodb';
import { sharedS3Presigner } from '../../adapters/clients/s3-presigner';
import { S3DatasetFileLinks } from '../../adapters/dataset-file-store';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { downloadCounter } from '../../adapters/download-counter';
import { requiredEnv } from '../../shared/config';
import { systemClock } from '../../shared/clock';
import { pageHandler } from '../../ui/page-handler';
import { registerCatalogPages } from '../../ui/public/catalog-pages';
import { createPublicSite } from '../../ui/public/site-app';

const registry = datasetRegistry();

const site = createPublicSite(
  {
    clock: systemClock,
    catalog: {
      catalog: registry.catalog,
      versions: registry,
      files: new S3DatasetFileLinks(sharedS3Presigner(), requiredEnv('DATASETS_BUCKET')),
      downloads: downloadCounter(sharedDocumentClient(), requiredEnv('TABLE_NAME')),
    },
  },
  { csrfSecret: requiredEnv('ADMIN_UI_CSRF_SECRET') },
  [registerCatalogPages],
);

export const handler = pageHandler(site);
