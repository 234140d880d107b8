import * as z from 'zod/mini';
import { schema } from './schema';

export const StaffProfile = /* @__PURE__ */ schema(() =>
  z
    .object({
      userId: z.string(),
      username: z.string(),
      email: z.optional(z.string()),
      roles: z.array(z.enum(['clerk', 'department-staff', 'it-admin'])),
      department: z.optional(z.string()),
    })
    .register(z.globalRegistry, { id: 'StaffProfile' }),
);
