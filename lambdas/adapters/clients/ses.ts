import { AwsJsonHttp, environmentRegion, type AwsJsonHttpSettings } from './aws-json-http';

/** The SDK's default for SES: three attempts in all, standard retry mode. */
export const SES_MAX_ATTEMPTS = 3;

/**
 * SES API v2 over signed HTTP (lambdas/adapters/clients/aws-json-http.ts).
 * SES has no local stand-in: local mode sends to the outbox instead
 * (lambdas/adapters/email/email-wiring.ts), so this client always talks to
 * the real service, in the Lambda's Region with its credentials.
 * `overrides` is for tests (recorded HTTP, fixed credentials and clock).
 */
export function createSesClient(overrides: Partial<AwsJsonHttpSettings> = {}): AwsJsonHttp {
  const region = overrides.region ?? environmentRegion();
  return new AwsJsonHttp({
    service: 'ses',
    region,
    endpoint: `https://email.${region}.amazonaws.com`,
    maxAttempts: SES_MAX_ATTEMPTS,
    ...overrides,
  });
}

let shared: AwsJsonHttp | undefined;

/** The one SES client of this container, made on first use (a handler's cold start). */
export function sharedSesClient(): AwsJsonHttp {
  shared ??= createSesClient();
  return shared;
}
