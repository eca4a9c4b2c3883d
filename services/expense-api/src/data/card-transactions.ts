import { PutItemCommand, QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { CardTransaction } from '@ndf/card-statements';
import {
  CARD_TENANTS_PARTITION,
  cardTenantKey,
  cardTransactionItem,
  cardTransactionKeyOfDigest,
  cardTransactionSortKeyUpTo,
  ITEM_TYPES,
  parseCardTransactionSortKey,
  unsettledCardTransactions,
  type CardTransactionItem,
  type TenantScope,
} from '@ndf/contracts';

/** At most this many conditional writes in flight for one import: a statement's lines without starving the table's other writers. */
const WRITES_IN_FLIGHT = 16;

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
   * Writes each transaction once: a conditional PutItem keyed by the statement's id for it, so a
   * re-import (or two at once) finds it written. A debit goes into the unsettled index.
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
    let written = 0;
    let next = 0;
    const writer = async () => {
      while (next < transactions.length) {
        const transaction = transactions[next++]!;
        if (await this.putOnce(scope, itemOf(scope, transaction, origin), signal)) written += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(WRITES_IN_FLIGHT, transactions.length) }, writer));
    return { written, alreadyKnown: transactions.length - written };
  }

  private async putOnce(scope: TenantScope, item: CardTransactionItem, signal: AbortSignal): Promise<boolean> {
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
