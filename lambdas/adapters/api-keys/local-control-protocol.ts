/**
 * The local gateway's API-key control plane, as the Lambdas and the local
 * gateway (local/api-gateway-control.ts) both see it. A small HTTP API shaped
 * like API Gateway's own, under LOCAL_APIGATEWAY_URL:
 *
 *   POST   /apikeys            {name, tier, description?, value?}   → 201 key with its value
 *   GET    /apikeys/{keyId}                                          → 200 key, never the value
 *   PATCH  /apikeys/{keyId}    {enabled?, tier?, fromTier?}          → 200 key
 *   DELETE /apikeys/{keyId}                                          → 202 {id}
 *
 * Every call needs the shared secret in SECRET_HEADER and must come from
 * the loopback interface. Errors are the platform's `{"error":{code,message}}`.
 */
import type { UsageTierName } from '../../shared/usage-tiers';

export const LOCAL_APIGATEWAY_PATH = '/local-apigateway';
export const LOCAL_APIGATEWAY_SECRET_HEADER = 'x-local-apigateway-secret';

export interface CreateKeyRequest {
  name: string;
  tier: UsageTierName;
  description?: string;
  /** 20 to 128 characters; the gateway makes one when absent. */
  value?: string;
}

export interface UpdateKeyRequest {
  enabled?: boolean;
  tier?: UsageTierName;
  /** With `tier`: the tier the key is expected to be on now (409 CONFLICT when it is not). */
  fromTier?: UsageTierName;
}

export interface LocalKeyView {
  id: string;
  name: string;
  description?: string;
  tier: UsageTierName;
  enabled: boolean;
  createdDate: string;
}

export type CreatedKeyView = LocalKeyView & { value: string };
