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

/** What the sign-in service hands back: the ID token, and a refresh token to renew it. */
export interface SignInTokens {
  idToken: string;
  /** On the code exchange; on a renewal only when the service rotates refresh tokens. */
  refreshToken?: string;
}

/** In AWS: a redirect to the hosted UI and back with a code. */
export interface HostedSignIn {
  kind: 'hosted';
  /** The hosted UI's origin: the sign-out form goes there (CSP form-action). */
  origin: string;
  authorizeUrl(input: { redirectUri: string; state: string; codeChallenge: string }): string;
  /** The code for the tokens; undefined when the sign-in service refuses it (expired, replayed). */
  exchangeCode(input: {
    code: string;
    redirectUri: string;
    codeVerifier: string;
  }): Promise<SignInTokens | undefined>;
  /**
   * A fresh ID token for a refresh token (the ID token lasts an hour, a working day is
   * longer); undefined when the service refuses it (expired, revoked, the person disabled).
   */
  refresh(refreshToken: string): Promise<SignInTokens | undefined>;
  /** Revokes a refresh token (sign-out), so a copied cookie cannot renew the session. */
  revoke(refreshToken: string): Promise<void>;
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
