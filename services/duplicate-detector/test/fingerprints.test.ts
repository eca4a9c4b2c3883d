import { duplicateIndexKey, tenantScope } from '@ndf/contracts';
import { hammingDistance, IMAGE_DISTANCE_THRESHOLD } from '@ndf/duplicate-signals';
import { describe, expect, it } from 'vitest';
import { imageHashBands, imageHashFingerprints, receiptFingerprints, sameFileFingerprint } from '../src/fingerprints.js';

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
  it('deal the 64 bits over threshold + 1 bands, bit i to band i mod the count', () => {
    const bands = imageHashBands(8);
    // 64 = 9 × 7 + 1: band 0 takes bits 0, 9, ..., 63 (8 of them), the others 7.
    expect(bands.map((members) => members.length)).toEqual([8, 7, 7, 7, 7, 7, 7, 7, 7]);
    expect(bands[0]).toEqual([0, 9, 18, 27, 36, 45, 54, 63]);
    expect(bands[8]).toEqual([8, 17, 26, 35, 44, 53, 62]);
    expect(bands.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 64 }, (_, bit) => bit));
    expect(imageHashBands(IMAGE_DISTANCE_THRESHOLD)).toHaveLength(IMAGE_DISTANCE_THRESHOLD + 1);
    expect(() => imageHashBands(64)).toThrow(RangeError);
  });

  it('name the layout, the band and its bits', () => {
    // 0xc000000000000001: bits 0, 1 and 63 set. Band 0 = bits 0, 9, ..., 63 → 1000 0001 = 0x81;
    // band 1 = bits 1, 10, ..., 55 → 100 0000 = 0x40; every other band 0.
    expect(imageHashFingerprints('c000000000000001')).toEqual([
      'IMG9#0#81',
      'IMG9#1#40',
      'IMG9#2#00',
      'IMG9#3#00',
      'IMG9#4#00',
      'IMG9#5#00',
      'IMG9#6#00',
      'IMG9#7#00',
      'IMG9#8#00',
    ]);
  });

  it('give any two hashes at most the threshold apart a band in common, even with one flipped bit in each of all but one band', () => {
    const random = generator(14);
    const bands = imageHashBands();
    for (let round = 0; round < 500; round += 1) {
      const hash = randomHash(random);
      // The worst case: one bit flipped in each of 8 of the 9 bands.
      const spared = round % bands.length;
      const spread = bands.filter((_, band) => band !== spared).map((members, index) => members[(round + index) % members.length]!);
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
    const firstBitOfEachBand = imageHashBands().map((members) => members[0]!);
    expect(shared(hex(hash), hex(flip(hash, firstBitOfEachBand)))).toEqual([]);
  });

  it('are filed, with the SHA-256 of the file, under keys that start with the tenant', () => {
    const sha = 'a'.repeat(64);
    const fingerprints = receiptFingerprints({ sha256: sha, imageHash: '0123456789abcdef' });
    expect(fingerprints).toHaveLength(1 + IMAGE_DISTANCE_THRESHOLD + 1);
    expect(fingerprints[0]).toBe(sameFileFingerprint(sha));
    expect(receiptFingerprints({})).toEqual([]);
    // Band 0 of 0x0123456789abcdef: bits 0, 9, ..., 63 read 0000 1001 = 0x09.
    const scope = tenantScope({ tenant: 'acme', user: 'duplicate-detector', roles: [] });
    expect(duplicateIndexKey(scope, fingerprints[1]!, { noteId: 'n1', receiptId: 'r1' })).toEqual({
      pk: 'T#acme#DUP#IMG9#0#09',
      sk: 'n1#r1',
    });
  });
});
