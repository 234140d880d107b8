/**
 * API keys on API Gateway: one usage plan per tier (named
 * `<prefix><tier>`, e.g. `open-records-dev-basic`, by lib/stateless-stack.ts),
 * keys created with a value the platform makes, attached to the tier's plan.
 *
 * Control-plane calls are rate limited: usage plan ids are looked up once per
 * adapter (one per container) and cached, and throttled calls are retried by
 * the client's standard retry strategy (lambdas/adapters/clients/api-gateway.ts).
 *
 * The calls are signed HTTP requests to the REST control plane
 * (https://apigateway.<region>.amazonaws.com) rather than the SDK's
 * APIGatewayClient, which put ~100 KB into every Lambda that manages keys:
 * GetUsagePlans `GET /usageplans`, CreateApiKey `POST /apikeys`,
 * CreateUsagePlanKey `POST /usageplans/{id}/keys`, DeleteUsagePlanKey
 * `DELETE /usageplans/{id}/keys/{keyId}`, UpdateApiKey `PATCH /apikeys/{id}`,
 * DeleteApiKey `DELETE /apikeys/{id}`.
 */
import { pathOf, type AwsJsonHttp } from '../clients/aws-json-http';
import {
  ApiKeyManagementError,
  type ApiKeyManagementFailure,
  type ApiKeyManager,
  type IssuedApiKey,
} from '../../domain/api-access/key-management';
import { USAGE_TIER_NAMES, type UsageTierName } from '../../shared/usage-tiers';
import { newApiKeyValue } from './key-value';

export interface ApiGatewayKeyManagerOptions {
  client: AwsJsonHttp;
  /** Usage plan names are this prefix and the tier name: `open-records-<stage>-`. */
  usagePlanNamePrefix: string;
  /** For tests: a fixed key value. */
  newValue?: () => string;
}

interface UsagePlansPage {
  item?: { id?: unknown; name?: unknown }[];
  position?: unknown;
}

/** GetUsagePlans returns at most this many per page (API Gateway's maximum). */
const PAGE_SIZE = 500;
/** 300 usage plans per Region fit in one page; this only stops a position that never ends. */
const MAX_PAGES = 20;

const FAILURE_BY_EXCEPTION: Record<string, ApiKeyManagementFailure> = {
  NotFoundException: 'NOT_FOUND',
  ConflictException: 'CONFLICT',
  BadRequestException: 'BAD_REQUEST',
  TooManyRequestsException: 'THROTTLED',
  LimitExceededException: 'LIMIT_EXCEEDED',
  UnauthorizedException: 'MISCONFIGURED',
  AccessDeniedException: 'MISCONFIGURED',
};

function failure(err: unknown, action: string): ApiKeyManagementError {
  if (err instanceof ApiKeyManagementError) return err;
  const name = err instanceof Error ? err.name : 'Error';
  const message = err instanceof Error ? err.message : String(err);
  return new ApiKeyManagementError(
    FAILURE_BY_EXCEPTION[name] ?? 'UNAVAILABLE',
    `${action}: ${name}: ${message}`,
    { cause: err },
  );
}

export class ApiGatewayKeyManager implements ApiKeyManager {
  private readonly client: AwsJsonHttp;
  private readonly prefix: string;
  private readonly newValue: () => string;
  private planIds?: Promise<Record<UsageTierName, string>>;

  constructor(options: ApiGatewayKeyManagerOptions) {
    this.client = options.client;
    this.prefix = options.usagePlanNamePrefix;
    this.newValue = options.newValue ?? newApiKeyValue;
  }

  async createKey(input: { name: string; tier: UsageTierName; description?: string }): Promise<IssuedApiKey> {
    const usagePlanId = await this.planId(input.tier);
    const value = this.newValue();
    let keyId: string;
    try {
      const created = await this.client.request<{ id?: unknown } | undefined>({
        method: 'POST',
        path: '/apikeys',
        body: {
          name: input.name,
          ...(input.description !== undefined ? { description: input.description } : {}),
          enabled: true,
          value,
        },
      });
      if (typeof created?.id !== 'string' || !created.id) throw new Error('CreateApiKey returned no id');
      keyId = created.id;
    } catch (err) {
      throw failure(err, 'Could not create the API key');
    }
    try {
      await this.attach(usagePlanId, keyId);
    } catch (err) {
      // No orphan keys: a key on no usage plan is useless and counts against the Region's 10,000.
      try {
        await this.deleteApiKey(keyId);
      } catch (cleanup) {
        throw failure(
          new AggregateError([err, cleanup], `attaching failed, and deleting key ${keyId} failed too`),
          `Could not attach API key ${keyId} to the ${input.tier} usage plan`,
        );
      }
      throw failure(err, `Could not attach API key ${keyId} to the ${input.tier} usage plan (key deleted)`);
    }
    return { keyId, value };
  }

  async setEnabled(keyId: string, enabled: boolean): Promise<void> {
    try {
      await this.client.request({
        method: 'PATCH',
        path: pathOf`/apikeys/${keyId}`,
        body: { patchOperations: [{ op: 'replace', path: '/enabled', value: String(enabled) }] },
      });
    } catch (err) {
      throw failure(err, `Could not ${enabled ? 'enable' : 'disable'} API key ${keyId}`);
    }
  }

  async changeTier(keyId: string, from: UsageTierName, to: UsageTierName): Promise<void> {
    if (from === to) return;
    const [fromPlan, toPlan] = [await this.planId(from), await this.planId(to)];
    // A key is on at most one plan per API stage: leave the old plan first.
    try {
      await this.client.request({ method: 'DELETE', path: pathOf`/usageplans/${fromPlan}/keys/${keyId}` });
    } catch (err) {
      throw failure(err, `Could not take API key ${keyId} off the ${from} usage plan`);
    }
    try {
      await this.attach(toPlan, keyId);
    } catch (err) {
      // Put it back where it was rather than leave a key that no plan admits.
      try {
        await this.attach(fromPlan, keyId);
      } catch (restore) {
        throw failure(
          new AggregateError([err, restore], `moving failed, and putting it back on ${from} failed too`),
          `API key ${keyId} is on no usage plan`,
        );
      }
      throw failure(err, `Could not move API key ${keyId} to the ${to} usage plan (left on ${from})`);
    }
  }

  async deleteKey(keyId: string): Promise<void> {
    try {
      // Deleting a key also removes it from its usage plan.
      await this.deleteApiKey(keyId);
    } catch (err) {
      if (err instanceof Error && err.name === 'NotFoundException') return;
      throw failure(err, `Could not delete API key ${keyId}`);
    }
  }

  private async attach(usagePlanId: string, keyId: string): Promise<void> {
    await this.client.request({
      method: 'POST',
      path: pathOf`/usageplans/${usagePlanId}/keys`,
      body: { keyId, keyType: 'API_KEY' },
    });
  }

  private async deleteApiKey(keyId: string): Promise<void> {
    await this.client.request({ method: 'DELETE', path: pathOf`/apikeys/${keyId}` });
  }

  /** The tier's usage plan id, from one lookup of every plan per adapter (a failed lookup is retried next time). */
  private async planId(tier: UsageTierName): Promise<string> {
    this.planIds ??= this.lookUpPlans().catch((err: unknown) => {
      this.planIds = undefined;
      throw err;
    });
    return (await this.planIds)[tier];
  }

  private async lookUpPlans(): Promise<Record<UsageTierName, string>> {
    const byName = new Map<string, string[]>();
    let position: string | undefined;
    let pages = 0;
    try {
      do {
        if (++pages > MAX_PAGES) throw new Error(`GetUsagePlans still had more after ${MAX_PAGES} pages`);
        // The wire name of the SDK's `items` is `item`.
        const page = await this.client.request<UsagePlansPage | undefined>({
          method: 'GET',
          path: '/usageplans',
          query: { limit: PAGE_SIZE, position },
        });
        for (const plan of page?.item ?? []) {
          if (typeof plan.name === 'string' && typeof plan.id === 'string' && plan.name && plan.id)
            byName.set(plan.name, [...(byName.get(plan.name) ?? []), plan.id]);
        }
        position = typeof page?.position === 'string' && page.position ? page.position : undefined;
      } while (position);
    } catch (err) {
      throw failure(err, 'Could not list the usage plans');
    }
    const ids = {} as Record<UsageTierName, string>;
    for (const tier of USAGE_TIER_NAMES) {
      const name = `${this.prefix}${tier}`;
      const found = byName.get(name) ?? [];
      if (found.length !== 1) {
        throw new ApiKeyManagementError(
          'MISCONFIGURED',
          found.length === 0
            ? `No usage plan named ${name} (check USAGE_PLAN_NAME_PREFIX and the deployed stack)`
            : `${found.length} usage plans are named ${name}: ${found.join(', ')}`,
        );
      }
      ids[tier] = found[0]!;
    }
    return ids;
  }
}
