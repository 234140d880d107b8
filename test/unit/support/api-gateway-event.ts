/** Hand-built API Gateway REST proxy events and a minimal Lambda context for handler tests. */
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

export interface EventInput {
  method?: string;
  path?: string;
  resource?: string;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  query?: Record<string, string | string[]>;
  body?: string;
  isBase64Encoded?: boolean;
  claims?: Record<string, string>;
  apiKeyId?: string;
  requestId?: string;
  stage?: string;
}

export function apiGatewayEvent(input: EventInput = {}): APIGatewayProxyEvent {
  const method = input.method ?? 'GET';
  const path = input.path ?? '/';
  const multi = input.query
    ? Object.fromEntries(Object.entries(input.query).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]))
    : null;
  const single = multi ? Object.fromEntries(Object.entries(multi).map(([k, v]) => [k, v.at(-1)!])) : null;
  const headers = input.headers ?? { Host: 'data.danbury.example' };
  return {
    resource: input.resource ?? path,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: single,
    multiValueQueryStringParameters: multi,
    pathParameters: input.pathParameters ?? null,
    stageVariables: null,
    body: input.body ?? null,
    isBase64Encoded: input.isBase64Encoded ?? false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authorizer: input.claims ? { claims: input.claims } : null,
      httpMethod: method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: input.apiKeyId ?? null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '203.0.113.7',
        user: null,
        userAgent: 'jest',
        userArn: null,
      },
      path: `/${input.stage ?? 'v1'}${path}`,
      protocol: 'HTTP/1.1',
      requestId: input.requestId ?? 'req-0001',
      requestTimeEpoch: 1_767_225_600_000,
      resourceId: 'res123',
      resourcePath: input.resource ?? path,
      stage: input.stage ?? 'v1',
    },
  };
}

export function lambdaContext(awsRequestId = 'lambda-req-0001'): Context {
  return {
    awsRequestId,
    functionName: 'unit-test-function',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:unit-test-function',
    memoryLimitInMB: '256',
    logGroupName: '/aws/lambda/unit-test-function',
    logStreamName: 'unit',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
