import type { Minor } from '../text/money.js';
import type { LineFacts } from './line-facts.js';

const isItemLine = (line: LineFacts): boolean =>
  !line.total &&
  !line.exclVat &&
  !line.vat &&
  !line.payment &&
  !line.cashGiven &&
  !line.change &&
  !line.tip &&
  !line.discount &&
  !line.notMoney &&
  line.rates.length === 0 &&
  line.amounts.length > 0;

/**
 * What the item lines above the last total line add up to, less the discounts printed among them:
 * the last amount of each line (after a quantity and a unit price comes the line's amount).
 * Undefined without item lines. Section subtotals in between are left out, so a section's own
 * items do not make its subtotal look like the receipt's total.
 */
export function itemsSum(facts: readonly LineFacts[], lastTotal: number): Minor | undefined {
  const above = facts.slice(0, lastTotal);
  const items = above.filter(isItemLine);
  if (items.length === 0) return undefined;
  const discounts = above.filter((line) => line.discount && !line.total && line.amounts.length > 0);
  const amount = (line: LineFacts) => line.amounts.at(-1)!.minor;
  return items.reduce((sum, line) => sum + amount(line), 0) - discounts.reduce((sum, line) => sum + Math.abs(amount(line)), 0);
}
