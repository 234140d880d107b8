/**
 * The admin UI's HTTP layer: an API Gateway proxy event as a page request
 * (path, query, form body, cookies, base path), a page result as the proxy
 * response, and the security headers every response carries.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { parseCookies } from './cookies';
import type { SafeHtml } from './html';

const MAX_FORM_BYTES = 256 * 1024;

export interface PageRequest {
  method: string;
  /** The path the router sees, `/admin/...` (without the stage). */
  path: string;
  query: URLSearchParams;
  /** The `application/x-www-form-urlencoded` body of a POST; empty otherwise. */
  form: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string>;
  cookies: Record<string, string>;
  /** What links start with: '' behind the city's domain, `/dev` on API Gateway's own host. */
  basePath: string;
  /** `https://host` the browser called. */
  origin: string;
  /** https: cookies get Secure, responses HSTS. Local mode runs on http://127.0.0.1. */
  secure: boolean;
  requestId: string;
  /** The page's own script asked for JSON (progressive enhancement), not a page. */
  wantsJson: boolean;
}

export interface PageResult {
  status: number;
  body: string;
  /** @default text/html; charset=utf-8 */
  contentType?: string;
  headers?: Record<string, string>;
  /** Set-Cookie values. */
  cookies?: string[];
}

export function htmlResult(status: number, page: SafeHtml, extra: Partial<PageResult> = {}): PageResult {
  return { status, body: page.value, ...extra };
}

/** 303 See Other: after a form POST, the browser GETs the next page. */
export function redirect(location: string, extra: Partial<PageResult> = {}, status = 303): PageResult {
  return { status, body: '', ...extra, headers: { ...extra.headers, Location: location } };
}

export function jsonResult(status: number, body: unknown): PageResult {
  return { status, body: JSON.stringify(body), contentType: 'application/json; charset=utf-8' };
}

/** A malformed request body (too large, not a form). */
export class BadFormError extends Error {}

function lowerCaseHeaders(event: APIGatewayProxyEvent): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (typeof value === 'string') headers[name.toLowerCase()] = value;
  }
  return headers;
}

function formOf(event: APIGatewayProxyEvent, headers: Record<string, string>): URLSearchParams {
  if (event.body == null || event.body === '') return new URLSearchParams();
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw) > MAX_FORM_BYTES) throw new BadFormError('The form is too large.');
  const type = headers['content-type'] ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
    throw new BadFormError('Send the form as application/x-www-form-urlencoded.');
  }
  return new URLSearchParams(raw);
}

function queryOf(event: APIGatewayProxyEvent): URLSearchParams {
  const query = new URLSearchParams();
  const multi = event.multiValueQueryStringParameters;
  if (multi) {
    for (const [name, values] of Object.entries(multi)) for (const v of values ?? []) query.append(name, v);
  } else {
    for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
      if (value !== undefined) query.append(name, value);
    }
  }
  return query;
}

export function pageRequestOf(event: APIGatewayProxyEvent, requestId: string): PageRequest {
  const headers = lowerCaseHeaders(event);
  const host = headers.host ?? 'localhost';
  const proto = (headers['x-forwarded-proto'] ?? 'https').split(',')[0]!.trim();
  // API Gateway's default execute-api host keeps the stage in the path; the city's own domain does not.
  const basePath =
    host.includes('.execute-api.') && event.requestContext?.stage ? `/${event.requestContext.stage}` : '';
  return {
    method: (event.httpMethod ?? 'GET').toUpperCase(),
    path: event.path ?? '/',
    query: queryOf(event),
    form: formOf(event, headers),
    headers,
    cookies: parseCookies(headers.cookie),
    basePath,
    origin: `${proto}://${host}`,
    secure: proto !== 'http',
    requestId,
    wantsJson: /^application\/json\b/i.test(headers.accept ?? ''),
  };
}

export interface SecurityPolicy {
  /** Other origins forms may go to (the Cognito hosted UI's sign-out). */
  formActionOrigins: readonly string[];
  /** Other origins the page's script may call (S3, for presigned uploads). */
  connectOrigins: readonly string[];
}

/** The headers of every admin UI response: a CSP without inline scripts or styles, no framing, no referrer. */
export function securityHeaders(policy: SecurityPolicy, secure: boolean): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    ["connect-src 'self'", ...policy.connectOrigins].join(' '),
    "frame-ancestors 'none'",
    ["form-action 'self'", ...policy.formActionOrigins].join(' '),
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    ...(secure ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

export function proxyResultOf(
  result: PageResult,
  request: Pick<PageRequest, 'method' | 'secure' | 'requestId'>,
  policy: SecurityPolicy,
): APIGatewayProxyResult {
  const headers: Record<string, string> = {
    'Content-Type': result.contentType ?? 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    ...securityHeaders(policy, request.secure),
    'X-Request-Id': request.requestId,
    ...result.headers,
  };
  return {
    statusCode: result.status,
    headers,
    ...(result.cookies?.length ? { multiValueHeaders: { 'Set-Cookie': result.cookies } } : {}),
    body: request.method === 'HEAD' ? '' : result.body,
  };
}

/** A link inside the admin UI: `/admin/records-requests` → `/dev/admin/records-requests` on the execute-api host. */
export function pathOf(request: Pick<PageRequest, 'basePath'>, path: string): string {
  return `${request.basePath}${path}`;
}

/** A `next` value is only ever a path inside the admin UI (never another site). */
export function safeNext(value: string | null | undefined): string {
  if (!value || !/^\/admin([/?][A-Za-z0-9._~!$&'()*+,;=:@%/?-]*)?$/.test(value) || value.includes('//')) {
    return '/admin';
  }
  return value;
}
