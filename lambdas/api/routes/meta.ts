import * as z from 'zod/mini';
import { defineRoute } from '../route-types';

export const metaRoutes = {
  getOpenApi: defineRoute({
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    handler: 'openapi/get-openapi',
    auth: { kind: 'public' },
    summary: 'This API described as OpenAPI 3.1',
    tags: ['Meta'],
    request: {},
    responses: { 200: { description: 'The OpenAPI document', schema: z.record(z.string(), z.unknown()) } },
    access: {},
    cacheControl: 'public, max-age=300',
  }),
};
