import { APIGatewayClient, type APIGatewayClientConfig } from '@aws-sdk/client-api-gateway';

/**
 * API Gateway's control plane is rate limited (CreateApiKey: 5 requests per
 * second per account): throttled calls (TooManyRequestsException, 429) are
 * retried by the SDK's standard retry strategy, with exponential backoff and
 * jitter, up to this many attempts in all.
 */
export const API_GATEWAY_MAX_ATTEMPTS = 5;

/**
 * There is no local stand-in for this client: local mode manages keys on the
 * local gateway over HTTP (lambdas/adapters/api-keys/local-gateway-key-manager.ts).
 * `overrides` is for tests (a fake request handler, static credentials).
 */
export function createApiGatewayClient(overrides: APIGatewayClientConfig = {}): APIGatewayClient {
  return new APIGatewayClient({ maxAttempts: API_GATEWAY_MAX_ATTEMPTS, retryMode: 'standard', ...overrides });
}

let shared: APIGatewayClient | undefined;

/** The one API Gateway client of this container, made on first use. */
export function sharedApiGatewayClient(): APIGatewayClient {
  shared ??= createApiGatewayClient();
  return shared;
}
