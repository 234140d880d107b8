import { z } from 'zod';

export const StaffProfile = z
  .object({
    userId: z.string(),
    username: z.string(),
    email: z.string().optional(),
    roles: z.array(z.enum(['clerk', 'department-staff', 'it-admin'])),
    department: z.string().optional(),
  })
  .meta({ id: 'StaffProfile' });
