import { ITEM_TYPES, type ChangeMessage } from '@ndf/contracts';
import { PermanentError } from '@ndf/runtime';

/** Which receipt a job is about: enough to address its item and its files. */
export interface ReceiptRef {
  readonly tenant: string;
  readonly receiptId: string;
  /** Set when the receipt was asked for with its note: its item lives in the note's partition. */
  readonly noteId?: string;
}

/** The receipt a change of a RECEIPT item is about. */
export function receiptOfChange(change: ChangeMessage): ReceiptRef & {
  readonly objectKey: string;
  /** The version of the original recorded at intake (absent for a receipt recorded before versions were). */
  readonly objectVersionId?: string;
  readonly status: string;
  readonly correlationId?: string;
} {
  const image = change.newImage ?? change.oldImage;
  if (change.itemType !== ITEM_TYPES.receipt || image === undefined)
    throw new PermanentError(`Not a change of a receipt with its image: ${change.itemType} ${change.keys.pk} ${change.keys.sk}.`);
  const { tenant, receiptId, noteId, objectKey, objectVersionId, status, correlationId } = image as Record<string, unknown>;
  if (typeof tenant !== 'string' || typeof receiptId !== 'string' || typeof objectKey !== 'string' || typeof status !== 'string') {
    throw new PermanentError(`The receipt item ${change.keys.pk} ${change.keys.sk} lacks its tenant, id, object key or status.`);
  }
  return {
    tenant,
    receiptId,
    objectKey,
    ...(typeof objectVersionId === 'string' ? { objectVersionId } : {}),
    status,
    ...(typeof noteId === 'string' ? { noteId } : {}),
    ...(typeof correlationId === 'string' ? { correlationId } : {}),
  };
}

/** Where a receipt's derived files go in the receipts bucket, beside (never over) the original. */
export function derivedKey(receipt: ReceiptRef, name: string): string {
  return `derived/${receipt.tenant}/${receipt.receiptId}/${name}`;
}
