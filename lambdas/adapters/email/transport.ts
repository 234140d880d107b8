/**
 * Which e-mail transport this container uses: SES in AWS, the outbox in local mode.
 * `EMAIL_TRANSPORT` decides when set; otherwise a DynamoDB endpoint override (local
 * mode and tests) means the outbox, so a local run never reaches SES by accident.
 * Apart from the senders (./email-wiring.ts), so that a Lambda that only asks
 * (the admin UI's shell, to link the outbox) does not carry them.
 */
import { optionalEnv } from '../../shared/config';
import { localDynamoDbEndpoint } from '../clients/local-endpoints';

export type EmailTransport = 'ses' | 'outbox';

export function emailTransport(): EmailTransport {
  const configured = optionalEnv('EMAIL_TRANSPORT');
  if (configured === 'ses' || configured === 'outbox') return configured;
  // A typo must not silently pick a transport.
  if (configured) throw new Error(`EMAIL_TRANSPORT must be "ses" or "outbox", not "${configured}"`);
  return localDynamoDbEndpoint() ? 'outbox' : 'ses';
}
