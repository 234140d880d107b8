/**
 * The middy chain every HTTP handler shares: Powertools logging, request
 * parsing with the route's zod schemas, staff authorization from the
 * authorizer's claims, JSON responses, and the one error model.
 */
import { createHash } from 'node:crypto';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { safeParse } from 'zod/mini';
import type { $ZodError, $ZodType, output } from 'zod/v4/core';
import type { RouteDefinition } from '../api/route-types';
import { badRequest, forbidden, toErrorBody, unauthorized, type FieldIssue } from './errors';
import { logger } from './logger';
import { hasAnyRole, principalFromClaims, type StaffPrincipal } from './staff';

const MAX_BODY_BYTES = 256 * 1024;

type Infer<T> = [Exclude<T, undefined>] extends [$ZodType] ? output<Exclude<T, undefined>> : undefined;

export interface HttpRequest<R extends RouteDefinition> {
  params: Infer<R['request']['params']>;
  query: Infer<R['request']['query']>;
  body: Infer<R['request']['body']>;
  /** Set on staff routes (guaranteed there). */
  principal: R['auth'] extends { kind: 'staff' } ? StaffPrincipal : StaffPrincipal | undefined;
  /** The API Gateway key id on api-key routes (never the key itself). */
  apiKeyId: string | undefined;
  requestId: string;
  /** Base URL the client called, for links (scheme://host/stage). */
  baseUrl: string;
  event: APIGatewayProxyEvent;
}

export interface HttpResult {
  statusCode: number;
  /** Serialized as JSON. */
  body?: unknown;
  /** Sent as it is (e.g. CSV); set Content-Type in headers. */
  rawBody?: string;
  headers?: Record<string, string>;
}

function issuesOf(error: $ZodError, prefix: string): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    const keys = 'keys' in issue && Array.isArray(issue.keys) ? ` (${issue.keys.join(', ')})` : '';
    return { path, message: issue.message + keys };
  });
}

function parsePart<S extends $ZodType | undefined>(schema: S, value: unknown, part: string): Infer<S> {
  if (!schema) return undefined as Infer<S>;
  const result = safeParse(schema, value ?? {});
  if (!result.success) {
    const issues = issuesOf(result.error, part);
    throw badRequest(`Invalid ${part}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  return result.data as Infer<S>;
}

function singleValuedQuery(event: APIGatewayProxyEvent): Record<string, string> {
  const multi = event.multiValueQueryStringParameters ?? {};
  for (const [name, values] of Object.entries(multi)) {
    if (values && values.length > 1) throw badRequest(`Give the query parameter "${name}" only once.`);
  }
  return { ...(event.queryStringParameters ?? {}) } as Record<string, string>;
}

/** A request header by name, whatever its case (API Gateway keeps the client's). */
export function requestHeader(
  event: Pick<APIGatewayProxyEvent, 'headers'>,
  name: string,
): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === wanted)?.[1];
}

/**
 * A browser following a link (an e-mailed status link) asks for HTML first; a program asks
 * for JSON or anything. Such routes send the browser to the page that shows the same thing.
 */
export function prefersHtml(event: Pick<APIGatewayProxyEvent, 'headers'>): boolean {
  const accept = requestHeader(event, 'accept') ?? '';
  const html = accept.search(/\btext\/html\b/i);
  const json = accept.search(/\bapplication\/json\b/i);
  return html >= 0 && (json < 0 || html < json);
}

/** 303 to a page of the public site (same host and stage), for `prefersHtml` callers. */
export function seeOtherPage(baseUrl: string, pathAndQuery: string): HttpResult {
  const location = `${baseUrl}${pathAndQuery}`;
  return {
    statusCode: 303,
    headers: { Location: location, 'Cache-Control': 'no-store' },
    body: { location },
  };
}

function parseBody(event: APIGatewayProxyEvent): unknown {
  if (event.body == null || event.body === '') return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) throw badRequest('The request body is too large.');
  const contentType = requestHeader(event, 'content-type');
  if (contentType && !/^application\/json\b/i.test(contentType)) {
    throw badRequest('Send the request body as application/json.');
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}

function baseUrlOf(event: APIGatewayProxyEvent): string {
  const headers = event.headers ?? {};
  const host = headers.Host ?? headers.host ?? 'localhost';
  const proto = headers['X-Forwarded-Proto'] ?? headers['x-forwarded-proto'] ?? 'https';
  // API Gateway's default execute-api host includes the stage in the path; custom domains do not.
  const stage =
    host.includes('.execute-api.') && event.requestContext?.stage ? `/${event.requestContext.stage}` : '';
  return `${proto}://${host}${stage}`;
}

function authorize(route: RouteDefinition, event: APIGatewayProxyEvent): StaffPrincipal | undefined {
  const principal = principalFromClaims(event.requestContext?.authorizer?.claims);
  if (route.auth.kind !== 'staff') return principal;
  if (!principal) throw unauthorized();
  if (!hasAnyRole(principal, route.auth.roles))
    throw forbidden('Your staff role does not allow this action.');
  return principal;
}

const BASE_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'X-Content-Type-Options': 'nosniff',
};

function respond(statusCode: number, body: unknown, requestId: string, headers: Record<string, string> = {}) {
  return {
    statusCode,
    headers: { ...BASE_HEADERS, 'X-Request-Id': requestId, ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  } satisfies APIGatewayProxyResult;
}

/**
 * Cacheable GETs carry an ETag (the handler's own, or a hash of the body), and
 * a matching If-None-Match gets 304 with no body.
 */
function conditionalGet(
  route: RouteDefinition,
  event: APIGatewayProxyEvent,
  result: APIGatewayProxyResult,
): APIGatewayProxyResult {
  if (route.method !== 'GET' || result.statusCode !== 200 || !route.cacheControl?.startsWith('public'))
    return result;
  const headers = { ...(result.headers ?? {}) } as Record<string, string>;
  headers.ETag ??= `W/"${createHash('sha256').update(result.body).digest('base64url').slice(0, 27)}"`;
  const ifNoneMatch = requestHeader(event, 'if-none-match');
  const matches = ifNoneMatch?.split(/\s*,\s*/).some((tag) => tag === headers.ETag || tag === '*');
  return matches ? { statusCode: 304, headers, body: '' } : { ...result, headers };
}

export interface HttpHandlerOptions {
  /**
   * Runs before the handler on API-key routes: refuses suspended keys and
   * keys over their limits, and returns the RateLimit headers to add.
   */
  admit?: (request: HttpRequest<RouteDefinition>, operationId: string) => Promise<Record<string, string>>;
}

export function httpHandler<R extends RouteDefinition>(
  route: R,
  run: (request: HttpRequest<R>) => Promise<HttpResult>,
  options: HttpHandlerOptions = {},
) {
  // Fail at cold start, not per request, when an API-key route forgets its admission check.
  if (route.auth.kind === 'api-key' && !options.admit) {
    throw new Error(`Route ${route.operationId} needs an API-key admission check`);
  }
  const base = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    const started = Date.now();
    let result: APIGatewayProxyResult;
    // RateLimit headers go on every API-key response, errors included.
    let admitted: Record<string, string> = {};
    try {
      const principal = authorize(route, event);
      const request = {
        params: parsePart(route.request.params, event.pathParameters, 'path'),
        query: parsePart(route.request.query, singleValuedQuery(event), 'query'),
        body: parsePart(route.request.body, parseBody(event), 'body'),
        principal,
        apiKeyId: event.requestContext?.identity?.apiKeyId ?? undefined,
        requestId,
        baseUrl: baseUrlOf(event),
        event,
      } as HttpRequest<R>;
      if (options.admit) {
        admitted = await options.admit(request as unknown as HttpRequest<RouteDefinition>, route.operationId);
      }
      const out = await run(request);
      out.headers = { ...admitted, ...out.headers };
      const cache: Record<string, string> =
        out.statusCode < 400 && route.cacheControl ? { 'Cache-Control': route.cacheControl } : {};
      result =
        out.rawBody !== undefined
          ? {
              statusCode: out.statusCode,
              headers: { ...BASE_HEADERS, 'X-Request-Id': requestId, ...cache, ...out.headers },
              body: out.rawBody,
            }
          : respond(out.statusCode, out.body, requestId, { ...cache, ...out.headers });
      result = conditionalGet(route, event, result);
    } catch (err) {
      const { statusCode, body, headers } = toErrorBody(err, requestId);
      if (statusCode >= 500) logger.error('Request failed', { error: err as Error });
      result = respond(statusCode, body, requestId, { 'Cache-Control': 'no-store', ...admitted, ...headers });
    }
    logger.info('Request', {
      operation: route.operationId,
      status: result.statusCode,
      latencyMs: Date.now() - started,
    });
    return result;
  };
  return middy(base).use(injectLambdaContext(logger, { clearState: true }));
}
