import { hasAnyRole, principalFromClaims, type StaffPrincipal } from '../../lambdas/shared/staff';

const baseClaims = { sub: 'user-123', 'cognito:username': 'casey', email: 'casey@danbury.example' };

describe('principalFromClaims', () => {
  it('reads cognito:groups given as an array (a decoded JWT)', () => {
    const principal = principalFromClaims({ ...baseClaims, 'cognito:groups': ['clerks', 'it-admins'] });

    expect(principal).toEqual({
      userId: 'user-123',
      username: 'casey',
      email: 'casey@danbury.example',
      roles: ['clerk', 'it-admin'],
    });
  });

  it.each([
    ['a single group', 'clerks', ['clerk']],
    ['a comma-separated string (API Gateway)', 'clerks,it-admins', ['clerk', 'it-admin']],
    ['a comma-and-space string', 'clerks, department-staff', ['clerk', 'department-staff']],
    ['a bracketed, space-separated string', '[clerks it-admins]', ['clerk', 'it-admin']],
  ])('reads cognito:groups given as %s', (_label, groups, roles) => {
    const principal = principalFromClaims({ ...baseClaims, 'cognito:groups': groups });

    expect(principal?.roles).toEqual(roles);
  });

  it('gives no roles when cognito:groups is missing', () => {
    expect(principalFromClaims(baseClaims)?.roles).toEqual([]);
  });

  it('ignores groups that are not staff groups', () => {
    const principal = principalFromClaims({
      ...baseClaims,
      'cognito:groups': 'admins,clerk,clerks-old,it-admins',
    });

    expect(principal?.roles).toEqual(['it-admin']);
  });

  it('reads the department from custom:department', () => {
    const principal = principalFromClaims({ ...baseClaims, 'custom:department': 'public-works' });

    expect(principal?.department).toBe('public-works');
  });

  it('leaves the department and email out when the claims lack them', () => {
    const principal = principalFromClaims({ sub: 'user-9', 'custom:department': '' });

    expect(principal).toEqual({ userId: 'user-9', username: 'user-9', roles: [] });
  });

  it('falls back from cognito:username to username', () => {
    expect(principalFromClaims({ sub: 'user-9', username: 'pat' })?.username).toBe('pat');
  });

  it.each([
    ['no claims', undefined],
    ['null claims', null],
    ['claims without sub', { 'cognito:username': 'casey', 'cognito:groups': 'clerks' }],
    ['a non-string sub', { sub: 42, 'cognito:groups': 'clerks' }],
  ])('gives no principal for %s', (_label, claims) => {
    expect(principalFromClaims(claims as Record<string, unknown> | null | undefined)).toBeUndefined();
  });
});

describe('hasAnyRole', () => {
  const clerk: StaffPrincipal = { userId: 'u1', username: 'casey', roles: ['clerk'] };
  const nobody: StaffPrincipal = { userId: 'u2', username: 'pat', roles: [] };

  it('is true when one of the principal roles is allowed', () => {
    expect(hasAnyRole(clerk, ['it-admin', 'clerk'])).toBe(true);
  });

  it('is false when none of the principal roles is allowed', () => {
    expect(hasAnyRole(clerk, ['it-admin', 'department-staff'])).toBe(false);
  });

  it('is false for a principal without roles and for an empty allow-list', () => {
    expect(hasAnyRole(nobody, ['clerk'])).toBe(false);
    expect(hasAnyRole(clerk, [])).toBe(false);
  });
});
