// ANY /api-keys, ANY /api-keys/{proxy+} → the API key pages (lambdas/ui/public/api-key-pages.ts): what a
// key is for, the terms, the application form. No sign-in.
import { apiAccessStore } from '../../adapters/api-access/api-access-wiring';
import { sharedDocumentClient } from '../../adapters/clients/dynamodb';
import { DynamoDatasetCatalogStore } from '../../adapters/dataset-catalog-store';
import { emailSender } from '../../adapters/email/email-wiring';
import { requiredEnv } from '../../shared/config';
import { systemClock } from '../../shared/clock';
import { pageHandler } from '../../ui/page-handler';
import { registerApiKeyPages } from '../../ui/public/api-key-pages';
import { createPublicSite } from '../../ui/public/site-app';

const site = createPublicSite(
  {
    clock: systemClock,
    // The form lists the published datasets and checks the owners of those chosen.
    catalog: { catalog: new DynamoDatasetCatalogStore(sharedDocumentClient(), requiredEnv('TABLE_NAME')) },
    apiKeyApplications: { store: apiAccessStore(), email: emailSender() },
  },
  { csrfSecret: requiredEnv('ADMIN_UI_CSRF_SECRET') },
  [registerApiKeyPages],
);

export const handler = pageHandler(site);
