/**
 * Transport choice from the environment. Each test loads the wiring in a
 * fresh module registry (a new "container"), and stands in for the global
 * fetch where SES is used, so nothing is sent anywhere.
 */
type Modules = {
  wiring: typeof import('../../lambdas/adapters/email/email-wiring');
  OutboxEmailSender: typeof import('../../lambdas/adapters/email/outbox-email-sender').OutboxEmailSender;
  SesEmailSender: typeof import('../../lambdas/adapters/email/ses-email-sender').SesEmailSender;
};

async function freshContainer(): Promise<Modules> {
  let modules: Modules | undefined;
  await jest.isolateModulesAsync(async () => {
    modules = {
      wiring: await import('../../lambdas/adapters/email/email-wiring'),
      OutboxEmailSender: (await import('../../lambdas/adapters/email/outbox-email-sender')).OutboxEmailSender,
      SesEmailSender: (await import('../../lambdas/adapters/email/ses-email-sender')).SesEmailSender,
    };
  });
  return modules!;
}

const ENV_NAMES = [
  'EMAIL_TRANSPORT',
  'EMAIL_FROM',
  'EMAIL_CONFIGURATION_SET',
  'DYNAMODB_ENDPOINT',
  'TABLE_NAME',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
] as const;
const saved = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));

function setEnv(values: Partial<Record<(typeof ENV_NAMES)[number], string>>) {
  for (const name of ENV_NAMES) delete process.env[name];
  Object.assign(process.env, {
    TABLE_NAME: 'platform',
    AWS_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...values,
  });
}

afterEach(() => {
  jest.restoreAllMocks();
  for (const name of ENV_NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('emailSender', () => {
  it('uses SES when EMAIL_TRANSPORT=ses, even with a local DynamoDB endpoint', async () => {
    setEnv({ EMAIL_TRANSPORT: 'ses', EMAIL_FROM: 'no-reply@danbury.gov', DYNAMODB_ENDPOINT: 'http://x' });
    const { wiring, SesEmailSender } = await freshContainer();

    expect(wiring.emailTransport()).toBe('ses');
    expect(wiring.emailSender()).toBeInstanceOf(SesEmailSender);
  });

  it('uses the outbox when EMAIL_TRANSPORT=outbox, the same one listOutbox reads', async () => {
    setEnv({ EMAIL_TRANSPORT: 'outbox' });
    const { wiring, OutboxEmailSender } = await freshContainer();

    expect(wiring.emailSender()).toBeInstanceOf(OutboxEmailSender);
    expect(wiring.emailSender()).toBe(wiring.emailOutbox());
  });

  it('defaults to the outbox when DynamoDB is local, and to SES otherwise', async () => {
    setEnv({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' });
    expect((await freshContainer()).wiring.emailTransport()).toBe('outbox');

    setEnv({ EMAIL_FROM: 'no-reply@danbury.gov' });
    const { wiring, SesEmailSender } = await freshContainer();
    expect(wiring.emailTransport()).toBe('ses');
    expect(wiring.emailSender()).toBeInstanceOf(SesEmailSender);
  });

  it('refuses an unknown EMAIL_TRANSPORT instead of guessing', async () => {
    setEnv({ EMAIL_TRANSPORT: 'smtp', DYNAMODB_ENDPOINT: 'http://x' });
    const { wiring } = await freshContainer();

    expect(() => wiring.emailSender()).toThrow('EMAIL_TRANSPORT must be "ses" or "outbox", not "smtp"');
  });

  it('needs EMAIL_FROM for SES', async () => {
    setEnv({ EMAIL_TRANSPORT: 'ses' });
    const { wiring } = await freshContainer();

    expect(() => wiring.emailSender()).toThrow('Missing required environment variable EMAIL_FROM');
  });

  it('is made once per container: later environment changes do not switch it', async () => {
    setEnv({ EMAIL_TRANSPORT: 'outbox' });
    const { wiring } = await freshContainer();
    const first = wiring.emailSender();

    process.env.EMAIL_TRANSPORT = 'ses';
    process.env.EMAIL_FROM = 'no-reply@danbury.gov';

    expect(wiring.emailSender()).toBe(first);
  });

  it('sends through SES from EMAIL_FROM with EMAIL_CONFIGURATION_SET, signed with the Lambda credentials', async () => {
    setEnv({
      EMAIL_TRANSPORT: 'ses',
      EMAIL_FROM: 'no-reply@danbury.gov',
      EMAIL_CONFIGURATION_SET: 'open-records',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'ASIAENVIRONMENT',
      AWS_SECRET_ACCESS_KEY: 'environment-secret',
      AWS_SESSION_TOKEN: 'environment-session',
    });
    const { wiring } = await freshContainer();
    const sent: Request[] = [];
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (request) => {
      sent.push(request as Request);
      return new Response(JSON.stringify({ MessageId: 'ses-1' }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    });

    await expect(
      wiring.emailSender().send({
        to: 'resident@example.org',
        subject: 'Received',
        text: 'Thanks',
        category: 'ack',
      }),
    ).resolves.toEqual({ messageId: 'ses-1' });

    expect(sent).toHaveLength(1);
    const request = sent[0]!;
    expect(`${request.method} ${request.url}`).toBe(
      'POST https://email.eu-west-1.amazonaws.com/v2/email/outbound-emails',
    );
    expect(request.headers.get('authorization')).toMatch(
      /^AWS4-HMAC-SHA256 Credential=ASIAENVIRONMENT\/\d{8}\/eu-west-1\/ses\/aws4_request, /,
    );
    expect(request.headers.get('x-amz-security-token')).toBe('environment-session');
    expect(await request.json()).toMatchObject({
      FromEmailAddress: 'no-reply@danbury.gov',
      ConfigurationSetName: 'open-records',
    });
  });
});
