import { describe, expect, it } from 'vitest';
import { breakdownOf, eur, problemsOf } from './compute.js';

describe('recoverable VAT by category', () => {
  it('hotel lodging: nothing recoverable, booked on 6256', () => {
    // 110.00 TTC with 10.00 VAT at 10 %: HT 110.00 − 10.00 = 100.00; 0 % of 10.00 = 0
    const breakdown = breakdownOf({
      currency: 'EUR',
      totalInclVat: '110.00',
      vatLines: [{ rate: '10', amount: '10.00' }],
      category: 'hotel',
    });
    expect(breakdown).toMatchObject({
      account: '6256',
      totalExclVat: eur('100.00'),
      vat: eur('10.00'),
      recoverable: eur('0.00'),
      nonRecoverable: eur('10.00'),
      rule: { code: 'hotel_lodging', percent: 0, rounding: 'per VAT line, to the cent, half up' },
    });
  });

  it('a breakfast the hotel bills separately, naming the company: recoverable in full', () => {
    // 16.50 TTC, 1.50 VAT at 10 %: HT 15.00, 100 % of 1.50 = 1.50
    const breakdown = breakdownOf({
      currency: 'EUR',
      totalInclVat: '16.50',
      vatLines: [{ rate: '10', amount: '1.50' }],
      category: 'hotel_meal',
      companyMention: 'printed',
    });
    expect(breakdown).toMatchObject({
      totalExclVat: eur('15.00'),
      recoverable: eur('1.50'),
      rule: { code: 'meal_company_printed', percent: 100 },
    });
  });

  it('a restaurant invoice naming the company: every rate recoverable, line by line', () => {
    // food 30.00 + 3.00 at 10 %, wine 10.00 + 2.00 at 20 %: TTC 45.00, HT 40.00, recoverable 3.00 + 2.00 = 5.00
    const breakdown = breakdownOf({
      currency: 'EUR',
      totalInclVat: '45.00',
      vatLines: [
        { rate: '10', amount: '3.00', base: '30.00' },
        { rate: '20', amount: '2.00', base: '10.00' },
      ],
      category: 'restaurant',
      companyMention: 'printed',
    });
    expect(breakdown.totalExclVat).toEqual(eur('40.00'));
    expect(breakdown.lines).toEqual([
      { rate: '10', base: eur('30.00'), baseSource: 'printed', vat: eur('3.00'), recoverable: eur('3.00'), nonRecoverable: eur('0.00') },
      { rate: '20', base: eur('10.00'), baseSource: 'printed', vat: eur('2.00'), recoverable: eur('2.00'), nonRecoverable: eur('0.00') },
    ]);
    expect(breakdown.recoverable).toEqual(eur('5.00'));
    expect(breakdown.account).toBe('6256');
  });

  it('a client meal is booked on 6257 (receptions)', () => {
    const breakdown = breakdownOf({
      currency: 'EUR',
      totalInclVat: '55.00',
      vatLines: [{ rate: '10', amount: '5.00' }],
      category: 'client_meal',
      companyMention: 'printed',
    });
    // 55.00 − 5.00 = 50.00 HT; 5.00 recoverable
    expect(breakdown).toMatchObject({ account: '6257', totalExclVat: eur('50.00'), recoverable: eur('5.00') });
  });

  it('the company may add its identity below 150 EUR excluding VAT, not from 150 EUR', () => {
    const meal = (totalInclVat: string) => ({
      currency: 'EUR',
      totalInclVat,
      vatLines: [{ rate: '10', amount: '15.00' }],
      category: 'restaurant' as const,
      companyMention: 'added_by_company' as const,
    });
    // 164.99 − 15.00 = 149.99 HT < 150: the 15.00 is recoverable (149.99 × 10 % = 14.999 → 15.00 checks)
    expect(breakdownOf(meal('164.99'))).toMatchObject({
      totalExclVat: eur('149.99'),
      recoverable: eur('15.00'),
      rule: { code: 'meal_company_added_below_150', percent: 100 },
    });
    // 165.00 − 15.00 = 150.00 HT, not below 150: nothing recoverable
    expect(breakdownOf(meal('165.00'))).toMatchObject({
      totalExclVat: eur('150.00'),
      recoverable: eur('0.00'),
      nonRecoverable: eur('15.00'),
      rule: { code: 'meal_company_added_from_150', percent: 0 },
    });
  });

  it('a restaurant invoice that does not name the company: nothing recoverable', () => {
    const breakdown = breakdownOf({
      currency: 'EUR',
      totalInclVat: '22.00',
      vatLines: [{ rate: '10', amount: '2.00' }],
      category: 'restaurant',
      companyMention: 'absent',
    });
    // 22.00 − 2.00 = 20.00 HT; 0 % of 2.00
    expect(breakdown).toMatchObject({
      totalExclVat: eur('20.00'),
      recoverable: eur('0.00'),
      nonRecoverable: eur('2.00'),
      rule: { code: 'meal_company_absent' },
    });
  });

  it('a meal without saying whether the invoice names the company is refused, naming the field', () => {
    expect(
      problemsOf({ currency: 'EUR', totalInclVat: '22.00', vatLines: [{ rate: '10', amount: '2.00' }], category: 'restaurant' }),
    ).toEqual([expect.objectContaining({ field: '/companyMention', code: 'missing_company_mention' })]);
  });

  it.each(['train', 'plane', 'taxi', 'ride_hailing'] as const)(
    'passenger transport (%s): never recoverable, booked on 6251',
    (category) => {
      // 55.00 TTC, 5.00 VAT at 10 %: HT 50.00, 0 recoverable
      const breakdown = breakdownOf({
        currency: 'EUR',
        totalInclVat: '55.00',
        vatLines: [{ rate: '10', amount: '5.00' }],
        category,
        companyMention: 'printed',
      });
      expect(breakdown).toMatchObject({
        account: '6251',
        totalExclVat: eur('50.00'),
        recoverable: eur('0.00'),
        nonRecoverable: eur('5.00'),
        rule: { code: 'passenger_transport' },
      });
    },
  );

  it('tolls: recoverable in full', () => {
    // 12.40 TTC, 2.07 VAT at 20 %: HT 10.33 (10.33 × 20 % = 2.066 → 2.07 checks); 100 % of 2.07
    const breakdown = breakdownOf({
      currency: 'EUR',
      totalInclVat: '12.40',
      vatLines: [{ rate: '20', amount: '2.07' }],
      category: 'tolls',
    });
    expect(breakdown).toMatchObject({
      account: '6251',
      totalExclVat: eur('10.33'),
      recoverable: eur('2.07'),
      nonRecoverable: eur('0.00'),
      rule: { code: 'tolls', percent: 100 },
    });
  });

  it('fuel for a passenger car: 80 %, rounded per line to the cent', () => {
    // 50.03 TTC, 8.34 VAT at 20 %: HT 41.69 (41.69 × 20 % = 8.338 → 8.34 checks);
    // 80 % of 8.34 = 6.672 → 6.67 recoverable, 8.34 − 6.67 = 1.67 not
    const breakdown = breakdownOf({
      currency: 'EUR',
      totalInclVat: '50.03',
      vatLines: [{ rate: '20', amount: '8.34' }],
      category: 'fuel',
      vehicle: 'passenger_car',
      fuel: 'diesel',
    });
    expect(breakdown).toMatchObject({
      totalExclVat: eur('41.69'),
      recoverable: eur('6.67'),
      nonRecoverable: eur('1.67'),
      rule: { code: 'fuel_passenger_car', percent: 80 },
    });
    expect(breakdown.account).toBeUndefined();
  });

  it('fuel for a utility vehicle: recoverable in full', () => {
    // 60.00 TTC, 10.00 VAT at 20 %: HT 50.00; 100 % of 10.00
    const breakdown = breakdownOf({
      currency: 'EUR',
      totalInclVat: '60.00',
      vatLines: [{ rate: '20', amount: '10.00' }],
      category: 'fuel',
      vehicle: 'utility_vehicle',
      fuel: 'petrol',
    });
    expect(breakdown).toMatchObject({
      totalExclVat: eur('50.00'),
      recoverable: eur('10.00'),
      rule: { code: 'fuel_utility_vehicle', percent: 100 },
    });
  });

  it.each(['lpg', 'natural_gas', 'electricity'] as const)('%s for a passenger car: recoverable in full', (fuel) => {
    // 60.00 TTC, 10.00 VAT at 20 %: 100 % of 10.00, where petrol would give 8.00
    const breakdown = breakdownOf({
      currency: 'EUR',
      totalInclVat: '60.00',
      vatLines: [{ rate: '20', amount: '10.00' }],
      category: 'fuel',
      vehicle: 'passenger_car',
      fuel,
    });
    expect(breakdown).toMatchObject({
      recoverable: eur('10.00'),
      nonRecoverable: eur('0.00'),
      rule: { code: 'fuel_alternative_energy', percent: 100 },
    });
  });

  it('petrol or diesel without the vehicle kind is refused, naming the field', () => {
    expect(
      problemsOf({ currency: 'EUR', totalInclVat: '60.00', vatLines: [{ rate: '20', amount: '10.00' }], category: 'fuel', fuel: 'petrol' }),
    ).toEqual([expect.objectContaining({ field: '/vehicle', code: 'missing_vehicle' })]);
  });

  it('a passenger car without its energy is refused, naming the field', () => {
    expect(
      problemsOf({
        currency: 'EUR',
        totalInclVat: '60.00',
        vatLines: [{ rate: '20', amount: '10.00' }],
        category: 'fuel',
        vehicle: 'passenger_car',
      }),
    ).toEqual([expect.objectContaining({ field: '/fuel', code: 'missing_fuel' })]);
  });

  it('passenger car rental: nothing recoverable, no default account', () => {
    // 240.00 TTC, 40.00 VAT at 20 %: HT 200.00, 0 recoverable
    const breakdown = breakdownOf({
      currency: 'EUR',
      totalInclVat: '240.00',
      vatLines: [{ rate: '20', amount: '40.00' }],
      category: 'car_rental',
    });
    expect(breakdown).toMatchObject({
      totalExclVat: eur('200.00'),
      recoverable: eur('0.00'),
      nonRecoverable: eur('40.00'),
      rule: { code: 'car_rental' },
    });
    expect(breakdown.account).toBeUndefined();
  });

  it('mileage carries no VAT: the allowance is its own total excluding VAT', () => {
    // 100 km × 0.636 (5 CV) = 63.60, no VAT line: HT = TTC = 63.60
    const breakdown = breakdownOf({ currency: 'EUR', totalInclVat: '63.60', vatLines: [], category: 'mileage' });
    expect(breakdown).toMatchObject({
      totalExclVat: eur('63.60'),
      vat: eur('0.00'),
      recoverable: eur('0.00'),
      lines: [],
      rule: { code: 'mileage' },
    });
  });

  it('a mileage allowance with a VAT line is refused', () => {
    expect(
      problemsOf({ currency: 'EUR', totalInclVat: '63.60', vatLines: [{ rate: '20', amount: '10.60' }], category: 'mileage' }),
    ).toEqual([expect.objectContaining({ field: '/vatLines', code: 'vat_on_mileage' })]);
  });
});
