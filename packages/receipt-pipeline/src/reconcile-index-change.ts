import { isOpenReceiptStatus, reconcileIndexAttributes } from '@ndf/contracts';

/**
 * What a step writes for the reconciler beside the receipt's status: a receipt that moved on and
 * is still open is looked at again from now, with its count of re-drives reset; a final one leaves
 * the reconciler's index (gsi1), so it is never read again.
 */
export function reconcileIndexChange(
  receiptId: string,
  status: string,
  now: Date,
): { readonly set: Readonly<Record<string, string>>; readonly remove: readonly string[] } {
  if (isOpenReceiptStatus(status))
    return { set: { ...reconcileIndexAttributes(receiptId, now), stepAt: now.toISOString() }, remove: ['redrives'] };
  return { set: { stepAt: now.toISOString() }, remove: ['gsi1pk', 'gsi1sk', 'redrives'] };
}
