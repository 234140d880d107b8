/**
 * Picks the e-mail transport once per container from the Lambda's
 * environment: SES in AWS, the outbox in local mode. `EMAIL_TRANSPORT`
 * decides when set; otherwise a DynamoDB endpoint override (local mode and
 * tests) means the outbox, so a local run never reaches SES by accident.
 */
import type { EmailSender } from '../../domain/email/messages';
import { optionalEnv, requiredEnv } from '../../shared/config';
import { sharedDocumentClient } from '../clients/dynamodb';
import { localDynamoDbEndpoint } from '../clients/local-endpoints';
import { sharedSesClient } from '../clients/ses';
import { OutboxEmailSender, type OutboxPage } from './outbox-email-sender';
import { SesEmailSender } from './ses-email-sender';

export type EmailTransport = 'ses' | 'outbox';

export function emailTransport(): EmailTransport {
  const configured = optionalEnv('EMAIL_TRANSPORT');
  if (configured === 'ses' || configured === 'outbox') return configured;
  // A typo must not silently pick a transport.
  if (configured) throw new Error(`EMAIL_TRANSPORT must be "ses" or "outbox", not "${configured}"`);
  return localDynamoDbEndpoint() ? 'outbox' : 'ses';
}

let outbox: OutboxEmailSender | undefined;
/** The outbox in the platform table (what the staff outbox route reads). */
export function emailOutbox(): OutboxEmailSender {
  outbox ??= new OutboxEmailSender(sharedDocumentClient(), requiredEnv('TABLE_NAME'));
  return outbox;
}

let sender: EmailSender | undefined;
/** The e-mail sender of this container, made on first use. */
export function emailSender(): EmailSender {
  sender ??=
    emailTransport() === 'ses'
      ? new SesEmailSender(sharedSesClient(), {
          from: requiredEnv('EMAIL_FROM'),
          configurationSet: optionalEnv('EMAIL_CONFIGURATION_SET'),
        })
      : emailOutbox();
  return sender;
}

/**
 * Newest-first page of the outbox, for the staff route. With the SES
 * transport nothing writes the outbox, so it is simply empty.
 */
export function listOutbox(limit: number, cursor?: string): Promise<OutboxPage> {
  return emailOutbox().listOutbox(limit, cursor);
}
