/**
 * The API-key management port: what the platform asks of the gateway's control
 * plane when staff approve, suspend, reinstate, move or revoke a key. In AWS
 * it is API Gateway (API keys on one usage plan per tier); locally it is the
 * local gateway's key registry. Pure types: no AWS, no adapters.
 */
import type { UsageTierName } from '../../shared/usage-tiers';

export interface IssuedApiKey {
  /** The gateway's id of the key (what access logs and `requestContext.identity.apiKeyId` show). */
  keyId: string;
  /** The secret value: returned only here, at creation. Store a hash of it, never the value. */
  value: string;
}

export interface ApiKeyManager {
  /** Creates an enabled key and attaches it to the tier's usage plan (no key is left without a plan). */
  createKey(input: { name: string; tier: UsageTierName; description?: string }): Promise<IssuedApiKey>;
  /** Suspends (false) or reinstates (true) a key: a disabled key is refused by the gateway with 403. */
  setEnabled(keyId: string, enabled: boolean): Promise<void>;
  /** Moves a key from one tier's usage plan to another's (a no-op when they are the same). */
  changeTier(keyId: string, from: UsageTierName, to: UsageTierName): Promise<void>;
  /** Revokes a key for good. Idempotent: deleting a key that is already gone succeeds. */
  deleteKey(keyId: string): Promise<void>;
}

/**
 * Why a control-plane call failed:
 * - NOT_FOUND: no such key (or usage plan) on the gateway;
 * - CONFLICT: the request contradicts the key's state (e.g. not on the `from` tier's plan);
 * - BAD_REQUEST: the gateway refused the input;
 * - THROTTLED: the control plane's rate limit held after the retries;
 * - LIMIT_EXCEEDED: an account limit (e.g. 10,000 API keys per Region);
 * - MISCONFIGURED: the platform's own setup is wrong (missing usage plan, permissions);
 * - UNAVAILABLE: anything else (network, service errors).
 */
export type ApiKeyManagementFailure =
  'NOT_FOUND' | 'CONFLICT' | 'BAD_REQUEST' | 'THROTTLED' | 'LIMIT_EXCEEDED' | 'MISCONFIGURED' | 'UNAVAILABLE';

export class ApiKeyManagementError extends Error {
  constructor(
    readonly reason: ApiKeyManagementFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ApiKeyManagementError';
  }
}
