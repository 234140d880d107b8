/**
 * Enforcement cases in the platform table: the case, its reporter (separate
 * item), one queue entry per office it is routed to, the report-number
 * counter, and idempotent responses. Reads are Gets and Queries on keys and
 * indexes; see docs/data-model.md.
 */
import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../domain/audit';
import type { CaseParty } from '../../domain/enforcement/cases';
import type { EnforcementCase, ReportAttachment, Reporter } from '../../domain/enforcement/enforcement-case';
import type { CasePage, CaseStorePort } from '../../domain/enforcement/use-cases';
import { PlatformError } from '../../shared/errors';
import { createWithNextNumber } from '../numbered-records';
import { queryPage } from '../page-cursors';
import { RequestGuards } from '../request-guards';
import { keys } from '../table-design';
import { auditEventPut, getRecord, withoutKeys } from '../table-items';

const cancelled = (err: unknown) => (err as { name?: string }).name === 'TransactionCanceledException';

export class CaseStore implements CaseStorePort {
  private readonly guards: RequestGuards;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.guards = new RequestGuards(db, tableName);
  }

  private caseItems(c: EnforcementCase) {
    const open = c.status !== 'closed';
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...c,
            ...keys.enforcementCase(c.reportNumber),
            ...keys.caseIndex(open, c.receivedAt, c.reportNumber),
            ...keys.casePartyIndex(c.party.kind, c.party.id, c.receivedAt, c.reportNumber),
            entity: 'EnforcementCase',
          },
        },
      },
      ...c.offices.map((office) => ({
        Put: {
          TableName: this.tableName,
          Item: {
            reportNumber: c.reportNumber,
            office,
            ...keys.caseOffice(c.reportNumber, office),
            ...keys.caseOfficeIndex(office, open, c.receivedAt, c.reportNumber),
            entity: 'EnforcementCaseOffice',
          },
        },
      })),
    ];
  }

  createCase(
    build: (reportNumber: string) => {
      enforcementCase: EnforcementCase;
      reporter?: Reporter;
      statusLinkToken: string;
      audit: AuditEvent;
    },
    year: number,
    format: (year: number, sequence: number) => string,
  ): Promise<EnforcementCase> {
    return createWithNextNumber(
      this.db,
      this.tableName,
      keys.reportNumberCounter(year),
      (sequence) => format(year, sequence),
      (reportNumber) => {
        const { enforcementCase, reporter, statusLinkToken, audit } = build(reportNumber);
        const [casePut, ...officePuts] = this.caseItems(enforcementCase);
        return {
          result: enforcementCase,
          items: [
            { Put: { ...casePut!.Put, ConditionExpression: 'attribute_not_exists(pk)' } },
            ...officePuts,
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...(reporter ?? {}),
                  statusLinkToken,
                  ...keys.caseReporter(reportNumber),
                  entity: 'CaseReporter',
                },
              },
            },
            auditEventPut(this.tableName, audit),
          ],
        };
      },
    );
  }

  async getCase(reportNumber: string): Promise<EnforcementCase | undefined> {
    return getRecord<EnforcementCase>(this.db, this.tableName, keys.enforcementCase(reportNumber), {
      consistent: true,
    });
  }

  private async reporterItem(reportNumber: string) {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.caseReporter(reportNumber) }),
    );
    return Item;
  }

  async getReporter(reportNumber: string): Promise<Reporter | undefined> {
    const item = await this.reporterItem(reportNumber);
    if (!item || (!item.name && !item.email)) return undefined;
    return {
      ...(item.name ? { name: String(item.name) } : {}),
      ...(item.email ? { email: String(item.email) } : {}),
    };
  }

  async statusLinkToken(reportNumber: string): Promise<string | undefined> {
    const token = (await this.reporterItem(reportNumber))?.statusLinkToken;
    return typeof token === 'string' && token ? token : undefined;
  }

  async saveCase(c: EnforcementCase, expectedRevision: number, audit: AuditEvent[]): Promise<void> {
    const [casePut, ...officePuts] = this.caseItems(c);
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                ...casePut!.Put,
                ConditionExpression: '#revision = :expected',
                ExpressionAttributeNames: { '#revision': 'revision' },
                ExpressionAttributeValues: { ':expected': expectedRevision },
              },
            },
            ...officePuts,
            ...audit.map((event) => auditEventPut(this.tableName, event)),
          ],
        }),
      );
    } catch (err) {
      if (!cancelled(err)) throw err;
      throw new PlatformError(
        409,
        'STALE_REVISION',
        `Case ${c.reportNumber} changed meanwhile. Reload it and try again.`,
      );
    }
  }

  /** Newest first, through the case index. */
  private page(gsi1pk: string, cursor: string | undefined, limit: number) {
    return queryPage(
      this.db,
      this.tableName,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1pk },
        ScanIndexForward: false,
        Limit: limit,
      },
      { gsi1pk },
      cursor,
    );
  }

  async casesForOffice(office: string, open: boolean, cursor?: string, limit = 50): Promise<CasePage> {
    const page = await this.page(`CASES-OFFICE#${office}#${open ? 'OPEN' : 'CLOSED'}`, cursor, limit);
    const cases = await this.casesByNumber(page.items.map((i) => String(i.reportNumber)));
    return { cases, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  async allCases(open: boolean, cursor?: string, limit = 50): Promise<CasePage> {
    const page = await this.page(`CASES#${open ? 'OPEN' : 'CLOSED'}`, cursor, limit);
    return {
      cases: page.items.map((i) => withoutKeys<EnforcementCase>(i)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  private async casesByNumber(numbers: string[]): Promise<EnforcementCase[]> {
    if (!numbers.length) return [];
    const found = new Map<string, EnforcementCase>();
    let pending: Record<string, unknown>[] | undefined = numbers.map((n) => keys.enforcementCase(n));
    for (let attempt = 0; pending?.length && attempt < 5; attempt++) {
      const out: BatchGetCommandOutput = await this.db.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending } } }),
      );
      for (const item of out.Responses?.[this.tableName] ?? []) {
        const c = withoutKeys<EnforcementCase>(item);
        found.set(c.reportNumber, c);
      }
      pending = out.UnprocessedKeys?.[this.tableName]?.Keys;
    }
    return numbers.map((n) => found.get(n)).filter((c): c is EnforcementCase => Boolean(c));
  }

  private async partyCases(party: CaseParty): Promise<EnforcementCase[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': `CASE-PARTY#${party.kind}#${party.id}` },
        ScanIndexForward: false,
        Limit: 200,
      }),
    );
    return (Items ?? []).map((i) => withoutKeys<EnforcementCase>(i));
  }

  async priorActionCases(party: CaseParty, beforeReportNumber: string): Promise<number> {
    if (party.kind === 'unknown') return 0;
    return (await this.partyCases(party)).filter(
      (c) => c.reportNumber !== beforeReportNumber && c.actions.length > 0,
    ).length;
  }

  async openDetectionCase(party: CaseParty): Promise<string | undefined> {
    return (await this.partyCases(party)).find((c) => c.source === 'abuse-detection' && c.status !== 'closed')
      ?.reportNumber;
  }

  async auditTrail(reportNumber: string): Promise<AuditEvent[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.auditTrail('case', reportNumber) },
      }),
    );
    return (Items ?? []).map((i) => withoutKeys<AuditEvent>(i));
  }

  async attachments(reportNumber: string): Promise<ReportAttachment[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.enforcementCase(reportNumber).pk, ':prefix': 'ATTACHMENT#' },
      }),
    );
    return (Items ?? []).map((i) => withoutKeys<ReportAttachment>(i));
  }

  async getAttachment(reportNumber: string, attachmentId: string): Promise<ReportAttachment | undefined> {
    return getRecord<ReportAttachment>(
      this.db,
      this.tableName,
      keys.caseAttachment(reportNumber, attachmentId),
      { consistent: true },
    );
  }

  async putAttachment(
    attachment: ReportAttachment,
    audit: AuditEvent,
    expectedState?: ReportAttachment['state'],
  ): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...attachment,
                  ...keys.caseAttachment(attachment.reportNumber, attachment.attachmentId),
                  entity: 'CaseAttachment',
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
      throw new PlatformError(409, 'CONFLICT', `Attachment ${attachment.attachmentId} changed meanwhile.`);
    }
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

  countReportFrom(ipHash: string, hour: string, nowMs: number): Promise<number> {
    return this.guards.countInHour(keys.reportRate(ipHash, hour), 'reports', nowMs);
  }
}
