import { IMAGE_DISTANCE_THRESHOLD } from '@ndf/duplicate-signals';

const HASH_BITS = 64;

/** The contiguous bit ranges a 64-bit image hash is split into: `threshold + 1` bands, as even as can be. */
export function imageHashBandWidths(threshold: number = IMAGE_DISTANCE_THRESHOLD): number[] {
  const bands = threshold + 1;
  if (!Number.isInteger(threshold) || threshold < 0 || bands > HASH_BITS)
    throw new RangeError(`No band layout for a threshold of ${threshold} bits.`);
  const base = Math.floor(HASH_BITS / bands);
  const wider = HASH_BITS % bands;
  return Array.from({ length: bands }, (_, band) => base + (band < wider ? 1 : 0));
}

/**
 * The index fingerprints of an image hash: one per band, naming the band layout, the band and its
 * bits. Two hashes at most `threshold` bits apart differ in at most `threshold` of the
 * `threshold + 1` bands, so they share at least one fingerprint exactly (pigeonhole): querying
 * the hash's fingerprints finds every image within the threshold, and few others.
 */
export function imageHashFingerprints(imageHash: string, threshold: number = IMAGE_DISTANCE_THRESHOLD): string[] {
  if (!/^[0-9a-f]{16}$/.test(imageHash)) throw new RangeError(`Not an image hash: ${imageHash}`);
  const value = BigInt(`0x${imageHash}`);
  const widths = imageHashBandWidths(threshold);
  let shift = HASH_BITS;
  return widths.map((width, band) => {
    shift -= width;
    const bits = (value >> BigInt(shift)) & ((1n << BigInt(width)) - 1n);
    return `IMG${widths.length}#${band}#${bits.toString(16).padStart(Math.ceil(width / 4), '0')}`;
  });
}

/** The index fingerprint of an original file: its SHA-256 (equal digests are equal bytes). */
export function sameFileFingerprint(sha256: string): string {
  return `SHA#${sha256}`;
}

/** Every fingerprint a receipt is filed under. */
export function receiptFingerprints(receipt: { readonly sha256?: string; readonly imageHash?: string }): string[] {
  return [
    ...(receipt.sha256 ? [sameFileFingerprint(receipt.sha256)] : []),
    ...(receipt.imageHash ? imageHashFingerprints(receipt.imageHash) : []),
  ];
}
