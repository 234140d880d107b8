/**
 * API Gateway's own errors (bad key, throttled, unknown path, …) in the
 * platform's error shape, one gateway response per entry of GATEWAY_ERRORS.
 */
import { ResponseType, type RestApiBase } from 'aws-cdk-lib/aws-apigateway';
import {
  GATEWAY_ERRORS,
  type GatewayError,
  type GatewayErrorType,
} from '../../lambdas/api/gateway-responses';

/**
 * A JSON string literal that is also inert in a VTL mapping template: `$` and `#`
 * (references and directives in VTL) become JSON unicode escapes.
 */
function vtlSafeJsonString(value: string): string {
  return JSON.stringify(value).replace(/[$#]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The `application/json` template: the error body with API Gateway's request id filled in. */
export function gatewayErrorTemplate(error: Pick<GatewayError, 'code' | 'message'>): string {
  return `{"error":{"code":${vtlSafeJsonString(error.code)},"message":${vtlSafeJsonString(error.message)},"requestId":"$context.requestId"}}`;
}

/** Header values in gateway responses are static strings in single quotes. */
function staticHeaderValue(name: string, value: string): string {
  if (value.includes("'"))
    throw new Error(`Gateway response header ${name} must not contain a single quote.`);
  return `'${value}'`;
}

export function addGatewayErrors(api: RestApiBase): void {
  for (const [type, error] of Object.entries(GATEWAY_ERRORS) as [GatewayErrorType, GatewayError][]) {
    const headers: Record<string, string> = { 'X-Content-Type-Options': 'nosniff', ...error.headers };
    api.addGatewayResponse(`GatewayError-${type}`, {
      type: ResponseType.of(type),
      statusCode: String(error.statusCode),
      responseHeaders: Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [name, staticHeaderValue(name, value)]),
      ),
      templates: { 'application/json': gatewayErrorTemplate(error) },
    });
  }
}
