import {
  BatchGetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
  type AttributeValue,
  type BatchGetItemCommandOutput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { CardTransaction } from '@ndf/card-statements';
import {
  CARD_TENANTS_PARTITION,
  cardTenantKey,
  cardTransactionItem,
  cardTransactionKey,
  cardTransactionKeyOfDigest,
  cardTransactionSortKeyUpTo,
  ITEM_TYPES,
  parseCardTransactionSortKey,
  unsettledCardTransactions,
  type CardTransactionItem,
  type TenantScope,
} from '@ndf/contracts';

/** BatchGetItem's and TransactWriteItems' most items a call. */
const CHUNK = 100;
/** Transactions in flight for one import: a statement's lines without starving the table's other writers. */
const CHUNKS_IN_FLIGHT = 4;

export interface ImportOrigin {
  readonly format: CardTransactionItem['format'];
  readonly importedAt: string;
  readonly importedBy: string;
  /** The card's last four digits → its holder (the tenant's CARDS settings). */
  readonly holders: Readonly<Record<string, string>>;
}

export interface CardTransactionPage {
  readonly items: readonly CardTransactionItem[];
  /** The index sort key to go on from, when the index holds more. */
  readonly lastSortKey?: string;
}

/** A tenant's card transactions in the notes table (keys and index in @ndf/contracts' notes-table-keys). */
export class CardTransactions {
  constructor(
    private readonly dynamodb: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /**
   * Writes each transaction once. The ones already written (a re-import) are found by
   * BatchGetItem, 100 keys a call; the new ones are written 100 at a time by a
   * TransactWriteItems whose every put is conditional on the item being absent, so that two
   * imports at once still write each transaction once: a chunk cancelled by the other import's
   * write is written again one conditional PutItem at a time. A debit goes into the unsettled index.
   */
  async importAll(
    scope: TenantScope,
    transactions: readonly CardTransaction[],
    origin: ImportOrigin,
    signal: AbortSignal,
  ): Promise<{ written: number; alreadyKnown: number }> {
    await this.dynamodb.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: marshall({
          ...cardTenantKey(scope),
          type: ITEM_TYPES.cardTenant,
          tenant: scope.tenant,
          gsi1pk: CARD_TENANTS_PARTITION,
          gsi1sk: scope.tenant,
        }),
      }),
      { abortSignal: signal },
    );
    // A statement may name a transaction twice (one reference on two lines): the first one counts.
    const unique = [...new Map(transactions.map((transaction) => [transaction.id, transaction])).values()];
    const known = await this.known(scope, unique, signal);
    const fresh = unique.filter((transaction) => !known.has(transaction.id)).map((transaction) => itemOf(scope, transaction, origin));
    const chunks = Array.from({ length: Math.ceil(fresh.length / CHUNK) }, (_, index) => fresh.slice(index * CHUNK, (index + 1) * CHUNK));
    let written = 0;
    let next = 0;
    const writer = async () => {
      while (next < chunks.length) {
        const count = await this.writeChunk(chunks[next++]!, signal);
        written += count;
      }
    };
    await Promise.all(Array.from({ length: Math.min(CHUNKS_IN_FLIGHT, chunks.length) }, writer));
    return { written, alreadyKnown: transactions.length - written };
  }

  /** The ids of those already written, a BatchGetItem of 100 keys at a time (keys left unprocessed asked again). */
  private async known(scope: TenantScope, transactions: readonly CardTransaction[], signal: AbortSignal): Promise<Set<string>> {
    const known = new Set<string>();
    for (let first = 0; first < transactions.length; first += CHUNK) {
      let keys: Record<string, AttributeValue>[] | undefined = transactions
        .slice(first, first + CHUNK)
        .map((transaction) => marshall(cardTransactionKey(scope, transaction.id)));
      while (keys !== undefined && keys.length > 0) {
        const answer: BatchGetItemCommandOutput = await this.dynamodb.send(
          new BatchGetItemCommand({
            RequestItems: { [this.tableName]: { Keys: keys, ProjectionExpression: 'transactionId', ConsistentRead: true } },
          }),
          { abortSignal: signal },
        );
        for (const item of answer.Responses?.[this.tableName] ?? []) known.add(String(unmarshall(item).transactionId));
        keys = answer.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return known;
  }

  /** How many of the chunk it wrote: all in one transaction, or, when another import wrote some meanwhile, one by one. */
  private async writeChunk(items: readonly CardTransactionItem[], signal: AbortSignal): Promise<number> {
    try {
      await this.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: items.map((item) => ({
            Put: {
              TableName: this.tableName,
              Item: marshall(item, { removeUndefinedValues: true }),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          })),
        }),
        { abortSignal: signal },
      );
      return items.length;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      let written = 0;
      for (const item of items) if (await this.putOnce(item, signal)) written += 1;
      return written;
    }
  }

  private async putOnce(item: CardTransactionItem, signal: AbortSignal): Promise<boolean> {
    try {
      await this.dynamodb.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall(item, { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
        { abortSignal: signal },
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /**
   * A page of the tenant's unsettled payments, oldest first: `unmatched` those no note claims,
   * `overdue` every one made on `upTo` or before (a key range). At most `limit` items are read,
   * so a page of unmatched ones may be short; the cursor goes on from the last item read.
   */
  async page(
    scope: TenantScope,
    query: { readonly status: 'unmatched' | 'overdue'; readonly upTo: string; readonly limit: number; readonly after?: string | undefined },
    signal: AbortSignal,
  ): Promise<CardTransactionPage> {
    const partition = unsettledCardTransactions(scope);
    const overdue = query.status === 'overdue';
    const answer = await this.dynamodb.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: overdue ? 'gsi1pk = :partition AND gsi1sk <= :upTo' : 'gsi1pk = :partition',
        ...(overdue ? {} : { FilterExpression: 'attribute_not_exists(matchedNoteId)' }),
        ExpressionAttributeValues: marshall({
          ':partition': partition,
          ...(overdue ? { ':upTo': cardTransactionSortKeyUpTo(query.upTo) } : {}),
        }),
        ScanIndexForward: true,
        Limit: query.limit,
        ...(query.after ? { ExclusiveStartKey: this.startKey(scope, partition, query.after) } : {}),
      }),
      { abortSignal: signal },
    );
    const items = (answer.Items ?? [])
      .map((item) => unmarshall(item) as CardTransactionItem)
      .filter((item) => item.type === ITEM_TYPES.cardTransaction);
    const last = answer.LastEvaluatedKey ? (unmarshall(answer.LastEvaluatedKey).gsi1sk as string) : undefined;
    return { items, ...(last ? { lastSortKey: last } : {}) };
  }

  /** The index key of the item a sort key names, rebuilt from the scope: a cursor carries no key of its own. */
  private startKey(scope: TenantScope, partition: string, sortKey: string) {
    const { digest } = parseCardTransactionSortKey(sortKey)!;
    return marshall({ ...cardTransactionKeyOfDigest(scope, digest), gsi1pk: partition, gsi1sk: sortKey });
  }
}

function itemOf(scope: TenantScope, transaction: CardTransaction, origin: ImportOrigin): CardTransactionItem {
  const holder = transaction.cardLast4 === undefined ? undefined : origin.holders[transaction.cardLast4];
  return cardTransactionItem(scope, transaction, { ...origin, holder });
}
