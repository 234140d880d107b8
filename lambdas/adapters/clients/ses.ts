import { SESv2Client } from '@aws-sdk/client-sesv2';

/**
 * SES has no local stand-in: local mode sends to the outbox instead
 * (lambdas/adapters/email/email-wiring.ts), so this client always talks to
 * the real service, with the SDK's defaults (region and credentials from
 * the Lambda environment).
 */
export function createSesClient(): SESv2Client {
  return new SESv2Client({});
}

let shared: SESv2Client | undefined;

/** The one SES client of this container, made on first use (a handler's cold start). */
export function sharedSesClient(): SESv2Client {
  shared ??= createSesClient();
  return shared;
}
