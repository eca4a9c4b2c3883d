import { moneyProblem, toMinorUnits, fromMinorUnits, type Money } from '@ndf/contracts';
import { refused, ROUNDING, type VatBreakdown, type VatResult } from './calculate-vat.js';
import { CATEGORIES, type Category } from './categories.js';
import { problem } from './problems.js';

/** Where an expense was made and in which currency it was paid. */
export interface ExpensePlace {
  /** ISO 3166-1 alpha-2; absent means France. */
  readonly country?: string;
  readonly currency: string;
}

const FRANCE = 'FR';
const EURO = 'EUR';

/** French VAT is that of an expense made in France and invoiced in euros; anything else is foreign VAT. */
export function isFrenchVat(place: ExpensePlace): boolean {
  return (place.country ?? FRANCE) === FRANCE && place.currency === EURO;
}

function why(place: ExpensePlace): string {
  const abroad = (place.country ?? FRANCE) !== FRANCE;
  const where = abroad ? `made in ${place.country}` : `paid in ${place.currency}`;
  return `expense ${where}: its VAT is not French VAT and is not recoverable on the French return; the whole amount is the expense`;
}

/**
 * The breakdown of an expense whose VAT is foreign: no French VAT, nothing recovered, its
 * whole amount the expense (in its own currency; converting it is another step's job).
 */
export function calculateForeignVat(category: Category, total: Money, place: ExpensePlace): VatResult {
  const invalid = moneyProblem(total);
  if (invalid !== undefined)
    return refused([
      problem('/totalInclVat', 'invalid_amount', `${JSON.stringify(total.value)} ${total.currency} is not an amount (${invalid})`),
    ]);
  const zero = fromMinorUnits(0n, total.currency);
  const amount = fromMinorUnits(toMinorUnits(total), total.currency);
  const account = CATEGORIES[category].account;
  const breakdown: VatBreakdown = {
    category,
    ...(account === undefined ? {} : { account }),
    totalInclVat: amount,
    totalExclVat: amount,
    vat: zero,
    lines: [],
    recoverable: zero,
    nonRecoverable: zero,
    rule: { code: 'foreign_vat', percent: 0, reason: why(place), rounding: ROUNDING },
  };
  return { ok: true, breakdown };
}
