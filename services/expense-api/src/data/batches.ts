import { GetItemCommand, PutItemCommand, QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { BATCH_PREFIX, batchKey, reimbursementRequestKey, type TenantScope } from '@ndf/contracts';
import { batchRequestItem, type BatchItem } from '@ndf/reimbursement-batches';

export interface BatchPageRead {
  readonly items: readonly BatchItem[];
  readonly more: boolean;
}

/** The tenant's BATCH items as the reimbursement batcher writes them, and which batch each request to the API made. */
export class BatchRecords {
  constructor(
    private readonly dynamodb: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async get(scope: TenantScope, batchId: string, signal: AbortSignal): Promise<BatchItem | undefined> {
    const { Item } = await this.dynamodb.send(
      new GetItemCommand({ TableName: this.tableName, Key: marshall(batchKey(scope, batchId)), ConsistentRead: true }),
      { abortSignal: signal },
    );
    return Item ? (unmarshall(Item) as BatchItem) : undefined;
  }

  /** At most `limit` batches after the batch id `after`, by id, the last made first. */
  async page(scope: TenantScope, query: { limit: number; after?: string | undefined }, signal: AbortSignal): Promise<BatchPageRead> {
    const { pk } = batchKey(scope, 'none');
    const { Items = [] } = await this.dynamodb.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :batches)',
        ExpressionAttributeValues: marshall({ ':pk': pk, ':batches': BATCH_PREFIX }),
        ScanIndexForward: false,
        Limit: query.limit + 1,
        ...(query.after ? { ExclusiveStartKey: marshall(batchKey(scope, query.after)) } : {}),
      }),
      { abortSignal: signal },
    );
    const items = Items.map((item) => unmarshall(item) as BatchItem);
    return { items: items.slice(0, query.limit), more: items.length > query.limit };
  }

  /** The batch an earlier request under this Idempotency-Key made, if it made one. */
  async madeBy(scope: TenantScope, idempotencyKey: string, signal: AbortSignal): Promise<string | undefined> {
    const { Item } = await this.dynamodb.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: marshall(reimbursementRequestKey(scope, 'batch', idempotencyKey)),
        ConsistentRead: true,
      }),
      { abortSignal: signal },
    );
    const batchId = Item ? unmarshall(Item).batchId : undefined;
    return typeof batchId === 'string' ? batchId : undefined;
  }

  async recordMade(scope: TenantScope, idempotencyKey: string, batchId: string, at: Date, signal: AbortSignal): Promise<void> {
    const item = batchRequestItem({ scope, idempotencyKey }, batchId, at);
    await this.dynamodb.send(new PutItemCommand({ TableName: this.tableName, Item: marshall(item) }), { abortSignal: signal });
  }
}
