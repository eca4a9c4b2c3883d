import { describe, expect, it } from 'vitest';
import { checkedBic, checkedIban } from '../src/index.js';

describe('checkedIban', () => {
  it('accepts an IBAN whose check digits give 1 mod 97, in its electronic form', () => {
    // ISO 13616's example: GB82WEST12345698765432 → moved "WEST12345698765432GB82" → letters as
    // numbers (W=32 E=14 S=28 T=29 G=16 B=11) → 3214282912345698765432161182, and 3214282912345698765432161182 mod 97 = 1.
    expect(checkedIban('GB82 WEST 1234 5698 7654 32')).toBe('GB82WEST12345698765432');
    expect(checkedIban('fr76 3000 6000 0112 3456 7890 189')).toBe('FR7630006000011234567890189');
  });

  it('refuses one wrong digit', () => {
    // FR76 ... 0189 → 188: the number drops by 10^6 (the last digit sits before "152776"), 10^6 mod 97 = 27,
    // so the remainder becomes 1 - 27 = -26 ≡ 71, not 1.
    expect(checkedIban('FR7630006000011234567890188')).toBeUndefined();
  });

  it('refuses a wrong length for the country', () => {
    expect(checkedIban('DE8937040044053201300')).toBeUndefined();
  });
});

describe('checkedBic', () => {
  it('accepts 8 and 11 characters, in upper case', () => {
    expect(checkedBic('bnpafrpp')).toBe('BNPAFRPP');
    expect(checkedBic('COBADEFFXXX')).toBe('COBADEFFXXX');
  });

  it('refuses a digit in the bank code, an unknown country, a wrong length', () => {
    expect(checkedBic('BNP1FRPP')).toBeUndefined();
    expect(checkedBic('BNPAXXPP')).toBeUndefined();
    expect(checkedBic('BNPAFRPPX')).toBeUndefined();
  });
});
