import { describe, expect, it } from 'vitest';
import { DuplicateInputError, sameBytesSignals } from '../src/index.js';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

describe('the same bytes', () => {
  it('flags another receipt with the same SHA-256, naming it', () => {
    const signals = sameBytesSignals({ noteId: 'n1', receiptId: 'r1', sha256: SHA_A }, [
      { noteId: 'n2', receiptId: 'r2', sha256: SHA_A },
      { noteId: 'n3', receiptId: 'r3', sha256: SHA_B },
    ]);
    expect(signals).toEqual([
      { kind: 'same_bytes', other: { noteId: 'n2', receiptId: 'r2' }, reason: expect.stringContaining('receipt r2 of note n2') },
    ]);
  });

  it('flags the same file attached twice to one note, but never a receipt against itself', () => {
    const receipt = { noteId: 'n1', receiptId: 'r1', sha256: SHA_A };
    const signals = sameBytesSignals(receipt, [receipt, { noteId: 'n1', receiptId: 'r9', sha256: SHA_A }]);
    expect(signals.map((signal) => signal.other.receiptId)).toEqual(['r9']);
  });

  it('refuses a digest that is not 64 lowercase hex digits, naming the field', () => {
    const call = (): unknown =>
      sameBytesSignals({ noteId: 'n1', receiptId: 'r1', sha256: SHA_A }, [{ noteId: 'n2', receiptId: 'r2', sha256: SHA_A.toUpperCase() }]);
    expect(call).toThrow(DuplicateInputError);
    expect(call).toThrow(expect.objectContaining({ field: '/others/0/sha256', code: 'invalid_sha256' }));
    expect(() => sameBytesSignals({ noteId: '', receiptId: 'r1', sha256: SHA_A }, [])).toThrow(
      expect.objectContaining({ field: '/receipt/noteId', code: 'invalid_id' }),
    );
  });
});
