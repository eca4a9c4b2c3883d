import type { Random } from './random.js';
import type { Locale } from './catalogue.js';

/** A VAT number valid for its country (the French key computed from the SIREN), and how it is printed. */
export function makeVatNumber(random: Random, country: NonNullable<Locale['vatCountry']>): { value: string; printed: string } {
  const digits = (count: number) =>
    Array.from({ length: count }, (_, index) => (index === 0 ? random.int(1, 9) : random.int(0, 9))).join('');
  switch (country) {
    case 'FR': {
      const siren = digits(9);
      const key = String((12 + 3 * (Number(siren) % 97)) % 97).padStart(2, '0');
      const value = `FR${key}${siren}`;
      return {
        value,
        printed: random.pick([
          `TVA FR ${key} ${siren}`,
          `N° TVA intracom. : ${value}`,
          `TVA : FR${key} ${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}`,
        ]),
      };
    }
    case 'GB': {
      const number = digits(9);
      return {
        value: `GB${number}`,
        printed: random.pick([`VAT Reg No: GB ${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`, `VAT No. GB${number}`]),
      };
    }
    case 'DE': {
      const number = digits(9);
      return { value: `DE${number}`, printed: random.pick([`USt-IdNr.: DE${number}`, `VAT ID: DE ${number}`]) };
    }
    case 'NL': {
      const number = digits(9);
      return { value: `NL${number}B01`, printed: `VAT: NL${number}B01` };
    }
    case 'CHE': {
      const number = digits(9);
      const value = `CHE-${number.slice(0, 3)}.${number.slice(3, 6)}.${number.slice(6)}`;
      return { value, printed: random.pick([`${value} TVA`, `${value} MWST`, `UID ${value}`]) };
    }
  }
}
