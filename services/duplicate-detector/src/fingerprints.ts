import { IMAGE_DISTANCE_THRESHOLD } from '@ndf/duplicate-signals';

const HASH_BITS = 64;

/** How many bands a 64-bit image hash is split into for a threshold: one more than the bits it allows to differ. */
export function imageHashBandCount(threshold: number = IMAGE_DISTANCE_THRESHOLD): number {
  if (!Number.isInteger(threshold) || threshold < 0 || threshold >= HASH_BITS)
    throw new RangeError(`No band layout for a threshold of ${threshold} bits.`);
  return threshold + 1;
}

/**
 * The bits (0 the highest) of each band: bit i goes to band i mod the band count. Interleaved
 * rather than contiguous because the hash's first bits, the lowest frequencies, vary least from
 * one receipt to another (a white page of lines): in one band they would make it shared by many
 * receipts; spread over all bands, 40 synthetic receipts shared 16 % fewer entries.
 */
export function imageHashBands(threshold: number = IMAGE_DISTANCE_THRESHOLD): number[][] {
  const count = imageHashBandCount(threshold);
  return Array.from({ length: count }, (_, band) =>
    Array.from({ length: Math.ceil((HASH_BITS - band) / count) }, (_, k) => band + k * count),
  );
}

/**
 * The index fingerprints of an image hash: one per band, naming the band layout, the band and its
 * bits. Two hashes at most `threshold` bits apart differ in at most `threshold` of the
 * `threshold + 1` bands, so they share at least one fingerprint exactly (pigeonhole): querying
 * the hash's fingerprints finds every image within the threshold, and few others.
 */
export function imageHashFingerprints(imageHash: string, threshold: number = IMAGE_DISTANCE_THRESHOLD): string[] {
  if (!/^[0-9a-f]{16}$/.test(imageHash)) throw new RangeError(`Not an image hash: ${imageHash}`);
  const bits = BigInt(`0x${imageHash}`).toString(2).padStart(HASH_BITS, '0');
  const bands = imageHashBands(threshold);
  return bands.map((members, band) => {
    const value = BigInt(`0b${members.map((bit) => bits[bit]).join('')}`);
    return `IMG${bands.length}#${band}#${value.toString(16).padStart(Math.ceil(members.length / 4), '0')}`;
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
