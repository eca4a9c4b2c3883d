import { QueryCommand, UpdateItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { ERASURES_TO_DRIVE, erasureKey, ownerListing, tenantScope, type TenantScope } from '@ndf/contracts';
import { holdOn, readErasureItem, readHolds, type ErasureItem, type ErasureStatus, type Hold } from '@ndf/retention';
import { eraseNote, type NoteErasureRun } from './erase-note.js';
import { readNoteItems } from './note-items.js';
import { noteErasures } from './pseudonymise.js';

export interface ErasureDriver {
  readonly dynamodb: DynamoDBClient;
  readonly table: string;
  readonly now: () => Date;
  /** A fresh random pseudonym (see the README for why random, not a keyed hash). */
  readonly newPseudonym: () => string;
  /** Notes of the employee looked at in one step, so a step stays within the tick's deadline. */
  readonly notesPerStep: number;
}

type HeldBack = ErasureItem['heldBack'];

const keeperScope = (tenant: string) => tenantScope({ tenant, user: 'retention-keeper', roles: [] });

/** The erasures not completed yet, all tenants, oldest request first. */
export async function erasuresToDrive(dynamodb: DynamoDBClient, table: string, limit: number, signal: AbortSignal): Promise<ErasureItem[]> {
  const page = await dynamodb.send(
    new QueryCommand({
      TableName: table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: marshall({ ':pk': ERASURES_TO_DRIVE }),
      Limit: limit,
    }),
    { abortSignal: signal },
  );
  return (page.Items ?? []).map((item) => unmarshall(item) as ErasureItem);
}

/**
 * One step of an erasure, from where it stands: a request gets its pseudonym; a running one erases
 * the next page of the employee's notes (each note erased leaves the employee's listing; one a
 * legal hold names is left as it is and listed as held back); once every note was looked at, the
 * held ones are looked at again on each step until their hold is released. Holds are read before
 * anything is changed, on every step. Returns the status it leaves the request in.
 */
export async function driveErasure(driver: ErasureDriver, request: ErasureItem, signal: AbortSignal): Promise<ErasureStatus> {
  const scope = keeperScope(request.tenant);
  // The index's copy may be stale (eventually consistent): the item itself says where it stands.
  let item = (await readErasureItem(driver.dynamodb, driver.table, scope, request.requestId, signal)) ?? request;
  if (item.status === 'requested') item = await start(driver, scope, item, signal);
  if (item.status === 'completed' || item.pseudonym === undefined) return item.status;
  const holds = await readHolds(driver.dynamodb, driver.table, scope, signal);
  const run: NoteErasureRun = { scope, requestId: item.requestId, employee: item.employee, pseudonym: item.pseudonym };
  if (item.status === 'running') {
    const listing = await driver.dynamodb.send(
      new QueryCommand({
        TableName: driver.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': ownerListing(tenantScope({ tenant: item.tenant, user: item.employee, roles: [] })) }),
        Limit: driver.notesPerStep,
        ...(item.cursor ? { ExclusiveStartKey: JSON.parse(item.cursor) as Record<string, AttributeValue> } : {}),
      }),
      { abortSignal: signal },
    );
    let heldBack = item.heldBack;
    for (const listed of (listing.Items ?? []).map((entry) => unmarshall(entry))) {
      heldBack = await eraseOrHold(driver, run, holds, String(listed.noteId), heldBack, signal);
    }
    const cursor = listing.LastEvaluatedKey ? JSON.stringify(listing.LastEvaluatedKey) : undefined;
    if (cursor) return progress(driver, run, { status: 'running', cursor, heldBack }, signal);
    if (heldBack.length > 0) return progress(driver, run, { status: 'waiting_for_holds', heldBack }, signal);
    return complete(driver, run, signal);
  }
  let heldBack = item.heldBack;
  for (const { noteId } of item.heldBack) {
    heldBack = await eraseOrHold(
      driver,
      run,
      holds,
      noteId,
      heldBack.filter((held) => held.noteId !== noteId),
      signal,
    );
  }
  if (heldBack.length > 0) return progress(driver, run, { status: 'waiting_for_holds', heldBack }, signal);
  return complete(driver, run, signal);
}

/** Erases one note, or adds it to those held back when a hold names it, its owner or an uploader of its receipts. */
async function eraseOrHold(
  driver: ErasureDriver,
  run: NoteErasureRun,
  holds: readonly Hold[],
  noteId: string,
  heldBack: HeldBack,
  signal: AbortSignal,
): Promise<HeldBack> {
  const items = await readNoteItems(driver.dynamodb, driver.table, run.scope, noteId, signal);
  const people = [
    ...new Set(items.flatMap((entry) => [entry.owner, entry.uploader]).filter((who): who is string => typeof who === 'string')),
  ];
  const hold = holdOn(holds, { noteId, people });
  if (hold) return heldBack.some((held) => held.noteId === noteId) ? heldBack : [...heldBack, { noteId, holdId: hold.holdId }];
  const mark = { at: driver.now().toISOString() };
  await eraseNote(driver.dynamodb, driver.table, run, noteErasures(items, run.employee, run.pseudonym, mark), signal);
  return heldBack;
}

async function start(driver: ErasureDriver, scope: TenantScope, item: ErasureItem, signal: AbortSignal): Promise<ErasureItem> {
  try {
    await driver.dynamodb.send(
      new UpdateItemCommand({
        TableName: driver.table,
        Key: marshall(erasureKey(scope, item.requestId)),
        UpdateExpression: 'SET #status = :running, pseudonym = :pseudonym, startedAt = :now',
        ConditionExpression: '#status = :requested',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({
          ':running': 'running',
          ':requested': 'requested',
          ':pseudonym': driver.newPseudonym(),
          ':now': driver.now().toISOString(),
        }),
      }),
      { abortSignal: signal },
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
  // Whoever started it, its pseudonym is the one stored.
  return (await readErasureItem(driver.dynamodb, driver.table, scope, item.requestId, signal)) ?? item;
}

/** Another run moved the request on (or completed it) since this one read it: what it says now stands. */
async function movedOn(driver: ErasureDriver, run: NoteErasureRun, error: unknown, signal: AbortSignal): Promise<ErasureStatus> {
  if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  const item = await readErasureItem(driver.dynamodb, driver.table, run.scope, run.requestId, signal);
  return item?.status ?? 'completed';
}

async function progress(
  driver: ErasureDriver,
  run: NoteErasureRun,
  state: { readonly status: 'running' | 'waiting_for_holds'; readonly cursor?: string; readonly heldBack: HeldBack },
  signal: AbortSignal,
): Promise<ErasureStatus> {
  try {
    await driver.dynamodb.send(
      new UpdateItemCommand({
        TableName: driver.table,
        Key: marshall(erasureKey(run.scope, run.requestId)),
        UpdateExpression: `SET #status = :status, heldBack = :heldBack${state.cursor ? ', #cursor = :cursor' : ' REMOVE #cursor'}`,
        ConditionExpression: 'pseudonym = :pseudonym',
        ExpressionAttributeNames: { '#status': 'status', '#cursor': 'cursor' },
        ExpressionAttributeValues: marshall(
          { ':status': state.status, ':heldBack': state.heldBack, ':cursor': state.cursor, ':pseudonym': run.pseudonym },
          { removeUndefinedValues: true },
        ),
      }),
      { abortSignal: signal },
    );
  } catch (error) {
    return movedOn(driver, run, error, signal);
  }
  return state.status;
}

/** Completes the erasure: the pseudonym is dropped, so that nothing left links it to the employee, and the request leaves the keeper's list. */
async function complete(driver: ErasureDriver, run: NoteErasureRun, signal: AbortSignal): Promise<ErasureStatus> {
  try {
    await driver.dynamodb.send(
      new UpdateItemCommand({
        TableName: driver.table,
        Key: marshall(erasureKey(run.scope, run.requestId)),
        UpdateExpression: 'SET #status = :completed, completedAt = :now, heldBack = :none REMOVE pseudonym, #cursor, gsi1pk, gsi1sk',
        ConditionExpression: 'pseudonym = :pseudonym',
        ExpressionAttributeNames: { '#status': 'status', '#cursor': 'cursor' },
        ExpressionAttributeValues: marshall({
          ':completed': 'completed',
          ':now': driver.now().toISOString(),
          ':none': [],
          ':pseudonym': run.pseudonym,
        }),
      }),
      { abortSignal: signal },
    );
  } catch (error) {
    return movedOn(driver, run, error, signal);
  }
  return 'completed';
}
