/**
 * The API-key manager of this container: the local gateway's control plane
 * when LOCAL_APIGATEWAY_URL is set (local mode), API Gateway otherwise, with
 * the usage plans named `${USAGE_PLAN_NAME_PREFIX}<tier>`.
 */
import type { ApiKeyManager } from '../../domain/api-access/key-management';
import { optionalEnv, requiredEnv } from '../../shared/config';
import { sharedApiGatewayClient } from '../clients/api-gateway';
import { ApiGatewayKeyManager } from './api-gateway-key-manager';
import { LocalGatewayKeyManager } from './local-gateway-key-manager';

let manager: ApiKeyManager | undefined;

/** Made once per container, so the usage plan ids are looked up once per container. */
export function apiKeyManager(): ApiKeyManager {
  manager ??= createApiKeyManager();
  return manager;
}

export function createApiKeyManager(): ApiKeyManager {
  const localUrl = optionalEnv('LOCAL_APIGATEWAY_URL');
  if (localUrl) {
    return new LocalGatewayKeyManager({ baseUrl: localUrl, secret: requiredEnv('LOCAL_APIGATEWAY_SECRET') });
  }
  return new ApiGatewayKeyManager({
    client: sharedApiGatewayClient(),
    usagePlanNamePrefix: requiredEnv('USAGE_PLAN_NAME_PREFIX'),
  });
}
