import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { ERASURES_TO_DRIVE, RETENTION_ITEM_TYPES, erasureKey, tenantScope, type TenantScope } from '@ndf/contracts';

/**
 * requested: waiting for the keeper; running: notes being pseudonymised, page by page;
 * waiting_for_holds: every note done but those under a legal hold, looked at again until released;
 * completed: nothing of the employee's is left on their notes, and the pseudonym's link is gone.
 */
export const ERASURE_STATUSES = ['requested', 'running', 'waiting_for_holds', 'completed'] as const;
export type ErasureStatus = (typeof ERASURE_STATUSES)[number];

export interface ErasureRequest {
  readonly requestId: string;
  /** The departed employee (their user id). */
  readonly employee: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
}

/** What an erasure's progress and final report say (the API shows this). */
export interface ErasureReport extends ErasureRequest {
  readonly status: ErasureStatus;
  readonly notesErased: number;
  readonly receiptsErased: number;
  /** Items changed in all: notes, receipts, workflow steps, pending approvals. */
  readonly itemsChanged: number;
  /** Notes left as they are because a legal hold names them, with the hold. */
  readonly heldBack: readonly { readonly noteId: string; readonly holdId: string }[];
  readonly startedAt?: string;
  readonly completedAt?: string;
}

/** The stored item: the report, and while it runs the pseudonym and where its pass stands. */
export interface ErasureItem extends ErasureReport {
  readonly pk: string;
  readonly sk: string;
  readonly tenant: string;
  /** Stands for the employee on their notes; dropped on completion, so nothing links it back to them. */
  readonly pseudonym?: string;
  /** The owner listing's last key read (JSON), for the next page. */
  readonly cursor?: string;
  readonly gsi1pk?: string;
  readonly gsi1sk?: string;
}

/** Records an erasure request, to be driven by the retention keeper; the same request id again changes nothing. */
export async function requestErasure(
  dynamodb: DynamoDBClient,
  table: string,
  scope: TenantScope,
  request: ErasureRequest,
  signal?: AbortSignal,
): Promise<'requested' | 'already-requested'> {
  // The employee names a listing key: one that cannot be a user id is refused here, not on every tick.
  tenantScope({ tenant: scope.tenant, user: request.employee, roles: [] });
  const item: ErasureItem = {
    ...erasureKey(scope, request.requestId),
    tenant: scope.tenant,
    ...request,
    status: 'requested',
    notesErased: 0,
    receiptsErased: 0,
    itemsChanged: 0,
    heldBack: [],
    gsi1pk: ERASURES_TO_DRIVE,
    gsi1sk: `${request.requestedAt}#${scope.tenant}#${request.requestId}`,
  };
  try {
    await dynamodb.send(
      new PutItemCommand({
        TableName: table,
        Item: marshall({ ...item, type: RETENTION_ITEM_TYPES.erasure }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
      { abortSignal: signal },
    );
    return 'requested';
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return 'already-requested';
    throw error;
  }
}

export async function readErasureItem(
  dynamodb: DynamoDBClient,
  table: string,
  scope: TenantScope,
  requestId: string,
  signal?: AbortSignal,
): Promise<ErasureItem | undefined> {
  const { Item } = await dynamodb.send(
    new GetItemCommand({ TableName: table, Key: marshall(erasureKey(scope, requestId)), ConsistentRead: true }),
    { abortSignal: signal },
  );
  return Item ? (unmarshall(Item) as ErasureItem) : undefined;
}

/** An erasure's progress, or its final report: never its pseudonym. */
export async function readErasure(
  dynamodb: DynamoDBClient,
  table: string,
  scope: TenantScope,
  requestId: string,
  signal?: AbortSignal,
): Promise<ErasureReport | undefined> {
  const item = await readErasureItem(dynamodb, table, scope, requestId, signal);
  if (!item) return undefined;
  const { requestId: id, employee, requestedBy, requestedAt, status, notesErased, receiptsErased, itemsChanged, heldBack } = item;
  return {
    requestId: id,
    employee,
    requestedBy,
    requestedAt,
    status,
    notesErased,
    receiptsErased,
    itemsChanged,
    heldBack,
    ...(item.startedAt ? { startedAt: item.startedAt } : {}),
    ...(item.completedAt ? { completedAt: item.completedAt } : {}),
  };
}
