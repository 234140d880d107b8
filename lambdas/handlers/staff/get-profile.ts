// GET /v1/staff/me (staff) → the signed-in staff member as the authorizer saw them.
import * as routes from '../../api/routes/staff';
import { httpHandler } from '../../shared/http-handler';

export const handler = httpHandler(routes.getStaffProfile, async ({ principal }) => ({
  statusCode: 200,
  body: principal,
}));
