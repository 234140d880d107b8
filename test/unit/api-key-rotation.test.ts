import { isKeyUsable, rotatedKeyRecord, rotationExpired } from '../../lambdas/domain/api-access/api-keys';

describe('key rotation', () => {
  const key = {
    keyId: 'old',
    applicationId: 'a',
    name: 'n',
    contactEmail: 'c@example.org',
    tier: 'basic' as const,
    status: 'active' as const,
    valueHash: 'h',
    last4: 'abcd',
    createdAt: '2026-11-01T00:00:00Z',
    sanctions: [],
  };
  it('keeps the old key usable until the grace period ends, then refuses it', () => {
    const rotated = rotatedKeyRecord(key, 'new', '2026-11-26T12:00:00.000Z');
    expect(rotated.rotationGraceEndsAt).toBe('2026-12-03T12:00:00.000Z');
    expect(isKeyUsable(rotated, '2026-12-03T11:59:59.000Z')).toBe(true);
    expect(isKeyUsable(rotated, '2026-12-03T12:00:00.000Z')).toBe(false);
    expect(rotationExpired(rotated, '2026-12-04T00:00:00.000Z')).toBe(true);
  });
  it('refuses to rotate a key twice, or a suspended one', () => {
    const rotated = rotatedKeyRecord(key, 'new', '2026-11-26T12:00:00.000Z');
    expect(() => rotatedKeyRecord(rotated, 'newer', '2026-11-27T00:00:00.000Z')).toThrow(/already replaced/);
    expect(() => rotatedKeyRecord({ ...key, status: 'suspended' }, 'x', '2026-11-27T00:00:00.000Z')).toThrow(
      /active/,
    );
  });
});
