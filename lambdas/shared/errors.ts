/**
 * The platform's one error model. Every client-facing failure is one of these;
 * anything else becomes a generic 500 in `toErrorBody` (never a stack trace).
 */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'VALIDATION_FAILED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'INVALID_API_KEY'
  | 'API_KEY_SUSPENDED'
  | 'API_KEY_REVOKED'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  /** A records-request action the current status does not allow. */
  | 'ILLEGAL_TRANSITION'
  /** Someone else changed the record since you read it; `current` holds the fresh state. */
  | 'STALE_REVISION'
  /** The same requester sent a near-identical request minutes ago. */
  | 'LIKELY_DUPLICATE'
  /** A document still has personal-data findings nobody decided on. */
  | 'RELEASE_BLOCKED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'THROTTLED'
  | 'QUOTA_EXCEEDED'
  | 'INTERNAL_ERROR';

export interface FieldIssue {
  path: string;
  message: string;
}

export class PlatformError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: {
      issues?: FieldIssue[];
      retryAfterSeconds?: number;
      headers?: Record<string, string>;
      /** Safe-to-show facts for the client (e.g. the fresh state after a 409). */
      context?: Record<string, unknown>;
    },
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

export const badRequest = (message: string, issues?: FieldIssue[]) =>
  new PlatformError(
    400,
    issues ? 'VALIDATION_FAILED' : 'BAD_REQUEST',
    message,
    issues ? { issues } : undefined,
  );
export const unauthorized = (message = 'Sign in to use this resource.') =>
  new PlatformError(401, 'UNAUTHORIZED', message);
export const forbidden = (message = 'You are not allowed to do this.') =>
  new PlatformError(403, 'FORBIDDEN', message);
export const notFound = (message: string) => new PlatformError(404, 'NOT_FOUND', message);
export const conflict = (message: string) => new PlatformError(409, 'CONFLICT', message);

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    requestId: string;
    issues?: FieldIssue[];
    context?: Record<string, unknown>;
  };
}

/** Maps any thrown value to a status and a safe body. Unknown errors say nothing about themselves. */
export function toErrorBody(
  err: unknown,
  requestId: string,
): { statusCode: number; body: ErrorBody; headers?: Record<string, string> } {
  if (err instanceof PlatformError) {
    const headers = {
      ...(err.details?.headers ?? {}),
      ...(err.details?.retryAfterSeconds !== undefined
        ? { 'Retry-After': String(err.details.retryAfterSeconds) }
        : {}),
    };
    return {
      ...(Object.keys(headers).length ? { headers } : {}),
      statusCode: err.statusCode,
      body: {
        error: {
          code: err.code,
          message: err.message,
          requestId,
          ...(err.details?.issues ? { issues: err.details.issues } : {}),
          ...(err.details?.context ? { context: err.details.context } : {}),
        },
      },
    };
  }
  return {
    statusCode: 500,
    body: {
      error: {
        code: 'INTERNAL_ERROR',
        message: 'Something went wrong on our side. Quote the request id if you contact the city.',
        requestId,
      },
    },
  };
}
