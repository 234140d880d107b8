// GET /openapi.json → the OpenAPI 3.1 document generated from the route table.
import { routes, ROUTE_LIST } from '../../api/routes';
import { buildOpenApiDocument } from '../../api/openapi';
import { httpHandler } from '../../shared/http-handler';

let document: Record<string, unknown> | undefined;

export const handler = httpHandler(routes.getOpenApi, async ({ baseUrl }) => {
  document ??= buildOpenApiDocument(ROUTE_LIST);
  return { statusCode: 200, body: { ...document, servers: [{ url: baseUrl }] } };
});
