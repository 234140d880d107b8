/**
 * Errors raised by the gateway itself, before any Lambda runs. The CDK stack
 * turns each into an API Gateway gateway response; the local gateway answers
 * with the same status, code and message. Both use the platform's error shape.
 */
import type { ErrorCode } from '../shared/errors';

export interface GatewayError {
  statusCode: number;
  code: ErrorCode;
  message: string;
  headers?: Record<string, string>;
}

export const GATEWAY_ERRORS = {
  // API Gateway answers unknown paths with MISSING_AUTHENTICATION_TOKEN; to a client it is a 404.
  MISSING_AUTHENTICATION_TOKEN: {
    statusCode: 404,
    code: 'NOT_FOUND',
    message: 'There is no such resource. See /openapi.json for the API.',
  },
  INVALID_API_KEY: {
    statusCode: 403,
    code: 'INVALID_API_KEY',
    message:
      'This resource needs a valid, active API key in the x-api-key header. Apply for one at /v1/api-key-applications.',
  },
  UNAUTHORIZED: {
    statusCode: 401,
    code: 'UNAUTHORIZED',
    message: 'Sign in as city staff: send a valid ID token as "Authorization: Bearer <token>".',
  },
  EXPIRED_TOKEN: {
    statusCode: 401,
    code: 'UNAUTHORIZED',
    message: 'Your sign-in has expired. Sign in again.',
  },
  ACCESS_DENIED: { statusCode: 403, code: 'FORBIDDEN', message: 'You are not allowed to do this.' },
  THROTTLED: {
    statusCode: 429,
    code: 'THROTTLED',
    message: 'Too many requests for your usage plan. Slow down and retry after the Retry-After seconds.',
    headers: { 'Retry-After': '1' },
  },
  QUOTA_EXCEEDED: {
    statusCode: 429,
    code: 'QUOTA_EXCEEDED',
    message: 'Your API key used its whole quota for this period. It resets at the start of the next period.',
  },
  WAF_FILTERED: {
    statusCode: 403,
    code: 'FORBIDDEN',
    message: 'The request was blocked by the city firewall.',
  },
  REQUEST_TOO_LARGE: {
    statusCode: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: 'The request body is too large.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    statusCode: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the request body as application/json.',
  },
  DEFAULT_4XX: { statusCode: 400, code: 'BAD_REQUEST', message: 'The request could not be accepted.' },
  DEFAULT_5XX: {
    statusCode: 500,
    code: 'INTERNAL_ERROR',
    message: 'Something went wrong on our side. Quote the request id if you contact the city.',
  },
} as const satisfies Record<string, GatewayError>;

export type GatewayErrorType = keyof typeof GATEWAY_ERRORS;

/** The body as the platform writes it; `requestId` is `$context.requestId` in API Gateway. */
export function gatewayErrorBody(type: GatewayErrorType, requestId: string): string {
  const { code, message } = GATEWAY_ERRORS[type];
  return JSON.stringify({ error: { code, message, requestId } });
}
