import { describe, expect, it } from 'vitest';
import { keyMatchesFilter } from '../src/s3/index.js';

describe('keyMatchesFilter', () => {
  it('applies prefix and suffix to the raw key', () => {
    expect(keyMatchesFilter('incoming/a b.pdf', { prefix: 'incoming/', suffix: '.pdf' })).toBe(true);
    expect(keyMatchesFilter('incoming/a b.png', { prefix: 'incoming/', suffix: '.pdf' })).toBe(false);
    expect(keyMatchesFilter('other/a.pdf', { prefix: 'incoming/' })).toBe(false);
    expect(keyMatchesFilter('anything', {})).toBe(true);
  });
});
