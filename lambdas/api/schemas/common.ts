// zod/mini: the same validation as classic zod at a fraction of the bundle and import cost.
import * as z from 'zod/mini';
import { DEPARTMENTS } from '../../shared/city-profile';
import { schema } from './schema';

/** A trimmed string of `min`..`max` characters (after trimming), described for the OpenAPI document. */
export const text = (min: number, max: number, description?: string) =>
  z
    .string()
    .check(z.trim(), z.minLength(min), z.maxLength(max), ...(description ? [z.describe(description)] : []));

/**
 * The parts of a multipart upload to complete (a dataset CSV, a records document): S3's part
 * numbers run 1..10,000, and each part's ETag comes back as the browser saw it.
 */
export const MultipartCompletionBody = /* @__PURE__ */ schema(() =>
  z.strictObject({
    parts: z
      .array(
        z.strictObject({
          partNumber: z.number().check(z.int(), z.minimum(1), z.maximum(10_000)),
          etag: text(1, 200),
        }),
      )
      .check(z.minLength(1), z.maxLength(10_000)),
  }),
);

export const ErrorResponse = /* @__PURE__ */ schema(() =>
  z
    .object({
      error: z.object({
        code: z
          .string()
          .check(z.describe('Stable, machine-readable error code, e.g. NOT_FOUND or THROTTLED.')),
        message: z.string().check(z.describe('What went wrong, in plain words.')),
        requestId: z.string().check(z.describe('Quote this when you contact the city.')),
        issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
        context: z.optional(
          z
            .record(z.string(), z.unknown())
            .check(z.describe('Facts to act on, e.g. the fresh record after a 409 STALE_REVISION.')),
        ),
      }),
    })
    .register(z.globalRegistry, { id: 'Error' }),
);

export const DepartmentId = /* @__PURE__ */ schema(() =>
  z.enum(DEPARTMENTS.map((d) => d.id) as [string, ...string[]]).check(z.describe('Owning department id')),
);

/** Opaque paging cursor: pass back `nextCursor` unchanged. */
export const Cursor = /* @__PURE__ */ schema(() =>
  z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(512),
      z.regex(/^[A-Za-z0-9_-]+$/, 'cursor must be the nextCursor value of a previous page'),
      z.describe('The `nextCursor` of the previous page'),
    ),
);

export const PageLimit = /* @__PURE__ */ schema(() =>
  z._default(
    z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100), z.describe('Items per page (1-100)')),
    25,
  ),
);

/** An uploaded file's name: no path and no control characters (it goes into an S3 key and a download's filename). */
export const UploadFileName = /* @__PURE__ */ schema(() =>
  z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(200),
      z.regex(/^[A-Za-z0-9][A-Za-z0-9 ._()-]*$/, 'a plain file name: letters, digits, spaces, dots, dashes'),
    ),
);

/** A media type (`type/subtype`); the example is what the error message shows. */
export const mediaType = (example: string) =>
  z.string().check(z.maxLength(100), z.regex(/^[a-z]+\/[a-z0-9.+-]+$/, `a media type like ${example}`));
