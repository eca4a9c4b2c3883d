import { describe, expect, it } from 'vitest';
import { defaultSettings, parseSettings, payeeOf } from '../src/index.js';

// Valid test accounts (ISO 13616 check digits).
const IBAN_FR = 'FR7630006000011234567890189';
const IBAN_DE = 'DE89370400440532013000';

describe('payment settings documents', () => {
  it("accepts each employee's account and keeps the IBAN and BIC in electronic form", () => {
    const parsed = parseSettings('PAYEES', {
      payees: [
        { employee: 'emma', name: 'Emma Martin', iban: 'fr76 3000 6000 0112 3456 7890 189', bic: 'agrifrpp' },
        { employee: 'noah', name: 'Noah Petit', iban: IBAN_DE },
      ],
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        payees: [
          { employee: 'emma', name: 'Emma Martin', iban: IBAN_FR, bic: 'AGRIFRPP' },
          { employee: 'noah', name: 'Noah Petit', iban: IBAN_DE },
        ],
      },
    });
    expect(parsed.ok && payeeOf(parsed.value, 'noah')?.iban).toBe(IBAN_DE);
  });

  it('names a bad IBAN, a bad BIC and an employee given twice', () => {
    const parsed = parseSettings('PAYEES', {
      payees: [
        { employee: 'emma', name: 'Emma', iban: 'FR7630006000011234567890188', bic: 'AGRI' },
        { employee: 'emma', name: 'Emma', iban: IBAN_FR },
      ],
    });
    expect(!parsed.ok && parsed.problems.map(({ field, code }) => `${field} ${code}`)).toEqual(['/payees/0/bic invalid_shape']);
    const checked = parseSettings('PAYEES', {
      payees: [
        { employee: 'emma', name: 'Emma', iban: 'FR7630006000011234567890188', bic: 'AGRIXXPP' },
        { employee: 'emma', name: 'Emma', iban: IBAN_FR },
      ],
    });
    expect(!checked.ok && checked.problems.map(({ field, code }) => `${field} ${code}`)).toEqual([
      '/payees/0/iban invalid_account',
      '/payees/0/bic invalid_account',
      '/payees/1/employee duplicate_name',
    ]);
  });

  it("accepts the company's account and a batch day, or on demand; refuses a day past the 28th", () => {
    const debtor = { name: 'ACME SAS', iban: IBAN_FR, bic: 'AGRIFRPP' };
    expect(parseSettings('PAYMENT', { debtor, batchDay: 5 })).toEqual({ ok: true, value: { debtor, batchDay: 5 } });
    expect(parseSettings('PAYMENT', { debtor, batchDay: 'on_demand' }).ok).toBe(true);
    const late = parseSettings('PAYMENT', { debtor, batchDay: 31 });
    expect(!late.ok && late.problems.map(({ field }) => field)).toContain('/batchDay');
    const noBic = parseSettings('PAYMENT', { debtor: { name: 'ACME', iban: IBAN_FR }, batchDay: 5 });
    expect(!noBic.ok && noBic.problems.map(({ field }) => field)).toContain('/debtor/bic');
  });

  it('defaults to nobody and no company account: no batch is made', () => {
    expect(defaultSettings('PAYEES')).toEqual({ payees: [] });
    expect(defaultSettings('PAYMENT')).toEqual({ batchDay: 'on_demand' });
  });
});
