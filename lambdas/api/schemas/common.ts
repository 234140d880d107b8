import { z } from 'zod';
import { DEPARTMENTS } from '../../shared/city-profile';

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().describe('Stable, machine-readable error code, e.g. NOT_FOUND or THROTTLED.'),
      message: z.string().describe('What went wrong, in plain words.'),
      requestId: z.string().describe('Quote this when you contact the city.'),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const DepartmentId = z.enum(DEPARTMENTS.map((d) => d.id) as [string, ...string[]]).describe('Department id');

/** Opaque paging cursor: pass back `nextCursor` unchanged. */
export const Cursor = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9_-]+$/, 'cursor must be the nextCursor value of a previous page');

export const PageLimit = z.coerce.number().int().min(1).max(100).default(25).describe('Items per page (1-100).');
