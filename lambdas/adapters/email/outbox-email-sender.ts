/**
 * The local stand-in for SES: each message becomes an item in the platform
 * table, so a person trying the platform locally can read what would have
 * been sent (through a staff route), including one-time links.
 *
 * Items: `pk=OUTBOX`, `sk=<ISO time>#<ULID>` (keys.outboxMessage), so one
 * Query in reverse key order lists newest first. One partition is fine: only
 * local mode (or a test stage) writes here, at human pace. Messages live 30
 * days (`expiresAt`, the table's TTL attribute); since DynamoDB deletes
 * expired items only eventually and DynamoDB Local never does, the listing
 * also stops at the 30-day boundary through its key condition.
 */
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import {
  checkEmailMessage,
  EmailNotSentError,
  type EmailMessage,
  type EmailSender,
} from '../../domain/email/messages';
import { badRequest } from '../../shared/errors';
import { keys } from '../table-design';

export const OUTBOX_RETENTION_SECONDS = 30 * 24 * 60 * 60;
export const OUTBOX_MAX_PAGE_SIZE = 100;

export interface OutboxMessage extends EmailMessage {
  messageId: string;
  sentAt: string;
}

export interface OutboxPage {
  /** Newest first. */
  messages: OutboxMessage[];
  /** Pass back as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

// A cursor is the `sk` of the last message of a page, base64url-encoded. Any
// well-formed sk is only a position inside the OUTBOX partition, so a
// tampered cursor can reach nothing else.
const SORT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[0-9A-HJKMNP-TV-Z]{26}$/;

function encodeCursor(sk: string): string {
  return Buffer.from(sk, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!SORT_KEY.test(sk)) throw badRequest('The cursor is not valid.');
  return sk;
}

export class OutboxEmailSender implements EmailSender {
  private readonly now: () => Date;
  // Monotonic ULIDs keep messages sent in the same millisecond in send order.
  private readonly newId = monotonicFactory();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: { now?: () => Date } = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async send(message: EmailMessage): Promise<{ messageId: string }> {
    const checked = checkEmailMessage(message);
    const nowMs = this.now().getTime();
    const sentAt = new Date(nowMs).toISOString();
    const messageId = this.newId(nowMs);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.outboxMessage(sentAt, messageId),
            entity: 'OutboxMessage',
            messageId,
            sentAt,
            ...checked,
            expiresAt: Math.floor(nowMs / 1000) + OUTBOX_RETENTION_SECONDS,
          },
          // A ULID collision would overwrite another message; refuse instead.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (err) {
      // Same failure type as SES, so callers handle both transports alike.
      const code = (err as { name?: unknown }).name;
      throw new EmailNotSentError('failed', true, typeof code === 'string' ? code : 'UnknownError', {
        cause: err,
      });
    }
    return { messageId };
  }

  /** One page of messages from the last 30 days, newest first. Query only, never Scan. */
  async listOutbox(limit: number, cursor?: string): Promise<OutboxPage> {
    if (!Number.isInteger(limit) || limit < 1 || limit > OUTBOX_MAX_PAGE_SIZE)
      throw badRequest(`limit must be an integer from 1 to ${OUTBOX_MAX_PAGE_SIZE}.`);
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const oldest = new Date(this.now().getTime() - OUTBOX_RETENTION_SECONDS * 1000).toISOString();
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk >= :oldest',
        ExpressionAttributeValues: { ':pk': keys.outbox(), ':oldest': oldest },
        ScanIndexForward: false,
        // One more than asked tells whether an older page exists, so the last
        // page carries no cursor to an empty page. (A page cut short by
        // DynamoDB's 1 MB limit still gets a cursor, from LastEvaluatedKey.)
        Limit: limit + 1,
        ...(after ? { ExclusiveStartKey: { pk: keys.outbox(), sk: after } } : {}),
      }),
    );
    const page = Items.slice(0, limit);
    const last = page[page.length - 1];
    return {
      messages: page.map(toOutboxMessage),
      ...((Items.length > limit || LastEvaluatedKey) && last
        ? { nextCursor: encodeCursor(String(last.sk)) }
        : {}),
    };
  }
}

function toOutboxMessage(item: Record<string, unknown>): OutboxMessage {
  const relatedTo = item.relatedTo as OutboxMessage['relatedTo'];
  return {
    messageId: String(item.messageId),
    sentAt: String(item.sentAt),
    to: String(item.to),
    subject: String(item.subject),
    text: String(item.text),
    category: String(item.category),
    ...(relatedTo ? { relatedTo: { type: relatedTo.type, id: relatedTo.id } } : {}),
  };
}
