import { describe, expect, it } from 'vitest';
import { calibrationByBand, judgedTotal } from './real/calibration.js';

describe('real receipts: confidence calibration', () => {
  it('counts the fields of each confidence band and how many of them are right', () => {
    const fields = [
      { confidence: 0.95, right: true },
      { confidence: 0.9, right: false },
      { confidence: 0.75, right: true },
      { confidence: 0.3, right: true },
    ];
    expect(calibrationByBand(fields)).toEqual(['1/1 (100.0 %)', '1/1 (100.0 %)', '1/2 (50.0 %)']);
  });

  it('leaves a band no field fell in empty', () => {
    expect(calibrationByBand([{ confidence: 0.2, right: false }])).toEqual(['-', '-', '-']);
  });

  it('judges no total on a receipt whose truth has none, whatever the parser read', () => {
    expect(judgedTotal('', { value: '8.20', confidence: 0.95 })).toBeUndefined();
    expect(judgedTotal('RM 8.20', { value: '8.20', confidence: 0.95 })).toEqual({ confidence: 0.95, right: true });
    expect(judgedTotal('$8.20', { value: '8.02', confidence: 0.5 })).toEqual({ confidence: 0.5, right: false });
    expect(judgedTotal('8.20', null)).toBeUndefined();
  });
});
