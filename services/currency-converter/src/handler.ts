import { UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { OPEN_STATUSES, stageKey, tenantScope, type NoteItem, type TenantScope } from '@ndf/contracts';
import { itemReader, readChange, readNoteWithReceipts, writeNoteStage } from '@ndf/receipt-pipeline';
import { awaitingRatesIndex, readRatesFor, RECOMPUTE_ATTRIBUTE, REFERENCE_RATES_SOURCE, type RatesForDate } from '@ndf/rates-store';
import { PermanentError, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import { convertNote, needsRates, type NoteConversion } from './conversion.js';

export const SERVICE = 'currency-converter';

export interface ConverterDependencies {
  readonly dynamodb: DynamoDBClient;
  /** Physical names of the notes table and of the reference table (the daily rates). */
  readonly notesTable: string;
  readonly referenceTable: string;
}

type Context = Pick<ServiceContext<'dynamodb'>, 'call' | 'log'>;

/**
 * On a note created or changed while open, or on its own stage when a load of rates asks for it
 * (the stage awaited that day's rates): converts the note's amount to EUR with the reference rate
 * of its date and records it as the note's stage. Recomputed from the items as they stand, so
 * order and repeats do not matter; a note no longer open is never recomputed.
 */
export async function handle(message: InboundMessage, context: Context, dependencies: ConverterDependencies): Promise<void> {
  const change = await readChange(message.body, itemReader(dependencies.dynamodb, dependencies.notesTable), context.call);
  if (change === undefined) return;
  const { tenant, noteId } = (change.newImage ?? {}) as { tenant?: unknown; noteId?: unknown };
  if (typeof tenant !== 'string' || typeof noteId !== 'string')
    throw new PermanentError(`The change of ${change.keys.pk} ${change.keys.sk} carries no tenant or note id.`);
  const scope = tenantScope({ tenant, user: SERVICE, roles: [] });
  const found = await context.call('dynamodb', (signal) =>
    readNoteWithReceipts(dependencies.dynamodb, dependencies.notesTable, scope, noteId, signal),
  );
  if (found === undefined || !(OPEN_STATUSES as readonly string[]).includes(found.note.status)) {
    // Its figures are frozen: a stage that awaited rates leaves the index, so that loads stop asking for it.
    if (change.itemType === 'STAGE') await leaveAwaitingIndex(scope, noteId, context, dependencies);
    return;
  }
  // Written, then checked once more: rates loaded between the read and the write found no stage
  // awaiting them, so the note is converted again with them.
  for (let pass = 0; pass < 2; pass += 1) {
    const conversion = await convertWithStoredRates(found.note, context, dependencies);
    await record(scope, found.note, conversion, context, dependencies);
    if (!conversion.awaitingRates) return;
    const again = await context.call('dynamodb', (signal) =>
      readRatesFor(dependencies.dynamodb, dependencies.referenceTable, REFERENCE_RATES_SOURCE, found.note.date, signal),
    );
    if (!again.laterDayLoaded) return;
  }
}

async function convertWithStoredRates(note: NoteItem, context: Context, dependencies: ConverterDependencies): Promise<NoteConversion> {
  const rates: RatesForDate | undefined = needsRates(note.amount)
    ? await context.call('dynamodb', (signal) =>
        readRatesFor(dependencies.dynamodb, dependencies.referenceTable, REFERENCE_RATES_SOURCE, note.date, signal),
      )
    : undefined;
  return convertNote(note, rates, REFERENCE_RATES_SOURCE);
}

async function record(
  scope: TenantScope,
  note: NoteItem,
  conversion: NoteConversion,
  context: Context,
  dependencies: ConverterDependencies,
): Promise<void> {
  const index = conversion.awaitingRates ? { index: awaitingRatesIndex(note.date, scope.tenant, note.noteId) } : {};
  const stage =
    conversion.status === 'succeeded'
      ? { status: conversion.status, outcome: { ...conversion.outcome }, ...index }
      : { status: conversion.status, code: conversion.code, reason: conversion.reason, ...index };
  await context.call('dynamodb', (signal) =>
    writeNoteStage(dependencies.dynamodb, dependencies.notesTable, scope, SERVICE, note, stage, signal),
  );
  context.log.info({
    event: 'note-converted',
    noteId: note.noteId,
    status: conversion.status,
    ...(conversion.status === 'refused' ? { code: conversion.code } : {}),
    awaitingRates: conversion.awaitingRates,
  });
}

async function leaveAwaitingIndex(
  scope: TenantScope,
  noteId: string,
  context: Context,
  dependencies: ConverterDependencies,
): Promise<void> {
  const key = stageKey(scope, SERVICE, { noteId });
  await context
    .call('dynamodb', (signal) =>
      dependencies.dynamodb.send(
        new UpdateItemCommand({
          TableName: dependencies.notesTable,
          Key: { pk: { S: key.pk }, sk: { S: key.sk } },
          UpdateExpression: 'REMOVE gsi1pk, gsi1sk, #recompute',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#recompute': RECOMPUTE_ATTRIBUTE },
        }),
        { abortSignal: signal },
      ),
    )
    .catch((error: unknown) => {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    });
}
