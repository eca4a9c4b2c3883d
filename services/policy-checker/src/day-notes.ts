import { BatchGetItemCommand, type BatchGetItemCommandOutput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { stageKey, type NoteItem, type StageItem, type TenantScope } from '@ndf/contracts';
import { readOwnerNotes } from '@ndf/note-workflow';
import { CONVERTER } from './checked-amount.js';
import type { DayNote } from './policy-stage.js';

const BATCH_GET_LIMIT = 100;

/** The converter's stages of the given notes, every key read (a key left unprocessed is asked again). */
async function converterStages(
  dynamodb: DynamoDBClient,
  table: string,
  scope: TenantScope,
  noteIds: readonly string[],
  signal: AbortSignal,
) {
  const stages: StageItem[] = [];
  for (let first = 0; first < noteIds.length; first += BATCH_GET_LIMIT) {
    let keys: Record<string, unknown>[] | undefined = noteIds
      .slice(first, first + BATCH_GET_LIMIT)
      .map((noteId) => marshall(stageKey(scope, CONVERTER, { noteId })));
    while (keys !== undefined && keys.length > 0) {
      const answer: BatchGetItemCommandOutput = await dynamodb.send(
        new BatchGetItemCommand({ RequestItems: { [table]: { Keys: keys as never } } }),
        {
          abortSignal: signal,
        },
      );
      stages.push(...((answer.Responses?.[table] ?? []).map((item) => unmarshall(item)) as StageItem[]));
      keys = answer.UnprocessedKeys?.[table]?.Keys;
    }
  }
  return stages;
}

/**
 * The owner's notes of the date, each with its converter stage when it is in another currency
 * than the policy's. The index is eventually consistent: a note written a moment ago may be
 * missing, and is counted when it is checked itself, or at the next change of this one.
 */
export async function readDayNotes(
  dynamodb: DynamoDBClient,
  table: string,
  scope: TenantScope,
  owner: string,
  date: string,
  currency: string,
  signal: AbortSignal,
): Promise<DayNote[]> {
  const notes = (await readOwnerNotes(dynamodb, table, scope, owner, { from: date, to: date }, signal)) as unknown as NoteItem[];
  const foreign = notes.filter((note) => note.amount.currency !== currency).map((note) => note.noteId);
  const stages = foreign.length === 0 ? [] : await converterStages(dynamodb, table, scope, foreign, signal);
  return notes.map((note) => ({ note, stages: stages.filter((stage) => stage.noteId === note.noteId) }));
}
