import {
  badRequest,
  conflict,
  forbidden,
  notFound,
  PlatformError,
  toErrorBody,
  unauthorized,
} from '../../lambdas/shared/errors';

describe('toErrorBody', () => {
  it('maps a PlatformError to its status, code, message and issues', () => {
    const err = badRequest('Invalid query', [{ path: 'query.limit', message: 'Too big' }]);

    const { statusCode, body } = toErrorBody(err, 'req-42');

    expect(statusCode).toBe(400);
    expect(body).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Invalid query',
        requestId: 'req-42',
        issues: [{ path: 'query.limit', message: 'Too big' }],
      },
    });
  });

  it('leaves issues out when the PlatformError has none', () => {
    const { body } = toErrorBody(
      new PlatformError(429, 'THROTTLED', 'Slow down', { retryAfterSeconds: 3 }),
      'r',
    );

    expect(body.error).toEqual({ code: 'THROTTLED', message: 'Slow down', requestId: 'r' });
  });

  it.each([
    [badRequest('x'), 400, 'BAD_REQUEST'],
    [unauthorized(), 401, 'UNAUTHORIZED'],
    [forbidden(), 403, 'FORBIDDEN'],
    [notFound('x'), 404, 'NOT_FOUND'],
    [conflict('x'), 409, 'CONFLICT'],
  ])('maps %p to %i %s', (err, status, code) => {
    const { statusCode, body } = toErrorBody(err, 'r');

    expect(statusCode).toBe(status);
    expect(body.error.code).toBe(code);
  });

  it('turns an unknown Error into a generic 500 that reveals neither its message nor its stack', () => {
    const err = new Error('connect ECONNREFUSED db.internal:5432 password=hunter2');
    err.stack = 'Error: password=hunter2\n    at secretModule (/var/task/secret-path.js:1:1)';

    const { statusCode, body } = toErrorBody(err, 'req-500');

    expect(statusCode).toBe(500);
    expect(body.error.code).toBe('INTERNAL_ERROR');
    expect(body.error.requestId).toBe('req-500');
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'requestId']);
    const text = JSON.stringify(body);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('ECONNREFUSED');
    expect(text).not.toContain('secret-path');
  });

  it.each([
    ['a string', 'boom'],
    ['undefined', undefined],
    ['a plain object', { statusCode: 404, code: 'NOT_FOUND' }],
  ])('turns %s into a generic 500', (_label, thrown) => {
    const { statusCode, body } = toErrorBody(thrown, 'r');

    expect(statusCode).toBe(500);
    expect(body.error.code).toBe('INTERNAL_ERROR');
  });
});
