import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import {
  ITEM_TYPES,
  historyKey,
  noteKey,
  payableIndexAttributes,
  payableKey,
  type HistoryActor,
  type HistoryItem,
  type NoteItem,
  type TenantScope,
} from '@ndf/contracts';
import type { TransitionRequest } from './request.js';
import type { Transition } from './transitions.js';

const toRecord = (item: object) => marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: false });

/** The record of a transition of `note` (as read) to its next version. */
export function historyItem(
  scope: TenantScope,
  note: Pick<NoteItem, 'noteId' | 'status' | 'version'>,
  transition: Transition,
  request: TransitionRequest,
  actor: HistoryActor,
  at: string,
): HistoryItem {
  const version = note.version + 1;
  return {
    ...historyKey(scope, note.noteId, version),
    type: ITEM_TYPES.history,
    tenant: scope.tenant,
    noteId: note.noteId,
    version,
    action: transition.action,
    from: note.status as HistoryItem['from'],
    to: transition.to,
    actor,
    at,
    requestId: request.requestId,
    correlationId: request.correlationId ?? request.requestId,
    ...(request.reason === undefined ? {} : { reason: request.reason }),
    ...(request.comment === undefined ? {} : { comment: request.comment }),
    ...(request.details === undefined ? {} : { details: request.details }),
  };
}

/**
 * The transaction of one transition: the note's update, only from the status and version it
 * was read at (what the checks read changes only with a new version, so nothing checked on that
 * read can have changed), and its history item, keyed by the new version so that it is written once.
 */
export function transitionWrite(
  tableName: string,
  scope: TenantScope,
  transition: Transition,
  history: HistoryItem,
  request: TransitionRequest,
  owner: string,
): TransactWriteItem[] {
  const names: Record<string, string> = {
    '#status': 'status',
    '#version': 'version',
    '#updatedAt': 'updatedAt',
    '#correlationId': 'correlationId',
  };
  const values: Record<string, unknown> = {
    ':from': history.from,
    ':to': history.to,
    ':expected': history.version - 1,
    ':next': history.version,
    ':at': history.at,
    ':correlationId': history.correlationId,
  };
  const sets = ['#status = :to', '#version = :next', '#updatedAt = :at', '#correlationId = :correlationId'];
  const fields: Record<string, unknown> = { ...request.fields };
  if (transition.approval === 'start') Object.assign(fields, { approvalLevel: 1, approvalLevels: fields.approvalLevels ?? 1 });
  if (transition.approval === 'next') {
    values[':one'] = 1;
    sets.push('approvalLevel = approvalLevel + :one');
  }
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    names[`#f_${name}`] = name;
    values[`:f_${name}`] = value;
    sets.push(`#f_${name} = :f_${name}`);
  }
  // A new round (submitted again, withdrawn) is decided anew: no level, and no amount an earlier round approved in part.
  const remove = transition.approval === 'clear' ? ' REMOVE approvalLevel, approvalLevels, approvedAmount' : '';
  const payable = payableWrite(tableName, scope, transition, history, owner);
  return [
    ...payable,
    {
      Update: {
        TableName: tableName,
        Key: toRecord(noteKey(scope, history.noteId)),
        UpdateExpression: `SET ${sets.join(', ')}${remove}`,
        ConditionExpression: 'attribute_exists(pk) AND #status = :from AND #version = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: toRecord(values),
      },
    },
    { Put: { TableName: tableName, Item: toRecord(history), ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
}

/**
 * An approved note enters the batcher's index of notes to pay, and leaves it once batched, in
 * the transition's own transaction: the index never misses an approved note nor keeps a batched one.
 */
function payableWrite(
  tableName: string,
  scope: TenantScope,
  transition: Transition,
  history: HistoryItem,
  owner: string,
): TransactWriteItem[] {
  const key = payableKey(scope, history.noteId);
  if (transition.payable === 'leave') return [{ Delete: { TableName: tableName, Key: toRecord(key) } }];
  if (transition.payable !== 'enter') return [];
  const item = {
    ...key,
    ...payableIndexAttributes(scope, history.at, history.noteId),
    type: ITEM_TYPES.payable,
    tenant: scope.tenant,
    noteId: history.noteId,
    owner,
    approvedAt: history.at,
    noteVersion: history.version,
  };
  return [{ Put: { TableName: tableName, Item: toRecord(item) } }];
}
