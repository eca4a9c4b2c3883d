import { QueryCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  CARD_TENANTS_PARTITION,
  cardTransactionKey,
  cardTransactionSortKeyUpTo,
  ITEM_TYPES,
  unsettledCardTransactions,
  type CardTransactionItem,
  type TenantScope,
} from '@ndf/contracts';

async function* pages(dynamodb: DynamoDBClient, input: ConstructorParameters<typeof QueryCommand>[0], signal: AbortSignal) {
  let start: Record<string, NonNullable<unknown>> | undefined;
  do {
    const page = await dynamodb.send(new QueryCommand({ ...input, ExclusiveStartKey: start as never }), { abortSignal: signal });
    yield (page.Items ?? []).map((item) => unmarshall(item));
    start = page.LastEvaluatedKey;
  } while (start);
}

/** Every tenant that imported card statements: one small partition of gsi1, never a scan. */
export async function cardTenants(dynamodb: DynamoDBClient, table: string, signal: AbortSignal): Promise<string[]> {
  const tenants: string[] = [];
  const query = {
    TableName: table,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :partition',
    ExpressionAttributeValues: marshall({ ':partition': CARD_TENANTS_PARTITION }),
  };
  for await (const items of pages(dynamodb, query, signal))
    tenants.push(...items.filter((item) => item.type === ITEM_TYPES.cardTenant).map((item) => String(item.tenant)));
  return tenants;
}

/** The tenant's unsettled payments made up to `upTo` (a key range of its card index) and never reminded. */
export async function unremindedOverdue(
  dynamodb: DynamoDBClient,
  table: string,
  scope: TenantScope,
  upTo: string,
  signal: AbortSignal,
): Promise<CardTransactionItem[]> {
  const due: CardTransactionItem[] = [];
  const query = {
    TableName: table,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :partition AND gsi1sk <= :upTo',
    FilterExpression: 'attribute_not_exists(remindedAt)',
    ExpressionAttributeValues: marshall({ ':partition': unsettledCardTransactions(scope), ':upTo': cardTransactionSortKeyUpTo(upTo) }),
  };
  for await (const items of pages(dynamodb, query, signal))
    due.push(...(items.filter((item) => item.type === ITEM_TYPES.cardTransaction) as CardTransactionItem[]));
  return due;
}

/**
 * Records that the payment's holder was reminded, if nobody did it before and it is still
 * unsettled: true for the one writer that records it, so a reminder goes out once.
 */
export async function markReminded(
  dynamodb: DynamoDBClient,
  table: string,
  scope: TenantScope,
  transaction: CardTransactionItem,
  at: string,
  signal: AbortSignal,
): Promise<boolean> {
  try {
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: table,
        Key: marshall(cardTransactionKey(scope, transaction.transactionId)),
        UpdateExpression: 'SET remindedAt = :at',
        ConditionExpression: 'attribute_not_exists(remindedAt) AND attribute_exists(gsi1pk)',
        ExpressionAttributeValues: marshall({ ':at': at }),
      }),
      { abortSignal: signal },
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
