import {
  BatchGetItemCommand,
  GetItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
  type BatchGetItemCommandOutput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  cardMatchKey,
  cardTransactionKey,
  cardTransactionSortKey,
  cardTransactionSortKeyUpTo,
  ITEM_TYPES,
  unsettledCardTransactions,
  type CardMatchItem,
  type CardTransactionItem,
  type NoteItem,
  type TenantScope,
} from '@ndf/contracts';
import { readOwnerNotes } from '@ndf/note-workflow';

const BATCH_GET_LIMIT = 100;

/** Reads every page of a Query (a few days of one tenant's unsettled payments: small by construction). */
async function queryAll(dynamodb: DynamoDBClient, input: ConstructorParameters<typeof QueryCommand>[0], signal: AbortSignal) {
  const items: { readonly type?: unknown }[] = [];
  let start: Record<string, NonNullable<unknown>> | undefined;
  do {
    const page = await dynamodb.send(new QueryCommand({ ...input, ExclusiveStartKey: start as never }), { abortSignal: signal });
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The card matcher's reads and writes of the notes table. */
export class CardStore {
  constructor(
    private readonly dynamodb: DynamoDBClient,
    private readonly table: string,
  ) {}

  async transaction(scope: TenantScope, transactionId: string, signal: AbortSignal): Promise<CardTransactionItem | undefined> {
    const { Item } = await this.dynamodb.send(
      new GetItemCommand({ TableName: this.table, Key: marshall(cardTransactionKey(scope, transactionId)), ConsistentRead: true }),
      { abortSignal: signal },
    );
    return Item ? (unmarshall(Item) as CardTransactionItem) : undefined;
  }

  async claimOf(scope: TenantScope, noteId: string, signal: AbortSignal): Promise<CardMatchItem | undefined> {
    const { Item } = await this.dynamodb.send(
      new GetItemCommand({ TableName: this.table, Key: marshall(cardMatchKey(scope, noteId)), ConsistentRead: true }),
      { abortSignal: signal },
    );
    return Item ? (unmarshall(Item) as CardMatchItem) : undefined;
  }

  /** The tenant's unmatched payments from `from` to `to` (ISO dates) that may be `owner`'s: theirs, or of a card nobody holds. */
  async unmatchedAround(scope: TenantScope, owner: string, from: string, to: string, signal: AbortSignal): Promise<CardTransactionItem[]> {
    const items = await queryAll(
      this.dynamodb,
      {
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :partition AND gsi1sk BETWEEN :from AND :to',
        FilterExpression: 'attribute_not_exists(matchedNoteId) AND (attribute_not_exists(holder) OR holder = :owner)',
        ExpressionAttributeValues: marshall({
          ':partition': unsettledCardTransactions(scope),
          ':from': `${from}#`,
          ':to': cardTransactionSortKeyUpTo(to),
          ':owner': owner,
        }),
      },
      signal,
    );
    return items.filter((item) => item.type === ITEM_TYPES.cardTransaction) as CardTransactionItem[];
  }

  /** The holder's notes from `from` to `to`, through the owner listing (gsi1: the owner's partition, by date). */
  async notesAround(scope: TenantScope, holder: string, from: string, to: string, signal: AbortSignal): Promise<NoteItem[]> {
    const items = await readOwnerNotes(this.dynamodb, this.table, scope, holder, { from, to }, signal);
    return items.filter((item) => item.type === ITEM_TYPES.note) as unknown as NoteItem[];
  }

  /** The ids of the given notes already matched to a payment. */
  async claimedNotes(scope: TenantScope, noteIds: readonly string[], signal: AbortSignal): Promise<Set<string>> {
    const claimed = new Set<string>();
    for (let first = 0; first < noteIds.length; first += BATCH_GET_LIMIT) {
      let keys: Record<string, unknown>[] | undefined = noteIds
        .slice(first, first + BATCH_GET_LIMIT)
        .map((noteId) => marshall(cardMatchKey(scope, noteId)));
      while (keys !== undefined && keys.length > 0) {
        const answer: BatchGetItemCommandOutput = await this.dynamodb.send(
          new BatchGetItemCommand({ RequestItems: { [this.table]: { Keys: keys as never, ConsistentRead: true } } }),
          { abortSignal: signal },
        );
        for (const item of answer.Responses?.[this.table] ?? []) claimed.add((unmarshall(item) as CardMatchItem).noteId);
        keys = answer.UnprocessedKeys?.[this.table]?.Keys;
      }
    }
    return claimed;
  }

  /**
   * Records a match on both sides in one transaction: the payment names its note, the note claims
   * its payment. Each side only if free or already this pair, so that a payment matches one note
   * once and a note one payment, whatever runs at the same time. False when either is taken.
   */
  async claim(
    scope: TenantScope,
    pair: { transaction: CardTransactionItem; noteId: string; score: number; reasons: readonly string[]; settled: boolean },
    at: string,
    signal: AbortSignal,
  ): Promise<boolean> {
    const { transaction, noteId } = pair;
    const claim: CardMatchItem = {
      ...cardMatchKey(scope, noteId),
      type: ITEM_TYPES.cardMatch,
      tenant: scope.tenant,
      noteId,
      transactionId: transaction.transactionId,
      score: pair.score,
      reasons: pair.reasons,
      matchedAt: at,
    };
    try {
      await this.dynamodb.send(new TransactWriteItemsCommand(matchWrite(this.table, scope, pair, at, claim)), { abortSignal: signal });
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed'))
        return false;
      throw error;
    }
  }
}

/** The payment's index follows whether its note has a receipt: out once it has one, back if it loses it. */
function settledUpdate(scope: TenantScope, transaction: CardTransactionItem, noteHasReceipt: boolean) {
  return noteHasReceipt
    ? {
        UpdateExpression: 'SET noteHasReceipt = :yes REMOVE gsi1pk, gsi1sk',
        ExpressionAttributeValues: marshall({ ':yes': true }),
      }
    : {
        UpdateExpression: 'SET noteHasReceipt = :no, gsi1pk = :partition, gsi1sk = :sortKey',
        ExpressionAttributeValues: marshall({
          ':no': false,
          ':partition': unsettledCardTransactions(scope),
          ':sortKey': cardTransactionSortKey(transaction.date, transaction.transactionId),
        }),
      };
}

/** The match as one TransactWriteItems: the payment's update and the note's claim, each conditional. */
function matchWrite(
  table: string,
  scope: TenantScope,
  pair: { transaction: CardTransactionItem; noteId: string; settled: boolean },
  at: string,
  claim: CardMatchItem,
): ConstructorParameters<typeof TransactWriteItemsCommand>[0] {
  const settled = settledUpdate(scope, pair.transaction, pair.settled);
  const matched = 'SET matchedNoteId = :note, matchedAt = if_not_exists(matchedAt, :at), matchState = :matched, ';
  return {
    TransactItems: [
      {
        Update: {
          TableName: table,
          Key: marshall(cardTransactionKey(scope, pair.transaction.transactionId)),
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(matchedNoteId) OR matchedNoteId = :note)',
          UpdateExpression: settled.UpdateExpression.replace(/^SET /, matched),
          ExpressionAttributeValues: {
            ...settled.ExpressionAttributeValues,
            ...marshall({ ':note': pair.noteId, ':at': at, ':matched': 'matched' }),
          },
        },
      },
      {
        Put: {
          TableName: table,
          Item: marshall(claim),
          ConditionExpression: 'attribute_not_exists(pk) OR transactionId = :transaction',
          ExpressionAttributeValues: marshall({ ':transaction': pair.transaction.transactionId }),
        },
      },
    ],
  };
}
