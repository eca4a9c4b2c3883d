import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HISTORY_AND_NOTE_RANGE, ITEM_TYPES, type HistoryItem, type NoteItem, type TenantScope } from '@ndf/contracts';
import { readNoteRange } from './partition-range.js';

export interface NoteWithHistory {
  /** Undefined when there is no such note; a deleted draft comes back with status 'deleted'. */
  readonly note: NoteItem | undefined;
  /** Oldest first. */
  readonly history: readonly HistoryItem[];
}

/** A note and its history, without its receipts and stages: one consistent Query on the sort-key range that holds both. */
export async function readNoteHistory(
  dynamodb: DynamoDBClient,
  tableName: string,
  scope: TenantScope,
  noteId: string,
  signal: AbortSignal,
): Promise<NoteWithHistory> {
  const items = await readNoteRange(dynamodb, tableName, scope, noteId, HISTORY_AND_NOTE_RANGE, signal);
  return {
    note: items.find((item) => item.type === ITEM_TYPES.note) as NoteItem | undefined,
    history: items.filter((item) => item.type === ITEM_TYPES.history) as unknown as HistoryItem[],
  };
}
