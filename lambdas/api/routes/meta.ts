import * as z from 'zod/mini';
import { defineRoute } from '../route-types';
import { schema } from '../schemas/schema';

const AnyJson = /* @__PURE__ */ schema(() => z.record(z.string(), z.unknown()));

export const getOpenApi = /* @__PURE__ */ defineRoute({
  operationId: 'getOpenApi',
  method: 'GET',
  path: '/openapi.json',
  handler: 'openapi/get-openapi',
  auth: { kind: 'public' },
  summary: 'This API described as OpenAPI 3.1',
  tags: ['Meta'],
  request: {},
  responses: { 200: { description: 'The OpenAPI document', schema: AnyJson } },
  access: {},
  cacheControl: 'public, max-age=300',
});

/** Every route of this module, for the route table (lambdas/api/routes.ts). */
export const metaRoutes = { getOpenApi };
