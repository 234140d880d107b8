/**
 * SesEmailSender against recorded SES API v2 HTTP: the exact signed
 * SendEmail request (method, URL, SigV4 headers, JSON body), and SES's
 * recorded answers (success, MessageRejected, throttling, ...) mapped to the
 * port's results and errors. No call leaves the process.
 */
import { AwsServiceError } from '../../lambdas/adapters/clients/aws-json-http';
import { createSesClient, SES_MAX_ATTEMPTS } from '../../lambdas/adapters/clients/ses';
import { SesEmailSender } from '../../lambdas/adapters/email/ses-email-sender';
import {
  EmailNotSentError,
  InvalidEmailMessageError,
  type EmailMessage,
} from '../../lambdas/domain/email/messages';
import {
  AMZ_DATE,
  awsError,
  connectionReset,
  recordedAws,
  type Answer,
  type RecordedReply,
} from './recorded-aws-http';

const message: EmailMessage = {
  to: ' resident@example.org ',
  subject: 'Your API key is ready – retrieve it once',
  text: 'Dear Jane,\r\n\r\nOpen https://data.danbury.local/keys/retrieve#t=abc within 24 hours.\r\n',
  category: 'api-key-retrieval-link',
  relatedTo: { type: 'api-key', id: 'key-1' },
};

const SENT_BODY = {
  FromEmailAddress: 'no-reply@danbury.gov',
  Destination: { ToAddresses: ['resident@example.org'] },
  Content: {
    Simple: {
      Subject: { Data: 'Your API key is ready – retrieve it once', Charset: 'UTF-8' },
      Body: {
        Text: {
          Data: 'Dear Jane,\n\nOpen https://data.danbury.local/keys/retrieve#t=abc within 24 hours.\n',
          Charset: 'UTF-8',
        },
      },
    },
  },
  EmailTags: [{ Name: 'category', Value: 'api-key-retrieval-link' }],
};

/** SES's recorded answer to a SendEmail it accepted. */
const SENT: RecordedReply = {
  status: 200,
  headers: { 'x-amzn-requestid': '6a4c6e0e-0000-4000-8000-000000000000' },
  body: { MessageId: '0100018f-ses-id' },
};

const NOT_VERIFIED =
  'Email address is not verified. The following identities failed the check in region US-EAST-1: resident@example.org';

function sesAnswering(answers: Answer[], options: { configurationSet?: string } = {}) {
  const recorded = recordedAws(answers);
  const sender = new SesEmailSender(createSesClient(recorded.settings), {
    from: 'no-reply@danbury.gov',
    ...options,
  });
  return { sender, ...recorded };
}

async function sendError(sender: SesEmailSender, input: EmailMessage = message): Promise<unknown> {
  try {
    await sender.send(input);
  } catch (err) {
    return err;
  }
  throw new Error('send did not fail');
}

describe('SesEmailSender (recorded SES HTTP)', () => {
  it('sends one signed SendEmail with Simple UTF-8 content from the configured sender', async () => {
    const { sender, requests } = sesAnswering([SENT]);

    await sender.send(message);

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('https://email.us-east-1.amazonaws.com/v2/email/outbound-emails');
    expect(request!.headers).toEqual({
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250301/us-east-1/ses/aws4_request, ' +
        'SignedHeaders=host;x-amz-date;x-amz-security-token, ' +
        'Signature=1858eaec98f844391caa136c552460ae2f20609ad63ae49568be78a19e2bb4af',
      'content-type': 'application/json',
      'x-amz-date': AMZ_DATE,
      'x-amz-security-token': 'session-token-example',
    });
    expect(request!.body).toEqual(SENT_BODY);
  });

  it("returns SES's MessageId as the message id", async () => {
    const { sender } = sesAnswering([SENT]);

    await expect(sender.send(message)).resolves.toEqual({ messageId: '0100018f-ses-id' });
  });

  it('names the configuration set when one is configured', async () => {
    const { sender, requests } = sesAnswering([SENT], { configurationSet: 'records' });

    await sender.send(message);

    expect(requests[0]!.body).toEqual({ ...SENT_BODY, ConfigurationSetName: 'records' });
  });

  it('signs for the Region the client is in', async () => {
    const recorded = recordedAws([SENT]);
    const sender = new SesEmailSender(createSesClient({ ...recorded.settings, region: 'us-west-2' }), {
      from: 'no-reply@danbury.gov',
    });

    await sender.send(message);

    expect(recorded.requests[0]!.url).toBe('https://email.us-west-2.amazonaws.com/v2/email/outbound-emails');
    expect(recorded.requests[0]!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20250301\/us-west-2\/ses\/aws4_request, /,
    );
  });

  it('turns MessageRejected into a non-retryable EmailNotSentError without the recipient in its message', async () => {
    const { sender, requests } = sesAnswering([awsError(400, 'MessageRejected', NOT_VERIFIED)]);

    const err = await sendError(sender);

    expect(err).toBeInstanceOf(EmailNotSentError);
    expect(err).toMatchObject({ reason: 'rejected', retryable: false, providerCode: 'MessageRejected' });
    expect((err as Error).message).toBe('E-mail not sent: rejected (MessageRejected)');
    expect((err as Error).message).not.toContain('resident@example.org');
    expect((err as Error).cause).toBeInstanceOf(AwsServiceError);
    expect((err as Error).cause).toMatchObject({
      name: 'MessageRejected',
      message: NOT_VERIFIED,
      status: 400,
    });
    // A client error is not tried again.
    expect(requests).toHaveLength(1);
  });

  it('reads the error code from the body when the header is missing', async () => {
    const { sender } = sesAnswering([
      { status: 400, body: { __type: 'com.amazonaws.sesv2#MessageRejected', message: NOT_VERIFIED } },
    ]);

    expect(await sendError(sender)).toMatchObject({ reason: 'rejected', providerCode: 'MessageRejected' });
  });

  it.each([
    ['AccountSuspendedException', 400, 'sender-unavailable', false],
    ['SendingPausedException', 400, 'sender-unavailable', false],
    ['MailFromDomainNotVerifiedException', 400, 'sender-unavailable', false],
    ['NotFoundException', 404, 'sender-unavailable', false],
    ['BadRequestException', 400, 'rejected', false],
  ] as const)('maps %s', async (providerCode, status, reason, retryable) => {
    const { sender, requests } = sesAnswering([awsError(status, providerCode)]);

    expect(await sendError(sender)).toMatchObject({ reason, retryable, providerCode });
    expect(requests).toHaveLength(1);
  });

  it('retries throttling as the SDK did (3 attempts, backoff from 1 s), then reports it as retryable', async () => {
    const throttled = awsError(429, 'TooManyRequestsException', 'Too Many Requests');
    const { sender, requests, sleeps } = sesAnswering([throttled, throttled, throttled]);

    expect(await sendError(sender)).toMatchObject({
      reason: 'throttled',
      retryable: true,
      providerCode: 'TooManyRequestsException',
    });
    expect(requests).toHaveLength(SES_MAX_ATTEMPTS);
    // random() = 0.5 of min(1000 ms × 2^retry, 20 s)
    expect(sleeps).toEqual([500, 1000]);
    // Each attempt is signed afresh, with the same body.
    expect(requests.map((r) => r.body)).toEqual([SENT_BODY, SENT_BODY, SENT_BODY]);
  });

  it('sends once the throttling passes', async () => {
    const { sender, requests } = sesAnswering([awsError(429, 'TooManyRequestsException'), SENT]);

    await expect(sender.send(message)).resolves.toEqual({ messageId: '0100018f-ses-id' });
    expect(requests).toHaveLength(2);
  });

  it('maps LimitExceededException (a sending quota) to throttled after the retries', async () => {
    const limited = awsError(400, 'LimitExceededException', 'Maximum sending rate exceeded.');
    const { sender } = sesAnswering([limited, limited, limited]);

    expect(await sendError(sender)).toMatchObject({ reason: 'throttled', retryable: true });
  });

  it('retries a 5xx and a dropped connection, and reports them as retryable failures when they last', async () => {
    const unavailable: RecordedReply = { status: 503, body: '<html>Service Unavailable</html>' };
    const { sender, requests, sleeps } = sesAnswering([unavailable, connectionReset(), connectionReset()]);

    expect(await sendError(sender)).toMatchObject({
      reason: 'failed',
      retryable: true,
      providerCode: 'NetworkError',
    });
    expect(requests).toHaveLength(3);
    // random() = 0.5 of 50 ms × 2^retry
    expect(sleeps).toEqual([25, 50]);
  });

  it('treats a timeout as retryable', async () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const { sender } = sesAnswering([timeout, timeout, timeout]);

    expect(await sendError(sender)).toMatchObject({
      reason: 'failed',
      retryable: true,
      providerCode: 'TimeoutError',
    });
  });

  it('refuses an injected header before calling SES', async () => {
    const { sender, requests } = sesAnswering([SENT]);

    const err = await sendError(sender, { ...message, subject: 'Hi\r\nBcc: attacker@example.com' });

    expect(err).toBeInstanceOf(InvalidEmailMessageError);
    expect(requests).toHaveLength(0);
  });

  it('refuses a success without a MessageId (it could not be traced)', async () => {
    const { sender } = sesAnswering([{ status: 200, body: {} }]);

    expect(await sendError(sender)).toMatchObject({
      reason: 'failed',
      retryable: false,
      providerCode: 'MissingMessageId',
    });
  });

  it('fails at construction when EMAIL_FROM is not a bare address', () => {
    const client = createSesClient(recordedAws([]).settings);
    expect(() => new SesEmailSender(client, { from: 'City <no-reply@danbury.gov>' })).toThrow(/EMAIL_FROM/);
    expect(() => new SesEmailSender(client, { from: '' })).toThrow(/EMAIL_FROM/);
  });

  it('reports missing credentials as a failure when sending, not when made', async () => {
    const recorded = recordedAws([SENT]);
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    try {
      const { credentials: _fixed, ...withoutCredentials } = recorded.settings;
      const sender = new SesEmailSender(createSesClient(withoutCredentials), {
        from: 'no-reply@danbury.gov',
      });

      expect(await sendError(sender)).toMatchObject({
        reason: 'failed',
        providerCode: 'CredentialsProviderError',
      });
      expect(recorded.requests).toHaveLength(0);
    } finally {
      if (saved.id !== undefined) process.env.AWS_ACCESS_KEY_ID = saved.id;
      if (saved.secret !== undefined) process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    }
  });
});
