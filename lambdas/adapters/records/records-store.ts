/**
 * Records requests in the platform table: the request, its requester (a
 * separate item), messages, documents, the holiday calendar, the §1-217
 * protected-address list, tracking-number counters, and idempotent
 * responses. Every read is a Get or a Query on a key or index; see
 * docs/data-model.md.
 */
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { PlatformError } from '../../shared/errors';
import type { AuditEvent } from '../../domain/audit';
import { nyDate } from '../../domain/records/clocks';
import type { HolidayCalendar } from '../../domain/records/holiday-calendar';
import type { RecordsStorePort, RequestPage } from '../../domain/records/ports';
import type { ProtectedAddress } from '../../domain/records/protected-addresses';
import {
  isClosed,
  type RecordsRequest,
  type RequestDocument,
  type RequestMessage,
  type Requester,
} from '../../domain/records/records-request';
import type { RequestStatisticsRow } from '../../domain/records/statistics';
import {
  entryPartitions,
  MAX_ENTRIES_PER_PAGE,
  queueEntryOf,
  type EntryFilter,
  type QueueDimension,
  type QueuePage,
  type QueuePlan,
  entryMatches,
} from '../../domain/records/queue-query';
import { formatTrackingNumber } from '../../domain/records/tracking-number';
import { createWithNextNumber } from '../numbered-records';
import { decodePageCursor, encodePageCursor, queryPage } from '../page-cursors';
import { RequestGuards } from '../request-guards';
import { keys } from '../table-design';
import { auditEventPut, getRecord, withoutKeys } from '../table-items';

const epochSeconds = (ms: number) => Math.floor(ms / 1000);
const DAY_SECONDS = 86_400;

/**
 * The queue entries written with every request (docs/data-model.md, "Records
 * request queue"): one per filter dimension, in a partition named after the
 * request's state and the dimension's value, sorted by due date on gsi1 and by
 * receipt on gsi2. Fixed sort keys, so each save moves an entry by
 * overwriting it.
 */
export const queueKeys = {
  partition: (state: 'open' | 'closed', dimension: QueueDimension, value: string) =>
    `RECORDS-QUEUE#${state.toUpperCase()}#${dimension.toUpperCase()}${value ? `#${value}` : ''}`,
  entry: (trackingNumber: string, dimension: QueueDimension, value: string) => ({
    pk: keys.recordsRequest(trackingNumber).pk,
    sk: dimension === 'term' ? `QUEUE#TERM#${value}` : `QUEUE#${dimension.toUpperCase()}`,
  }),
  termPrefix: 'QUEUE#TERM#',
};

function requestItem(request: RecordsRequest) {
  const office = request.department ?? request.receivingOffice;
  const closed = isClosed(request.status) && request.closedAt;
  return {
    ...request,
    ...keys.recordsRequest(request.trackingNumber),
    ...(closed
      ? keys.closedRequestIndex(
          Number(nyDate(request.closedAt!).slice(0, 4)),
          request.closedAt!,
          request.trackingNumber,
        )
      : keys.openRequestIndex(request.statutoryDueDate, request.trackingNumber)),
    ...keys.departmentRequestIndex(
      office,
      !closed,
      closed ? request.closedAt! : request.statutoryDueDate,
      request.trackingNumber,
    ),
    entity: 'RecordsRequest',
  };
}

/** A request's queue entries: small items carrying what the filters check (q* attributes). */
export function queueEntryItems(request: RecordsRequest): Record<string, unknown>[] {
  const entry = queueEntryOf(request);
  return entryPartitions(entry).map(({ dimension, value }) => {
    const partition = queueKeys.partition(entry.state, dimension, value);
    return {
      ...queueKeys.entry(entry.trackingNumber, dimension, value),
      gsi1pk: partition,
      gsi1sk: `${entry.dueDate}#${entry.trackingNumber}`,
      gsi2pk: partition,
      gsi2sk: `${entry.receivedAt}#${entry.trackingNumber}`,
      entity: 'RecordsQueueEntry',
      trackingNumber: entry.trackingNumber,
      qStatus: entry.status,
      qOffice: entry.office,
      ...(entry.assignee ? { qAssignee: entry.assignee } : {}),
      qChannel: entry.channel,
      qDue: entry.dueDate,
      // Only word entries need the other words (a search of several words reads one word's partition).
      ...(dimension === 'term' && entry.terms.length > 1 ? { qTerms: entry.terms } : {}),
    };
  });
}

/** Everything the store writes for a request besides its requester: the request item and its queue entries. */
export function recordsRequestItems(request: RecordsRequest): Record<string, unknown>[] {
  return [requestItem(request), ...queueEntryItems(request)];
}

/** A FilterExpression for the filters a plan checks on the entries it reads. */
function entryFilterExpression(filter: EntryFilter) {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const equal = (attribute: string, value: string | undefined) => {
    if (value === undefined) return;
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = value;
    parts.push(`#${attribute} = :${attribute}`);
  };
  equal('qStatus', filter.status);
  equal('qOffice', filter.office);
  equal('qAssignee', filter.assignee);
  equal('qChannel', filter.channel);
  if (filter.dueFrom || filter.dueTo) names['#qDue'] = 'qDue';
  if (filter.dueFrom) {
    values[':dueFrom'] = filter.dueFrom;
    parts.push('#qDue >= :dueFrom');
  }
  if (filter.dueTo) {
    values[':dueTo'] = filter.dueTo;
    parts.push('#qDue <= :dueTo');
  }
  (filter.terms ?? []).forEach((term, i) => {
    names['#qTerms'] = 'qTerms';
    values[`:term${i}`] = term;
    parts.push(`contains(#qTerms, :term${i})`);
  });
  return parts.length
    ? {
        FilterExpression: parts.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }
    : undefined;
}

const cancelled = (err: unknown) => (err as { name?: string }).name === 'TransactionCanceledException';
const conditionFailed = (err: unknown) =>
  (err as { name?: string }).name === 'ConditionalCheckFailedException';

export class RecordsStore implements RecordsStorePort {
  private readonly guards: RequestGuards;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Queue entries one queue page may read (tests make it small). */
    private readonly queueReadBudget = MAX_ENTRIES_PER_PAGE,
  ) {
    this.guards = new RequestGuards(db, tableName);
  }

  async createRequest(
    build: (trackingNumber: string) => {
      request: RecordsRequest;
      requester: Requester;
      statusLinkToken: string;
      audit: AuditEvent;
    },
    year: number,
  ): Promise<RecordsRequest> {
    return createWithNextNumber(
      this.db,
      this.tableName,
      keys.trackingNumberCounter(year),
      (sequence) => formatTrackingNumber(year, sequence),
      (trackingNumber) => {
        const { request, requester, statusLinkToken, audit } = build(trackingNumber);
        return {
          result: request,
          items: [
            {
              Put: {
                TableName: this.tableName,
                Item: requestItem(request),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...queueEntryItems(request).map((Item) => ({ Put: { TableName: this.tableName, Item } })),
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...requester,
                  trackingNumber,
                  statusLinkToken,
                  ...keys.requester(trackingNumber),
                  ...keys.requesterIndex(request.requesterKey, request.receivedAt, trackingNumber),
                  entity: 'Requester',
                },
              },
            },
            auditEventPut(this.tableName, audit),
          ],
        };
      },
    );
  }

  async getRequest(trackingNumber: string): Promise<RecordsRequest | undefined> {
    return getRecord<RecordsRequest>(this.db, this.tableName, keys.recordsRequest(trackingNumber), {
      consistent: true,
    });
  }

  async getRequester(trackingNumber: string): Promise<Requester | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.requester(trackingNumber) }),
    );
    if (!Item) return undefined;
    const {
      trackingNumber: _tn,
      statusLinkToken: _token,
      ...requester
    } = withoutKeys<Requester & { trackingNumber: string; statusLinkToken: string }>(Item);
    return requester;
  }

  async statusLinkToken(trackingNumber: string): Promise<string | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.requester(trackingNumber),
        ProjectionExpression: 'statusLinkToken',
      }),
    );
    return Item?.statusLinkToken as string | undefined;
  }

  /** The sort keys of the word entries a request has now (to drop the words a new description lost). */
  private async storedTermKeys(trackingNumber: string): Promise<string[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.recordsRequest(trackingNumber).pk,
          ':prefix': queueKeys.termPrefix,
        },
        ProjectionExpression: 'sk',
      }),
    );
    return (Items ?? []).map((item) => String(item.sk));
  }

  async saveRequest(request: RecordsRequest, expectedRevision: number, audit: AuditEvent[]): Promise<void> {
    // Every entry is rewritten (state, status, office or due date may have moved it); entries
    // that no longer apply (an assignee removed, words of a changed description) are deleted in
    // the same transaction, which the revision condition keeps consistent with what was read.
    const entries = queueEntryItems(request);
    const kept = new Set(entries.map((e) => String(e.sk)));
    const stale = [
      ...(await this.storedTermKeys(request.trackingNumber)).filter((sk) => !kept.has(sk)),
      ...(request.assignee ? [] : [queueKeys.entry(request.trackingNumber, 'assignee', '').sk]),
    ];
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: requestItem(request),
                ConditionExpression: '#revision = :expected',
                ExpressionAttributeNames: { '#revision': 'revision' },
                ExpressionAttributeValues: { ':expected': expectedRevision },
              },
            },
            ...entries.map((Item) => ({ Put: { TableName: this.tableName, Item } })),
            ...stale.map((sk) => ({
              Delete: {
                TableName: this.tableName,
                Key: { pk: keys.recordsRequest(request.trackingNumber).pk, sk },
              },
            })),
            ...audit.map((event) => auditEventPut(this.tableName, event)),
          ],
        }),
      );
    } catch (err) {
      if (!cancelled(err)) throw err;
      const fresh = await this.getRequest(request.trackingNumber);
      throw new PlatformError(
        409,
        'STALE_REVISION',
        `Request ${request.trackingNumber} changed while you were working on it. Review the current state and try again.`,
        fresh ? { context: { currentRevision: fresh.revision, currentStatus: fresh.status } } : undefined,
      );
    }
  }

  private async requestPage(
    input: Omit<QueryCommandInput, 'TableName'>,
    partition: Record<string, string>,
    cursor: string | undefined,
  ): Promise<RequestPage> {
    const page = await queryPage(this.db, this.tableName, input, partition, cursor);
    return {
      requests: page.items.map((item) => withoutKeys<RecordsRequest>(item)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  async recentByRequester(requesterKey: string, sinceIso: string, limit = 20): Promise<RecordsRequest[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk >= :since',
        ExpressionAttributeValues: { ':pk': `REQUESTER#${requesterKey}`, ':since': sinceIso },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return this.requestsByNumber((Items ?? []).map((item) => String(item.trackingNumber)));
  }

  /** The requests themselves (the index holds only the requester items), newest first. */
  private async requestsByNumber(trackingNumbers: string[]): Promise<RecordsRequest[]> {
    const found = await this.requestsInOrder(trackingNumbers);
    return found.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  }

  openRequestsDueBy(dueOnOrBefore: string, cursor?: string, limit = 100): Promise<RequestPage> {
    return this.requestPage(
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :due',
        ExpressionAttributeValues: { ':pk': 'RECORDS-REQUESTS#OPEN', ':due': `${dueOnOrBefore}#~` },
        Limit: limit,
      },
      { gsi1pk: 'RECORDS-REQUESTS#OPEN' },
      cursor,
    );
  }

  departmentRequests(
    department: string,
    which: 'open' | 'closed',
    cursor?: string,
    limit = 50,
  ): Promise<RequestPage> {
    const pk = `RECORDS-DEPARTMENT#${department}#${which === 'open' ? 'OPEN' : 'CLOSED'}`;
    return this.requestPage(
      {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: which === 'open',
        Limit: limit,
      },
      { gsi2pk: pk },
      cursor,
    );
  }

  closedRequests(year: number, cursor?: string, limit = 50): Promise<RequestPage> {
    const pk = `RECORDS-REQUESTS#CLOSED#${year}`;
    return this.requestPage(
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: false,
        Limit: limit,
      },
      { gsi1pk: pk },
      cursor,
    );
  }

  /**
   * A page of the queue (lambdas/domain/records/queue-query.ts plans it): one
   * partition of queue entries, read in rounds until the page is full, the
   * partition ends, or MAX_ENTRIES_PER_PAGE entries were read; then the
   * requests themselves by BatchGetItem, in the entries' order.
   */
  async queuePage(plan: QueuePlan, cursor: string | undefined, limit: number): Promise<QueuePage> {
    if (plan.kind === 'tracking-number') {
      const request = await this.getRequest(plan.trackingNumber);
      const found = request && entryMatches(queueEntryOf(request), plan.filter);
      return { requests: found ? [request] : [], entriesRead: request ? 1 : 0, readLimitReached: false };
    }
    const index = plan.sort === 'due' ? 'gsi1' : 'gsi2';
    const [pkName, skName] = [`${index}pk`, `${index}sk`];
    const partition = queueKeys.partition(plan.state, plan.dimension, plan.value);
    const from = plan.dueRange?.from;
    const to = plan.dueRange?.to;
    const range =
      from && to
        ? ' AND #sk BETWEEN :from AND :to'
        : from
          ? ' AND #sk >= :from'
          : to
            ? ' AND #sk <= :to'
            : '';
    const filter = entryFilterExpression(plan.filter);
    const input = {
      IndexName: index,
      KeyConditionExpression: `#pk = :pk${range}`,
      ExpressionAttributeNames: { '#pk': pkName, '#sk': skName, ...filter?.ExpressionAttributeNames },
      ExpressionAttributeValues: {
        ':pk': partition,
        ...(from ? { ':from': `${from}#` } : {}),
        ...(to ? { ':to': `${to}#~` } : {}),
        ...filter?.ExpressionAttributeValues,
      },
      ...(filter ? { FilterExpression: filter.FilterExpression } : {}),
      ProjectionExpression: 'pk, sk, #pk, #sk, trackingNumber',
      ScanIndexForward: plan.order === 'asc',
    };

    const budget = this.queueReadBudget;
    let start = decodePageCursor(cursor, { [pkName]: partition });
    const matches: Record<string, unknown>[] = [];
    let read = 0;
    let nextKey: Record<string, unknown> | undefined;
    let rate = 0.25;
    do {
      // Without a filter every entry read is a row. With one, read ahead by the share of entries
      // that matched so far (a rare combination reads the rest of the budget in one round trip).
      const want = limit - matches.length;
      const roundLimit = filter
        ? Math.min(budget - read, Math.max(200, Math.ceil((want / Math.max(rate, 0.01)) * 1.2)))
        : want;
      const out: QueryCommandOutput = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          ...input,
          Limit: roundLimit,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      read += out.ScannedCount ?? 0;
      const items = out.Items ?? [];
      rate = (matches.length + items.length) / Math.max(read, 1);
      matches.push(...items.slice(0, want));
      if (items.length > want) {
        // The page filled inside this round: the next one starts after its last row.
        const last = items[want - 1]!;
        nextKey = { pk: last.pk, sk: last.sk, [pkName]: last[pkName], [skName]: last[skName] };
        break;
      }
      nextKey = out.LastEvaluatedKey;
      start = nextKey;
    } while (nextKey && matches.length < limit && read < budget);

    const requests = await this.requestsInOrder(matches.map((m) => String(m.trackingNumber)));
    const nextCursor = encodePageCursor(nextKey);
    return {
      requests,
      entriesRead: read,
      readLimitReached: Boolean(nextCursor) && matches.length < limit && read >= budget,
      ...(nextCursor ? { nextCursor } : {}),
    };
  }

  /** The requests of these tracking numbers, in this order (BatchGetItem, 100 at a time). */
  private async requestsInOrder(trackingNumbers: string[]): Promise<RecordsRequest[]> {
    const byNumber = new Map<string, RecordsRequest>();
    for (let i = 0; i < trackingNumbers.length; i += 100) {
      let pending: Record<string, unknown>[] | undefined = trackingNumbers
        .slice(i, i + 100)
        .map((tn) => keys.recordsRequest(tn));
      for (let attempt = 0; pending?.length && attempt < 5; attempt++) {
        const out: BatchGetCommandOutput = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending } } }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) {
          const request = withoutKeys<RecordsRequest>(item);
          byNumber.set(request.trackingNumber, request);
        }
        pending = out.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return trackingNumbers.flatMap((tn) => byNumber.get(tn) ?? []);
  }

  /** A count from the department index (Select COUNT: the items are read, not returned). */
  async countOpenRequests(department: string): Promise<number> {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page: QueryCommandOutput = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': `RECORDS-DEPARTMENT#${department}#OPEN` },
          Select: 'COUNT',
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return count;
  }

  async addMessage(message: RequestMessage, audit: AuditEvent): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...message,
                ...keys.requestMessage(message.trackingNumber, message.at, message.messageId),
                entity: 'RequestMessage',
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          auditEventPut(this.tableName, audit),
        ],
      }),
    );
  }

  private async allInPartition(pk: string, skPrefix: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk, ...(skPrefix ? { ':prefix': skPrefix } : {}) },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async messages(trackingNumber: string): Promise<RequestMessage[]> {
    const items = await this.allInPartition(keys.recordsRequest(trackingNumber).pk, 'MESSAGE#');
    return items.map((item) => withoutKeys<RequestMessage>(item));
  }

  async putDocument(
    document: RequestDocument,
    audit: AuditEvent,
    expectedState?: RequestDocument['state'],
  ): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...document,
                  ...keys.requestDocument(document.trackingNumber, document.documentId),
                  entity: 'RequestDocument',
                },
                ...(expectedState
                  ? {
                      ConditionExpression: '#state = :expected',
                      ExpressionAttributeNames: { '#state': 'state' },
                      ExpressionAttributeValues: { ':expected': expectedState },
                    }
                  : { ConditionExpression: 'attribute_not_exists(pk)' }),
              },
            },
            auditEventPut(this.tableName, audit),
          ],
        }),
      );
    } catch (err) {
      if (!cancelled(err)) throw err;
      throw new PlatformError(
        409,
        'CONFLICT',
        `Document ${document.documentId} changed meanwhile (it is no longer ${expectedState ?? 'new'}). Reload and try again.`,
      );
    }
  }

  async getDocument(trackingNumber: string, documentId: string): Promise<RequestDocument | undefined> {
    return getRecord<RequestDocument>(
      this.db,
      this.tableName,
      keys.requestDocument(trackingNumber, documentId),
      { consistent: true },
    );
  }

  async documents(trackingNumber: string): Promise<RequestDocument[]> {
    const items = await this.allInPartition(keys.recordsRequest(trackingNumber).pk, 'DOCUMENT#');
    return items.map((item) => withoutKeys<RequestDocument>(item));
  }

  async auditTrail(trackingNumber: string): Promise<AuditEvent[]> {
    const items = await this.allInPartition(keys.auditTrail('records-request', trackingNumber), '');
    return items.map((item) => withoutKeys<AuditEvent>(item));
  }

  async getCalendar(): Promise<HolidayCalendar | undefined> {
    return getRecord<HolidayCalendar>(this.db, this.tableName, keys.holidayCalendar());
  }

  async saveCalendar(calendar: HolidayCalendar, expectedRevision: number, audit: AuditEvent): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...calendar, ...keys.holidayCalendar(), entity: 'HolidayCalendar' },
                ConditionExpression:
                  expectedRevision === 0 ? 'attribute_not_exists(pk)' : '#revision = :expected',
                ...(expectedRevision === 0
                  ? {}
                  : {
                      ExpressionAttributeNames: { '#revision': 'revision' },
                      ExpressionAttributeValues: { ':expected': expectedRevision },
                    }),
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...calendar,
                  ...keys.holidayCalendarRevision(calendar.revision),
                  entity: 'HolidayCalendarRevision',
                },
              },
            },
            auditEventPut(this.tableName, audit),
          ],
        }),
      );
    } catch (err) {
      if (!cancelled(err)) throw err;
      throw new PlatformError(
        409,
        'STALE_REVISION',
        'Someone else changed the holiday calendar meanwhile. Reload it and apply your change again.',
      );
    }
  }

  async getProtectedAddresses(): Promise<ProtectedAddress[]> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.protectedAddresses() }),
    );
    return (Item?.addresses as ProtectedAddress[] | undefined) ?? [];
  }

  async saveProtectedAddresses(list: ProtectedAddress[], audit: AuditEvent): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...keys.protectedAddresses(),
                addresses: list,
                updatedAt: audit.at,
                entity: 'ProtectedAddresses',
              },
            },
          },
          auditEventPut(this.tableName, audit),
        ],
      }),
    );
  }

  async claimJobStep(step: string, day: string, nowMs: number): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.jobStep(step, day),
            ranAt: new Date(nowMs).toISOString(),
            expiresAt: epochSeconds(nowMs) + 90 * DAY_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if (conditionFailed(err)) return false;
      throw err;
    }
  }

  async saveStatistics(rows: RequestStatisticsRow[], computedAt: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.recordsStatistics(), rows, computedAt, entity: 'RecordsRequestStatistics' },
      }),
    );
  }

  async getStatistics(): Promise<{ rows: RequestStatisticsRow[]; computedAt: string } | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.recordsStatistics() }),
    );
    return Item
      ? { rows: Item.rows as RequestStatisticsRow[], computedAt: String(Item.computedAt) }
      : undefined;
  }

  storedResponse(scope: string, keyHash: string) {
    return this.guards.storedResponse(scope, keyHash);
  }

  rememberResponse(
    scope: string,
    keyHash: string,
    response: { statusCode: number; body: unknown },
    nowMs: number,
  ) {
    return this.guards.rememberResponse(scope, keyHash, response, nowMs);
  }

  countSubmissionFrom(ipHash: string, hour: string, nowMs: number): Promise<number> {
    return this.guards.countInHour(keys.recordsSubmissionRate(ipHash, hour), 'submissions', nowMs);
  }
}
