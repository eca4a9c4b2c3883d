import { ConditionalCheckFailedException, DeleteItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import {
  APPROVAL_DUE_SK,
  approvalDueIndexAttributes,
  approvalDueKey,
  approvalKey,
  approvalQueueSortKey,
  approverQueue,
  ITEM_TYPES,
  type ApprovalDueItem,
  type ApprovalItem,
  type ItemKey,
  type NoteItem,
  type TenantScope,
} from '@ndf/contracts';
import { readNoteRange } from './partition-range.js';

/** The level of a note's approval that items are asked for: the note's version then, its level, and when it was asked. */
export interface ApprovalRound {
  readonly note: Pick<NoteItem, 'noteId' | 'owner' | 'date' | 'amount' | 'merchant' | 'category' | 'correlationId'>;
  readonly level: number;
  readonly noteVersion: number;
  readonly requestedAt: string;
}

/** One approver's APPROVAL item of a round: the same round and approver always give the same item. */
export function approvalItemOf(scope: TenantScope, round: ApprovalRound, approver: string, escalatedAt?: string): ApprovalItem {
  const { note } = round;
  return {
    ...approvalKey(scope, note.noteId, approver),
    type: ITEM_TYPES.approval,
    tenant: scope.tenant,
    noteId: note.noteId,
    approver,
    owner: note.owner,
    level: round.level,
    noteVersion: round.noteVersion,
    requestedAt: round.requestedAt,
    gsi1pk: approverQueue(scope, approver),
    gsi1sk: approvalQueueSortKey(round.requestedAt, note.noteId),
    date: note.date,
    amount: note.amount,
    ...(note.merchant === undefined ? {} : { merchant: note.merchant }),
    ...(note.category === undefined ? {} : { category: note.category }),
    ...(note.correlationId === undefined ? {} : { correlationId: note.correlationId }),
    ...(escalatedAt === undefined ? {} : { escalatedAt }),
  };
}

export interface NoteApprovals {
  readonly approvals: readonly ApprovalItem[];
  readonly due?: ApprovalDueItem;
}

/** When a round's approvers are next due a reminder or its escalation (see approval-due.ts). */
export function approvalDueItemOf(scope: TenantScope, round: ApprovalRound, dueAt: Date): ApprovalDueItem {
  return {
    ...approvalDueKey(scope, round.note.noteId),
    type: ITEM_TYPES.approvalDue,
    tenant: scope.tenant,
    noteId: round.note.noteId,
    owner: round.note.owner,
    level: round.level,
    noteVersion: round.noteVersion,
    requestedAt: round.requestedAt,
    ...approvalDueIndexAttributes(round.note.noteId, dueAt),
  };
}

/** A note's APPROVAL items and its APPROVAL_DUE item: one consistent Query ('APPROVAL#…' sorts just before 'APPROVAL_DUE'). */
export async function readNoteApprovals(
  dynamodb: DynamoDBClient,
  tableName: string,
  scope: TenantScope,
  noteId: string,
  signal: AbortSignal,
): Promise<NoteApprovals> {
  const items = await readNoteRange(dynamodb, tableName, scope, noteId, { from: 'APPROVAL#', to: APPROVAL_DUE_SK }, signal);
  const due = items.find((item) => item.type === ITEM_TYPES.approvalDue) as ApprovalDueItem | undefined;
  return {
    approvals: items.filter((item) => item.type === ITEM_TYPES.approval) as unknown as ApprovalItem[],
    ...(due === undefined ? {} : { due }),
  };
}

const conditionFailed = (error: unknown) => error instanceof ConditionalCheckFailedException;

/**
 * Writes an APPROVAL (or APPROVAL_DUE) item unless this very round's is there (same level and
 * note version): a repeat keeps what was recorded on it since (a reminder), and writes nothing.
 */
export async function putRoundItemIfAbsent(
  dynamodb: DynamoDBClient,
  tableName: string,
  item: ApprovalItem | ApprovalDueItem,
  signal: AbortSignal,
): Promise<boolean> {
  try {
    await dynamodb.send(
      new PutItemCommand({
        TableName: tableName,
        Item: marshall(item, { removeUndefinedValues: true }),
        ConditionExpression: 'attribute_not_exists(pk) OR noteVersion <> :version OR #level <> :level',
        ExpressionAttributeNames: { '#level': 'level' },
        ExpressionAttributeValues: marshall({ ':version': item.noteVersion, ':level': item.level }),
      }),
      { abortSignal: signal },
    );
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

/** Deletes an item of a round seen (its note version), never one a concurrent write has since made for a newer round. */
export async function deleteRoundItem(
  dynamodb: DynamoDBClient,
  tableName: string,
  key: ItemKey,
  noteVersion: number,
  signal: AbortSignal,
): Promise<boolean> {
  try {
    await dynamodb.send(
      new DeleteItemCommand({
        TableName: tableName,
        Key: marshall({ pk: key.pk, sk: key.sk }),
        ConditionExpression: 'noteVersion = :version',
        ExpressionAttributeValues: marshall({ ':version': noteVersion }),
      }),
      { abortSignal: signal },
    );
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}
