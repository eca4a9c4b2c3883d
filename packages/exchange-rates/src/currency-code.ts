/**
 * A column or key names a currency when it is three capital letters. The ECB's history keeps
 * the columns of currencies since replaced by the euro or renamed (CYP, ROL, TRL, ...), which
 * the active ISO 4217 list no longer has: the table keeps them; a conversion needs the
 * currency's minor digits and refuses them.
 */
export function isCurrencyCode(text: string): boolean {
  return /^[A-Z]{3}$/.test(text);
}
