/**
 * CSRF tokens for the admin UI's forms: an HMAC (SHA-256, key ADMIN_UI_CSRF_SECRET)
 * over the session it belongs to and its expiry. A token made for one session is
 * worthless in another, a changed byte breaks it, and it expires.
 *
 *   token = <expiry, base36 ms> "." <base64url HMAC(key, "csrf.v1." + sha256(session) + "." + expiry)>
 *
 * The session is the value of the session cookie (the staff ID token), or the
 * sign-in cookie's nonce before anyone is signed in (login CSRF).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Long enough to fill in a form; the ID token itself lives one hour. */
export const CSRF_TOKEN_LIFETIME_MS = 2 * 60 * 60 * 1000;
/** The form field that carries it. */
export const CSRF_FIELD = 'csrf';

function mac(secret: string, session: string, expiry: string): Buffer {
  const bound = createHash('sha256').update(session).digest('hex');
  return createHmac('sha256', secret).update(`csrf.v1.${bound}.${expiry}`).digest();
}

export function makeCsrfToken(
  secret: string,
  session: string,
  nowMs: number,
  lifetimeMs = CSRF_TOKEN_LIFETIME_MS,
): string {
  if (!secret) throw new Error('A CSRF token needs a secret');
  const expiry = (nowMs + lifetimeMs).toString(36);
  return `${expiry}.${mac(secret, session, expiry).toString('base64url')}`;
}

export function verifyCsrfToken(
  secret: string,
  session: string,
  token: string | undefined,
  nowMs: number,
): boolean {
  if (!secret || !session || typeof token !== 'string' || token.length > 200) return false;
  const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return false;
  const [, expiry, signature] = match as unknown as [string, string, string];
  if (parseInt(expiry, 36) <= nowMs) return false;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, session, expiry);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
