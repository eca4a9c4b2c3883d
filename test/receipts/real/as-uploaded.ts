import { normaliseImage } from '@ndf/image-normalizer/lib';

/**
 * The image the OCR service reads once a receipt is uploaded: the image normaliser's copy of its
 * first page (upright, bounded, re-encoded), not the file as the user sent it.
 */
export async function asUploaded(bytes: Uint8Array): Promise<Buffer> {
  const normalised = await normaliseImage(bytes);
  if (normalised.outcome === 'refused') throw new Error(`the image normaliser refused it: ${normalised.detail}`);
  return Buffer.from(normalised.pages[0]!.display.bytes);
}
