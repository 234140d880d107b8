/**
 * Helpers every store of the platform table shares: turning an item back
 * into its record, and the audit event each state change writes with it.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/audit';
import { keys } from './table-design';

/** Attributes the table design adds to items; records never carry them. */
const DESIGN_ATTRIBUTES = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'entity',
  'expiresAt',
] as const;

export function withoutKeys<T>(item: Record<string, unknown>): T {
  const record = { ...item };
  for (const attribute of DESIGN_ATTRIBUTES) delete record[attribute];
  return record as T;
}

/** One item read back as its record (undefined when absent); `consistent` for read-after-write. */
export async function getRecord<T>(
  db: DynamoDBDocumentClient,
  tableName: string,
  key: Record<string, string>,
  options: { consistent?: boolean } = {},
): Promise<T | undefined> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: key,
      ...(options.consistent ? { ConsistentRead: true } : {}),
    }),
  );
  return Item ? withoutKeys<T>(Item) : undefined;
}

/** The Put of an audit event, for the transaction of the change it records. */
export function auditEventPut(tableName: string, event: AuditEvent) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...event,
        ...keys.auditEvent(event.subject.type, event.subject.id, event.at, event.eventId),
        ...keys.auditDayIndex(event.at, event.eventId),
        entity: 'AuditEvent',
      },
    },
  };
}
