/** Amounts are kept as integer minor units (cents) and printed as decimal strings: never floats. */
export type Minor = number;

export function toDecimalString(minor: Minor): string {
  const sign = minor < 0 ? '-' : '';
  const absolute = Math.abs(minor);
  return `${sign}${Math.trunc(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/** "7.50" → 750. Throws on anything else: the parser only feeds it what it matched. */
export function fromDecimalString(value: string): Minor {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) throw new Error(`not a decimal amount: ${value}`);
  const minor = Number(match[2]) * 100 + Number((match[3] ?? '0').padEnd(2, '0'));
  return match[1] === '-' ? -minor : minor;
}

/** Whether two amounts are equal but for the cents a till's rounding may add per line. */
export function nearlyEqual(a: Minor, b: Minor, tolerance = 2): boolean {
  return Math.abs(a - b) <= tolerance;
}

/** A VAT rate in thousandths of a percent (5.5 % → 5500), so that rates too stay integers. */
export type RateMilli = number;

export function rateToString(rate: RateMilli): string {
  return (rate / 1000).toFixed(3).replace(/\.?0+$/, '');
}

/** The VAT a base carries at a rate, rounded half up to the cent. */
export function vatOn(base: Minor, rate: RateMilli): Minor {
  return Math.round((base * rate) / 100_000);
}

/**
 * The amounts this one may have been before OCR read a slashed or dotted zero as 8, 6 or 9:
 * one such digit put back to 0 at a time ("8.87" → "0.87").
 */
export function zeroMisreadings(minor: Minor): Minor[] {
  const digits = String(Math.abs(minor));
  const variants: Minor[] = [];
  for (let index = 0; index < digits.length; index++) {
    if (!'689'.includes(digits[index]!)) continue;
    const variant = Number(`${digits.slice(0, index)}0${digits.slice(index + 1)}`);
    variants.push(minor < 0 ? -variant : variant);
  }
  return variants;
}
