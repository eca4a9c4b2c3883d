import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';

/**
 * The IBAN in its electronic form (no spaces, upper case) when its country, length and
 * ISO 13616 check digits (mod 97 = 1) hold, else undefined.
 */
export function checkedIban(iban: string): string | undefined {
  const electronic = electronicFormatIBAN(iban);
  return electronic && isValidIBAN(electronic) ? electronic : undefined;
}

/** The BIC in upper case when it has the ISO 9362 shape (8 or 11 characters, a real country), else undefined. */
export function checkedBic(bic: string): string | undefined {
  const upper = bic.trim().toUpperCase();
  return isValidBIC(upper) ? upper : undefined;
}
