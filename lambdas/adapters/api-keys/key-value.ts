import { randomBytes } from 'node:crypto';

/**
 * A new API key value: 32 random bytes as base64url, 43 characters (API
 * Gateway takes 20 to 128). The platform makes it, so it knows the value
 * once, at creation, to hand to the applicant and to hash for its records.
 */
export function newApiKeyValue(): string {
  return randomBytes(32).toString('base64url');
}
