import { GATEWAY_ERRORS, gatewayErrorBody, type GatewayErrorType } from '../../lambdas/api/gateway-responses';

const TYPES = Object.keys(GATEWAY_ERRORS) as GatewayErrorType[];

describe('gateway error responses', () => {
  it.each(TYPES)('%s has a body in the platform error shape with the request id', (type) => {
    const body = JSON.parse(gatewayErrorBody(type, 'req-abc'));

    expect(body).toEqual({
      error: { code: GATEWAY_ERRORS[type].code, message: GATEWAY_ERRORS[type].message, requestId: 'req-abc' },
    });
    expect(body.error.code).toMatch(/^[A-Z_]+$/);
    expect(body.error.message.length).toBeGreaterThan(0);
  });

  it.each(TYPES)('%s has a 4xx or 5xx status', (type) => {
    expect(GATEWAY_ERRORS[type].statusCode).toBeGreaterThanOrEqual(400);
    expect(GATEWAY_ERRORS[type].statusCode).toBeLessThan(600);
  });

  it('keeps the body valid JSON when the request id needs escaping', () => {
    const body = JSON.parse(gatewayErrorBody('DEFAULT_4XX', 'id "with" \\ quotes'));

    expect(body.error.requestId).toBe('id "with" \\ quotes');
  });

  it('answers throttling with 429 and a numeric Retry-After header', () => {
    const throttled = GATEWAY_ERRORS.THROTTLED;

    expect(throttled.statusCode).toBe(429);
    expect(throttled.headers['Retry-After']).toMatch(/^\d+$/);
  });

  it('answers an unknown path with 404 NOT_FOUND and a missing API key with 403 INVALID_API_KEY', () => {
    expect(GATEWAY_ERRORS.MISSING_AUTHENTICATION_TOKEN).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect(GATEWAY_ERRORS.INVALID_API_KEY).toMatchObject({ statusCode: 403, code: 'INVALID_API_KEY' });
  });
});
