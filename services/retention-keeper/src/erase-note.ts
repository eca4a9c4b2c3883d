import { TransactWriteItemsCommand, UpdateItemCommand, type DynamoDBClient, type Update } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ITEM_TYPES, erasureKey, type TenantScope } from '@ndf/contracts';
import type { ItemErasure } from './pseudonymise.js';

/** An UpdateItem's expression for one item's erasure, its names and values as placeholders. */
function updateOf(
  table: string,
  erasure: ItemErasure,
  condition: { expression: string; names?: Record<string, string>; values: Record<string, unknown> },
): Update {
  const names: Record<string, string> = { ...condition.names };
  const values: Record<string, unknown> = { ...condition.values };
  const sets = Object.entries(erasure.set).map(([name, value], index) => {
    names[`#s${index}`] = name;
    values[`:s${index}`] = value;
    return `#s${index} = :s${index}`;
  });
  const removes = erasure.remove.map((name, index) => {
    names[`#r${index}`] = name;
    return `#r${index}`;
  });
  return {
    TableName: table,
    Key: marshall(erasure.key),
    UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ').trim(),
    ConditionExpression: condition.expression,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: marshall(values, { removeUndefinedValues: true }),
  };
}

export interface NoteErasureRun {
  readonly scope: TenantScope;
  readonly requestId: string;
  readonly employee: string;
  readonly pseudonym: string;
}

/**
 * Applies a note's erasures: every item but the note first (each setting the same values again
 * on a repeat), then the note with the request's counters in one transaction, conditional on the
 * note still naming the employee. That last write is the note's commit: a repeat after it finds
 * the note erased and counts nothing twice; a stop before it is made good by the next run.
 */
export async function eraseNote(
  dynamodb: DynamoDBClient,
  table: string,
  run: NoteErasureRun,
  erasures: readonly ItemErasure[],
  signal: AbortSignal,
): Promise<'erased' | 'already-erased'> {
  const note = erasures.find((erasure) => erasure.type === ITEM_TYPES.note);
  if (!note) return 'already-erased';
  for (const erasure of erasures.filter((candidate) => candidate !== note)) {
    try {
      await dynamodb.send(new UpdateItemCommand(updateOf(table, erasure, { expression: 'attribute_exists(pk)', values: {} })), {
        abortSignal: signal,
      });
    } catch (error) {
      // An item gone meanwhile (an approval decided) has nothing left to erase.
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
  const receipts = erasures.filter((erasure) => erasure.type === ITEM_TYPES.receipt).length;
  try {
    await dynamodb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Update: updateOf(table, note, {
              expression: '#owner = :employee',
              names: { '#owner': 'owner' },
              values: { ':employee': run.employee },
            }),
          },
          {
            Update: {
              TableName: table,
              Key: marshall(erasureKey(run.scope, run.requestId)),
              UpdateExpression: 'ADD notesErased :one, receiptsErased :receipts, itemsChanged :items',
              ConditionExpression: 'pseudonym = :pseudonym',
              ExpressionAttributeValues: marshall({
                ':one': 1,
                ':receipts': receipts,
                ':items': erasures.length,
                ':pseudonym': run.pseudonym,
              }),
            },
          },
        ],
      }),
      { abortSignal: signal },
    );
    return 'erased';
  } catch (error) {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if ((error as Error).name === 'TransactionCanceledException' && reasons?.[0]?.Code === 'ConditionalCheckFailed')
      return 'already-erased';
    throw error;
  }
}
