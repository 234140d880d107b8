/**
 * The admin UI shell's settings, the same for every area's Lambda: sign-in, the
 * token verifier of the JSON staff routes, the CSRF key. Not a handler: the area
 * Lambdas (app, records, datasets, api-keys, enforcement, settings) import it.
 */
import { emailTransport } from '../../adapters/email/transport';
import { signInFromEnv } from '../../adapters/sign-in/sign-in-wiring';
import { optionalEnv, requiredEnv } from '../../shared/config';
import { createStaffTokenVerifier } from '../../shared/staff-token';
import type { AdminUiConfig } from '../../ui/context';

/**
 * `uploadOrigins`: the S3 origins this area's pages upload to straight from the browser (CSP
 * connect-src). The records and datasets areas pass their bucket's, so the others do not carry
 * the presigner.
 */
export function adminUiConfig(uploadOrigins: readonly string[] = []): AdminUiConfig {
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
    uploadOrigins,
    localOutbox: emailTransport() === 'outbox',
  };
}
