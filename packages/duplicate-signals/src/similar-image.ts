import { checkImageHash, hammingDistance } from './hamming.js';
import { checkRef, sameRef, type DuplicateSignal, type ReceiptRef } from './signal.js';

export interface ImageHashedReceipt extends ReceiptRef {
  /** receiptImageHash of the receipt's image: 16 hex digits. */
  readonly imageHash: string;
}

/**
 * The largest Hamming distance (of 64 bits) at which two receipt images are taken for the same
 * receipt. Chosen on the synthetic receipts (`npm run bench -- image-hash`, 40 receipts): no
 * pair of different receipts came closer than 10 bits (1st percentile 16), while a scan
 * re-encoded or halved moved 0 to 4 and a photo of it a median of 6. At 8, no different pair
 * is flagged and 25 of 40 photos are: a missed photo is often caught by the same-expense
 * signal, a false flag would accuse an employee.
 */
export const IMAGE_DISTANCE_THRESHOLD = 8;

/** Another receipt whose image is nearly the same picture: a photo of a receipt already scanned, a re-saved copy. */
export function similarImageSignals(
  receipt: ImageHashedReceipt,
  others: readonly ImageHashedReceipt[],
  threshold: number = IMAGE_DISTANCE_THRESHOLD,
): DuplicateSignal[] {
  checkRef(receipt, '/receipt');
  checkImageHash(receipt.imageHash, '/receipt/imageHash');
  return others.flatMap((other, index) => {
    const ref = checkRef(other, `/others/${index}`);
    const distance = hammingDistance(receipt.imageHash, other.imageHash, ['/receipt/imageHash', `/others/${index}/imageHash`]);
    if (distance > threshold || sameRef(ref, receipt)) return [];
    return [
      {
        kind: 'similar_image' as const,
        other: ref,
        distance,
        reason: `a nearly identical image (${distance} of 64 bits apart, at most ${threshold}) to receipt ${ref.receiptId} of note ${ref.noteId}`,
      },
    ];
  });
}
