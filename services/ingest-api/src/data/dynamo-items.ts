import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Change } from './note-items.js';

export type Item = Record<string, unknown>;
export const toItem = (record: Record<string, AttributeValue>): Item => unmarshall(record);
export const toRecord = (item: object): Record<string, AttributeValue> =>
  marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: false });

/** A refused conditional write, with the item as it is (when the write asked for it with ALL_OLD). */
export function conditionFailed(error: unknown): { item: Item | undefined } | undefined {
  const shape = error as { name?: string; Item?: Record<string, AttributeValue> };
  if (shape?.name !== 'ConditionalCheckFailedException') return undefined;
  return { item: shape.Item ? toItem(shape.Item) : undefined };
}

/**
 * A cancelled transaction's refusals, by the index of its items: for each item whose condition
 * failed, the item as it is (undefined when there is none). Undefined for any other error, and
 * for a cancellation that is not only failed conditions (a conflict, a throttle: worth a retry).
 */
export function refusedItems(error: unknown): Map<number, Item | undefined> | undefined {
  const shape = error as { name?: string; CancellationReasons?: { Code?: string; Item?: Record<string, AttributeValue> }[] };
  if (shape?.name !== 'TransactionCanceledException' || !shape.CancellationReasons) return undefined;
  const refused = new Map<number, Item | undefined>();
  for (const [index, reason] of shape.CancellationReasons.entries()) {
    if (reason.Code === 'ConditionalCheckFailed') refused.set(index, reason.Item ? toItem(reason.Item) : undefined);
    else if (reason.Code !== undefined && reason.Code !== 'None') return undefined;
  }
  return refused.size > 0 ? refused : undefined;
}

/**
 * Whether an item that made this request's conditional write fail is what this very request
 * wrote: the SDK retried a write whose first attempt landed but whose answer was lost. The
 * request's correlation id and time, stamped on every item it writes, tell.
 */
export function writtenBy(item: Item | undefined, change: Change, timeAttribute: 'updatedAt' | 'requestedAt' | 'createdAt'): boolean {
  return item !== undefined && item.correlationId === change.correlationId && item[timeAttribute] === change.now.toISOString();
}
