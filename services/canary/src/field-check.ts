import type { ReceiptView } from '@ndf/contracts';

/** The expected fields the receipt does not carry as expected, as `name: expected "x", read "y"`; empty when all match. */
export function fieldMismatches(expected: Readonly<Record<string, string>>, receipt: Pick<ReceiptView, 'extracted'>): string[] {
  return Object.entries(expected)
    .filter(([name, value]) => receipt.extracted?.[name]?.value !== value)
    .map(([name, value]) => `${name}: expected ${JSON.stringify(value)}, read ${JSON.stringify(receipt.extracted?.[name]?.value ?? null)}`);
}
