import {
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  mileageYearKey,
  noteKey,
  stageKey,
  type ItemKey,
  type MileageYearItem,
  type NoteItem,
  type StageItem,
  type TenantScope,
} from '@ndf/contracts';
import { readOwnerNotes } from '@ndf/note-workflow';
import { TransientError } from '@ndf/runtime';

/** BatchGetItem's limit per call. */
const BATCH = 100;
/** Rounds of BatchGetItem for keys DynamoDB left unprocessed, before the message is retried later. */
const UNPROCESSED_ROUNDS = 5;

/**
 * The ids of the employee's notes of a year that carry mileage, from the owner listing (gsi1,
 * by expense date), never a scan. The index is eventually consistent: its items say which notes
 * to read, and the notes are then read from the table.
 */
export async function mileageNoteIdsOfYear(
  dynamodb: DynamoDBClient,
  table: string,
  employee: TenantScope,
  year: number,
  signal: AbortSignal,
): Promise<string[]> {
  const notes = await readOwnerNotes(
    dynamodb,
    table,
    employee,
    employee.user,
    { from: `${year}-01-01`, to: `${year}-12-31`, projection: 'noteId', filter: 'attribute_exists(mileage)' },
    signal,
  );
  return notes.map((note) => note.noteId as string);
}

/** Items by key, read consistently, in chunks, absent ones left out. */
async function readItems(dynamodb: DynamoDBClient, table: string, keys: readonly ItemKey[], signal: AbortSignal) {
  const items: Record<string, unknown>[] = [];
  for (let offset = 0; offset < keys.length; offset += BATCH) {
    let pending = keys.slice(offset, offset + BATCH).map((key) => marshall(key));
    for (let round = 0; pending.length > 0; round += 1) {
      if (round === UNPROCESSED_ROUNDS) throw new TransientError(`DynamoDB left ${pending.length} keys unprocessed ${round} times.`);
      const answer = await dynamodb.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }), {
        abortSignal: signal,
      });
      items.push(...(answer.Responses?.[table] ?? []).map((item) => unmarshall(item)));
      pending = (answer.UnprocessedKeys?.[table]?.Keys ?? []) as typeof pending;
    }
  }
  return items;
}

export async function readNotes(
  dynamodb: DynamoDBClient,
  table: string,
  scope: TenantScope,
  noteIds: readonly string[],
  signal: AbortSignal,
) {
  return (await readItems(
    dynamodb,
    table,
    [...new Set(noteIds)].map((noteId) => noteKey(scope, noteId)),
    signal,
  )) as unknown as NoteItem[];
}

/** The service's stages of these notes, by note id. */
export async function readStages(
  dynamodb: DynamoDBClient,
  table: string,
  scope: TenantScope,
  service: string,
  noteIds: readonly string[],
  signal: AbortSignal,
): Promise<Map<string, StageItem>> {
  const keys = noteIds.map((noteId) => stageKey(scope, service, { noteId }));
  const stages = (await readItems(dynamodb, table, keys, signal)) as unknown as StageItem[];
  return new Map(stages.map((stage) => [stage.noteId!, stage]));
}

export async function readMileageYear(dynamodb: DynamoDBClient, table: string, employee: TenantScope, year: number, signal: AbortSignal) {
  const answer = await dynamodb.send(
    new GetItemCommand({ TableName: table, Key: marshall(mileageYearKey(employee, year)), ConsistentRead: true }),
    { abortSignal: signal },
  );
  return answer.Item ? (unmarshall(answer.Item) as MileageYearItem) : undefined;
}

/**
 * Writes the employee's year if its revision is still the one read (`undefined`: not there yet).
 * Says whether it wrote: false when another recomputation, or the batcher, wrote it in between.
 */
export async function writeMileageYear(
  dynamodb: DynamoDBClient,
  table: string,
  item: MileageYearItem,
  readRevision: number | undefined,
  signal: AbortSignal,
): Promise<boolean> {
  try {
    await dynamodb.send(
      new PutItemCommand({
        TableName: table,
        Item: marshall(item, { removeUndefinedValues: true }),
        ...(readRevision === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'revision = :revision', ExpressionAttributeValues: marshall({ ':revision': readRevision }) }),
      }),
      { abortSignal: signal },
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
