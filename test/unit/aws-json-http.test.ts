/**
 * The signed-fetch client behind the SES sender and the API Gateway key
 * manager, against recorded HTTP: how AWS error responses are read, and the
 * SDK's standard retry behaviour it keeps (which errors, how long it waits,
 * the retry budget). No call leaves the process.
 */
import {
  AwsJsonHttp,
  AwsNetworkError,
  AwsServiceError,
  environmentCredentials,
  pathOf,
  type AwsJsonHttpSettings,
} from '../../lambdas/adapters/clients/aws-json-http';
import { awsError, connectionReset, recordedAws, SIGNED_AT, type Answer } from './recorded-aws-http';

function clientAnswering(answers: Answer[], settings: Partial<AwsJsonHttpSettings> = {}) {
  const recorded = recordedAws(answers);
  const client = new AwsJsonHttp({
    service: 'apigateway',
    endpoint: 'https://apigateway.us-east-1.amazonaws.com',
    maxAttempts: 5,
    ...recorded.settings,
    ...settings,
  });
  return { client, ...recorded };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('the call did not fail');
}

const get = { method: 'GET', path: '/apikeys' } as const;

describe('AwsJsonHttp: answers', () => {
  it('returns the parsed JSON, or undefined for an empty answer (202 Accepted)', async () => {
    const { client } = clientAnswering([{ status: 200, body: { item: [1] } }, { status: 202 }]);

    expect(await client.request(get)).toEqual({ item: [1] });
    expect(await client.request({ method: 'DELETE', path: '/apikeys/k' })).toBeUndefined();
  });

  it('adds the query, skipping absent values, and sends JSON only when there is a body', async () => {
    const { client, requests } = clientAnswering([{ status: 200, body: {} }]);

    await client.request({ method: 'GET', path: '/usageplans', query: { limit: 500, position: undefined } });

    expect(requests[0]!.url).toBe('https://apigateway.us-east-1.amazonaws.com/usageplans?limit=500');
    expect(requests[0]!.headers).not.toHaveProperty('content-type');
    expect(requests[0]!.headers['x-amz-date']).toBe('20250301T120000Z');
  });

  it('makes each value one encoded path segment', () => {
    expect(pathOf`/usageplans/${'a/b c'}/keys/${'k?1'}`).toBe('/usageplans/a%2Fb%20c/keys/k%3F1');
    expect(pathOf`/apikeys`).toBe('/apikeys');
  });

  it.each([
    [
      'the x-amzn-ErrorType header, URL part stripped',
      awsError(404, 'NotFoundException', 'gone'),
      'NotFoundException',
    ],
    [
      "the body's __type, namespace stripped",
      { status: 400, body: { __type: 'com.amazonaws.sesv2#MessageRejected', message: 'gone' } },
      'MessageRejected',
    ],
    [
      "the body's code",
      { status: 409, body: { code: 'ConflictException', Message: 'gone' } },
      'ConflictException',
    ],
  ] as const)('reads the error code from %s', async (_, answer, code) => {
    const { client } = clientAnswering([answer]);

    const err = await rejection(client.request(get));

    expect(err).toBeInstanceOf(AwsServiceError);
    expect(err).toMatchObject({ name: code, message: 'gone', status: answer.status });
  });

  it('keeps the request id and names an error without a code Unknown', async () => {
    const { client } = clientAnswering([
      awsError(403, 'AccessDeniedException'),
      { status: 403, body: '<html>Forbidden</html>' },
    ]);

    expect(await rejection(client.request(get))).toMatchObject({
      requestId: 'd0e6f7a1-0000-4000-8000-000000000000',
    });
    expect(await rejection(client.request(get))).toMatchObject({ name: 'Unknown', message: 'HTTP 403' });
  });

  it('wraps a request that got no answer in a NetworkError with the cause', async () => {
    const reset = connectionReset();
    const { client } = clientAnswering([reset], { maxAttempts: 1 });

    const err = await rejection(client.request(get));

    expect(err).toBeInstanceOf(AwsNetworkError);
    expect(err).toMatchObject({ name: 'NetworkError', message: 'No response from AWS (ECONNRESET)' });
    expect(err.cause).toBe(reset);
  });

  it('reads the Lambda credentials from the environment when asked, not before', () => {
    const saved = { ...process.env };
    try {
      delete process.env.AWS_ACCESS_KEY_ID;
      expect(() => environmentCredentials()).toThrow(
        expect.objectContaining({ name: 'CredentialsProviderError' }) as Error,
      );
      Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'ASIA1', AWS_SECRET_ACCESS_KEY: 's' });
      delete process.env.AWS_SESSION_TOKEN;
      expect(environmentCredentials()).toEqual({ accessKeyId: 'ASIA1', secretAccessKey: 's' });
      process.env.AWS_SESSION_TOKEN = 't';
      expect(environmentCredentials()).toEqual({
        accessKeyId: 'ASIA1',
        secretAccessKey: 's',
        sessionToken: 't',
      });
    } finally {
      process.env = saved;
    }
  });
});

describe('AwsJsonHttp: retries (the SDK standard mode)', () => {
  it('does not retry a client error, nor an aborted request', async () => {
    const aborted = new DOMException('This operation was aborted', 'AbortError');
    const { client, requests } = clientAnswering([awsError(400, 'BadRequestException'), aborted]);

    await rejection(client.request(get));
    expect(await rejection(client.request(get))).toBe(aborted);
    expect(requests).toHaveLength(2);
  });

  it.each([
    ['seconds', { 'retry-after': '3' }, 3000],
    ['an HTTP date', { 'retry-after': new Date(SIGNED_AT.getTime() + 2000).toUTCString() }, 2000],
    ['x-amz-retry-after (ms)', { 'x-amz-retry-after': '1500' }, 1500],
    ['a wait far beyond the backoff (capped at 5 s past it)', { 'retry-after': '60' }, 5500],
  ])('waits as long as the Retry-After in %s asks', async (_, headers, waited) => {
    const { client, sleeps } = clientAnswering(
      [awsError(429, 'TooManyRequestsException', 'slow', headers), { status: 200, body: {} }],
      {
        now: () => SIGNED_AT,
      },
    );

    await client.request(get);

    expect(sleeps).toEqual([waited]);
  });

  it('never waits longer than 20 s between attempts', async () => {
    const throttled = awsError(429, 'ThrottlingException');
    const { client, sleeps } = clientAnswering(Array<Answer>(8).fill(throttled), {
      maxAttempts: 8,
      random: () => 1,
    });

    await rejection(client.request(get));

    expect(sleeps).toEqual([1000, 2000, 4000, 8000, 16000, 20000, 20000]);
  });

  it('retries a timeout and a request timeout code as transient', async () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const { client, sleeps } = clientAnswering([
      timeout,
      awsError(408, 'RequestTimeoutException'),
      { status: 200, body: { ok: true } },
    ]);

    expect(await client.request(get)).toEqual({ ok: true });
    expect(sleeps).toEqual([25, 50]);
  });

  it('stops retrying when the retry budget is spent, and refills it with successes', async () => {
    // 500 tokens, 14 per transient retry: 35 retries, then every failure is final.
    const failing: Answer = { status: 503, body: {} };
    const ok: Answer = { status: 200, body: {} };
    const { client, requests } = clientAnswering(
      [...Array<Answer>(71).fill(failing), ...Array<Answer>(4).fill(ok), failing, failing, failing],
      { maxAttempts: 2 },
    );

    for (let i = 0; i < 36; i++) await rejection(client.request(get));
    expect(requests).toHaveLength(36 * 2 - 1);

    // 10 tokens left; each first-time success pays back 1, so after 4 there is one retry again.
    for (let i = 0; i < 4; i++) await client.request(get);
    await rejection(client.request(get));
    expect(requests).toHaveLength(71 + 4 + 2);
    await rejection(client.request(get));
    expect(requests).toHaveLength(71 + 4 + 2 + 1);
  });
});
