import {
  GetItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  advancePrefix,
  advancesPartition,
  ITEM_TYPES,
  reimbursementRequestKey,
  type AdvanceItem,
  type ItemKey,
  type TenantScope,
} from '@ndf/contracts';

const absent = 'attribute_not_exists(pk)';

/** The tenant's ADVANCE items, as the reimbursement batcher reads and deducts them. */
export class AdvanceRecords {
  constructor(
    private readonly dynamodb: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /**
   * Writes the advance with the record of the Idempotency-Key that made it, in one transaction:
   * the key already used answers the advance it made (`written: false`), whatever this request asks.
   */
  async record(
    scope: TenantScope,
    idempotencyKey: string,
    item: AdvanceItem,
    signal: AbortSignal,
  ): Promise<{ written: boolean; item: AdvanceItem }> {
    const request = reimbursementRequestKey(scope, 'advance', idempotencyKey);
    const marker = {
      ...request,
      type: ITEM_TYPES.reimbursementRequest,
      user: scope.user,
      made: { pk: item.pk, sk: item.sk },
      at: item.paidAt,
    };
    try {
      await this.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: marshall(marker), ConditionExpression: absent } },
            { Put: { TableName: this.tableName, Item: marshall(item, { removeUndefinedValues: true }), ConditionExpression: absent } },
          ],
        }),
        { abortSignal: signal },
      );
      return { written: true, item };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const made = (await this.read(request, signal))?.made as ItemKey | undefined;
      const earlier = made === undefined ? undefined : await this.read(made, signal);
      // Cancelled for another reason than a key already used (a conflicting write at the same time): let the caller retry.
      if (earlier === undefined) throw error;
      return { written: false, item: earlier as unknown as AdvanceItem };
    }
  }

  /** Every advance of the tenant, or of one employee (their sort keys start with the employee), oldest first. */
  async list(scope: TenantScope, employee: string | undefined, signal: AbortSignal): Promise<AdvanceItem[]> {
    const items: AdvanceItem[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.dynamodb.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: employee === undefined ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :employee)',
          ExpressionAttributeValues: marshall({
            ':pk': advancesPartition(scope),
            ...(employee === undefined ? {} : { ':employee': advancePrefix(employee) }),
          }),
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
        { abortSignal: signal },
      );
      items.push(...(page.Items ?? []).map((raw) => unmarshall(raw) as AdvanceItem).filter((item) => item.type === ITEM_TYPES.advance));
      start = page.LastEvaluatedKey;
    } while (start);
    return items.sort((a, b) => a.paidAt.localeCompare(b.paidAt) || a.advanceId.localeCompare(b.advanceId));
  }

  private async read(key: ItemKey, signal: AbortSignal): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.dynamodb.send(
      new GetItemCommand({ TableName: this.tableName, Key: marshall({ pk: key.pk, sk: key.sk }), ConsistentRead: true }),
      { abortSignal: signal },
    );
    return Item ? unmarshall(Item) : undefined;
  }
}
