/**
 * The public submissions' Idempotency-Key (a records request, a violation report,
 * an API key application): a repeat of a key answers what the first call answered,
 * and of two calls racing with one key, both answer the one stored first.
 */
import { sha256 } from './status-links';

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

/** Where answers are kept by scope and hashed key (request-guards.ts in the adapters). */
export interface IdempotencyPort {
  storedResponse(scope: string, keyHash: string): Promise<StoredResponse | undefined>;
  /** Stores the answer unless one is there; returns the one already there. */
  rememberResponse(
    scope: string,
    keyHash: string,
    response: StoredResponse,
    nowMs: number,
  ): Promise<StoredResponse | undefined>;
}

export interface IdempotentCall {
  /** What an earlier call with the same key answered. */
  earlier?: StoredResponse;
  /** Keeps this call's answer for the key, and returns the answer to give (an earlier racer's, if any). */
  remember(response: StoredResponse, nowMs: number): Promise<StoredResponse>;
}

export async function idempotentCall(
  store: IdempotencyPort,
  scope: string,
  idempotencyKey: string | undefined,
): Promise<IdempotentCall> {
  if (!idempotencyKey) return { remember: async (response) => response };
  const keyHash = sha256(idempotencyKey);
  const earlier = await store.storedResponse(scope, keyHash);
  return {
    ...(earlier ? { earlier } : {}),
    remember: async (response, nowMs) =>
      (await store.rememberResponse(scope, keyHash, response, nowMs)) ?? response,
  };
}
