import { describe, expect, it } from 'vitest';
import { apportionBases, basesGiving } from '../src/apportion-bases.js';

describe('bases of VAT lines printed without them', () => {
  it('knows every base a VAT amount may come from', () => {
    // at 5.5 %: 1.18 → 0.0649 → 0.06; 1.19 → 0.06545 → 0.07; 1.36 → 0.0748 → 0.07; 1.37 → 0.07535 → 0.08
    expect(basesGiving(7n, 550n)).toEqual({ lowest: 119n, highest: 136n });
    // at 20 %: 37.48 → 7.496 → 7.50; 37.47 → 7.494 → 7.49; 37.52 → 7.504 → 7.50; 37.53 → 7.506 → 7.51
    expect(basesGiving(750n, 2000n)).toEqual({ lowest: 3748n, highest: 3752n });
  });

  it('spreads the difference to the sum over the lines, within their bounds', () => {
    // taken back: 1.27 + 5.90 = 7.17; to make 7.30: first line to its 1.36 (+9), then 5.90 + 4 = 5.94
    expect(
      apportionBases(
        [
          { vat: 7n, rateBp: 550n },
          { vat: 59n, rateBp: 1000n },
        ],
        730n,
      ),
    ).toEqual([136n, 594n]);
    // to make 7.05: 1.27 − 8 = 1.19 (its lowest), then 5.90 − 4 = 5.86
    expect(
      apportionBases(
        [
          { vat: 7n, rateBp: 550n },
          { vat: 59n, rateBp: 1000n },
        ],
        705n,
      ),
    ).toEqual([119n, 586n]);
  });
});
