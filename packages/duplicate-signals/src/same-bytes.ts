import { DuplicateInputError } from './input-error.js';
import { checkRef, sameRef, type DuplicateSignal, type ReceiptRef } from './signal.js';

export interface HashedReceipt extends ReceiptRef {
  /** SHA-256 of the original file, as intake computed it: 64 lowercase hex digits. */
  readonly sha256: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

function checkSha(value: unknown, field: string): string {
  if (typeof value !== 'string' || !SHA256.test(value))
    throw new DuplicateInputError(field, 'invalid_sha256', 'a SHA-256 is 64 lowercase hex digits');
  return value;
}

/**
 * The same file sent again: another receipt whose original has the same SHA-256. Equal digests
 * are equal bytes (a collision is not a practical concern), so this signal is certain, unlike
 * the image and expense ones.
 */
export function sameBytesSignals(receipt: HashedReceipt, others: readonly HashedReceipt[]): DuplicateSignal[] {
  checkRef(receipt, '/receipt');
  const sha = checkSha(receipt.sha256, '/receipt/sha256');
  return others.flatMap((other, index) => {
    const ref = checkRef(other, `/others/${index}`);
    if (checkSha(other.sha256, `/others/${index}/sha256`) !== sha || sameRef(ref, receipt)) return [];
    return [
      {
        kind: 'same_bytes' as const,
        other: ref,
        reason: `the same file (SHA-256 ${sha.slice(0, 12)}…) as receipt ${ref.receiptId} of note ${ref.noteId}`,
      },
    ];
  });
}
