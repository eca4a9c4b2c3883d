import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { OPEN_STATUSES, tenantScope, type NoteItem, type NoteStatus, type ReceiptItem, type TenantScope } from '@ndf/contracts';
import { PermanentError, type CallDependency } from '@ndf/runtime';
import { itemReader, readChange } from './change-image.js';
import { readNoteWithReceipts } from './note-with-receipts.js';

export interface ChangedNote {
  /** The note's tenant, acting as the service. */
  readonly scope: TenantScope;
  readonly note: NoteItem;
  readonly receipts: ReceiptItem[];
}

/**
 * The note a change of the notes table is about (a NOTE, one of its RECEIPTs, or a STAGE written
 * about it), read as it stands now with its receipts: what a service that computes something
 * about a note recomputes from, whatever the order and repeats of the changes. Undefined when
 * there is nothing to compute: a receipt no note lists yet (the note's own change follows),
 * a note gone, or, with `openOnly`, a note no longer open (its figures are frozen).
 * A change without a tenant can never be handled: a PermanentError.
 */
export async function readChangedNote(
  body: string,
  call: CallDependency<'dynamodb'>,
  table: { readonly dynamodb: DynamoDBClient; readonly notesTable: string },
  service: string,
  options: { readonly openOnly?: boolean } = {},
): Promise<ChangedNote | undefined> {
  const change = await readChange(body, itemReader(table.dynamodb, table.notesTable), call);
  if (change === undefined) return undefined;
  const { tenant, noteId: own, attachedTo } = (change.newImage ?? {}) as { tenant?: unknown; noteId?: unknown; attachedTo?: unknown };
  if (typeof tenant !== 'string') throw new PermanentError(`The change of ${change.keys.pk} ${change.keys.sk} carries no tenant.`);
  // A receipt asked for before its note names it only by `attachedTo`, set when the note listed it.
  const noteId = typeof own === 'string' ? own : attachedTo;
  if (typeof noteId !== 'string') return undefined;
  const scope = tenantScope({ tenant, user: service, roles: [] });
  const found = await call('dynamodb', (signal) => readNoteWithReceipts(table.dynamodb, table.notesTable, scope, noteId, signal));
  if (found === undefined) return undefined;
  if (options.openOnly && !OPEN_STATUSES.includes(found.note.status as NoteStatus)) return undefined;
  return { scope, ...found };
}
