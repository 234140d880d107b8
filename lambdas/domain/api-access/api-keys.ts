/**
 * Issued API keys as the platform knows them (never the value: a hash and
 * the last 4 characters), and the sanctions for improper use: first offence →
 * notice and order to correct, repeat → suspension, continuing → revocation.
 */
import { createHash } from 'node:crypto';
import { conflict, forbidden } from '../../shared/errors';
import { hasAnyRole, type StaffPrincipal } from '../../shared/staff';
import type { UsageTierName } from '../../shared/usage-tiers';

export type KeyStatus = 'active' | 'suspended' | 'revoked';
export type OffenceLevel = 'first' | 'repeat' | 'continuing';
export type SanctionAction = 'notice' | 'suspend' | 'reinstate' | 'revoke';

export interface Sanction {
  at: string;
  by: string;
  action: SanctionAction;
  offenceLevel?: OffenceLevel;
  reason: string;
  until?: string;
}

export interface ApiKeyRecord {
  keyId: string;
  applicationId: string;
  name: string;
  contactEmail: string;
  tier: UsageTierName;
  status: KeyStatus;
  /** SHA-256 of the key value. */
  valueHash: string;
  last4: string;
  createdAt: string;
  /** Suspensions with an end date lift themselves then. */
  suspendedUntil?: string;
  sanctions: Sanction[];
  /** Rotation by the consumer: the key that replaced this one, and when this one stops working. */
  rotatedTo?: string;
  rotationGraceEndsAt?: string;
  /** The key this one replaced. */
  rotatedFrom?: string;
}

/** After a rotation the old key keeps working this long, so the consumer can deploy the new one. */
export const ROTATION_GRACE_DAYS = 7;

/** The old key's record after a rotation: it works until the grace period ends. */
export function rotatedKeyRecord(old: ApiKeyRecord, newKeyId: string, now: string): ApiKeyRecord {
  if (old.rotatedTo) throw conflict('This key was already replaced by a new one: use that key.');
  if (old.status !== 'active') throw conflict('Only an active key can be rotated.');
  return {
    ...old,
    rotatedTo: newKeyId,
    rotationGraceEndsAt: new Date(Date.parse(now) + ROTATION_GRACE_DAYS * 86_400_000).toISOString(),
  };
}

/** A replaced key past its grace period: refused like a revoked key, with its own message. */
export function rotationExpired(key: Pick<ApiKeyRecord, 'rotationGraceEndsAt'>, now: string): boolean {
  return Boolean(key.rotationGraceEndsAt && key.rotationGraceEndsAt <= now);
}

/**
 * The record of a newly issued key: what the city keeps of it is a SHA-256 of
 * the value and its last 4 characters, never the value.
 */
export function issuedKeyRecord(input: {
  keyId: string;
  value: string;
  applicationId: string;
  name: string;
  contactEmail: string;
  tier: UsageTierName;
  createdAt: string;
}): ApiKeyRecord {
  const { value, ...rest } = input;
  return {
    ...rest,
    status: 'active',
    valueHash: createHash('sha256').update(value).digest('hex'),
    last4: value.slice(-4),
    sanctions: [],
  };
}

/** Level of the next offence from the key's history of sanctions for offences. */
export function nextOffenceLevel(sanctions: readonly Sanction[]): OffenceLevel {
  const offences = sanctions.filter((s) => s.action !== 'reinstate').length;
  return offences === 0 ? 'first' : offences === 1 ? 'repeat' : 'continuing';
}

/** What the city's rules call for at each level. */
export const ACTION_FOR_LEVEL: Record<OffenceLevel, SanctionAction> = {
  first: 'notice',
  repeat: 'suspend',
  continuing: 'revoke',
};

/** Whether the key may be used now (a dated suspension ends by itself). */
export function isKeyUsable(
  key: Pick<ApiKeyRecord, 'status' | 'suspendedUntil' | 'rotationGraceEndsAt'>,
  now: string,
): boolean {
  if (rotationExpired(key, now)) return false;
  if (key.status === 'active') return true;
  if (key.status === 'suspended' && key.suspendedUntil && key.suspendedUntil <= now) return true;
  return false;
}

export function canSanction(principal: StaffPrincipal): boolean {
  return hasAnyRole(principal, ['it-admin', 'department-staff']);
}

export function applySanction(
  key: ApiKeyRecord,
  principal: StaffPrincipal,
  input: { action: SanctionAction; reason: string; until?: string },
  now: string,
): ApiKeyRecord {
  if (!canSanction(principal))
    throw forbidden('Only City IT or dataset-owning departments sanction API keys.');
  if (key.status === 'revoked')
    throw conflict('This key was revoked; the consumer must apply for a new one.');
  if (input.action === 'reinstate' && key.status !== 'suspended')
    throw conflict('Only a suspended key can be reinstated.');
  if (input.action === 'suspend' && input.until && input.until <= now) {
    throw conflict('A suspension must end in the future (or have no end date).');
  }
  const sanction: Sanction = {
    at: now,
    by: principal.username,
    action: input.action,
    ...(input.action !== 'reinstate' ? { offenceLevel: nextOffenceLevel(key.sanctions) } : {}),
    reason: input.reason,
    ...(input.until ? { until: input.until } : {}),
  };
  const status: KeyStatus =
    input.action === 'revoke'
      ? 'revoked'
      : input.action === 'suspend'
        ? 'suspended'
        : input.action === 'reinstate'
          ? 'active'
          : key.status;
  const { suspendedUntil: _previous, ...rest } = key;
  return {
    ...rest,
    status,
    ...(input.action === 'suspend' && input.until ? { suspendedUntil: input.until } : {}),
    sanctions: [...key.sanctions, sanction],
  };
}
