import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import type { RouteDefinition } from './route-types';
import { ErrorResponse } from './schemas/common';
import { CITY } from '../shared/city-profile';

type JsonSchema = Record<string, unknown>;

const COMPONENT_REF = '#/components/schemas/';

/** zod → JSON Schema 2020-12 (OpenAPI 3.1's dialect); shared ids become components. */
function toSchema(
  schema: $ZodType,
  components: Record<string, JsonSchema>,
  io: 'input' | 'output',
): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  const { $defs, $schema: _ignored, ...rest } = json as JsonSchema & { $defs?: Record<string, JsonSchema> };
  const rewrite = (value: unknown) =>
    JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', `"${COMPONENT_REF}`));
  for (const [id, def] of Object.entries($defs ?? {})) components[id] = rewrite(def);
  const id = (z.globalRegistry.get(schema) as { id?: string } | undefined)?.id;
  if (id) {
    if (!$defs?.[id]) components[id] = rewrite(rest);
    return { $ref: COMPONENT_REF + id };
  }
  return rewrite(rest);
}

function parameters(
  where: 'path' | 'query',
  schema: $ZodType | undefined,
  components: Record<string, JsonSchema>,
): JsonSchema[] {
  if (!schema) return [];
  const json = toSchema(schema, components, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, prop]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    ...(typeof prop.description === 'string' ? { description: prop.description } : {}),
    schema: prop,
  }));
}

function errorResponses(route: RouteDefinition): Record<string, JsonSchema> {
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: `${COMPONENT_REF}Error` } } },
  });
  const out: Record<string, JsonSchema> = {
    '400': error('Malformed request: the message points at the offending part'),
    '500': error('Unexpected error'),
  };
  if (route.request.params) out['404'] = error('Not found');
  if (route.auth.kind === 'api-key') {
    out['403'] = error('Missing, wrong or suspended API key');
    out['429'] = error('Over the usage plan rate or quota; see Retry-After');
  }
  if (route.auth.kind === 'staff') {
    out['401'] = error('Not signed in');
    out['403'] = error('Signed in, but not allowed');
  }
  return out;
}

export function buildOpenApiDocument(routeList: readonly RouteDefinition[], serverUrl = '/'): JsonSchema {
  const components: Record<string, JsonSchema> = {};
  toSchema(ErrorResponse, components, 'output');
  const paths: Record<string, Record<string, JsonSchema>> = {};

  for (const route of routeList) {
    // Pages are HTML for people, not operations of the API.
    if (route.kind === 'page') continue;
    const responses: Record<string, JsonSchema> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(response.headers).map(([h, d]) => [
                  h,
                  { description: d, schema: { type: 'string' } },
                ]),
              ),
            }
          : {}),
        ...(response.schema
          ? {
              content: {
                [response.contentType ?? 'application/json']: {
                  schema: toSchema(response.schema, components, 'output'),
                },
              },
            }
          : {}),
      };
    }
    Object.assign(responses, errorResponses(route));

    const operation: JsonSchema = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [...route.tags],
      parameters: [
        ...parameters('path', route.request.params, components),
        ...parameters('query', route.request.query, components),
      ],
      ...(route.request.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(route.request.body, components, 'input') } },
            },
          }
        : {}),
      responses,
      security:
        route.auth.kind === 'api-key'
          ? [{ ApiKey: [] }]
          : route.auth.kind === 'staff'
            ? [{ StaffIdToken: [] }]
            : [],
    };
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: `${CITY.name} Open Data and Public Records API`,
      version: '1.0.0',
      description:
        'Datasets published by the city, public records requests under the Connecticut Freedom of Information Act, and API keys. Errors always have the shape {"error":{"code","message","requestId"}}.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        ApiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        StaffIdToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      },
    },
  };
}
