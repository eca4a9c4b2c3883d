import { duplicateIndexKey, tenantScope } from '@ndf/contracts';
import { hammingDistance, IMAGE_DISTANCE_THRESHOLD } from '@ndf/duplicate-signals';
import { describe, expect, it } from 'vitest';
import { imageHashBandWidths, imageHashFingerprints, receiptFingerprints, sameFileFingerprint } from '../src/fingerprints.js';

// A seeded generator, so that every run checks the same hashes.
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}
const randomHash = (random: () => number): bigint =>
  Array.from({ length: 4 }, () => BigInt(Math.floor(random() * 0x10000))).reduce((hash, word) => (hash << 16n) | word, 0n);
const hex = (hash: bigint): string => hash.toString(16).padStart(16, '0');
const flip = (hash: bigint, bits: readonly number[]): bigint => bits.reduce((value, bit) => value ^ (1n << BigInt(63 - bit)), hash);
const shared = (a: string, b: string): string[] =>
  imageHashFingerprints(a).filter((fingerprint) => imageHashFingerprints(b).includes(fingerprint));

describe('the bands of an image hash', () => {
  it('split the 64 bits into threshold + 1 contiguous bands, as even as can be', () => {
    // 64 = 9 × 7 + 1: the first band takes the extra bit.
    expect(imageHashBandWidths(8)).toEqual([8, 7, 7, 7, 7, 7, 7, 7, 7]);
    expect(imageHashBandWidths(IMAGE_DISTANCE_THRESHOLD).length).toBe(IMAGE_DISTANCE_THRESHOLD + 1);
    // 64 = 4 × 16.
    expect(imageHashBandWidths(3)).toEqual([16, 16, 16, 16]);
    expect(() => imageHashBandWidths(64)).toThrow(RangeError);
  });

  it('name the layout, the band and its bits, high bits first', () => {
    // 0xff00…: band 0 = the top 8 bits (ff); band 1 = the next 7 bits (0); the last band = the low 7 bits of 0x01 (1).
    expect(imageHashFingerprints('ff00000000000001')).toEqual([
      'IMG9#0#ff',
      'IMG9#1#00',
      'IMG9#2#00',
      'IMG9#3#00',
      'IMG9#4#00',
      'IMG9#5#00',
      'IMG9#6#00',
      'IMG9#7#00',
      'IMG9#8#01',
    ]);
  });

  it('give any two hashes at most the threshold apart a band in common, even with one flipped bit in each of all but one band', () => {
    const random = generator(14);
    const widths = imageHashBandWidths();
    const starts = widths.map((_, band) => widths.slice(0, band).reduce((sum, width) => sum + width, 0));
    for (let round = 0; round < 500; round += 1) {
      const hash = randomHash(random);
      // The worst case: one bit flipped in each of 8 of the 9 bands.
      const spared = round % widths.length;
      const spread = starts.filter((_, band) => band !== spared).map((start, index) => start + (index % 7));
      const far = flip(hash, spread);
      expect(hammingDistance(hex(hash), hex(far))).toBe(IMAGE_DISTANCE_THRESHOLD);
      expect(shared(hex(hash), hex(far))).toEqual([imageHashFingerprints(hex(hash))[spared]]);
      // Any other 0 to 8 bits.
      const count = Math.floor(random() * (IMAGE_DISTANCE_THRESHOLD + 1));
      const bits = new Set<number>();
      while (bits.size < count) bits.add(Math.floor(random() * 64));
      expect(shared(hex(hash), hex(flip(hash, [...bits]))).length).toBeGreaterThan(0);
    }
  });

  it('may share none once a flipped bit sits in every band (threshold + 1 bits): the layout is as tight as the threshold allows', () => {
    const hash = 0x0123456789abcdefn;
    const widths = imageHashBandWidths();
    const firstBitOfEachBand = widths.map((_, band) => widths.slice(0, band).reduce((sum, width) => sum + width, 0));
    expect(shared(hex(hash), hex(flip(hash, firstBitOfEachBand)))).toEqual([]);
  });

  it('are filed, with the SHA-256 of the file, under keys that start with the tenant', () => {
    const sha = 'a'.repeat(64);
    const fingerprints = receiptFingerprints({ sha256: sha, imageHash: '0123456789abcdef' });
    expect(fingerprints).toHaveLength(1 + IMAGE_DISTANCE_THRESHOLD + 1);
    expect(fingerprints[0]).toBe(sameFileFingerprint(sha));
    expect(receiptFingerprints({})).toEqual([]);
    const scope = tenantScope({ tenant: 'acme', user: 'duplicate-detector', roles: [] });
    expect(duplicateIndexKey(scope, fingerprints[1]!, { noteId: 'n1', receiptId: 'r1' })).toEqual({
      pk: 'T#acme#DUP#IMG9#0#01',
      sk: 'n1#r1',
    });
  });
});
