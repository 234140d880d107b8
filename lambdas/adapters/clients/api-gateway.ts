import { AwsJsonHttp, environmentRegion, type AwsJsonHttpSettings } from './aws-json-http';

/**
 * API Gateway's control plane is rate limited (CreateApiKey: 5 requests per
 * second per account): throttled calls (TooManyRequestsException, 429) are
 * retried with exponential backoff and jitter, as the SDK's standard retry
 * strategy does (lambdas/adapters/clients/aws-json-http.ts), up to this many
 * attempts in all.
 */
export const API_GATEWAY_MAX_ATTEMPTS = 5;

/**
 * The API Gateway REST control plane over signed HTTP. There is no local
 * stand-in for this client: local mode manages keys on the local gateway over
 * HTTP (lambdas/adapters/api-keys/local-gateway-key-manager.ts).
 * `overrides` is for tests (recorded HTTP, fixed credentials and clock).
 */
export function createApiGatewayClient(overrides: Partial<AwsJsonHttpSettings> = {}): AwsJsonHttp {
  const region = overrides.region ?? environmentRegion();
  return new AwsJsonHttp({
    service: 'apigateway',
    region,
    endpoint: `https://apigateway.${region}.amazonaws.com`,
    maxAttempts: API_GATEWAY_MAX_ATTEMPTS,
    // API Gateway answers in HAL unless asked for JSON (the SDK sends this too).
    headers: { accept: 'application/json' },
    ...overrides,
  });
}

let shared: AwsJsonHttp | undefined;

/** The one API Gateway client of this container, made on first use. */
export function sharedApiGatewayClient(): AwsJsonHttp {
  shared ??= createApiGatewayClient();
  return shared;
}
