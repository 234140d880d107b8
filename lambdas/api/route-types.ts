import type { $ZodType } from 'zod/v4/core';
import type { StaffRole } from '../shared/staff';

/** `ANY` is for page routes only (`kind: 'page'`): one Lambda answers every method of its path. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'ANY';

export type RouteAuth =
  | { kind: 'public' }
  /** API Gateway checks `x-api-key` against a usage plan (throttle + quota). Not authentication. */
  | { kind: 'api-key' }
  /** A verified staff ID token whose groups include one of these roles. */
  | { kind: 'staff'; roles: readonly StaffRole[] };

export type Grant = 'RO' | 'RW';

/** What a route's Lambda may touch; the CDK grants exactly this (least privilege). */
export interface RouteAccess {
  table?: Grant;
  datasetsBucket?: Grant;
  recordsBucket?: Grant;
  /** Sends e-mail (SES in AWS; the outbox locally). */
  email?: 'SEND';
  /** Creates, enables/disables and deletes API keys on the usage plans (API Gateway control plane). */
  apiKeys?: 'MANAGE';
}

/**
 * The rights of a Lambda that does what these routes do (a page area calling the same use
 * cases as those JSON routes): each grant at its highest, e-mail and key management if any asks.
 */
export function accessOfRoutes(...routes: readonly { access: RouteAccess }[]): RouteAccess {
  const union: RouteAccess = {};
  for (const { access } of routes) {
    for (const key of ['table', 'datasetsBucket', 'recordsBucket'] as const) {
      const grant = access[key];
      if (grant && union[key] !== 'RW') union[key] = grant;
    }
    if (access.email) union.email = access.email;
    if (access.apiKeys) union.apiKeys = access.apiKeys;
  }
  return union;
}

export interface RouteResponse {
  description: string;
  schema?: $ZodType;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface RouteDefinition<
  P extends $ZodType = $ZodType,
  Q extends $ZodType = $ZodType,
  B extends $ZodType = $ZodType,
  A extends RouteAuth = RouteAuth,
> {
  operationId: string;
  /**
   * `page`: HTML for people (the admin UI), not part of the JSON API. Left out of the OpenAPI
   * document; its `auth` is `public` at the gateway because the page handler verifies the
   * session cookie itself (API Gateway's Cognito authorizer reads the Authorization header
   * only). May use the method `ANY` and a trailing greedy `{proxy+}` path parameter.
   * @default 'api'
   */
  kind?: 'api' | 'page';
  method: HttpMethod;
  /** API Gateway resource path, with `{name}` path parameters (pages: also a trailing `{proxy+}`). */
  path: string;
  /** Handler module under `lambdas/handlers/`, without extension; exports `handler`. */
  handler: string;
  auth: A;
  summary: string;
  description?: string;
  tags: readonly string[];
  request: { params?: P; query?: Q; body?: B };
  responses: Record<number, RouteResponse>;
  access: RouteAccess;
  /** Cache-Control for successful responses. */
  cacheControl?: string;
}

/**
 * Keeps the literal types of a route for handler typing. Marked free of side effects so that a
 * handler's bundle keeps only the routes it reaches (`import * as routes`), and with them only
 * their schemas (lambdas/api/schemas/schema.ts).
 */
/* @__NO_SIDE_EFFECTS__ */
export function defineRoute<
  P extends $ZodType,
  Q extends $ZodType,
  B extends $ZodType,
  const A extends RouteAuth,
>(route: RouteDefinition<P, Q, B, A>): RouteDefinition<P, Q, B, A> {
  return route;
}
