/**
 * The local API gateway: mounts the same Lambda handlers from the same route
 * table as API Gateway, with REST proxy events, API keys on usage plans
 * (token bucket + quota → 429 with Retry-After), staff ID tokens verified with
 * the shared verifier, and the platform's gateway error responses.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { RouteDefinition } from '../lambdas/api/route-types';
import { GATEWAY_ERRORS, gatewayErrorBody, type GatewayErrorType } from '../lambdas/api/gateway-responses';
import type { StaffTokenVerifier } from '../lambdas/shared/staff-token';
import { requestHeader } from '../lambdas/shared/http-handler';
import type { LocalApiKeyRegistry } from './api-key-registry';
import type { LocalStaffAuth } from './staff-auth';

export type LambdaHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** Local-only endpoints mounted beside the routes, e.g. the API-key control plane (local/api-gateway-control.ts). */
export type LocalControlPlane = (request: {
  method: string;
  pathname: string;
  headers: IncomingMessage['headers'];
  remoteAddress: string | undefined;
  body: Buffer;
}) => Promise<{ statusCode: number; body: unknown } | undefined>;

export interface LocalGatewayOptions {
  routes: readonly RouteDefinition[];
  loadHandler: (route: RouteDefinition) => Promise<LambdaHandler>;
  apiKeys: LocalApiKeyRegistry;
  staffAuth: LocalStaffAuth;
  verifyStaffToken: StaffTokenVerifier;
  /** Answers the paths it owns (anything else: undefined), before the routes. */
  controlPlane?: LocalControlPlane;
  stage?: string;
  log?: (line: string) => void;
}

const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024; // API Gateway's payload limit

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  paramNames: string[];
  /** A trailing `{name+}` takes the rest of the path, slashes included. */
  greedy: boolean;
  /** Segments without a parameter: the longer literal prefix is the more specific greedy route. */
  literals: number;
}

/** A route path as a regular expression: `{name}` is one segment; a trailing `{name+}` the rest (≥ 1 segment). */
export function compile(route: RouteDefinition): CompiledRoute {
  const paramNames: string[] = [];
  let greedy = false;
  const segments = route.path.split('/');
  const source = segments
    .map((segment, index) => {
      const param = /^\{(\w+)(\+?)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      paramNames.push(param[1]!);
      if (param[2]) {
        if (index !== segments.length - 1) {
          throw new Error(`${route.operationId}: a greedy {${param[1]}+} must be the last segment.`);
        }
        greedy = true;
        return '(.+)';
      }
      return '([^/]+)';
    })
    .join('/');
  const literals = segments.filter((segment) => segment && !segment.startsWith('{')).length;
  return { route, pattern: new RegExp(`^${source}$`), paramNames, greedy, literals };
}

class GatewayError {
  constructor(
    readonly type: GatewayErrorType,
    readonly headers: Record<string, string> = {},
  ) {}
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PAYLOAD_BYTES) {
        reject(new GatewayError('REQUEST_TOO_LARGE'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function headerMaps(req: IncomingMessage) {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    const value = req.rawHeaders[i + 1]!;
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  return { headers, multiValueHeaders };
}

/** API Gateway hands the authorizer's claims to Lambda as strings. */
function claimsAsStrings(claims: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]),
  );
}

export class LocalGateway {
  private readonly compiled: CompiledRoute[];
  private readonly handlers = new Map<string, Promise<LambdaHandler>>();
  private server?: Server;
  private readonly stage: string;
  private readonly log: (line: string) => void;

  constructor(private readonly options: LocalGatewayOptions) {
    // Like API Gateway, a literal path segment wins over a {parameter}, both over a greedy {proxy+},
    // and of two greedy paths the longer literal prefix wins (`/admin/datasets/{proxy+}` over `/{proxy+}`).
    this.compiled = options.routes
      .map(compile)
      .sort(
        (a, b) =>
          Number(a.greedy) - Number(b.greedy) ||
          a.paramNames.length - b.paramNames.length ||
          b.literals - a.literals ||
          Number(a.route.method === 'ANY') - Number(b.route.method === 'ANY'),
      );
    this.stage = options.stage ?? 'local';
    this.log = options.log ?? (() => undefined);
  }

  listen(port: number, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = createServer((req, res) => void this.handle(req, res));
      server.keepAliveTimeout = 5000;
      server.once('error', reject);
      server.listen(port, host, () => {
        this.server = server;
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private handlerFor(route: RouteDefinition): Promise<LambdaHandler> {
    let handler = this.handlers.get(route.operationId);
    if (!handler) {
      handler = this.options.loadHandler(route);
      this.handlers.set(route.operationId, handler);
    }
    return handler;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    let status = 500;
    let apiKeyId: string | undefined;
    try {
      const body = await readBody(req);
      const local =
        (await this.options.controlPlane?.({
          method,
          pathname: url.pathname,
          headers: req.headers,
          remoteAddress: req.socket.remoteAddress,
          body,
        })) ?? (await this.localAuthRoute(method, url.pathname, body));
      if (local) {
        status = local.statusCode;
        this.write(res, local, requestId);
        return;
      }
      const match = this.match(method, url.pathname);
      const { headers, multiValueHeaders } = headerMaps(req);
      // API Gateway adds these; handlers build links from them.
      const forwarded = {
        'X-Forwarded-For': req.socket.remoteAddress ?? '127.0.0.1',
        'X-Forwarded-Port': String(req.socket.localPort ?? ''),
        'X-Forwarded-Proto': 'http',
      };
      Object.assign(headers, forwarded);
      for (const [k, v] of Object.entries(forwarded)) multiValueHeaders[k] = [v];
      const identity: Record<string, string | null> = {
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: requestHeader({ headers }, 'user-agent') ?? null,
        apiKey: null,
        apiKeyId: null,
      };
      let claims: Record<string, string> | undefined;

      if (match.route.auth.kind === 'api-key') {
        const admission = this.options.apiKeys.admit(requestHeader({ headers }, 'x-api-key'));
        if (!admission.admitted) {
          throw new GatewayError(
            admission.reason,
            'retryAfterSeconds' in admission ? { 'Retry-After': String(admission.retryAfterSeconds) } : {},
          );
        }
        apiKeyId = admission.key.keyId;
        identity.apiKey = admission.key.value;
        identity.apiKeyId = admission.key.keyId;
      }
      if (match.route.auth.kind === 'staff') {
        const token = requestHeader({ headers }, 'authorization')
          ?.replace(/^Bearer\s+/i, '')
          .trim();
        if (!token) throw new GatewayError('UNAUTHORIZED');
        try {
          claims = claimsAsStrings(await this.options.verifyStaffToken(token));
        } catch {
          throw new GatewayError('UNAUTHORIZED');
        }
      }

      const query = [...url.searchParams.keys()];
      const multiValueQueryStringParameters = query.length
        ? Object.fromEntries(query.map((k) => [k, url.searchParams.getAll(k)]))
        : null;
      const queryStringParameters = multiValueQueryStringParameters
        ? Object.fromEntries(Object.entries(multiValueQueryStringParameters).map(([k, v]) => [k, v.at(-1)!]))
        : null;
      const textual =
        body.length === 0 ||
        /json|text|xml|form-urlencoded/i.test(requestHeader({ headers }, 'content-type') ?? '');

      const event: APIGatewayProxyEvent = {
        resource: match.route.path,
        path: url.pathname,
        httpMethod: method,
        headers,
        multiValueHeaders,
        queryStringParameters,
        multiValueQueryStringParameters,
        pathParameters: Object.keys(match.params).length ? match.params : null,
        stageVariables: null,
        body: body.length === 0 ? null : textual ? body.toString('utf8') : body.toString('base64'),
        isBase64Encoded: body.length > 0 && !textual,
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          authorizer: claims ? { claims } : null,
          httpMethod: method,
          identity: identity as unknown as APIGatewayProxyEvent['requestContext']['identity'],
          path: `/${this.stage}${url.pathname}`,
          protocol: `HTTP/${req.httpVersion}`,
          requestId,
          requestTimeEpoch: started,
          resourceId: match.route.operationId,
          resourcePath: match.route.path,
          stage: this.stage,
        },
      };
      const context = {
        awsRequestId: requestId,
        functionName: `local-${match.route.operationId}`,
        functionVersion: '$LATEST',
        invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:local-${match.route.operationId}`,
        memoryLimitInMB: '512',
        logGroupName: `/aws/lambda/local-${match.route.operationId}`,
        logStreamName: 'local',
        callbackWaitsForEmptyEventLoop: true,
        getRemainingTimeInMillis: () => Math.max(0, 29_000 - (Date.now() - started)),
        done: () => undefined,
        fail: () => undefined,
        succeed: () => undefined,
      } satisfies Context;

      let result: APIGatewayProxyResult;
      try {
        const handler = await this.handlerFor(match.route);
        result = await handler(event, context);
      } catch (err) {
        // A handler that throws is a 502 from API Gateway.
        this.log(`handler ${match.route.operationId} threw: ${(err as Error).stack ?? String(err)}`);
        throw new GatewayError('DEFAULT_5XX');
      }
      status = result.statusCode;
      this.writeResult(res, result);
    } catch (err) {
      const gatewayError = err instanceof GatewayError ? err : new GatewayError('DEFAULT_5XX');
      if (!(err instanceof GatewayError)) this.log(`gateway error: ${(err as Error).stack ?? String(err)}`);
      const definition = GATEWAY_ERRORS[gatewayError.type];
      status = definition.statusCode;
      res.writeHead(status, {
        'Content-Type': 'application/json; charset=utf-8',
        'X-Request-Id': requestId,
        ...('headers' in definition ? definition.headers : {}),
        ...gatewayError.headers,
      });
      res.end(gatewayErrorBody(gatewayError.type, requestId));
    } finally {
      this.log(
        `${method} ${url.pathname} ${status} ${Date.now() - started}ms${apiKeyId ? ` key=${apiKeyId}` : ''} id=${requestId}`,
      );
    }
  }

  private match(
    method: string,
    pathname: string,
  ): { route: RouteDefinition; params: Record<string, string> } {
    for (const candidate of this.compiled) {
      if (candidate.route.method !== method && candidate.route.method !== 'ANY') continue;
      const m = candidate.pattern.exec(pathname);
      if (!m) continue;
      const params: Record<string, string> = {};
      try {
        candidate.paramNames.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)));
      } catch {
        throw new GatewayError('DEFAULT_4XX');
      }
      return { route: candidate.route, params };
    }
    throw new GatewayError('MISSING_AUTHENTICATION_TOKEN');
  }

  /** Local-only stand-ins for Cognito's sign-in and JWKS endpoints. */
  private async localAuthRoute(
    method: string,
    pathname: string,
    body: Buffer,
  ): Promise<{ statusCode: number; body: unknown } | undefined> {
    const auth = this.options.staffAuth;
    if (method === 'GET' && pathname === '/local-auth/.well-known/jwks.json') {
      return { statusCode: 200, body: auth.jwks() };
    }
    if (method === 'POST' && pathname === '/local-auth/token') {
      let credentials: { username?: unknown; password?: unknown } = {};
      try {
        credentials = JSON.parse(body.toString('utf8') || '{}');
      } catch {
        // fall through to the 400 below
      }
      if (typeof credentials.username !== 'string' || typeof credentials.password !== 'string') {
        return {
          statusCode: 400,
          body: { error: { code: 'BAD_REQUEST', message: 'Send {"username","password"} as JSON.' } },
        };
      }
      const idToken = await auth.signIn(credentials.username, credentials.password);
      if (!idToken) {
        return {
          statusCode: 401,
          body: { error: { code: 'UNAUTHORIZED', message: 'Wrong username or password.' } },
        };
      }
      return { statusCode: 200, body: { idToken, tokenType: 'Bearer', expiresIn: 3600 } };
    }
    return undefined;
  }

  private write(res: ServerResponse, out: { statusCode: number; body: unknown }, requestId: string): void {
    const body = out.body as { error?: Record<string, unknown> };
    if (body?.error) body.error.requestId = requestId;
    res.writeHead(out.statusCode, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Request-Id': requestId,
    });
    res.end(JSON.stringify(out.body));
  }

  private writeResult(res: ServerResponse, result: APIGatewayProxyResult): void {
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
    for (const [k, v] of Object.entries(result.multiValueHeaders ?? {})) headers[k] = v.map(String);
    res.writeHead(result.statusCode, headers);
    res.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
  }
}
