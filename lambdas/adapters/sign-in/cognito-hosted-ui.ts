/**
 * The Cognito hosted UI (managed login) of the staff user pool, for the admin
 * UI's app client (public client: no secret; PKCE protects the code exchange).
 * Uses fetch against the OAuth 2.0 endpoints; no SDK.
 */
import type { HostedSignIn } from '../../ui/sign-in';

export interface CognitoHostedUiSettings {
  /** `https://<prefix>.auth.<region>.amazoncognito.com` */
  domainUrl: string;
  clientId: string;
  fetch?: typeof fetch;
}

export function cognitoHostedSignIn(settings: CognitoHostedUiSettings): HostedSignIn {
  const base = settings.domainUrl.replace(/\/+$/, '');
  const doFetch = settings.fetch ?? fetch;
  return {
    kind: 'hosted',
    origin: new URL(base).origin,
    authorizeUrl({ redirectUri, state, codeChallenge }) {
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: settings.clientId,
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        state,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
      });
      return `${base}/oauth2/authorize?${query}`;
    },
    async exchangeCode({ code, redirectUri, codeVerifier }) {
      const response = await doFetch(`${base}/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: settings.clientId,
          code,
          redirect_uri: redirectUri,
          code_verifier: codeVerifier,
        }).toString(),
        signal: AbortSignal.timeout(5000),
      });
      // 400 invalid_grant: an expired or already used code. Anything else is the service's problem.
      if (response.status === 400) return undefined;
      if (!response.ok) throw new Error(`Cognito token endpoint answered ${response.status}`);
      const body = (await response.json()) as { id_token?: unknown };
      return typeof body.id_token === 'string' ? body.id_token : undefined;
    },
    signOutUrl(returnTo) {
      const query = new URLSearchParams({ client_id: settings.clientId, logout_uri: returnTo });
      return `${base}/logout?${query}`;
    },
  };
}
