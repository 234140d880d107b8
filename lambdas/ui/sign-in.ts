/**
 * How staff sign in to the admin UI. In AWS: the Cognito hosted UI, authorization
 * code flow with PKCE (the page never sees a password). Locally: a form for the
 * seeded users, checked by the local stand-in for Cognito. Either way the result
 * is a Cognito-shaped ID token, verified on every request with the same verifier
 * as the JSON staff routes (lambdas/shared/staff-token.ts).
 */
import { createHash, randomBytes } from 'node:crypto';

/** Locally: a username and password form. */
export interface PasswordSignIn {
  kind: 'password';
  /** The ID token, or undefined when the username or password is wrong. */
  signIn(username: string, password: string): Promise<string | undefined>;
}

/** In AWS: a redirect to the hosted UI and back with a code. */
export interface HostedSignIn {
  kind: 'hosted';
  /** The hosted UI's origin: the sign-out form goes there (CSP form-action). */
  origin: string;
  authorizeUrl(input: { redirectUri: string; state: string; codeChallenge: string }): string;
  /** The code for an ID token; undefined when the sign-in service refuses it (expired, replayed). */
  exchangeCode(input: {
    code: string;
    redirectUri: string;
    codeVerifier: string;
  }): Promise<string | undefined>;
  /** Ends the hosted UI's own session too, then comes back to `returnTo`. */
  signOutUrl(returnTo: string): string;
}

export type SignInPort = PasswordSignIn | HostedSignIn;

/** A PKCE verifier (RFC 7636: 43-128 characters) and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export const randomToken = (bytes = 24) => randomBytes(bytes).toString('base64url');
