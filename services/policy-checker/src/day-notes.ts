import { BatchGetItemCommand, QueryCommand, type BatchGetItemCommandOutput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { ownerListing, stageKey, tenantScope, type NoteItem, type StageItem, type TenantScope } from '@ndf/contracts';
import { CONVERTER } from './checked-amount.js';
import type { DayNote } from './policy-stage.js';

const BATCH_GET_LIMIT = 100;

/** The owner's notes of one date, from the listing index (its partition is the owner's, its sort key starts with the date). */
async function notesOfDay(
  dynamodb: DynamoDBClient,
  table: string,
  owner: TenantScope,
  date: string,
  signal: AbortSignal,
): Promise<NoteItem[]> {
  const notes: NoteItem[] = [];
  let start: Record<string, NonNullable<unknown>> | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :owner AND begins_with(gsi1sk, :day)',
        ExpressionAttributeValues: marshall({ ':owner': ownerListing(owner), ':day': `${date}#` }),
        ExclusiveStartKey: start as never,
      }),
      { abortSignal: signal },
    );
    notes.push(...((page.Items ?? []).map((item) => unmarshall(item)) as NoteItem[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return notes;
}

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
  const notes = await notesOfDay(dynamodb, table, tenantScope({ tenant: scope.tenant, user: owner, roles: [] }), date, signal);
  const foreign = notes.filter((note) => note.amount.currency !== currency).map((note) => note.noteId);
  const stages = foreign.length === 0 ? [] : await converterStages(dynamodb, table, scope, foreign, signal);
  return notes.map((note) => ({ note, stages: stages.filter((stage) => stage.noteId === note.noteId) }));
}
