/**
 * The admin UI shell's settings, the same for every area's Lambda: sign-in, the
 * token verifier of the JSON staff routes, the CSRF key. Not a handler: the area
 * Lambdas (app, records, datasets, api-keys, enforcement, settings) import it.
 */
import { sharedS3Presigner } from '../../adapters/clients/s3-presigner';
import { emailTransport } from '../../adapters/email/email-wiring';
import { signInFromEnv } from '../../adapters/sign-in/sign-in-wiring';
import { optionalEnv, requiredEnv } from '../../shared/config';
import { createStaffTokenVerifier } from '../../shared/staff-token';
import type { AdminUiConfig } from '../../ui/context';

/** `uploadBuckets`: the environment names of the buckets this area's pages upload to straight from the browser. */
export function adminUiConfig(
  uploadBuckets: readonly ('RECORDS_BUCKET' | 'DATASETS_BUCKET')[] = [],
): AdminUiConfig {
  requiredEnv('TABLE_NAME');
  const localJwks = optionalEnv('STAFF_TOKEN_JWKS');
  return {
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
    uploadOrigins: [...new Set(uploadBuckets.map((name) => sharedS3Presigner().originOf(requiredEnv(name))))],
    localOutbox: emailTransport() === 'outbox',
  };
}
