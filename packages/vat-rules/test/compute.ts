import { calculateVat, type VatBreakdown, type VatInput, type VatProblem } from '../src/index.js';

/** The breakdown of a receipt that must add up; the test fails with its problems otherwise. */
export function breakdownOf(input: VatInput): VatBreakdown {
  const result = calculateVat(input);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result.breakdown;
}

/** The problems of a receipt that must be refused; the test fails with its breakdown otherwise. */
export function problemsOf(input: VatInput): readonly VatProblem[] {
  const result = calculateVat(input);
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.breakdown)}`);
  return result.problems;
}

export const eur = (value: string) => ({ value, currency: 'EUR' });
