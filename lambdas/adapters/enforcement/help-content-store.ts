/**
 * The enforcement help content in the platform table: one current item and
 * one item per saved revision (the history), each save conditional on the
 * revision the editor read and written with its audit event in one
 * transaction. Reads are one GetItem; with nothing saved, the defaults.
 */
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../domain/audit';
import {
  DEFAULT_HELP_CONTENT,
  staleHelpRevision,
  type HelpContent,
  type HelpContentStorePort,
} from '../../domain/enforcement/help-content';
import { keys } from '../table-design';
import { auditEventPut, getRecord } from '../table-items';

const cancelled = (err: unknown) => (err as { name?: string }).name === 'TransactionCanceledException';

export class HelpContentStore implements HelpContentStorePort {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** What the city saved, if anything. */
  async stored(options: { consistent?: boolean } = {}): Promise<HelpContent | undefined> {
    return getRecord<HelpContent>(this.db, this.tableName, keys.helpContent(), options);
  }

  async current(options: { consistent?: boolean } = {}): Promise<HelpContent> {
    return (await this.stored(options)) ?? DEFAULT_HELP_CONTENT;
  }

  /** One saved revision from the history. */
  async revision(revision: number): Promise<HelpContent | undefined> {
    return getRecord<HelpContent>(this.db, this.tableName, keys.helpContentRevision(revision));
  }

  async save(content: HelpContent, expectedRevision: number, audit: AuditEvent): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...content, ...keys.helpContent(), entity: 'HelpContent' },
                // Revision 0 is the defaults, which are never stored.
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
                  ...content,
                  ...keys.helpContentRevision(content.revision),
                  entity: 'HelpContentRevision',
                },
                // History is never overwritten.
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            auditEventPut(this.tableName, audit),
          ],
        }),
      );
    } catch (err) {
      if (!cancelled(err)) throw err;
      const fresh = await this.current({ consistent: true });
      throw staleHelpRevision(expectedRevision, fresh.revision);
    }
  }
}
