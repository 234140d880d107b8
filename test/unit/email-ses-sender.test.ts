/**
 * SesEmailSender against recorded SDK calls (aws-sdk-client-mock), and once
 * through the real SDK stack with a fake HTTP handler, so the wire request and
 * SES's own error responses are checked too. No call leaves the process.
 */
import {
  AccountSuspendedException,
  MessageRejected,
  SendEmailCommand,
  SESv2Client,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { SesEmailSender } from '../../lambdas/adapters/email/ses-email-sender';
import {
  EmailNotSentError,
  InvalidEmailMessageError,
  type EmailMessage,
} from '../../lambdas/domain/email/messages';

const FAKE_AWS = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' },
};

const message: EmailMessage = {
  to: ' resident@example.org ',
  subject: 'Your API key is ready – retrieve it once',
  text: 'Dear Jane,\r\n\r\nOpen https://data.danbury.local/keys/retrieve#t=abc within 24 hours.\r\n',
  category: 'api-key-retrieval-link',
  relatedTo: { type: 'api-key', id: 'key-1' },
};

const sesError = (
  Exception: typeof MessageRejected | typeof TooManyRequestsException | typeof AccountSuspendedException,
  text = 'Email address is not verified. The following identities failed the check: resident@example.org',
) => new Exception({ message: text, $metadata: { httpStatusCode: 400 } });

async function sendError(sender: SesEmailSender, input: EmailMessage = message): Promise<unknown> {
  try {
    await sender.send(input);
  } catch (err) {
    return err;
  }
  throw new Error('send did not fail');
}

describe('SesEmailSender (recorded SDK calls)', () => {
  const client = new SESv2Client(FAKE_AWS);
  const ses = mockClient(client);
  afterEach(() => ses.reset());
  afterAll(() => ses.restore());

  it('sends one SendEmail with Simple UTF-8 content from the configured sender', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: '0100018f-ses-id' });
    const sender = new SesEmailSender(client, { from: 'no-reply@danbury.gov' });

    await sender.send(message);

    const calls = ses.commandCalls(SendEmailCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
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
    });
  });

  it("returns SES's MessageId as the message id", async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: '0100018f-ses-id' });
    const sender = new SesEmailSender(client, { from: 'no-reply@danbury.gov' });

    await expect(sender.send(message)).resolves.toEqual({ messageId: '0100018f-ses-id' });
  });

  it('names the configuration set when one is configured', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'id' });
    const sender = new SesEmailSender(client, { from: 'no-reply@danbury.gov', configurationSet: 'records' });

    await sender.send(message);

    expect(ses.commandCalls(SendEmailCommand)[0]!.args[0].input.ConfigurationSetName).toBe('records');
  });

  it('turns MessageRejected into a non-retryable EmailNotSentError without the recipient in its message', async () => {
    const rejection = sesError(MessageRejected);
    ses.on(SendEmailCommand).rejects(rejection);
    const sender = new SesEmailSender(client, { from: 'no-reply@danbury.gov' });

    const err = await sendError(sender);

    expect(err).toBeInstanceOf(EmailNotSentError);
    expect(err).toMatchObject({ reason: 'rejected', retryable: false, providerCode: 'MessageRejected' });
    expect((err as Error).message).toBe('E-mail not sent: rejected (MessageRejected)');
    expect((err as Error).message).not.toContain('resident@example.org');
    expect((err as Error).cause).toBe(rejection);
  });

  it.each([
    ['TooManyRequestsException', TooManyRequestsException, 'throttled', true],
    ['AccountSuspendedException', AccountSuspendedException, 'sender-unavailable', false],
  ] as const)('maps %s', async (providerCode, Exception, reason, retryable) => {
    ses.on(SendEmailCommand).rejects(sesError(Exception, 'nope'));
    const sender = new SesEmailSender(client, { from: 'no-reply@danbury.gov' });

    expect(await sendError(sender)).toMatchObject({ reason, retryable, providerCode });
  });

  it('treats a network failure as retryable', async () => {
    ses.on(SendEmailCommand).rejects(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }));
    const sender = new SesEmailSender(client, { from: 'no-reply@danbury.gov' });

    expect(await sendError(sender)).toMatchObject({
      reason: 'failed',
      retryable: true,
      providerCode: 'TimeoutError',
    });
  });

  it('refuses an injected header before calling SES', async () => {
    const sender = new SesEmailSender(client, { from: 'no-reply@danbury.gov' });

    const err = await sendError(sender, { ...message, subject: 'Hi\r\nBcc: attacker@example.com' });

    expect(err).toBeInstanceOf(InvalidEmailMessageError);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('refuses a success without a MessageId (it could not be traced)', async () => {
    ses.on(SendEmailCommand).resolves({});
    const sender = new SesEmailSender(client, { from: 'no-reply@danbury.gov' });

    expect(await sendError(sender)).toMatchObject({ reason: 'failed', retryable: false });
  });

  it('fails at construction when EMAIL_FROM is not a bare address', () => {
    expect(() => new SesEmailSender(client, { from: 'City <no-reply@danbury.gov>' })).toThrow(/EMAIL_FROM/);
    expect(() => new SesEmailSender(client, { from: '' })).toThrow(/EMAIL_FROM/);
  });
});

describe('SesEmailSender (real SDK, fake HTTP handler)', () => {
  interface Recorded {
    method: string;
    hostname: string;
    path: string;
    headers: Record<string, string>;
    body: Uint8Array;
  }
  type Reply = { statusCode: number; headers: Record<string, string>; body: string };

  function clientAnswering(reply: Reply) {
    const requests: Recorded[] = [];
    const client = new SESv2Client({
      ...FAKE_AWS,
      maxAttempts: 1,
      requestHandler: {
        handle: async (request: Recorded) => {
          requests.push(request);
          return { response: { ...reply, body: Buffer.from(reply.body) } };
        },
      } as never,
    });
    return { client, requests };
  }

  it('puts the message on the wire as SES API v2 expects and reads the MessageId back', async () => {
    const { client, requests } = clientAnswering({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ MessageId: 'wire-id-1' }),
    });
    const sender = new SesEmailSender(client, { from: 'no-reply@danbury.gov', configurationSet: 'records' });

    await expect(sender.send(message)).resolves.toEqual({ messageId: 'wire-id-1' });

    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    expect([request.method, request.hostname, request.path]).toEqual([
      'POST',
      'email.us-east-1.amazonaws.com',
      '/v2/email/outbound-emails',
    ]);
    expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
    expect(JSON.parse(new TextDecoder().decode(request.body))).toEqual({
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
      ConfigurationSetName: 'records',
    });
  });

  it("maps SES's MessageRejected response to EmailNotSentError", async () => {
    const { client } = clientAnswering({
      statusCode: 400,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'MessageRejected' },
      body: JSON.stringify({ message: 'Email address is not verified: resident@example.org' }),
    });
    const sender = new SesEmailSender(client, { from: 'no-reply@danbury.gov' });

    const err = await sendError(sender);

    expect(err).toBeInstanceOf(EmailNotSentError);
    expect(err).toMatchObject({ reason: 'rejected', retryable: false, providerCode: 'MessageRejected' });
    expect((err as Error).cause).toBeInstanceOf(MessageRejected);
  });
});
