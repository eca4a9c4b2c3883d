import { describe, expect, it } from 'vitest';
import { hammingDistance, IMAGE_DISTANCE_THRESHOLD, similarImageSignals } from '../src/index.js';

describe('near-identical images', () => {
  it('counts the differing bits', () => {
    // 0x0f ^ 0x00 = 4 bits; 0xff…ff ^ 0x00…00 = 64; f0 ^ 0f = ff = 8 bits.
    expect(hammingDistance('000000000000000f', '0000000000000000')).toBe(4);
    expect(hammingDistance('ffffffffffffffff', '0000000000000000')).toBe(64);
    expect(hammingDistance('00000000000000f0', '000000000000000f')).toBe(8);
  });

  it(`flags another receipt at most ${IMAGE_DISTANCE_THRESHOLD} bits away, not ${IMAGE_DISTANCE_THRESHOLD + 1}`, () => {
    const receipt = { noteId: 'n1', receiptId: 'r1', imageHash: '0000000000000000' };
    const signals = similarImageSignals(receipt, [
      { noteId: 'n2', receiptId: 'at-8', imageHash: '00000000000000ff' }, // 8 bits
      { noteId: 'n3', receiptId: 'at-9', imageHash: '00000000000001ff' }, // 9 bits
      receipt,
    ]);
    expect(signals).toEqual([
      {
        kind: 'similar_image',
        other: { noteId: 'n2', receiptId: 'at-8' },
        distance: 8,
        reason: expect.stringContaining('8 of 64 bits apart'),
      },
    ]);
  });

  it('refuses a malformed hash, naming the field', () => {
    expect(() => similarImageSignals({ noteId: 'n1', receiptId: 'r1', imageHash: '0' }, [])).toThrow(
      expect.objectContaining({ field: '/receipt/imageHash' }),
    );
    expect(() =>
      similarImageSignals({ noteId: 'n1', receiptId: 'r1', imageHash: '0000000000000000' }, [
        { noteId: 'n2', receiptId: 'r2', imageHash: '0000000000000000x' },
      ]),
    ).toThrow(expect.objectContaining({ field: '/others/0/imageHash', code: 'invalid_image_hash' }));
  });
});
