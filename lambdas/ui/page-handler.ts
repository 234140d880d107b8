/**
 * The admin UI's Lambda handler shape: API Gateway proxy event in, page out, with
 * the security headers on every response and one log line per request (never the
 * form, the cookies or the path's query).
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { logger } from '../shared/logger';
import type { AdminApp } from './admin-app';
import { BadFormError, pageRequestOf, proxyResultOf, type PageRequest } from './http';

export function pageHandler(app: AdminApp) {
  const base = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    const started = Date.now();
    let request: PageRequest;
    try {
      request = pageRequestOf(event, requestId);
    } catch (err) {
      if (!(err instanceof BadFormError)) throw err;
      const fallback = { method: 'GET', secure: true, requestId };
      return proxyResultOf(
        { status: 400, body: err.message, contentType: 'text/plain; charset=utf-8' },
        fallback,
        app.policy,
      );
    }
    const result = await app.handle(request);
    logger.info('Page', {
      method: request.method,
      path: request.path,
      status: result.status,
      latencyMs: Date.now() - started,
    });
    return proxyResultOf(result, request, app.policy);
  };
  return middy(base).use(injectLambdaContext(logger, { clearState: true }));
}
