import { moneyProblem, toMinorUnits, type Money, type ReceiptItem } from '@ndf/contracts';

/**
 * The merchant a note is compared on: the one its owner typed, else the one its processed
 * receipts read with the most confidence (the app often leaves the field for the receipt to fill).
 */
export function noteMerchant(typed: string | undefined, receipts: readonly ReceiptItem[]): string | undefined {
  if (typed !== undefined) return typed;
  let best: { value: string; confidence: number } | undefined;
  for (const receipt of receipts) {
    const found = receipt.status === 'processed' ? receipt.extracted?.merchant : undefined;
    if (found && typeof found.value === 'string' && (best === undefined || found.confidence > best.confidence)) best = found;
  }
  return best?.value;
}

/** The same amount to the minor unit in the same currency; a malformed amount is no one's. */
export function sameAmount(a: Money, b: Money): boolean {
  if (a.currency !== b.currency || moneyProblem(a) !== undefined || moneyProblem(b) !== undefined) return false;
  return toMinorUnits(a) === toMinorUnits(b);
}
