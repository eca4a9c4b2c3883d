import type { ReimbursementBatch } from '../src/index.js';

/** A month's reimbursements for three employees, with the accents and spaced IBANs people type. */
export function threeEmployeesBatch(overrides: Partial<ReimbursementBatch> = {}): ReimbursementBatch {
  return {
    messageId: 'NDF-2026-11-0001',
    paymentInfoId: 'NDF-2026-11-0001-P1',
    createdAt: new Date('2026-12-01T09:30:15.123Z'),
    executionDate: '2026-12-03',
    debtor: { name: 'Société Générale d’Études SAS', iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'bnpafrpp' },
    transfers: [
      {
        name: 'Zoë Lefèvre',
        iban: 'DE89 3704 0044 0532 0130 00',
        bic: 'COBADEFFXXX',
        amountCents: 12_345n,
        endToEndId: 'NDF-2026-11-E1',
        remittance: 'Notes de frais novembre 2026 - déplacement Lyon',
      },
      {
        name: 'Łukasz Strauß',
        iban: 'BE68539007547034',
        amountCents: 6_789n,
        endToEndId: 'NDF-2026-11-E2',
        remittance: 'Notes de frais novembre 2026',
      },
      {
        name: "Anne-Marie O'Neill",
        iban: 'NL91ABNA0417164300',
        amountCents: 100_000n,
        endToEndId: 'NDF-2026-11-E3',
        remittance: 'Notes de frais novembre 2026 (hôtel, train)',
      },
    ],
    ...overrides,
  };
}
