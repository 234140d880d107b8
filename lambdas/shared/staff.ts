/**
 * Staff identity: Cognito groups and the department attribute, read from the
 * claims of a verified ID token (API Gateway's Cognito authorizer in AWS, the
 * local gateway's verifier locally). Pure: no AWS imports.
 */
export const STAFF_GROUPS = {
  clerk: 'clerks',
  'department-staff': 'department-staff',
  'it-admin': 'it-admins',
} as const;

export type StaffRole = keyof typeof STAFF_GROUPS;
export const STAFF_ROLES = Object.keys(STAFF_GROUPS) as StaffRole[];

export const DEPARTMENT_CLAIM = 'custom:department';

export interface StaffPrincipal {
  userId: string;
  username: string;
  email?: string;
  roles: StaffRole[];
  department?: string;
}

/**
 * API Gateway passes `cognito:groups` as a string ("clerks" or "clerks,it-admins"
 * or "[clerks it-admins]"); a decoded JWT has an array. Accept all of them.
 */
function parseGroups(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== 'string') return [];
  return raw
    .replace(/^\[|\]$/g, '')
    .split(/[,\s]+/)
    .map((g) => g.trim())
    .filter(Boolean);
}

export function principalFromClaims(
  claims: Record<string, unknown> | undefined | null,
): StaffPrincipal | undefined {
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const groups = parseGroups(claims['cognito:groups']);
  const roles = STAFF_ROLES.filter((role) => groups.includes(STAFF_GROUPS[role]));
  const username = String(claims['cognito:username'] ?? claims.username ?? claims.sub);
  const department =
    typeof claims[DEPARTMENT_CLAIM] === 'string' ? (claims[DEPARTMENT_CLAIM] as string) : undefined;
  return {
    userId: claims.sub,
    username,
    ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
    roles,
    ...(department ? { department } : {}),
  };
}

export function hasAnyRole(principal: StaffPrincipal, allowed: readonly StaffRole[]): boolean {
  return principal.roles.some((role) => allowed.includes(role));
}
