/**
 * Local mode: the seeded staff users sign in with a password against the local
 * stand-in for Cognito (`POST /local-auth/token` on the local gateway, see
 * local/staff-auth.ts), which answers with a Cognito-shaped ID token.
 */
import type { PasswordSignIn } from '../../ui/sign-in';

export function localPasswordSignIn(settings: { tokenUrl: string; fetch?: typeof fetch }): PasswordSignIn {
  const doFetch = settings.fetch ?? fetch;
  return {
    kind: 'password',
    async signIn(username, password) {
      const response = await doFetch(settings.tokenUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password }),
        signal: AbortSignal.timeout(5000),
      });
      if (response.status === 401 || response.status === 400) return undefined;
      if (!response.ok) throw new Error(`The local sign-in answered ${response.status}`);
      const body = (await response.json()) as { idToken?: unknown };
      return typeof body.idToken === 'string' ? body.idToken : undefined;
    },
  };
}
