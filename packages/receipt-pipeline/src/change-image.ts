import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { ChangeMessage } from '@ndf/contracts';
import type { CallDependency } from '@ndf/runtime';
import { parseChange } from './change.js';

/** Reads an item of the changed table as it is now (undefined when it is gone). */
export type ItemReader = (keys: ChangeMessage['keys'], signal: AbortSignal) => Promise<Record<string, unknown> | undefined>;

/** An ItemReader on one table: a consistent GetItem, so that it sees at least the change it completes. */
export function itemReader(dynamodb: DynamoDBClient, tableName: string): ItemReader {
  return async (keys, signal) => {
    const answer = await dynamodb.send(new GetItemCommand({ TableName: tableName, Key: marshall(keys), ConsistentRead: true }), {
      abortSignal: signal,
    });
    return answer.Item ? unmarshall(answer.Item) : undefined;
  };
}

/**
 * The change with its new image. The stream router leaves the images out of a change too large
 * for a queue message (`imagesOmitted`), and the receiver reads the item instead: its current
 * state, which is the change's or a later one (receivers act on the item as it stands).
 * Undefined when such an item is gone: nothing is left to act on.
 */
export async function withImages(change: ChangeMessage, read: ItemReader, signal: AbortSignal): Promise<ChangeMessage | undefined> {
  if (!change.imagesOmitted) return change;
  const current = await read(change.keys, signal);
  if (current === undefined) return undefined;
  const { imagesOmitted: _omitted, ...rest } = change;
  return { ...rest, newImage: current };
}

/** The stream router's message as a change with its image, read through the `dynamodb` dependency only when the router left it out. */
export async function readChange(body: string, read: ItemReader, call: CallDependency<'dynamodb'>): Promise<ChangeMessage | undefined> {
  const change = parseChange(body);
  return change.imagesOmitted ? call('dynamodb', (signal) => withImages(change, read, signal)) : change;
}
