/**
 * The audit log, read back for the viewer: one city day through the
 * `AUDIT-DAY#` index (gsi2), or one record's trail (`AUDIT#type#id`), newest
 * first. Queries only, never a Scan; the actor, action and type filters run
 * as filter expressions on those Queries, a page at a time.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/audit';
import { auditDayWindow, type AuditLogFilter, type AuditLogPage } from '../domain/audit-log';
import { requiredEnv } from '../shared/config';
import { sharedDocumentClient } from './clients/dynamodb';
import { PlatformError } from '../shared/errors';
import { decodePageCursor, encodePageCursor } from './page-cursors';
import { keys } from './table-design';
import { withoutKeys } from './table-items';

/** Queries one page may run in a partition before it stops and hands back a cursor (a narrow filter on a busy day). */
const MAX_QUERIES_PER_PAGE = 8;

interface Partition {
  index?: 'gsi2';
  /** The partition key attribute and its value, which a cursor must carry. */
  key: Record<string, string>;
  condition: string;
  values: Record<string, string>;
}

export class AuditLogStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The events matching `filter`, `limit` at most, newest first. */
  async events(filter: AuditLogFilter, page: { limit: number; cursor?: string }): Promise<AuditLogPage> {
    const partitions = this.partitionsOf(filter);
    let start = 0;
    let startKey: Record<string, unknown> | undefined;
    if (page.cursor) {
      // The cursor names its partition; it must be one of this filter's.
      start = partitions.findIndex((p) => {
        try {
          startKey = decodePageCursor(page.cursor, p.key);
          return true;
        } catch {
          return false;
        }
      });
      if (start < 0) throw new PlatformError(400, 'BAD_REQUEST', 'The cursor is not one this list gave out.');
    }
    const found: AuditEvent[] = [];
    let queries = 0;
    for (let i = start; i < partitions.length; i++) {
      const partition = partitions[i]!;
      do {
        // Only mid-partition: a cursor must be a real item's keys.
        if (queries >= MAX_QUERIES_PER_PAGE && startKey)
          return { events: found, nextCursor: encodePageCursor(startKey)! };
        queries++;
        const result = await this.db.send(
          new QueryCommand({
            TableName: this.tableName,
            ...(partition.index ? { IndexName: partition.index } : {}),
            ScanIndexForward: false,
            Limit: Math.max(page.limit * 2, 50),
            ...this.expression(partition, filter),
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        );
        for (const item of result.Items ?? []) {
          found.push(withoutKeys<AuditEvent>(item));
          if (found.length === page.limit) {
            // Full: the next page starts after this item (its keys are a valid start key).
            const more = item !== result.Items![result.Items!.length - 1] || result.LastEvaluatedKey;
            const moreLater = more || i < partitions.length - 1;
            return {
              events: found,
              ...(moreLater ? { nextCursor: encodePageCursor(this.keyOf(item, partition))! } : {}),
            };
          }
        }
        startKey = result.LastEvaluatedKey;
      } while (startKey);
    }
    return { events: found };
  }

  private partitionsOf(filter: AuditLogFilter): Partition[] {
    if (filter.subjectType && filter.subjectId) {
      const pk = keys.auditTrail(filter.subjectType, filter.subjectId);
      const window = filter.day ? auditDayWindow(filter.day) : undefined;
      return [
        {
          key: { pk },
          condition: window ? 'pk = :pk AND sk BETWEEN :from AND :to' : 'pk = :pk',
          values: { ':pk': pk, ...(window ? { ':from': window.from, ':to': window.to } : {}) },
        },
      ];
    }
    const window = auditDayWindow(filter.day!);
    return window.partitions.map((day) => {
      const gsi2pk = keys.auditDayIndex(`${day}T00:00:00.000Z`, '').gsi2pk;
      return {
        index: 'gsi2' as const,
        key: { gsi2pk },
        condition: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
        values: { ':pk': gsi2pk, ':from': window.from, ':to': window.to },
      };
    });
  }

  private expression(partition: Partition, filter: AuditLogFilter) {
    const names: Record<string, string> = {};
    const values: Record<string, string> = { ...partition.values };
    const conditions: string[] = [];
    if (filter.actor) {
      Object.assign(names, { '#actor': 'actor', '#username': 'username', '#system': 'system' });
      values[':actor'] = filter.actor;
      conditions.push('(#actor.#username = :actor OR #actor.#system = :actor)');
    }
    if (filter.action) {
      names['#action'] = 'action';
      values[':action'] = filter.action;
      conditions.push('begins_with(#action, :action)');
    }
    // A record's trail is one type already (a dataset's holds its versions' events too).
    if (filter.subjectType && !filter.subjectId) {
      Object.assign(names, { '#subject': 'subject', '#type': 'type' });
      values[':type'] = filter.subjectType;
      conditions.push(
        filter.subjectType === 'dataset'
          ? '(#subject.#type = :type OR #subject.#type = :version)'
          : '#subject.#type = :type',
      );
      if (filter.subjectType === 'dataset') values[':version'] = 'dataset-version';
    }
    return {
      KeyConditionExpression: partition.condition,
      ExpressionAttributeValues: values,
      ...(conditions.length
        ? { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names }
        : {}),
    };
  }

  /** A start key from an item: the table's keys, plus the index's when reading the index. */
  private keyOf(item: Record<string, unknown>, partition: Partition): Record<string, unknown> {
    return {
      pk: item.pk,
      sk: item.sk,
      ...(partition.index ? { gsi2pk: item.gsi2pk, gsi2sk: item.gsi2sk } : {}),
    };
  }
}

let store: AuditLogStore | undefined;
export function auditLogStore(): AuditLogStore {
  store ??= new AuditLogStore(sharedDocumentClient(), requiredEnv('TABLE_NAME'));
  return store;
}
