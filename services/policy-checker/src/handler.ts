import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { OPEN_STATUSES, tenantScope, type ChangeMessage, type NoteItem, type TenantScope } from '@ndf/contracts';
import { itemReader, readChange, readNoteWithReceipts, writeNoteStage, type StageOutcome } from '@ndf/receipt-pipeline';
import { PermanentError, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import { StoredSettingsError, type SettingsCache } from '@ndf/tenant-settings';
import { readDayNotes } from './day-notes.js';
import { policyStage, type DayNote } from './policy-stage.js';

export const SERVICE = 'policy-checker';

export interface PolicyCheckerDependencies {
  readonly dynamodb: DynamoDBClient;
  /** Physical name of the notes table. */
  readonly notesTable: string;
  /** The tenants' settings, at most its maximum age behind a change. */
  readonly settings: SettingsCache;
}

type Context = Pick<ServiceContext<'dynamodb'>, 'call' | 'log'>;

/** The note a change is about: the note itself, a receipt of it (asked for with it, or listed later), or another service's stage about it. */
function noteIdOf(change: ChangeMessage, image: Readonly<Record<string, unknown>>): string | undefined {
  const { noteId, attachedTo, receiptId } = image;
  if (change.itemType === 'RECEIPT') return typeof noteId === 'string' ? noteId : typeof attachedTo === 'string' ? attachedTo : undefined;
  if (change.itemType === 'STAGE' && receiptId !== undefined) return undefined;
  return typeof noteId === 'string' ? noteId : undefined;
}

const isOpen = (note: NoteItem) => (OPEN_STATUSES as readonly string[]).includes(note.status);

/** Checks one note as its items stand and records the stage; what it read of the note and its day, or undefined when there is nothing to check. */
async function checkNote(
  context: Context,
  dependencies: PolicyCheckerDependencies,
  scope: TenantScope,
  noteId: string,
): Promise<{ note: NoteItem; day: readonly DayNote[]; currency?: string } | undefined> {
  const { dynamodb, notesTable } = dependencies;
  const found = await context.call('dynamodb', (signal) => readNoteWithReceipts(dynamodb, notesTable, scope, noteId, signal));
  // A note approved or beyond keeps the check it was decided on.
  if (found === undefined || !isOpen(found.note)) return undefined;
  const { note } = found;
  let stage: StageOutcome;
  let day: readonly DayNote[] = [];
  let currency: string | undefined;
  try {
    const policy = await context.call('dynamodb', (signal) => dependencies.settings.read(scope, 'POLICY', signal));
    day = await context.call('dynamodb', (signal) =>
      readDayNotes(dynamodb, notesTable, scope, note.owner, note.date, policy.value.currency, signal),
    );
    stage = policyStage({ ...found, sameDay: day, policy: { version: policy.version, ruleSet: policy.value } });
    currency = policy.value.currency;
  } catch (error) {
    if (!(error instanceof StoredSettingsError)) throw error;
    stage = {
      status: 'refused',
      code: 'policy_invalid',
      reason: "The company's expense policy cannot be read; its administrators are told to correct it.",
    };
    context.log.error({ event: 'policy-invalid', tenant: scope.tenant, problems: error.problems });
  }
  const written = await context.call('dynamodb', (signal) => writeNoteStage(dynamodb, notesTable, scope, SERVICE, note, stage, signal));
  context.log.info({ event: 'note-checked', noteId, version: note.version, status: stage.status, code: stage.code, written });
  return { note, day, ...(currency === undefined ? {} : { currency }) };
}

/** Whether `a` was created before `b`: the order in which a day's notes use up its caps. */
const createdBefore = (a: NoteItem, b: NoteItem) => a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.noteId < b.noteId);

/**
 * On a change of an open note, of one of its receipts once read, or of its converted amount:
 * checks the note against its tenant's policy and records the stage (GET /v1/notes/{id} shows
 * it; the approval reads it). Recomputed from the items as they stand, so order and repeats do
 * not matter. A note's own change also moves what the daily caps leave to the owner's notes of
 * that day created after it (and of the date it had before), which are checked again.
 */
export async function handle(message: InboundMessage, context: Context, dependencies: PolicyCheckerDependencies): Promise<void> {
  const change = await readChange(message.body, itemReader(dependencies.dynamodb, dependencies.notesTable), context.call);
  if (change === undefined) return;
  const image = change.newImage ?? {};
  const { tenant } = image as { tenant?: unknown };
  if (typeof tenant !== 'string') throw new PermanentError(`The change of ${change.keys.pk} ${change.keys.sk} carries no tenant.`);
  const noteId = noteIdOf(change, image);
  if (noteId === undefined) return;
  const scope = tenantScope({ tenant, user: SERVICE, roles: [] });
  const checked = await checkNote(context, dependencies, scope, noteId);
  if (checked === undefined || change.itemType !== 'NOTE') return;

  // With a policy that cannot be read, the day's other notes are refused at their own next change.
  const { note, currency } = checked;
  if (currency === undefined) return;
  const formerDate = change.oldImage?.date;
  const days: (readonly DayNote[])[] = [checked.day];
  if (typeof formerDate === 'string' && formerDate !== note.date)
    days.push(
      await context.call('dynamodb', (signal) =>
        readDayNotes(dependencies.dynamodb, dependencies.notesTable, scope, note.owner, formerDate, currency, signal),
      ),
    );
  for (const day of days)
    for (const { note: later } of day)
      if (later.noteId !== note.noteId && isOpen(later) && createdBefore(note, later))
        await checkNote(context, dependencies, scope, later.noteId);
}
