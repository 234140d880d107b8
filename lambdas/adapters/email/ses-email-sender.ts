/**
 * Sends platform e-mail through Amazon SES (API v2, `SendEmail` with Simple
 * content): SES builds the MIME message, so the platform never writes a
 * header itself. Plain text, UTF-8, one recipient per message.
 *
 * The call is one signed HTTP request (POST /v2/email/outbound-emails, see
 * lambdas/adapters/clients/ses.ts) rather than the SDK's SESv2Client, which
 * put ~100 KB into every Lambda that sends e-mail.
 */
import type { AwsJsonHttp } from '../clients/aws-json-http';
import {
  checkEmailMessage,
  EmailNotSentError,
  isValidEmailAddress,
  type EmailFailureReason,
  type EmailMessage,
  type EmailSender,
} from '../../domain/email/messages';

export interface SesEmailSenderOptions {
  /** The verified sender address (`EMAIL_FROM`). */
  from: string;
  /** SES configuration set for delivery, bounce and complaint events (`EMAIL_CONFIGURATION_SET`). */
  configurationSet?: string;
}

// SendEmail's documented errors. Those that need a person (account suspended,
// sending paused, unverified MAIL FROM domain, missing configuration set) are
// not retryable; throttling is. Anything else (network, SES 5xx after the
// client's own retries) is "failed" and may be tried again later.
const FAILURES: Record<string, { reason: EmailFailureReason; retryable: boolean }> = {
  MessageRejected: { reason: 'rejected', retryable: false },
  BadRequestException: { reason: 'rejected', retryable: false },
  TooManyRequestsException: { reason: 'throttled', retryable: true },
  LimitExceededException: { reason: 'throttled', retryable: true },
  AccountSuspendedException: { reason: 'sender-unavailable', retryable: false },
  SendingPausedException: { reason: 'sender-unavailable', retryable: false },
  MailFromDomainNotVerifiedException: { reason: 'sender-unavailable', retryable: false },
  NotFoundException: { reason: 'sender-unavailable', retryable: false },
};

/** SendEmail's request body (the fields the platform uses). */
export interface SendEmailRequest {
  FromEmailAddress: string;
  Destination: { ToAddresses: string[] };
  Content: {
    Simple: {
      Subject: { Data: string; Charset: 'UTF-8' };
      Body: { Text: { Data: string; Charset: 'UTF-8' } };
    };
  };
  EmailTags: { Name: string; Value: string }[];
  ConfigurationSetName?: string;
}

export const SEND_EMAIL_PATH = '/v2/email/outbound-emails';

export class SesEmailSender implements EmailSender {
  private readonly from: string;
  private readonly configurationSet: string | undefined;

  constructor(
    private readonly ses: AwsJsonHttp,
    options: SesEmailSenderOptions,
  ) {
    // A bad sender address is a deployment mistake: fail at cold start, not on the first send.
    if (!isValidEmailAddress(options.from))
      throw new Error('EMAIL_FROM must be a bare e-mail address (an SES-verified identity)');
    this.from = options.from;
    this.configurationSet = options.configurationSet || undefined;
  }

  /** The exact SendEmail request for a checked message. */
  private requestBody(message: EmailMessage): SendEmailRequest {
    return {
      FromEmailAddress: this.from,
      Destination: { ToAddresses: [message.to] },
      Content: {
        Simple: {
          Subject: { Data: message.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
        },
      },
      // The category is a tag, so SES event destinations can count e-mails by purpose.
      EmailTags: [{ Name: 'category', Value: message.category }],
      ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
    };
  }

  async send(message: EmailMessage): Promise<{ messageId: string }> {
    const body = this.requestBody(checkEmailMessage(message));
    let messageId: unknown;
    try {
      ({ MessageId: messageId } =
        (await this.ses.request<{ MessageId?: unknown } | undefined>({
          method: 'POST',
          path: SEND_EMAIL_PATH,
          body,
        })) ?? {});
    } catch (err) {
      const code = (err as { name?: unknown }).name;
      const providerCode = typeof code === 'string' && code ? code : 'UnknownError';
      const failure = FAILURES[providerCode] ?? { reason: 'failed', retryable: true };
      throw new EmailNotSentError(failure.reason, failure.retryable, providerCode, { cause: err });
    }
    // SES always returns an id on success; without one the message cannot be traced.
    if (typeof messageId !== 'string' || !messageId)
      throw new EmailNotSentError('failed', false, 'MissingMessageId');
    return { messageId };
  }
}
