import { QueryCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { approvalKey, approverQueue, ITEM_TYPES, parseApprovalQueueSortKey, type ApprovalItem, type TenantScope } from '@ndf/contracts';

export interface QueuePage {
  readonly items: readonly ApprovalItem[];
  /** Whether more items follow the last one given. */
  readonly more: boolean;
}

/**
 * An approver's queue: the APPROVAL items under their gsi1 partition (see notes-table-keys in
 * @ndf/contracts), oldest request first. The scope's tenant and user name the partition: a caller
 * reads only their own queue, whatever cursor they send.
 */
export class ApprovalQueue {
  constructor(
    private readonly dynamodb: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** At most `limit` items after the queue sort key `after`. */
  async page(scope: TenantScope, query: { limit: number; after?: string | undefined }, signal: AbortSignal): Promise<QueuePage> {
    const queue = approverQueue(scope, scope.user);
    const { Items = [] } = await this.dynamodb.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :queue',
        ExpressionAttributeValues: marshall({ ':queue': queue }),
        ScanIndexForward: true,
        // One more than asked: whether a next page exists, without an empty last page.
        Limit: query.limit + 1,
        ...(query.after ? { ExclusiveStartKey: this.startKey(scope, queue, query.after) } : {}),
      }),
      { abortSignal: signal },
    );
    const items = Items.map((item) => unmarshall(item) as ApprovalItem).filter((item) => item.type === ITEM_TYPES.approval);
    return { items: items.slice(0, query.limit), more: items.length > query.limit };
  }

  /** The index key of the item a queue sort key names, rebuilt from the scope: a cursor carries no key of its own. */
  private startKey(scope: TenantScope, queue: string, sortKey: string): Record<string, AttributeValue> {
    const { noteId } = parseApprovalQueueSortKey(sortKey)!;
    return marshall({ ...approvalKey(scope, noteId, scope.user), gsi1pk: queue, gsi1sk: sortKey });
  }
}
