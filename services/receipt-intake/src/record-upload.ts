import type { ReceiptDigestOwner } from '@ndf/contracts';
import type { ReceiptRef, ReceiptState } from '@ndf/receipt-pipeline';

export interface Upload {
  readonly sha256: string;
  readonly size: number;
  readonly uploadedAt: string;
  /** The S3 version hashed, which every later step reads (absent from an unversioned bucket). */
  readonly versionId: string | undefined;
  /** The tenant's earlier receipt with the same SHA-256. */
  readonly duplicateOf: ReceiptDigestOwner | undefined;
}

/**
 * Marks the receipt uploaded, with the digest and version of its original (and the earlier
 * receipt it duplicates, if any), and records this stage: the `upload` step of the receipt's
 * state machine, from a receipt awaiting its upload. A redelivered event, or a second upload to
 * the same presigned key, finds it uploaded (or further) and changes nothing, so the original's
 * digest and version stay; an object no receipt was asked for is refused.
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
    { status: 'succeeded', outcome: { sha256: upload.sha256, size: upload.size, versionId: upload.versionId } },
    {
      uploadedAt: upload.uploadedAt,
      size: upload.size,
      sha256: upload.sha256,
      ...(upload.versionId ? { objectVersionId: upload.versionId } : {}),
      ...(upload.duplicateOf ? { duplicateOf: upload.duplicateOf } : {}),
    },
    signal,
  );
  return result === 'applied' ? 'recorded' : 'already-recorded';
}
