import type { MileageScaleData, ScaleBandData } from '../scale.js';

const car = (upTo5000: string, [perKm, plus]: [string, string], over20000: string): ScaleBandData[] => [
  { upToKm: 5_000, perKm: upTo5000, plus: '0' },
  { upToKm: 20_000, perKm, plus },
  { perKm: over20000, plus: '0' },
];
const motorcycle = (upTo3000: string, [perKm, plus]: [string, string], over6000: string): ScaleBandData[] => [
  { upToKm: 3_000, perKm: upTo3000, plus: '0' },
  { upToKm: 6_000, perKm, plus },
  { perKm: over6000, plus: '0' },
];

/** The French scale of 2023, unchanged in 2024 and 2025 (see the domain reference). */
export const FRANCE_2023: MileageScaleData = {
  id: 'FR-2023',
  years: { first: 2023, last: 2025 },
  electricBonusPercent: 20,
  rows: {
    car: [
      { fiscalPower: { min: 1, max: 3 }, bands: car('0.529', ['0.316', '1065'], '0.370') },
      { fiscalPower: { min: 4, max: 4 }, bands: car('0.606', ['0.340', '1330'], '0.407') },
      { fiscalPower: { min: 5, max: 5 }, bands: car('0.636', ['0.357', '1395'], '0.427') },
      { fiscalPower: { min: 6, max: 6 }, bands: car('0.665', ['0.374', '1457'], '0.447') },
      { fiscalPower: { min: 7 }, bands: car('0.697', ['0.394', '1515'], '0.470') },
    ],
    motorcycle: [
      { fiscalPower: { min: 1, max: 2 }, bands: motorcycle('0.395', ['0.099', '891'], '0.248') },
      { fiscalPower: { min: 3, max: 5 }, bands: motorcycle('0.468', ['0.082', '1158'], '0.275') },
      { fiscalPower: { min: 6 }, bands: motorcycle('0.606', ['0.079', '1583'], '0.343') },
    ],
  },
};
