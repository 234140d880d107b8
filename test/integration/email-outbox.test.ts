import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeTime } from 'ulid';
import {
  OUTBOX_RETENTION_SECONDS,
  OutboxEmailSender,
  type OutboxMessage,
} from '../../lambdas/adapters/email/outbox-email-sender';
import { keys } from '../../lambdas/adapters/table-design';
import {
  EmailNotSentError,
  InvalidEmailMessageError,
  type EmailMessage,
} from '../../lambdas/domain/email/messages';
import { PlatformError } from '../../lambdas/shared/errors';
import { freshPlatformStorage } from '../support/local-aws';

const DAY_MS = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2026-11-02T14:00:00.000Z');

const email = (n: number, overrides: Partial<EmailMessage> = {}): EmailMessage => ({
  to: `resident${n}@example.org`,
  subject: `Message ${n}`,
  text: `Body of message ${n}\n`,
  category: 'records-request-received',
  ...overrides,
});

describe('OutboxEmailSender against DynamoDB Local', () => {
  let storage: Awaited<ReturnType<typeof freshPlatformStorage>>;
  let clock: number;
  const now = () => new Date(clock);

  beforeEach(async () => {
    // A fresh table per test: every test sees only its own outbox.
    storage = await freshPlatformStorage('email');
    clock = T0;
  });
  afterEach(() => storage.close());

  const outbox = () => new OutboxEmailSender(storage.db, storage.tableName, { now });

  async function listAll(sender: OutboxEmailSender, limit: number) {
    const pages: OutboxMessage[][] = [];
    let cursor: string | undefined;
    do {
      const page = await sender.listOutbox(limit, cursor);
      pages.push(page.messages);
      cursor = page.nextCursor;
    } while (cursor && pages.length < 50);
    return pages;
  }

  it('stores the message under OUTBOX with a time-ordered key and a 30-day TTL', async () => {
    const sender = outbox();
    const message = email(1, {
      to: ' resident1@example.org ',
      text: 'Your key link:\r\nhttps://data.danbury.local/keys/retrieve#t=abc\r\n',
      relatedTo: { type: 'api-key', id: 'key-7' },
    });

    const { messageId } = await sender.send(message);

    expect(messageId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const { Items } = await storage.db.send(
      new QueryCommand({
        TableName: storage.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'OUTBOX' },
      }),
    );
    expect(Items).toEqual([
      {
        pk: 'OUTBOX',
        sk: `2026-11-02T14:00:00.000Z#${messageId}`,
        entity: 'OutboxMessage',
        messageId,
        sentAt: '2026-11-02T14:00:00.000Z',
        to: 'resident1@example.org',
        subject: 'Message 1',
        text: 'Your key link:\nhttps://data.danbury.local/keys/retrieve#t=abc\n',
        category: 'records-request-received',
        relatedTo: { type: 'api-key', id: 'key-7' },
        expiresAt: T0 / 1000 + 30 * 24 * 60 * 60,
      },
    ]);
    expect(keys.outboxMessage('2026-11-02T14:00:00.000Z', messageId)).toEqual({
      pk: Items![0]!.pk,
      sk: Items![0]!.sk,
    });
  });

  it('lists newest first, page by page, without repeats and without an empty last page', async () => {
    const sender = outbox();
    const sent: string[] = [];
    for (let n = 1; n <= 7; n++) {
      clock = T0 + n * 60_000;
      sent.push((await sender.send(email(n))).messageId);
    }
    // Two in the same millisecond still list in reverse send order.
    sent.push((await sender.send(email(8))).messageId);

    const pages = await listAll(sender, 3);

    expect(pages.map((page) => page.map((m) => m.subject))).toEqual([
      ['Message 8', 'Message 7', 'Message 6'],
      ['Message 5', 'Message 4', 'Message 3'],
      ['Message 2', 'Message 1'],
    ]);
    expect(pages.flat().map((m) => m.messageId)).toEqual([...sent].reverse());
    expect(pages.flat()[0]).toEqual({
      messageId: sent[7],
      sentAt: new Date(T0 + 7 * 60_000).toISOString(),
      to: 'resident8@example.org',
      subject: 'Message 8',
      text: 'Body of message 8\n',
      category: 'records-request-received',
    });
  });

  it('gives no cursor when the page holds exactly what is left', async () => {
    const sender = outbox();
    for (let n = 1; n <= 4; n++) {
      clock = T0 + n;
      await sender.send(email(n));
    }

    const first = await sender.listOutbox(2);
    const second = await sender.listOutbox(2, first.nextCursor);

    expect(first.nextCursor).toEqual(expect.any(String));
    expect(second.messages.map((m) => m.subject)).toEqual(['Message 2', 'Message 1']);
    expect(second.nextCursor).toBeUndefined();
    expect(await sender.listOutbox(100)).toMatchObject({ messages: { length: 4 } });
    expect((await sender.listOutbox(100)).nextCursor).toBeUndefined();
  });

  it('lists nothing for an empty outbox', async () => {
    expect(await outbox().listOutbox(10)).toEqual({ messages: [] });
  });

  it('stops listing at 30 days, before DynamoDB gets round to the TTL', async () => {
    const sender = outbox();
    await sender.send(email(1));
    clock = T0 + DAY_MS;
    await sender.send(email(2));

    clock = T0 + OUTBOX_RETENTION_SECONDS * 1000;
    expect((await sender.listOutbox(10)).messages.map((m) => m.subject)).toEqual(['Message 2', 'Message 1']);

    clock += 1;
    expect((await sender.listOutbox(10)).messages.map((m) => m.subject)).toEqual(['Message 2']);
  });

  it('refuses a bad limit or a tampered cursor with a 400', async () => {
    const sender = outbox();
    for (const limit of [0, -1, 101, 2.5, Number.NaN]) {
      await expect(sender.listOutbox(limit)).rejects.toMatchObject({ statusCode: 400 });
    }
    const tampered = [
      'not-a-cursor',
      Buffer.from('DATASET#x').toString('base64url'),
      Buffer.from('2026-11-02T14:00:00.000Z#01HZZZZZZZZZZZZZZZZZZZZZZZ#x').toString('base64url'),
    ];
    for (const cursor of tampered) {
      const err = await sender.listOutbox(10, cursor).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PlatformError);
      expect(err).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });
    }
  });

  it('stores nothing for an invalid message', async () => {
    const sender = outbox();

    await expect(
      sender.send(email(1, { subject: 'Hi\r\nBcc: attacker@example.com' })),
    ).rejects.toBeInstanceOf(InvalidEmailMessageError);
    await expect(sender.send(email(2, { to: 'a@example.org, b@example.org' }))).rejects.toBeInstanceOf(
      InvalidEmailMessageError,
    );

    expect(await sender.listOutbox(10)).toEqual({ messages: [] });
  });

  it('reports a storage failure as EmailNotSentError, like SES failures', async () => {
    const sender = new OutboxEmailSender(storage.db, `${storage.tableName}-missing`, { now });

    const err = await sender.send(email(1)).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(EmailNotSentError);
    expect(err).toMatchObject({
      reason: 'failed',
      retryable: true,
      providerCode: 'ResourceNotFoundException',
    });
  });

  it('uses a ULID that decodes to the send time', async () => {
    const sender = outbox();
    const { messageId } = await sender.send(email(1));

    const { Item } = await storage.db.send(
      new GetCommand({
        TableName: storage.tableName,
        Key: keys.outboxMessage(new Date(T0).toISOString(), messageId),
      }),
    );
    expect(Item?.messageId).toBe(messageId);
    expect(decodeTime(messageId)).toBe(T0);
  });
});
