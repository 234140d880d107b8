/**
 * Local stand-in for Cognito sign-in: issues RS256 ID tokens shaped like
 * Cognito's for the seeded staff users, and serves the JWKS that the shared
 * verifier (lambdas/shared/staff-token.ts) checks them against.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { DEPARTMENT_CLAIM, STAFF_GROUPS } from '../lambdas/shared/staff';
import { LOCAL_STAFF_USERS, type LocalStaffUser } from './seed/staff-users';

export const LOCAL_APP_CLIENT_ID = 'local-admin-ui';
const TOKEN_LIFETIME_SECONDS = 3600;

interface SigningKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

async function loadOrCreateKey(keyFile?: string): Promise<SigningKey> {
  if (keyFile && existsSync(keyFile)) return JSON.parse(readFileSync(keyFile, 'utf8')) as SigningKey;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const key: SigningKey = {
    kid,
    privateJwk: await exportJWK(privateKey),
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
  if (keyFile) {
    mkdirSync(path.dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(key), { mode: 0o600 });
  }
  return key;
}

function samePassword(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface LocalStaffAuth {
  issuer: string;
  audience: string;
  jwks(): { keys: JWK[] };
  /** Undefined when the username or password is wrong. */
  signIn(username: string, password: string): Promise<string | undefined>;
  tokenFor(user: LocalStaffUser, lifetimeSeconds?: number): Promise<string>;
}

export async function createLocalStaffAuth(issuer: string, keyFile?: string): Promise<LocalStaffAuth> {
  const key = await loadOrCreateKey(keyFile);
  const privateKey = await importJWK(key.privateJwk, 'RS256');
  const subjects = new Map(LOCAL_STAFF_USERS.map((u) => [u.username, `local-${u.username}`]));

  const tokenFor = async (user: LocalStaffUser, lifetimeSeconds = TOKEN_LIFETIME_SECONDS) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      'cognito:username': user.username,
      'cognito:groups': user.roles.map((role) => STAFF_GROUPS[role]),
      [DEPARTMENT_CLAIM]: user.department,
      email: user.email,
      name: user.name,
      token_use: 'id',
      auth_time: now,
    })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setSubject(subjects.get(user.username) ?? user.username)
      .setIssuer(issuer)
      .setAudience(LOCAL_APP_CLIENT_ID)
      .setIssuedAt(now)
      .setExpirationTime(now + lifetimeSeconds)
      .setJti(randomUUID())
      .sign(privateKey);
  };

  return {
    issuer,
    audience: LOCAL_APP_CLIENT_ID,
    jwks: () => ({ keys: [key.publicJwk] }),
    tokenFor,
    async signIn(username, password) {
      const user = LOCAL_STAFF_USERS.find((u) => u.username === username);
      if (!user || !samePassword(password, user.password)) return undefined;
      return tokenFor(user);
    },
  };
}
