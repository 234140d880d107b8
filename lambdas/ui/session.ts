/**
 * The admin UI's session: the staff ID token in an HttpOnly, SameSite=Lax cookie
 * (Secure and `__Host-` prefixed over https; plain on http://127.0.0.1 locally),
 * verified on every request with the same verifier as the JSON staff routes and
 * turned into a StaffPrincipal the same way.
 */
import type { StaffTokenVerifier } from '../shared/staff-token';
import { principalFromClaims, STAFF_ROLES, hasAnyRole, type StaffPrincipal } from '../shared/staff';
import { serializeCookie } from './cookies';
import { makeCsrfToken } from './csrf';
import type { PageRequest } from './http';

export interface Session {
  principal: StaffPrincipal;
  /** The ID token (the cookie's value): CSRF tokens are bound to it. */
  token: string;
  /** For this page's forms. */
  csrf: string;
  /** The person's name for the header (the token's `name`, else the username). */
  displayName: string;
  /** Epoch ms when the token expires. */
  expiresAt: number;
}

export const sessionCookieName = (request: Pick<PageRequest, 'secure'>) =>
  request.secure ? '__Host-admin-session' : 'admin-session';

/** The sign-in's own short cookie: the login-CSRF nonce, or the OAuth state and PKCE verifier. */
export const signInCookieName = (request: Pick<PageRequest, 'secure'>) =>
  request.secure ? '__Host-admin-sign-in' : 'admin-sign-in';

export function sessionCookie(request: Pick<PageRequest, 'secure'>, token: string, maxAgeSeconds: number) {
  return serializeCookie(sessionCookieName(request), token, {
    maxAge: maxAgeSeconds,
    secure: request.secure,
    httpOnly: true,
    sameSite: 'Lax',
  });
}

export function clearCookie(request: Pick<PageRequest, 'secure'>, name: string) {
  return serializeCookie(name, '', { maxAge: 0, secure: request.secure, httpOnly: true, sameSite: 'Lax' });
}

export type SessionResult =
  | { kind: 'signed-in'; session: Session }
  /** No cookie, or a token that is expired, forged or from another pool. */
  | { kind: 'signed-out'; hadCookie: boolean }
  /** A valid token of someone in none of the staff groups. */
  | { kind: 'not-staff'; principal: StaffPrincipal };

export async function readSession(
  request: PageRequest,
  verify: StaffTokenVerifier,
  csrfSecret: string,
  nowMs: number,
): Promise<SessionResult> {
  const token = request.cookies[sessionCookieName(request)];
  if (!token) return { kind: 'signed-out', hadCookie: false };
  let claims: Record<string, unknown>;
  try {
    claims = await verify(token);
  } catch {
    return { kind: 'signed-out', hadCookie: true };
  }
  const principal = principalFromClaims(claims);
  if (!principal) return { kind: 'signed-out', hadCookie: true };
  if (!hasAnyRole(principal, STAFF_ROLES)) return { kind: 'not-staff', principal };
  return {
    kind: 'signed-in',
    session: {
      principal,
      token,
      csrf: makeCsrfToken(csrfSecret, token, nowMs),
      displayName: typeof claims.name === 'string' && claims.name ? claims.name : principal.username,
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : nowMs,
    },
  };
}
