import { PutItemCommand, QueryCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { HOLD_SK_PREFIX, RETENTION_ITEM_TYPES, holdKey, retentionItemsPartition, type TenantScope } from '@ndf/contracts';

/** What a legal hold keeps untouched: one note, everything of one employee, or the whole tenant. */
export type HoldScope =
  { readonly kind: 'note'; readonly noteId: string } | { readonly kind: 'employee'; readonly employee: string } | { readonly kind: 'all' };

/** A legal hold (a dispute, an audit, a court order): while it is not released, nothing it names is changed or deleted. */
export interface Hold {
  readonly holdId: string;
  readonly scope: HoldScope;
  readonly reason: string;
  /** Who placed it (a user id). */
  readonly placedBy: string;
  readonly placedAt: string;
  readonly releasedBy?: string;
  readonly releasedAt?: string;
}

/** What a hold is asked about: a note, its owner, and the uploaders of its receipts. */
export interface HeldSubject {
  readonly noteId: string;
  readonly people: readonly string[];
}

/** The first hold still in force that names the subject, if any. */
export function holdOn(holds: readonly Hold[], subject: HeldSubject): Hold | undefined {
  return holds.find((hold) => {
    if (hold.releasedAt !== undefined) return false;
    if (hold.scope.kind === 'all') return true;
    if (hold.scope.kind === 'note') return hold.scope.noteId === subject.noteId;
    return subject.people.includes(hold.scope.employee);
  });
}

/** Places a hold; placing the same hold id again changes nothing. */
export async function placeHold(
  dynamodb: DynamoDBClient,
  table: string,
  scope: TenantScope,
  hold: Omit<Hold, 'releasedBy' | 'releasedAt'>,
  signal?: AbortSignal,
): Promise<'placed' | 'already-placed'> {
  try {
    await dynamodb.send(
      new PutItemCommand({
        TableName: table,
        Item: marshall({ ...holdKey(scope, hold.holdId), type: RETENTION_ITEM_TYPES.hold, tenant: scope.tenant, ...hold }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
      { abortSignal: signal },
    );
    return 'placed';
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return 'already-placed';
    throw error;
  }
}

/** Releases a hold: kept, with who released it and when, so that what it protected and for how long stays known. */
export async function releaseHold(
  dynamodb: DynamoDBClient,
  table: string,
  scope: TenantScope,
  release: { readonly holdId: string; readonly releasedBy: string; readonly releasedAt: string },
  signal?: AbortSignal,
): Promise<'released' | 'not-found-or-released'> {
  try {
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: table,
        Key: marshall(holdKey(scope, release.holdId)),
        UpdateExpression: 'SET releasedBy = :by, releasedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(releasedAt)',
        ExpressionAttributeValues: marshall({ ':by': release.releasedBy, ':at': release.releasedAt }),
      }),
      { abortSignal: signal },
    );
    return 'released';
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return 'not-found-or-released';
    throw error;
  }
}

/** Every hold of the tenant, released ones included (strongly consistent: a hold placed a moment ago counts). */
export async function readHolds(dynamodb: DynamoDBClient, table: string, scope: TenantScope, signal?: AbortSignal): Promise<Hold[]> {
  const holds: Hold[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :hold)',
        ExpressionAttributeValues: marshall({ ':pk': retentionItemsPartition(scope), ':hold': HOLD_SK_PREFIX }),
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: marshall(start) } : {}),
      }),
      { abortSignal: signal },
    );
    for (const item of page.Items ?? []) {
      const { holdId, scope: holdScope, reason, placedBy, placedAt, releasedBy, releasedAt } = unmarshall(item) as Hold;
      holds.push({ holdId, scope: holdScope, reason, placedBy, placedAt, ...(releasedAt ? { releasedBy, releasedAt } : {}) } as Hold);
    }
    start = page.LastEvaluatedKey ? unmarshall(page.LastEvaluatedKey) : undefined;
  } while (start);
  return holds;
}
