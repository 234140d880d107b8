/**
 * Picks the admin UI's sign-in once per container from the Lambda's environment:
 * LOCAL_SIGN_IN_URL (local mode, set by local/platform.ts) or the Cognito hosted
 * UI (STAFF_SIGN_IN_URL and STAFF_TOKEN_AUDIENCE, the app client id, set by the CDK
 * stack). Fails at cold start when neither is configured.
 */
import { optionalEnv, requiredEnv } from '../../shared/config';
import type { SignInPort } from '../../ui/sign-in';
import { cognitoHostedSignIn } from './cognito-hosted-ui';
import { localPasswordSignIn } from './local-sign-in';

export function signInFromEnv(): SignInPort {
  const local = optionalEnv('LOCAL_SIGN_IN_URL');
  if (local) return localPasswordSignIn({ tokenUrl: `${local.replace(/\/+$/, '')}/token` });
  return cognitoHostedSignIn({
    domainUrl: requiredEnv('STAFF_SIGN_IN_URL'),
    clientId: requiredEnv('STAFF_TOKEN_AUDIENCE'),
  });
}
