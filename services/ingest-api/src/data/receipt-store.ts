import {
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import {
  DRAFT_STATUSES,
  MAX_RECEIPTS_PER_NOTE,
  noteKey,
  receiptKey,
  type IdempotencyItem,
  type NoteItem,
  type ReceiptItem,
  type TenantScope,
} from '@ndf/contracts';
import { conditionFailed, refusedItems, toItem, toRecord, writtenBy } from './dynamo-items.js';
import type { Change } from './note-items.js';
import { retryOnConflict } from './transaction-retry.js';

/** What asking for a receipt did. */
export type PutReceiptOutcome =
  | { readonly stored: true; readonly receipt: ReceiptItem }
  /** The note refused it: not the caller's draft (undefined when there is none), or full. */
  | { readonly stored: false; readonly note: NoteItem | undefined }
  /** The Idempotency-Key was claimed before: by the same body or another. */
  | { readonly stored: false; readonly claimed: IdempotencyItem };

/** A conditional change: made, or refused with the item as it is (undefined when there is none). */
/**
 * The receipts' writes: asking for one (with its note, its Idempotency-Key), and the binding
 * of a receipt to the one note that lists it.
 */
export class ReceiptStore {
  constructor(
    private readonly dynamodb: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /**
   * Records a receipt. With a note, in one transaction that also lists the receipt on the
   * note, if the note is the caller's draft (its version, the user's fields, is unchanged) and
   * lists fewer than MAX_RECEIPTS_PER_NOTE; with an Idempotency-Key, the same transaction
   * claims it. A refusal comes back with what refused it.
   */
  async putReceipt(
    scope: TenantScope,
    receipt: ReceiptItem,
    claim: IdempotencyItem | undefined,
    change: Change,
    signal: AbortSignal,
  ): Promise<PutReceiptOutcome> {
    const put = {
      TableName: this.tableName,
      Item: toRecord(receipt),
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    };
    if (receipt.noteId === undefined && claim === undefined) {
      try {
        await this.dynamodb.send(new PutItemCommand(put), { abortSignal: signal });
      } catch (error) {
        // The SDK retried a write whose first attempt landed: the receipt is there, as asked.
        if (!writtenBy(conditionFailed(error)?.item, change, 'requestedAt')) throw error;
      }
      return { stored: true, receipt };
    }
    // The SDK gives each transaction a client token that its own retries repeat, so a retried
    // transaction that landed succeeds; an item found as written by this request covers the rest.
    const items: TransactWriteItem[] = [{ Put: put }];
    if (claim) items.push({ Put: { ...put, Item: toRecord(claim) } });
    if (receipt.noteId !== undefined) items.push({ Update: this.listOnNote(scope, receipt) });
    try {
      await retryOnConflict(
        () =>
          this.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: items }), {
            abortSignal: signal,
          }),
        signal,
      );
      return { stored: true, receipt };
    } catch (error) {
      const refused = refusedItems(error);
      if (!refused) throw error;
      if (writtenBy(refused.get(0), change, 'requestedAt')) return { stored: true, receipt };
      const claimed = claim ? refused.get(1) : undefined;
      if (claimed) return { stored: false, claimed: claimed as unknown as IdempotencyItem };
      const noteIndex = claim ? 2 : 1;
      if (receipt.noteId === undefined || !refused.has(noteIndex)) throw error;
      return { stored: false, note: refused.get(noteIndex) as NoteItem | undefined };
    }
  }

  private listOnNote(scope: TenantScope, receipt: ReceiptItem): NonNullable<TransactWriteItem['Update']> {
    const drafts = Object.fromEntries(DRAFT_STATUSES.map((status, index) => [`:draft${index}`, status]));
    return {
      TableName: this.tableName,
      Key: toRecord(noteKey(scope, receipt.noteId!)),
      UpdateExpression: 'SET receiptIds = list_append(if_not_exists(receiptIds, :none), :receipt), updatedAt = :now',
      ConditionExpression:
        `attribute_exists(pk) AND #owner = :owner AND #status IN (${Object.keys(drafts).join(', ')}) ` +
        'AND (attribute_not_exists(receiptIds) OR size(receiptIds) < :max)',
      ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status' },
      ExpressionAttributeValues: toRecord({
        ':owner': scope.user,
        ':none': [],
        ':receipt': [receipt.receiptId],
        ':now': receipt.requestedAt,
        ':max': MAX_RECEIPTS_PER_NOTE,
        ...drafts,
      }),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    };
  }

  /** Frees receipts whose note is deleted or gone; whether every one of them was. */
  async freeFromDeletedNotes(scope: TenantScope, held: ReadonlyMap<string, string>, signal: AbortSignal): Promise<boolean> {
    const notes = [...new Set(held.values())];
    const deleted = await Promise.all(
      notes.map(async (noteId) => {
        const answer = await this.dynamodb.send(
          new GetItemCommand({
            TableName: this.tableName,
            Key: toRecord(noteKey(scope, noteId)),
            ProjectionExpression: '#status',
            ExpressionAttributeNames: { '#status': 'status' },
            ConsistentRead: true,
          }),
          { abortSignal: signal },
        );
        return !answer.Item || toItem(answer.Item).status === 'deleted';
      }),
    );
    if (deleted.includes(false)) return false;
    await Promise.all(
      notes.map((noteId) =>
        this.releaseReceipts(
          scope,
          noteId,
          [...held].filter(([, on]) => on === noteId).map(([id]) => id),
          signal,
        ),
      ),
    );
    return true;
  }

  /** Frees a deleted note's receipts, so that another note may list them. */
  async releaseReceipts(scope: TenantScope, noteId: string, receiptIds: readonly string[], signal: AbortSignal): Promise<void> {
    await Promise.all(
      receiptIds.map(async (receiptId) => {
        try {
          await this.dynamodb.send(
            new UpdateItemCommand({
              TableName: this.tableName,
              Key: toRecord(receiptKey(scope, receiptId)),
              UpdateExpression: 'REMOVE attachedTo',
              ConditionExpression: 'attachedTo = :note',
              ExpressionAttributeValues: toRecord({ ':note': noteId }),
            }),
            { abortSignal: signal },
          );
        } catch (error) {
          // Not a loose receipt of this note (one asked for with the note lives in its partition): nothing to free.
          if (!conditionFailed(error)) throw error;
        }
      }),
    );
  }

  /** One receipt item, read consistently. */
  async readReceipt(
    scope: TenantScope,
    receiptId: string,
    noteId: string | undefined,
    signal: AbortSignal,
  ): Promise<ReceiptItem | undefined> {
    const answer = await this.dynamodb.send(
      new GetItemCommand({ TableName: this.tableName, Key: toRecord(receiptKey(scope, receiptId, noteId)), ConsistentRead: true }),
      { abortSignal: signal },
    );
    return answer.Item ? (toItem(answer.Item) as unknown as ReceiptItem) : undefined;
  }
}
