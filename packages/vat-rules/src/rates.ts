/**
 * French VAT rates in hundredths of a percent (basis points), so that 5.5 % is the integer
 * 550 and every computation stays in integers.
 */
export const FRENCH_VAT_RATES_BP: readonly bigint[] = [2000n, 1000n, 550n, 210n];

const RATE_PATTERN = /^(0|[1-9][0-9]?)(\.[0-9]{1,2})?$/;

/** "5.5" → 550n; undefined when the text is not a percentage with at most two decimals. */
export function parseRateBp(text: string): bigint | undefined {
  if (!RATE_PATTERN.test(text)) return undefined;
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole! + fraction.padEnd(2, '0'));
}

export function isFrenchRate(rateBp: bigint): boolean {
  return FRENCH_VAT_RATES_BP.includes(rateBp);
}

/** 550n → "5.5", 2000n → "20": the rate as receipts print it. */
export function formatRateBp(rateBp: bigint): string {
  const whole = rateBp / 100n;
  const fraction = (rateBp % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}
