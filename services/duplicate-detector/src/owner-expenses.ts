import { ITEM_TYPES, type NoteItem, type TenantScope } from '@ndf/contracts';
import { DATE_TOLERANCE_DAYS } from '@ndf/duplicate-signals';
import { readOwnerNotes } from '@ndf/note-workflow';
import type { IndexTable } from './duplicate-index.js';
import type { NoteExpense } from './duplicate-check.js';

const DAY_MS = 86_400_000;

/** The dates a same-expense candidate may carry: from DATE_TOLERANCE_DAYS before to as many after; undefined for a date that is not one. */
export function candidateDates(date: string): { readonly from: string; readonly to: string } | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const day = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== date) return undefined;
  const at = (offset: number) => new Date(day + offset * DAY_MS).toISOString().slice(0, 10);
  return { from: at(-DATE_TOLERANCE_DAYS), to: at(DATE_TOLERANCE_DAYS) };
}

export const asExpense = (note: NoteItem): NoteExpense => ({
  noteId: note.noteId,
  owner: note.owner,
  amount: note.amount,
  date: note.date,
  ...(note.merchant !== undefined ? { merchant: note.merchant } : {}),
});

/**
 * The owner's notes dated around `date`, from the listing index (gsi1: the owner's partition,
 * sorted by expense date): a few days of one employee's notes, never the tenant's.
 */
export async function ownerNotesAround(
  table: IndexTable,
  scope: TenantScope,
  owner: string,
  date: string,
  signal: AbortSignal,
): Promise<NoteExpense[]> {
  const dates = candidateDates(date);
  if (dates === undefined) return [];
  const items = await readOwnerNotes(table.dynamodb, table.tableName, scope, owner, dates, signal);
  return (items as unknown as NoteItem[]).filter((note) => note.type === ITEM_TYPES.note && note.status !== 'deleted').map(asExpense);
}
