/**
 * The admin UI's session: the staff ID token in an HttpOnly, SameSite=Lax cookie
 * (Secure and `__Host-` prefixed over https; plain on http://127.0.0.1 locally),
 * verified on every request with the same verifier as the JSON staff routes and
 * turned into a StaffPrincipal the same way. In AWS the ID token lasts an hour: a
 * refresh token (its own HttpOnly cookie, sent to /admin only) renews it with the
 * sign-in service when it has expired, so a clerk is not sent to sign in mid-morning.
 */
import type { StaffTokenVerifier } from '../shared/staff-token';
import { principalFromClaims, STAFF_ROLES, hasAnyRole, type StaffPrincipal } from '../shared/staff';
import { serializeCookie } from './cookies';
import { makeCsrfToken } from './csrf';
import type { PageRequest } from './http';
import type { SignInTokens } from './sign-in';

export interface Session {
  principal: StaffPrincipal;
  /** The ID token (the cookie's value). */
  token: string;
  /**
   * What CSRF tokens are bound to: the sign-in the ID token came from (Cognito's
   * `origin_jti`, the same in every renewed token, so a form opened before a renewal
   * still posts), else the token itself.
   */
  csrfKey: string;
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

/** `__Secure-` rather than `__Host-`: the refresh cookie's Path is /admin, and `__Host-` wants /. */
export const refreshCookieName = (request: Pick<PageRequest, 'secure'>) =>
  request.secure ? '__Secure-admin-refresh' : 'admin-refresh';

/** The refresh token's lifetime on the admin UI's app client (lib/stateful-stack.ts, refreshTokenValidity). */
export const REFRESH_COOKIE_SECONDS = 12 * 3600;

const refreshCookiePath = (request: Pick<PageRequest, 'basePath'>) => `${request.basePath}/admin`;

export function refreshCookie(request: Pick<PageRequest, 'secure' | 'basePath'>, refreshToken: string) {
  return serializeCookie(refreshCookieName(request), refreshToken, {
    maxAge: REFRESH_COOKIE_SECONDS,
    path: refreshCookiePath(request),
    secure: request.secure,
    httpOnly: true,
    sameSite: 'Lax',
  });
}

export function clearRefreshCookie(request: Pick<PageRequest, 'secure' | 'basePath'>) {
  return serializeCookie(refreshCookieName(request), '', {
    maxAge: 0,
    path: refreshCookiePath(request),
    secure: request.secure,
    httpOnly: true,
    sameSite: 'Lax',
  });
}

/** Seconds until a verified token's `exp` (an hour when it has none). */
export function tokenLifetime(claims: Record<string, unknown>, nowMs: number): number {
  return typeof claims.exp === 'number' ? claims.exp - Math.floor(nowMs / 1000) : 3600;
}

export function clearCookie(request: Pick<PageRequest, 'secure'>, name: string) {
  return serializeCookie(name, '', { maxAge: 0, secure: request.secure, httpOnly: true, sameSite: 'Lax' });
}

export type SessionResult =
  /** `cookies`: the renewed session's, for the response (none when the token was still valid). */
  | { kind: 'signed-in'; session: Session; cookies: string[] }
  /** No cookie, or a token that is expired, forged or from another pool. */
  | { kind: 'signed-out'; hadCookie: boolean }
  /** A valid token of someone in none of the staff groups. */
  | { kind: 'not-staff'; principal: StaffPrincipal };

/** Renews an expired ID token with a refresh token (the hosted sign-in's `refresh`). */
export type RenewSession = (refreshToken: string) => Promise<SignInTokens | undefined>;

async function verified(verify: StaffTokenVerifier, token: string) {
  try {
    return await verify(token);
  } catch {
    return undefined;
  }
}

export async function readSession(
  request: PageRequest,
  verify: StaffTokenVerifier,
  csrfSecret: string,
  nowMs: number,
  renew?: RenewSession,
): Promise<SessionResult> {
  let token = request.cookies[sessionCookieName(request)];
  let claims = token ? await verified(verify, token) : undefined;
  const cookies: string[] = [];
  const refreshToken = renew ? request.cookies[refreshCookieName(request)] : undefined;
  if (!claims && refreshToken && renew) {
    // Expired (the browser dropped the cookie at its Max-Age) or unreadable: renew it.
    const renewed = await renew(refreshToken);
    claims = renewed ? await verified(verify, renewed.idToken) : undefined;
    if (renewed && claims) {
      token = renewed.idToken;
      cookies.push(sessionCookie(request, token, tokenLifetime(claims, nowMs)));
      if (renewed.refreshToken) cookies.push(refreshCookie(request, renewed.refreshToken));
    }
  }
  if (!token || !claims) return { kind: 'signed-out', hadCookie: Boolean(token || refreshToken) };
  const principal = principalFromClaims(claims);
  if (!principal) return { kind: 'signed-out', hadCookie: true };
  if (!hasAnyRole(principal, STAFF_ROLES)) return { kind: 'not-staff', principal };
  const csrfKey = typeof claims.origin_jti === 'string' && claims.origin_jti ? claims.origin_jti : token;
  return {
    kind: 'signed-in',
    session: {
      principal,
      token,
      csrfKey,
      csrf: makeCsrfToken(csrfSecret, csrfKey, nowMs),
      displayName: typeof claims.name === 'string' && claims.name ? claims.name : principal.username,
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : nowMs,
    },
    cookies,
  };
}
