/**
 * The Cognito hosted UI (managed login) of the staff user pool, for the admin
 * UI's app client (public client: no secret; PKCE protects the code exchange).
 * Uses fetch against the OAuth 2.0 endpoints; no SDK.
 */
import type { HostedSignIn, SignInTokens } from '../../ui/sign-in';

export interface CognitoHostedUiSettings {
  /** `https://<prefix>.auth.<region>.amazoncognito.com` */
  domainUrl: string;
  clientId: string;
  fetch?: typeof fetch;
}

const TIMEOUT_MS = 5000;

export function cognitoHostedSignIn(settings: CognitoHostedUiSettings): HostedSignIn {
  const base = settings.domainUrl.replace(/\/+$/, '');
  const doFetch = settings.fetch ?? fetch;

  const post = (path: string, form: Record<string, string>) =>
    doFetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ client_id: settings.clientId, ...form }).toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });

  /** The token endpoint, for a code or a refresh token. */
  async function tokens(form: Record<string, string>): Promise<SignInTokens | undefined> {
    const response = await post('/oauth2/token', form);
    // 400 invalid_grant: an expired, used or revoked code or refresh token. Anything else is the service's problem.
    if (response.status === 400) return undefined;
    if (!response.ok) throw new Error(`Cognito token endpoint answered ${response.status}`);
    const body = (await response.json()) as { id_token?: unknown; refresh_token?: unknown };
    if (typeof body.id_token !== 'string') return undefined;
    return {
      idToken: body.id_token,
      ...(typeof body.refresh_token === 'string' ? { refreshToken: body.refresh_token } : {}),
    };
  }

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
    exchangeCode({ code, redirectUri, codeVerifier }) {
      return tokens({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: codeVerifier,
      });
    },
    refresh(refreshToken) {
      return tokens({ grant_type: 'refresh_token', refresh_token: refreshToken });
    },
    async revoke(refreshToken) {
      // Signing out goes on even if this fails: the cookie is cleared and the token expires anyway.
      const response = await post('/oauth2/revoke', { token: refreshToken });
      if (!response.ok && response.status !== 400) {
        throw new Error(`Cognito revocation endpoint answered ${response.status}`);
      }
    },
    signOutUrl(returnTo) {
      const query = new URLSearchParams({ client_id: settings.clientId, logout_uri: returnTo });
      return `${base}/logout?${query}`;
    },
  };
}
