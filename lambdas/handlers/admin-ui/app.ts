// ANY /admin, /admin/{proxy+} → the admin UI (lambdas/ui/admin-app.ts): sign-in, then pages calling the records use cases.
import { apiAccessStore } from '../../adapters/api-access/api-access-wiring';
import { apiKeyManager } from '../../adapters/api-keys/key-manager-wiring';
import { auditLogStore } from '../../adapters/audit-log-store';
import { sharedS3Presigner } from '../../adapters/clients/s3-presigner';
import { datasetUploads } from '../../adapters/dataset-files-wiring';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { emailSender, emailTransport, listOutbox } from '../../adapters/email/email-wiring';
import { caseEffects, caseStore } from '../../adapters/enforcement/case-wiring';
import { recordsStore, requestFiles } from '../../adapters/records/records-wiring';
import { signInFromEnv } from '../../adapters/sign-in/sign-in-wiring';
import { optionalEnv, requiredEnv } from '../../shared/config';
import { systemClock } from '../../shared/clock';
import { createStaffTokenVerifier } from '../../shared/staff-token';
import { createAdminApp } from '../../ui/admin-app';
import { pageHandler } from '../../ui/page-handler';

requiredEnv('TABLE_NAME');
const localJwks = optionalEnv('STAFF_TOKEN_JWKS');

const app = createAdminApp(
  {
    store: recordsStore(),
    files: requestFiles(),
    email: emailSender(),
    clock: systemClock,
    applications: apiAccessStore(),
    keys: apiKeyManager(),
    datasets: datasetRegistry(),
    datasetUploads: datasetUploads(),
    cases: caseStore(),
    caseEffects,
    auditLog: auditLogStore(),
    outbox: emailTransport() === 'outbox' ? { list: listOutbox } : undefined,
  },
  {
    signIn: signInFromEnv(),
    // The JSON staff routes' verifier; locally its keys come in the environment (the JWKS URL is http).
    verifyToken: createStaffTokenVerifier({
      issuer: requiredEnv('STAFF_TOKEN_ISSUER'),
      audience: requiredEnv('STAFF_TOKEN_AUDIENCE'),
      ...(localJwks ? { jwks: JSON.parse(localJwks) as { keys: object[] } } : {}),
    }),
    csrfSecret: requiredEnv('ADMIN_UI_CSRF_SECRET'),
    adminOrigin: optionalEnv('ADMIN_UI_ORIGIN'),
    // Records documents and dataset CSVs go straight from the page to their buckets (one origin locally).
    uploadOrigins: [
      ...new Set(
        ['RECORDS_BUCKET', 'DATASETS_BUCKET'].map((name) => sharedS3Presigner().originOf(requiredEnv(name))),
      ),
    ],
  },
);

export const handler = pageHandler(app);
