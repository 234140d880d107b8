/**
 * API keys on the local gateway, through its control plane over HTTP
 * (local/api-gateway-control.ts): what ApiGatewayKeyManager does in AWS.
 */
import {
  ApiKeyManagementError,
  type ApiKeyManagementFailure,
  type ApiKeyManager,
  type IssuedApiKey,
} from '../../domain/api-access/key-management';
import type { UsageTierName } from '../../shared/usage-tiers';
import { newApiKeyValue } from './key-value';
import {
  LOCAL_APIGATEWAY_SECRET_HEADER,
  type CreateKeyRequest,
  type CreatedKeyView,
  type UpdateKeyRequest,
} from './local-control-protocol';

export interface LocalGatewayKeyManagerOptions {
  /** LOCAL_APIGATEWAY_URL, e.g. `http://127.0.0.1:3000/local-apigateway`. */
  baseUrl: string;
  /** LOCAL_APIGATEWAY_SECRET. */
  secret: string;
  fetch?: typeof fetch;
  /** Per call; the local gateway answers in milliseconds. */
  timeoutMs?: number;
}

function failureFor(status: number): ApiKeyManagementFailure {
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'THROTTLED';
  if (status === 401 || status === 403) return 'MISCONFIGURED';
  if (status >= 400 && status < 500) return 'BAD_REQUEST';
  return 'UNAVAILABLE';
}

export class LocalGatewayKeyManager implements ApiKeyManager {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: LocalGatewayKeyManagerOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetch = options.fetch ?? fetch;
  }

  async createKey(input: { name: string; tier: UsageTierName; description?: string }): Promise<IssuedApiKey> {
    // The platform makes the value here too, as in AWS.
    const body: CreateKeyRequest = { ...input, value: newApiKeyValue() };
    const created = (await this.call('POST', '/apikeys', body, 'create the API key')) as CreatedKeyView;
    return { keyId: created.id, value: created.value };
  }

  async setEnabled(keyId: string, enabled: boolean): Promise<void> {
    const body: UpdateKeyRequest = { enabled };
    await this.call('PATCH', this.keyPath(keyId), body, `${enabled ? 'enable' : 'disable'} API key ${keyId}`);
  }

  async changeTier(keyId: string, from: UsageTierName, to: UsageTierName): Promise<void> {
    if (from === to) return;
    const body: UpdateKeyRequest = { tier: to, fromTier: from };
    await this.call('PATCH', this.keyPath(keyId), body, `move API key ${keyId} from ${from} to ${to}`);
  }

  async deleteKey(keyId: string): Promise<void> {
    try {
      await this.call('DELETE', this.keyPath(keyId), undefined, `delete API key ${keyId}`);
    } catch (err) {
      if (err instanceof ApiKeyManagementError && err.reason === 'NOT_FOUND') return;
      throw err;
    }
  }

  private keyPath(keyId: string): string {
    return `/apikeys/${encodeURIComponent(keyId)}`;
  }

  private async call(method: string, path: string, body: unknown, action: string): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          [LOCAL_APIGATEWAY_SECRET_HEADER]: this.options.secret,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new ApiKeyManagementError(
        'UNAVAILABLE',
        `Could not ${action}: the local gateway did not answer`,
        {
          cause: err,
        },
      );
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const message = (json as { error?: { message?: string } } | undefined)?.error?.message ?? text;
      throw new ApiKeyManagementError(
        failureFor(response.status),
        `Could not ${action}: ${response.status} ${message}`,
      );
    }
    return json;
  }
}
