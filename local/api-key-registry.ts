/**
 * The local gateway's API keys and usage plans: what API Gateway keeps in AWS.
 * Keys persist to a JSON file; token buckets and quota counters live in
 * memory and apply the tier numbers from lambdas/shared/usage-tiers.ts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { USAGE_TIERS, type UsageTierName } from '../lambdas/shared/usage-tiers';
import {
  consumeQuota,
  fullBucket,
  takeToken,
  type QuotaUsage,
  type TokenBucket,
} from '../lambdas/domain/usage/token-bucket';

export interface LocalApiKey {
  keyId: string;
  value: string;
  name: string;
  description?: string;
  tier: UsageTierName;
  enabled: boolean;
  createdAt: string;
}

export type Admission =
  | { admitted: true; key: LocalApiKey }
  | { admitted: false; reason: 'INVALID_API_KEY' }
  | { admitted: false; reason: 'THROTTLED' | 'QUOTA_EXCEEDED'; retryAfterSeconds: number };

export class LocalApiKeyRegistry {
  private readonly keys = new Map<string, LocalApiKey>();
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly quotas = new Map<string, QuotaUsage>();

  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      for (const key of JSON.parse(readFileSync(file, 'utf8')) as LocalApiKey[])
        this.keys.set(key.keyId, key);
    }
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify([...this.keys.values()], null, 2), { mode: 0o600 });
  }

  createKey(input: { name: string; tier: UsageTierName; value?: string; description?: string }): LocalApiKey {
    const value = input.value ?? randomBytes(30).toString('base64url');
    if (value.length < 20 || value.length > 128) throw new Error('API key values are 20 to 128 characters');
    const existing = this.findByValue(value);
    if (existing) return existing;
    const key: LocalApiKey = {
      keyId: randomUUID().replaceAll('-', '').slice(0, 10),
      value,
      name: input.name,
      ...(input.description !== undefined ? { description: input.description } : {}),
      tier: input.tier,
      enabled: true,
      createdAt: new Date().toISOString(),
    };
    this.keys.set(key.keyId, key);
    this.save();
    return key;
  }

  setEnabled(keyId: string, enabled: boolean): void {
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`No API key ${keyId}`);
    this.keys.set(keyId, { ...key, enabled });
    this.save();
  }

  getKey(keyId: string): LocalApiKey | undefined {
    return this.keys.get(keyId);
  }

  /**
   * Moves a key to another tier's usage plan. Like API Gateway, where throttle
   * and quota state belong to the plan, the key starts the new plan with a
   * full bucket and an unused quota.
   */
  setTier(keyId: string, tier: UsageTierName): void {
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`No API key ${keyId}`);
    this.keys.set(keyId, { ...key, tier });
    this.buckets.delete(keyId);
    this.quotas.delete(keyId);
    this.save();
  }

  /** Deletes a key for good; false when there was no such key. */
  deleteKey(keyId: string): boolean {
    if (!this.keys.delete(keyId)) return false;
    this.buckets.delete(keyId);
    this.quotas.delete(keyId);
    this.save();
    return true;
  }

  findByValue(value: string): LocalApiKey | undefined {
    for (const key of this.keys.values()) if (key.value === value) return key;
    return undefined;
  }

  /** What API Gateway does before a key-protected method runs: key, then rate, then quota. */
  admit(value: string | undefined, now = Date.now()): Admission {
    const key = value ? this.findByValue(value) : undefined;
    if (!key || !key.enabled) return { admitted: false, reason: 'INVALID_API_KEY' };
    const tier = USAGE_TIERS[key.tier];
    const take = takeToken(this.buckets.get(key.keyId) ?? fullBucket(tier, now), tier, now);
    this.buckets.set(key.keyId, take.bucket);
    if (!take.allowed)
      return { admitted: false, reason: 'THROTTLED', retryAfterSeconds: take.retryAfterSeconds };
    const quota = consumeQuota(this.quotas.get(key.keyId), tier.quota, now);
    this.quotas.set(key.keyId, quota.usage);
    if (!quota.allowed)
      return { admitted: false, reason: 'QUOTA_EXCEEDED', retryAfterSeconds: quota.retryAfterSeconds };
    return { admitted: true, key };
  }
}
