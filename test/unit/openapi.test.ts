import { z } from 'zod';
import { buildOpenApiDocument } from '../../lambdas/api/openapi';
import { defineRoute } from '../../lambdas/api/route-types';
import { ROUTE_LIST, routes } from '../../lambdas/api/routes';

type Json = Record<string, unknown>;
interface Operation extends Json {
  operationId: string;
  parameters: { name: string; in: string; required: boolean; schema: Json }[];
  responses: Record<string, Json>;
  security: Record<string, string[]>[];
}

const COMPONENT_REF = '#/components/schemas/';
/** The JSON API: pages (the admin UI's HTML) are not operations of it. */
const API_ROUTES = ROUTE_LIST.filter((r) => r.kind !== 'page');
const doc = buildOpenApiDocument(ROUTE_LIST) as Json & {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
};
const schemas = doc.components.schemas;

function operation(route: (typeof ROUTE_LIST)[number]): Operation {
  return doc.paths[route.path]![route.method.toLowerCase()]!;
}

/** Every `$ref` value anywhere in a JSON value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === '$ref' && typeof v === 'string' ? [v] : refsIn(v),
  );
}

/** Follows a chain of component `$ref`s to the schema it names; fails on a cycle of bare refs. */
function resolve(ref: string): Json {
  const seen = new Set<string>();
  let current = ref;
  for (;;) {
    if (seen.has(current)) throw new Error(`$ref cycle without a schema: ${[...seen].join(' -> ')}`);
    seen.add(current);
    const target = schemas[current.slice(COMPONENT_REF.length)];
    if (!target) throw new Error(`unresolved $ref ${current}`);
    const keys = Object.keys(target);
    if (keys.length === 1 && keys[0] === '$ref') current = target.$ref as string;
    else return target;
  }
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1.0 with info and a server', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: '/' }]);
  });

  it.each(API_ROUTES.map((r) => [r.operationId, r] as const))(
    'describes %s under its path and method',
    (id, route) => {
      expect(operation(route)).toMatchObject({
        operationId: id,
        summary: route.summary,
        tags: [...route.tags],
      });
    },
  );

  it('has exactly the operations of the route table and unique operation ids', () => {
    const ids = Object.values(doc.paths).flatMap((methods) =>
      Object.values(methods).map((op) => op.operationId),
    );

    expect(ids.sort()).toEqual(API_ROUTES.map((r) => r.operationId).sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('leaves the pages out: HTML for people, not API operations', () => {
    const pages = ROUTE_LIST.filter((r) => r.kind === 'page');

    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) expect(doc.paths[page.path]).toBeUndefined();
  });

  it('only uses $refs to component schemas', () => {
    const refs = refsIn(doc);

    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref.startsWith(COMPONENT_REF)).toBe(true);
  });

  it('resolves every $ref to an entry in components.schemas', () => {
    const missing = refsIn(doc).filter((ref) => !(ref.slice(COMPONENT_REF.length) in schemas));

    expect(missing).toEqual([]);
  });

  it.each(Object.keys(schemas))('gives component %s an actual schema, not only a $ref to itself', (name) => {
    expect(() => resolve(COMPONENT_REF + name)).not.toThrow();
    expect(resolve(COMPONENT_REF + name)).toHaveProperty('type');
  });

  it('describes the Error component with code, message and requestId', () => {
    const error = resolve(`${COMPONENT_REF}Error`) as {
      properties?: { error?: { properties?: Json; required?: string[] } };
    };

    expect(Object.keys(error.properties?.error?.properties ?? {})).toEqual(
      expect.arrayContaining(['code', 'message', 'requestId']),
    );
    expect(error.properties?.error?.required).toEqual(
      expect.arrayContaining(['code', 'message', 'requestId']),
    );
  });

  it('makes every path parameter required and declares each {name} of the path', () => {
    for (const route of API_ROUTES) {
      const pathParams = operation(route).parameters.filter((p) => p.in === 'path');
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

      expect(pathParams.map((p) => p.name).sort()).toEqual(names.sort());
      for (const p of pathParams) expect(p.required).toBe(true);
    }
  });

  it('marks a path parameter required even when its zod schema is optional', () => {
    const route = defineRoute({
      operationId: 'unitGetPart',
      method: 'GET',
      path: '/parts/{partId}',
      handler: 'unit/none',
      auth: { kind: 'public' },
      summary: 'A part',
      tags: ['Test'],
      request: {
        params: z.object({ partId: z.string().optional() }),
        query: z.object({ q: z.string().optional() }),
      },
      responses: {},
      access: {},
    });

    const parameters = (buildOpenApiDocument([route]) as typeof doc).paths['/parts/{partId}']!.get!
      .parameters;

    expect(parameters.map(({ name, in: where, required }) => ({ name, in: where, required }))).toEqual([
      { name: 'partId', in: 'path', required: true },
      { name: 'q', in: 'query', required: false },
    ]);
  });

  it('declares the ApiKey scheme and 403/429 responses on api-key routes', () => {
    const apiKeyRoutes = API_ROUTES.filter((r) => r.auth.kind === 'api-key');

    expect(apiKeyRoutes.length).toBeGreaterThan(0);
    expect(doc.components.securitySchemes.ApiKey).toEqual({
      type: 'apiKey',
      in: 'header',
      name: 'x-api-key',
    });
    for (const route of apiKeyRoutes) {
      const op = operation(route);
      expect(op.security).toEqual([{ ApiKey: [] }]);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['403', '429']));
    }
  });

  it('declares the StaffIdToken scheme and a 401 response on staff routes', () => {
    const staffRoutes = API_ROUTES.filter((r) => r.auth.kind === 'staff');

    expect(staffRoutes.length).toBeGreaterThan(0);
    expect(doc.components.securitySchemes.StaffIdToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const route of staffRoutes) {
      const op = operation(route);
      expect(op.security).toEqual([{ StaffIdToken: [] }]);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  it('declares no security on public routes', () => {
    for (const route of API_ROUTES.filter((r) => r.auth.kind === 'public')) {
      expect(operation(route).security).toEqual([]);
      expect(operation(route).responses).not.toHaveProperty('401');
    }
  });

  it('points every error response at the Error component', () => {
    for (const route of API_ROUTES) {
      for (const [status, response] of Object.entries(operation(route).responses)) {
        if (Number(status) < 400) continue;
        expect(response).toMatchObject({
          content: { 'application/json': { schema: { $ref: `${COMPONENT_REF}Error` } } },
        });
      }
    }
  });

  it('carries the limits of the zod query schema on the limit of listDatasets', () => {
    const limit = operation(routes.listDatasets).parameters.find((p) => p.name === 'limit');

    expect(limit).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
    });
  });

  it('lists the departments as the enum of the department filter', () => {
    const department = operation(routes.listDatasets).parameters.find((p) => p.name === 'department');

    expect(department?.schema.enum).toEqual(expect.arrayContaining(['public-works', 'police', 'city-clerk']));
  });

  it('documents the redirect of downloadDataset with its Location header', () => {
    expect(operation(routes.downloadDataset).responses['302']).toMatchObject({
      headers: { Location: { schema: { type: 'string' } } },
    });
  });

  it('uses the given server url', () => {
    expect(buildOpenApiDocument(ROUTE_LIST, 'https://data.danbury.example/v1').servers).toEqual([
      { url: 'https://data.danbury.example/v1' },
    ]);
  });
});
