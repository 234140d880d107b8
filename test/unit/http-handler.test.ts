import './support/quiet-logs';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { z } from 'zod';
import { defineRoute } from '../../lambdas/api/route-types';
import { badRequest, notFound, PlatformError } from '../../lambdas/shared/errors';
import { httpHandler, prefersHtml, type HttpRequest } from '../../lambdas/shared/http-handler';
import { apiGatewayEvent, lambdaContext, type EventInput } from './support/api-gateway-event';

const itemRoute = defineRoute({
  operationId: 'unitUpdateItem',
  method: 'POST',
  path: '/items/{itemId}',
  handler: 'unit/none',
  auth: { kind: 'public' },
  summary: 'Test route',
  tags: ['Test'],
  request: {
    params: z.strictObject({ itemId: z.string().regex(/^[a-z-]+$/) }),
    query: z.strictObject({
      limit: z.coerce.number().int().min(1).max(10).default(5),
      mode: z.enum(['fast', 'slow']).optional(),
    }),
    body: z.strictObject({ name: z.string().trim().min(1), count: z.number().int() }),
  },
  responses: { 200: { description: 'ok' } },
  access: {},
  cacheControl: 'public, max-age=60',
});

const staffRoute = defineRoute({
  operationId: 'unitStaffOnly',
  method: 'GET',
  path: '/staff/thing',
  handler: 'unit/none',
  auth: { kind: 'staff', roles: ['clerk'] },
  summary: 'Clerks only',
  tags: ['Test'],
  request: {},
  responses: { 200: { description: 'ok' } },
  access: {},
});

type ItemRequest = HttpRequest<typeof itemRoute>;

const validItem: EventInput = {
  method: 'POST',
  path: '/items/widget',
  pathParameters: { itemId: 'widget' },
  query: { limit: '3' },
  headers: { Host: 'data.danbury.example', 'Content-Type': 'application/json' },
  body: JSON.stringify({ name: '  Widget ', count: 2 }),
  requestId: 'req-item-1',
};

const context = lambdaContext();

function parse(result: APIGatewayProxyResult) {
  return JSON.parse(result.body) as Record<string, unknown> & {
    error: { code: string; message: string; requestId: string; issues?: { path: string; message: string }[] };
  };
}

function expectErrorShape(result: APIGatewayProxyResult, requestId: string) {
  const body = parse(result);
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toEqual(
    expect.objectContaining({ code: expect.any(String), message: expect.any(String), requestId }),
  );
  expect(result.headers).toMatchObject({
    'Content-Type': expect.stringMatching(/^application\/json/),
    'X-Request-Id': requestId,
    'Cache-Control': 'no-store',
  });
}

/** A handler for the item route that records what `run` received. */
function itemHandler(
  answer: (req: ItemRequest) => Promise<{ statusCode: number; body?: unknown }> = async () => ({
    statusCode: 200,
    body: { ok: true },
  }),
) {
  const seen: ItemRequest[] = [];
  const handler = httpHandler(itemRoute, async (req) => {
    seen.push(req);
    return answer(req);
  });
  return { handler, seen };
}

describe('httpHandler: request parsing', () => {
  it('hands validated and coerced params, query and body to run', async () => {
    const { handler, seen } = itemHandler();

    const result = await handler(apiGatewayEvent(validItem), context);

    expect(result.statusCode).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.params).toEqual({ itemId: 'widget' });
    expect(seen[0]!.query).toEqual({ limit: 3 });
    expect(seen[0]!.body).toEqual({ name: 'Widget', count: 2 });
    expect(seen[0]!.requestId).toBe('req-item-1');
    expect(seen[0]!.principal).toBeUndefined();
  });

  it('applies query defaults when the parameter is absent', async () => {
    const { handler, seen } = itemHandler();

    await handler(apiGatewayEvent({ ...validItem, query: undefined }), context);

    expect(seen[0]!.query).toEqual({ limit: 5 });
  });

  it('passes the API key id from the request context', async () => {
    const { handler, seen } = itemHandler();

    await handler(apiGatewayEvent({ ...validItem, apiKeyId: 'key-77' }), context);

    expect(seen[0]!.apiKeyId).toBe('key-77');
  });

  it('rejects an unknown query parameter with VALIDATION_FAILED naming it', async () => {
    const { handler, seen } = itemHandler();

    const result = await handler(
      apiGatewayEvent({ ...validItem, query: { limit: '3', bogus: '1' } }),
      context,
    );

    expect(result.statusCode).toBe(400);
    expectErrorShape(result, 'req-item-1');
    const { error } = parse(result);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues).toEqual([{ path: 'query', message: expect.stringContaining('bogus') }]);
    expect(seen).toHaveLength(0);
  });

  it('names the path of an invalid query value', async () => {
    const { handler } = itemHandler();

    const result = await handler(apiGatewayEvent({ ...validItem, query: { limit: '500' } }), context);

    expect(result.statusCode).toBe(400);
    expect(parse(result).error.issues).toEqual([{ path: 'query.limit', message: expect.any(String) }]);
  });

  it('names the path of an invalid path parameter and body field', async () => {
    const { handler } = itemHandler();

    const badParam = await handler(
      apiGatewayEvent({ ...validItem, pathParameters: { itemId: 'NO!' } }),
      context,
    );
    const badBody = await handler(
      apiGatewayEvent({ ...validItem, body: '{"name":"x","count":1.5}' }),
      context,
    );

    expect(parse(badParam).error.issues?.map((i) => i.path)).toEqual(['path.itemId']);
    expect(parse(badBody).error.issues?.map((i) => i.path)).toEqual(['body.count']);
  });

  it('rejects a query parameter given twice', async () => {
    const { handler, seen } = itemHandler();

    const result = await handler(apiGatewayEvent({ ...validItem, query: { limit: ['1', '2'] } }), context);

    expect(result.statusCode).toBe(400);
    expectErrorShape(result, 'req-item-1');
    expect(parse(result).error.message).toContain('limit');
    expect(seen).toHaveLength(0);
  });

  it('rejects a malformed JSON body', async () => {
    const { handler, seen } = itemHandler();

    const result = await handler(apiGatewayEvent({ ...validItem, body: '{"name": "x",' }), context);

    expect(result.statusCode).toBe(400);
    expectErrorShape(result, 'req-item-1');
    expect(parse(result).error.code).toBe('BAD_REQUEST');
    expect(seen).toHaveLength(0);
  });

  it('rejects a body that is not application/json', async () => {
    const { handler, seen } = itemHandler();

    const result = await handler(
      apiGatewayEvent({
        ...validItem,
        headers: { Host: 'h', 'content-type': 'text/plain' },
        body: '{"name":"x","count":1}',
      }),
      context,
    );

    expect(result.statusCode).toBe(400);
    expectErrorShape(result, 'req-item-1');
    expect(seen).toHaveLength(0);
  });

  it('decodes a base64-encoded JSON body', async () => {
    const { handler, seen } = itemHandler();
    const body = Buffer.from(JSON.stringify({ name: 'b64', count: 9 })).toString('base64');

    const result = await handler(apiGatewayEvent({ ...validItem, body, isBase64Encoded: true }), context);

    expect(result.statusCode).toBe(200);
    expect(seen[0]!.body).toEqual({ name: 'b64', count: 9 });
  });

  it('rejects a missing body when the route requires one', async () => {
    const { handler } = itemHandler();

    const result = await handler(apiGatewayEvent({ ...validItem, body: undefined }), context);

    expect(result.statusCode).toBe(400);
    expect(parse(result).error.code).toBe('VALIDATION_FAILED');
  });
});

describe('httpHandler: staff authorization', () => {
  const seen: HttpRequest<typeof staffRoute>[] = [];
  const handler = httpHandler(staffRoute, async (req) => {
    seen.push(req);
    return { statusCode: 200, body: { userId: req.principal?.userId } };
  });
  const event = (claims?: Record<string, string>) =>
    apiGatewayEvent({ path: '/staff/thing', requestId: 'req-staff', ...(claims ? { claims } : {}) });

  beforeEach(() => (seen.length = 0));

  it('answers 401 without claims', async () => {
    const result = await handler(event(), context);

    expect(result.statusCode).toBe(401);
    expectErrorShape(result, 'req-staff');
    expect(parse(result).error.code).toBe('UNAUTHORIZED');
    expect(seen).toHaveLength(0);
  });

  it('answers 403 when the staff member is in the wrong group', async () => {
    const result = await handler(
      event({ sub: 'u-1', 'cognito:groups': 'department-staff,it-admins' }),
      context,
    );

    expect(result.statusCode).toBe(403);
    expectErrorShape(result, 'req-staff');
    expect(parse(result).error.code).toBe('FORBIDDEN');
    expect(seen).toHaveLength(0);
  });

  it('runs with the principal when the staff member is in an allowed group', async () => {
    const result = await handler(
      event({
        sub: 'u-2',
        'cognito:username': 'casey',
        'cognito:groups': 'it-admins,clerks',
        'custom:department': 'city-clerk',
      }),
      context,
    );

    expect(result.statusCode).toBe(200);
    expect(parse(result)).toEqual({ userId: 'u-2' });
    expect(seen[0]!.principal).toEqual({
      userId: 'u-2',
      username: 'casey',
      roles: ['clerk', 'it-admin'],
      department: 'city-clerk',
    });
  });
});

describe('httpHandler: errors', () => {
  it('answers a thrown PlatformError with its status and code', async () => {
    const { handler } = itemHandler(async () => {
      throw notFound('No item "widget".');
    });

    const result = await handler(apiGatewayEvent(validItem), context);

    expect(result.statusCode).toBe(404);
    expectErrorShape(result, 'req-item-1');
    expect(parse(result).error).toEqual({
      code: 'NOT_FOUND',
      message: 'No item "widget".',
      requestId: 'req-item-1',
    });
  });

  it('passes the issues of a thrown validation error through', async () => {
    const { handler } = itemHandler(async () => {
      throw badRequest('Bad name', [{ path: 'body.name', message: 'taken' }]);
    });

    const result = await handler(apiGatewayEvent(validItem), context);

    expect(parse(result).error.issues).toEqual([{ path: 'body.name', message: 'taken' }]);
  });

  it('answers 429 for a thrown throttling PlatformError', async () => {
    const { handler } = itemHandler(async () => {
      throw new PlatformError(429, 'THROTTLED', 'Slow down');
    });

    const result = await handler(apiGatewayEvent(validItem), context);

    expect(result.statusCode).toBe(429);
    expect(parse(result).error.code).toBe('THROTTLED');
  });

  it('answers an unknown error with a generic 500 that leaks nothing', async () => {
    const { handler } = itemHandler(async () => {
      throw new Error('password=hunter2 at db.internal');
    });

    const result = await handler(apiGatewayEvent(validItem), context);

    expect(result.statusCode).toBe(500);
    expectErrorShape(result, 'req-item-1');
    expect(parse(result).error.code).toBe('INTERNAL_ERROR');
    expect(result.body).not.toContain('hunter2');
    expect(result.body).not.toContain('db.internal');
  });

  it('falls back to the Lambda request id when the event has none', async () => {
    const { handler } = itemHandler();
    const event = apiGatewayEvent({ ...validItem, query: { nope: '1' } });
    const { requestId: _dropped, ...requestContext } = event.requestContext;

    const result = await handler(
      { ...event, requestContext: requestContext as typeof event.requestContext },
      context,
    );

    expect(result.statusCode).toBe(400);
    expectErrorShape(result, 'lambda-req-0001');
  });
});

describe('httpHandler: responses', () => {
  it('answers with JSON, the request id and the route Cache-Control on success', async () => {
    const { handler } = itemHandler(async () => ({ statusCode: 201, body: { created: 'widget' } }));

    const result = await handler(apiGatewayEvent(validItem), context);

    expect(result.statusCode).toBe(201);
    expect(parse(result)).toEqual({ created: 'widget' });
    expect(result.headers).toMatchObject({
      'Content-Type': 'application/json; charset=utf-8',
      'X-Request-Id': 'req-item-1',
      'Cache-Control': 'public, max-age=60',
    });
  });

  it('does not cache a 4xx the run returns itself', async () => {
    const { handler } = itemHandler(async () => ({ statusCode: 409, body: { error: 'conflict' } }));

    const result = await handler(apiGatewayEvent(validItem), context);

    expect(result.headers?.['Cache-Control']).toBeUndefined();
  });

  it('sends no Cache-Control on success when the route has none', async () => {
    const handler = httpHandler(staffRoute, async () => ({ statusCode: 200, body: {} }));

    const result = await handler(
      apiGatewayEvent({ path: '/staff/thing', claims: { sub: 'u', 'cognito:groups': 'clerks' } }),
      context,
    );

    expect(result.statusCode).toBe(200);
    expect(result.headers?.['Cache-Control']).toBeUndefined();
  });

  it('never sends the route Cache-Control on an error', async () => {
    const { handler } = itemHandler(async () => {
      throw notFound('gone');
    });

    const result = await handler(apiGatewayEvent(validItem), context);

    expect(result.headers?.['Cache-Control']).toBe('no-store');
  });

  it('sends an empty body when run returns none', async () => {
    const { handler } = itemHandler(async () => ({ statusCode: 204 }));

    const result = await handler(apiGatewayEvent(validItem), context);

    expect(result.statusCode).toBe(204);
    expect(result.body).toBe('');
  });
});

describe('httpHandler: baseUrl', () => {
  async function baseUrlFor(headers: Record<string, string>, stage = 'v1') {
    const { handler, seen } = itemHandler();
    await handler(
      apiGatewayEvent({ ...validItem, stage, headers: { ...headers, 'Content-Type': 'application/json' } }),
      context,
    );
    return seen[0]!.baseUrl;
  }

  it('includes the stage on the default execute-api host', async () => {
    await expect(baseUrlFor({ Host: 'abc123.execute-api.us-east-1.amazonaws.com' }, 'prod')).resolves.toBe(
      'https://abc123.execute-api.us-east-1.amazonaws.com/prod',
    );
  });

  it('leaves the stage out on a custom domain', async () => {
    await expect(baseUrlFor({ Host: 'data.danbury.example' }, 'prod')).resolves.toBe(
      'https://data.danbury.example',
    );
  });

  it('uses X-Forwarded-Proto and a lowercase host header', async () => {
    await expect(baseUrlFor({ host: '127.0.0.1:3000', 'x-forwarded-proto': 'http' })).resolves.toBe(
      'http://127.0.0.1:3000',
    );
  });
});

describe('prefersHtml: a browser following a link, not a program', () => {
  const withAccept = (accept?: string) => ({ headers: accept === undefined ? {} : { Accept: accept } });

  it.each([
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', true],
    ['text/html', true],
    ['application/json', false],
    ['application/json, text/html', false],
    ['*/*', false],
    ['', false],
    [undefined, false],
    ['text/csv', false],
  ])('Accept %p → %p', (accept, expected) => {
    expect(prefersHtml(withAccept(accept))).toBe(expected);
  });
});
