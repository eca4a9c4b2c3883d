import { TransientError } from '@ndf/runtime';
import { describe, expect, it } from 'vitest';
import { retryFirstTimeout } from '../src/index.js';

describe('a file that runs out of its time', () => {
  it('is tried once more the first time, and refused (no throw) the second', () => {
    expect(() => retryFirstTimeout(1, 'no result after 30000 ms')).toThrow(TransientError);
    expect(() => retryFirstTimeout(2, 'no result after 30000 ms')).not.toThrow();
    expect(() => retryFirstTimeout(5, 'no result after 30000 ms')).not.toThrow();
  });
});
