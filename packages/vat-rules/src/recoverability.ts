import { CATEGORIES } from './categories.js';
import type { VatTreatment } from './input.js';
import { problem, type VatProblem } from './problems.js';

/** The rule applied to a receipt, kept with its result for the audit trail. */
export type VatRuleCode =
  | 'hotel_lodging'
  | 'meal_company_printed'
  | 'meal_company_added_below_150'
  | 'meal_company_added_from_150'
  | 'meal_company_absent'
  | 'passenger_transport'
  | 'tolls'
  | 'fuel_passenger_car'
  | 'fuel_utility_vehicle'
  | 'fuel_alternative_energy'
  | 'car_rental'
  | 'mileage'
  | 'foreign_vat';

export interface VatRule {
  readonly code: VatRuleCode;
  /** The share of the VAT recoverable, in whole percent. */
  readonly percent: bigint;
  readonly reason: string;
}

/** Below this amount excluding VAT (EUR cents), the company may add its own identity to a meal receipt. */
export const COMPANY_IDENTITY_ADDED_LIMIT_MINOR = 15_000n;

const rule = (code: VatRuleCode, percent: bigint, reason: string): { rule: VatRule } => ({ rule: { code, percent, reason } });

function mealRule(input: VatTreatment, totalExcl: bigint): { rule: VatRule } | { problem: VatProblem } {
  switch (input.companyMention) {
    case 'printed':
      return rule('meal_company_printed', 100n, 'meal: the invoice names the company');
    case 'added_by_company':
      return totalExcl < COMPANY_IDENTITY_ADDED_LIMIT_MINOR
        ? rule('meal_company_added_below_150', 100n, 'meal below 150 EUR excl. VAT: the company added its identity to the receipt')
        : rule('meal_company_added_from_150', 0n, 'meal of 150 EUR excl. VAT or more: the invoice itself must name the company');
    case 'absent':
      return rule('meal_company_absent', 0n, 'meal: the invoice does not name the company');
    default:
      return {
        problem: problem('/companyMention', 'missing_company_mention', 'a meal needs companyMention: printed, added_by_company or absent'),
      };
  }
}

function fuelRule(input: VatTreatment): { rule: VatRule } | { problem: VatProblem } {
  if (input.fuel === 'lpg' || input.fuel === 'natural_gas' || input.fuel === 'electricity')
    return rule('fuel_alternative_energy', 100n, `fuel: ${input.fuel.replace('_', ' ')} is recoverable in full`);
  if (input.vehicle === 'utility_vehicle') return rule('fuel_utility_vehicle', 100n, 'fuel for a utility vehicle: recoverable in full');
  // A passenger car's share depends on its energy: not knowing it is refused, not guessed.
  if (input.vehicle === 'passenger_car' && input.fuel === undefined)
    return {
      problem: problem('/fuel', 'missing_fuel', 'fuel for a passenger car needs fuel: petrol, diesel, lpg, natural_gas or electricity'),
    };
  if (input.vehicle === 'passenger_car') return rule('fuel_passenger_car', 80n, 'fuel for a passenger car: 80 % recoverable');
  return { problem: problem('/vehicle', 'missing_vehicle', 'fuel needs vehicle: passenger_car or utility_vehicle') };
}

/** Which share of a receipt's VAT is recoverable, and why. `totalExcl` is the receipt's total excluding VAT, in cents. */
export function recoverabilityOf(input: VatTreatment, totalExcl: bigint): { rule: VatRule } | { problem: VatProblem } {
  switch (CATEGORIES[input.category].family) {
    case 'hotel':
      return rule('hotel_lodging', 0n, 'hotel lodging for employees: not recoverable');
    case 'meal':
      return mealRule(input, totalExcl);
    case 'transport':
      return rule('passenger_transport', 0n, 'passenger transport: never recoverable');
    case 'tolls':
      return rule('tolls', 100n, 'tolls: recoverable in full');
    case 'fuel':
      return fuelRule(input);
    case 'car_rental':
      return rule('car_rental', 0n, 'passenger car rental: not recoverable');
    case 'mileage':
      return rule('mileage', 0n, 'mileage allowance: carries no VAT');
  }
}
