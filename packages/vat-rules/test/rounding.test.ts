import { describe, expect, it } from 'vitest';
import { baseOfVat, divideHalfUp, percentOf, vatOnBase } from '../src/rounding.js';

describe('rounding to the cent, half up', () => {
  it('rounds a half cent up and less than a half down', () => {
    // 10.05 EUR at 10 %: 1005 × 1000 / 10000 = 100.5 cents → 101
    expect(vatOnBase(1005n, 1000n)).toBe(101n);
    // 10.04 EUR at 10 %: 100.4 cents → 100
    expect(vatOnBase(1004n, 1000n)).toBe(100n);
    // 7 / 2 = 3.5 → 4; 7 / 3 = 2.33 → 2; 5 / 3 = 1.67 → 2
    expect(divideHalfUp(7n, 2n)).toBe(4n);
    expect(divideHalfUp(7n, 3n)).toBe(2n);
    expect(divideHalfUp(5n, 3n)).toBe(2n);
  });

  it('gives the base a VAT amount implies at its rate', () => {
    // 0.07 EUR at 5.5 %: 7 × 10000 / 550 = 127.27 cents → 127
    expect(baseOfVat(7n, 550n)).toBe(127n);
    // 0.59 EUR at 10 %: 590 cents exactly
    expect(baseOfVat(59n, 1000n)).toBe(590n);
  });

  it('takes a share of a VAT line', () => {
    // 80 % of 8.34 EUR: 834 × 80 / 100 = 667.2 cents → 667
    expect(percentOf(834n, 80n)).toBe(667n);
    // 80 % of 0.01 EUR: 0.8 cent → 1
    expect(percentOf(1n, 80n)).toBe(1n);
  });

  it('refuses a negative amount rather than rounding it the wrong way', () => {
    expect(() => divideHalfUp(-5n, 2n)).toThrow(RangeError);
  });
});
