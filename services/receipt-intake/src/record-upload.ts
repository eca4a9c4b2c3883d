import type { ReceiptRef, ReceiptState } from '@ndf/receipt-pipeline';

export interface Upload {
  readonly sha256: string;
  readonly size: number;
  readonly uploadedAt: string;
}

/**
 * Marks the receipt uploaded, with the digest of its original, and records this stage: the
 * `upload` step of the receipt's state machine, from a receipt awaiting its upload. A redelivered
 * event, or a second upload to the same presigned key, finds it uploaded (or further) and changes
 * nothing, so the original's digest stays; an object no receipt was asked for is refused.
 */
export async function recordUpload(
  state: ReceiptState,
  receipt: ReceiptRef,
  upload: Upload,
  signal: AbortSignal,
): Promise<'recorded' | 'already-recorded'> {
  const result = await state.step(
    receipt,
    'upload',
    { status: 'succeeded', outcome: { sha256: upload.sha256, size: upload.size } },
    { uploadedAt: upload.uploadedAt, size: upload.size, sha256: upload.sha256 },
    signal,
  );
  return result === 'applied' ? 'recorded' : 'already-recorded';
}
