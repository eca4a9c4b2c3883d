/**
 * A non-negative decimal string with at most `digits` fraction digits, as an integer of
 * 10^-digits units ("0.529" with 3 digits is 529), or undefined when it is not one.
 * Strings, never floats: 0.529 has no exact binary value.
 */
export function parseScaledDecimal(text: unknown, digits: number, maxIntegerDigits: number): number | undefined {
  if (typeof text !== 'string') return undefined;
  const pattern = new RegExp(`^(0|[1-9][0-9]{0,${maxIntegerDigits - 1}})(\\.[0-9]{1,${digits}})?$`);
  const match = pattern.exec(text);
  if (!match) return undefined;
  const fraction = (match[2] ?? '.').slice(1).padEnd(digits, '0');
  return Number(match[1]! + fraction);
}
