import { findAmounts, maskSpans, type AmountToken } from '../text/amounts.js';
import { findDates, findTimes } from '../text/dates.js';
import type { Line } from '../text/lines.js';
import { findRates, type RateToken } from '../text/rates.js';
import { CASH_GIVEN, CHANGE, DISCOUNT, EXCL_VAT, NOT_MONEY, PAYMENT, TIP, TOTAL, TOTAL_DUE, VAT } from './keywords.js';

export interface LineFacts extends Line {
  readonly amounts: readonly AmountToken[];
  readonly rates: readonly RateToken[];
  readonly totalDue: boolean;
  readonly total: boolean;
  readonly exclVat: boolean;
  readonly vat: boolean;
  readonly payment: boolean;
  readonly cashGiven: boolean;
  readonly change: boolean;
  readonly tip: boolean;
  readonly discount: boolean;
  readonly notMoney: boolean;
}

/**
 * A printed line holds a few amounts (quantity, unit price, amount, VAT and its base) and rates;
 * one with more is a table run into a line, and the totals' and VAT rules weigh pairs and
 * triples of a line's amounts, and each rate against them: past this many, the rest are left out.
 */
const MAX_TOKENS_PER_LINE = 12;

/** What a line says: its amounts and rates (dates and times masked) and which labels it carries. */
export function factsOf(line: Line, { monthFirst }: { monthFirst: boolean }): LineFacts {
  const masked = maskSpans(line.text, [...findDates(line.text, { monthFirst }), ...findTimes(line.text)]);
  const rates = findRates(masked);
  const amounts = findAmounts(maskSpans(masked, rates)).slice(0, MAX_TOKENS_PER_LINE);
  const label = line.label;
  const totalDue = TOTAL_DUE.test(label);
  const exclVat = EXCL_VAT.test(label) && !/TTC|T\.T\.C/.test(label);
  return {
    ...line,
    amounts,
    rates: rates.slice(0, MAX_TOKENS_PER_LINE),
    totalDue: totalDue && !exclVat,
    total: (totalDue || TOTAL.test(label)) && !exclVat,
    exclVat,
    vat: VAT.test(label) && !/HORS\s*TAXES?/.test(label),
    payment: PAYMENT.test(label),
    cashGiven: CASH_GIVEN.test(label),
    change: CHANGE.test(label),
    tip: TIP.test(label),
    discount: DISCOUNT.test(label),
    notMoney: NOT_MONEY.test(label),
  };
}
