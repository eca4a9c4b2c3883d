import { DuplicateInputError } from './input-error.js';

const HEX_HASH = /^[0-9a-f]{16}$/;

export function checkImageHash(value: unknown, field: string): string {
  if (typeof value !== 'string' || !HEX_HASH.test(value))
    throw new DuplicateInputError(field, 'invalid_image_hash', 'an image hash is 16 lowercase hex digits');
  return value;
}

/** How many of the 64 bits differ between two image hashes. */
export function hammingDistance(a: string, b: string, fields: readonly [string, string] = ['a', 'b']): number {
  checkImageHash(a, fields[0]);
  checkImageHash(b, fields[1]);
  let diff = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (diff > 0n) {
    count += Number(diff & 1n);
    diff >>= 1n;
  }
  return count;
}
