/**
 * The e-mail sender of the container's transport (./transport.ts): SES in AWS,
 * the outbox in local mode, built once per container.
 */
import type { EmailSender } from '../../domain/email/messages';
import { optionalEnv, requiredEnv } from '../../shared/config';
import { sharedDocumentClient } from '../clients/dynamodb';
import { sharedSesClient } from '../clients/ses';
import { OutboxEmailSender, type OutboxPage } from './outbox-email-sender';
import { SesEmailSender } from './ses-email-sender';
import { emailTransport } from './transport';

export { emailTransport, type EmailTransport } from './transport';

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
