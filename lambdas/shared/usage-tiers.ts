/**
 * Usage-plan tiers: the CDK stack creates one API Gateway usage plan per tier
 * from this table, and the local gateway enforces the same numbers.
 */
export interface UsageTier {
  name: string;
  description: string;
  /** Steady-state requests per second (token refill rate). */
  rateLimit: number;
  /** Bucket size: how many requests may arrive at once. */
  burstLimit: number;
  quota: { limit: number; period: 'DAY' | 'WEEK' | 'MONTH' };
}

export const USAGE_TIERS = {
  basic: {
    name: 'basic',
    description: 'Residents and casual use: enough for apps and notebooks.',
    rateLimit: 5,
    burstLimit: 10,
    quota: { limit: 10_000, period: 'DAY' },
  },
  standard: {
    name: 'standard',
    description: 'Newsrooms, researchers and civic apps with steady traffic.',
    rateLimit: 25,
    burstLimit: 50,
    quota: { limit: 100_000, period: 'DAY' },
  },
  partner: {
    name: 'partner',
    description: 'Agencies and partners with an agreement with the city.',
    rateLimit: 100,
    burstLimit: 200,
    quota: { limit: 1_000_000, period: 'DAY' },
  },
} as const satisfies Record<string, UsageTier>;

export type UsageTierName = keyof typeof USAGE_TIERS;
export const USAGE_TIER_NAMES = Object.keys(USAGE_TIERS) as UsageTierName[];
