import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { ITEM_TYPES, ownerListing, tenantScope, type NoteItem } from '@ndf/contracts';
import { DATE_TOLERANCE_DAYS } from '@ndf/duplicate-signals';
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
  tenant: string,
  owner: string,
  date: string,
  signal: AbortSignal,
): Promise<NoteExpense[]> {
  const dates = candidateDates(date);
  if (dates === undefined) return [];
  const notes: NoteExpense[] = [];
  let start: Record<string, NonNullable<unknown>> | undefined;
  do {
    const page = await table.dynamodb.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :owner AND gsi1sk BETWEEN :from AND :to',
        ExpressionAttributeValues: marshall({
          ':owner': ownerListing(tenantScope({ tenant, user: owner, roles: [] })),
          ':from': `${dates.from}#`,
          // Just after every `<date>#<noteId>` of the last day ('$' follows '#'), as the listing reads it.
          ':to': `${dates.to}$`,
        }),
        ExclusiveStartKey: start as never,
      }),
      { abortSignal: signal },
    );
    for (const item of page.Items ?? []) {
      const note = unmarshall(item) as NoteItem;
      if (note.type === ITEM_TYPES.note && note.status !== 'deleted') notes.push(asExpense(note));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return notes;
}
