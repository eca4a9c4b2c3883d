import {
  ITEM_TYPES,
  OPTIONAL_NOTE_FIELDS,
  listingSortKey,
  noteKey,
  ownerListing,
  receiptKey,
  receiptObjectKey,
  reconcileIndexAttributes,
  type NoteInput,
  type NoteItem,
  type NotePatch,
  type ReceiptItem,
  type ReceiptUploadRequest,
  type TenantScope,
} from '@ndf/contracts';
import type { NoteChange } from './note-store.js';

/** When a change is made, and the correlation id of the request that makes it (kept on the item, so the stream carries it on). */
export interface Change {
  readonly now: Date;
  readonly correlationId: string;
}

/** How long a deleted draft is remembered, so that a late replay of its creation answers 410 rather than bringing it back. */
export const DELETED_NOTE_RETENTION_SECONDS = 7 * 24 * 3600;

export function newNoteItem(scope: TenantScope, noteId: string, input: NoteInput, hash: string, { now, correlationId }: Change): NoteItem {
  const at = now.toISOString();
  return {
    ...noteKey(scope, noteId),
    type: ITEM_TYPES.note,
    tenant: scope.tenant,
    noteId,
    owner: scope.user,
    status: 'received',
    version: 1,
    date: input.date,
    amount: { value: input.amount.value, currency: input.amount.currency },
    ...Object.fromEntries(OPTIONAL_NOTE_FIELDS.filter((field) => input[field] !== undefined).map((field) => [field, input[field]])),
    receiptIds: [...(input.receiptIds ?? [])],
    requestHash: hash,
    createdAt: at,
    updatedAt: at,
    correlationId,
    gsi1pk: ownerListing(scope),
    gsi1sk: listingSortKey(input.date, noteId),
  };
}

/** A merge patch as an update: fields given are set, nulls removed; a new date moves the note in the listing. */
export function patchChange(noteId: string, patch: NotePatch, { now, correlationId }: Change): NoteChange {
  const set: Record<string, unknown> = { updatedAt: now.toISOString(), correlationId };
  const remove: string[] = [];
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) remove.push(field);
    else set[field] = value;
  }
  if (patch.date) set.gsi1sk = listingSortKey(patch.date, noteId);
  return { set, remove };
}

/** A deleted draft: out of the listing, kept until its expiry so a replay of its creation is recognised. */
export function deletionChange({ now, correlationId }: Change): NoteChange {
  return {
    set: {
      status: 'deleted',
      deletedAt: now.toISOString(),
      updatedAt: now.toISOString(),
      correlationId,
      expiresAt: Math.floor(now.getTime() / 1000) + DELETED_NOTE_RETENTION_SECONDS,
    },
    remove: ['gsi1pk', 'gsi1sk'],
  };
}

export function newReceiptItem(
  scope: TenantScope,
  receiptId: string,
  request: ReceiptUploadRequest,
  { now, correlationId }: Change,
  requestHash?: string,
): ReceiptItem {
  return {
    ...receiptKey(scope, receiptId, request.noteId),
    type: ITEM_TYPES.receipt,
    tenant: scope.tenant,
    receiptId,
    ...(request.noteId === undefined ? {} : { noteId: request.noteId }),
    uploader: scope.user,
    // Asked for with its note: that note lists it, and no other can.
    ...(request.noteId === undefined ? {} : { attachedTo: request.noteId }),
    ...(requestHash === undefined ? {} : { requestHash }),
    status: 'awaiting_upload',
    fileName: request.fileName,
    declaredContentType: request.contentType,
    declaredSize: request.size,
    objectKey: receiptObjectKey(scope, receiptId, request.noteId),
    requestedAt: now.toISOString(),
    correlationId,
    // Open until uploaded: the reconciler finds it if its upload's event is lost, or expires it.
    ...reconcileIndexAttributes(receiptId, now),
    stepAt: now.toISOString(),
  };
}
