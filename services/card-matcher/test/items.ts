import { randomUUID } from 'node:crypto';
import { cardTransactionItem, listingSortKey, ownerListing, tenantScope, type CardTransactionItem, type NoteItem } from '@ndf/contracts';
import { testNoteItem } from '@ndf/testkit';

// The emulator's tables outlive a run: each run is a tenant of its own.
export const TENANT = `cardco-${randomUUID().slice(0, 8)}`;
export const tenant = tenantScope({ tenant: TENANT, user: 'test', roles: [] });

/** A submitted note as the ingest API stores it, in its owner's listing (gsi1, by date). */
export function noteItem(fields: {
  noteId: string;
  owner: string;
  date: string;
  amount: string;
  merchant?: string;
  paymentMethod?: NoteItem['paymentMethod'];
}): NoteItem {
  const { noteId, owner, amount, ...rest } = fields;
  return testNoteItem(TENANT, noteId, {
    ...rest,
    owner,
    status: 'submitted',
    version: 2,
    amount: { value: amount, currency: 'EUR' },
    gsi1pk: ownerListing(tenantScope({ tenant: TENANT, user: owner, roles: [] })),
    gsi1sk: listingSortKey(fields.date, noteId),
  });
}

/** A payment as the expense API's import writes it: unmatched, in the tenant's unsettled index. */
export function transactionItem(fields: {
  id: string;
  date: string;
  amount: string;
  merchant: string;
  cardLast4?: string;
  holder?: string;
}): CardTransactionItem {
  const { amount, holder, ...line } = fields;
  return cardTransactionItem(
    tenant,
    { ...line, direction: 'debit', amount: { value: amount, currency: 'EUR' } },
    { format: 'csv', importedAt: '2026-04-01T06:00:00.000Z', importedBy: 'fanny', holder },
  );
}
