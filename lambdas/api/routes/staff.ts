import { defineRoute } from '../route-types';
import { StaffProfile } from '../schemas/staff';
import { STAFF_ROLES } from '../../shared/staff';
export const getStaffProfile = /* @__PURE__ */ defineRoute({
  operationId: 'getStaffProfile',
  method: 'GET',
  path: '/v1/staff/me',
  handler: 'staff/get-profile',
  auth: { kind: 'staff', roles: STAFF_ROLES },
  summary: 'Who am I (staff)',
  description: 'The signed-in staff member: roles from their groups, and their department.',
  tags: ['Staff'],
  request: {},
  responses: { 200: { description: 'The staff member', schema: StaffProfile } },
  access: {},
  cacheControl: 'no-store',
});

/** Every route of this module, for the route table (lambdas/api/routes.ts). */
export const staffRoutes = { getStaffProfile };
