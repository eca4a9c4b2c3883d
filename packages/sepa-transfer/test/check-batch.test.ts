import { describe, expect, it } from 'vitest';
import { type CreditTransfer, type FieldProblem, type ReimbursementBatch, checkBatch, SepaBatchRefused } from '../src/index.js';
import { threeEmployeesBatch } from './three-employees.js';

function problemsOf(batch: ReimbursementBatch): FieldProblem[] {
  try {
    checkBatch(batch);
  } catch (error) {
    if (error instanceof SepaBatchRefused) return [...error.problems];
    throw error;
  }
  throw new Error('the batch was accepted');
}

function withTransfer(index: number, change: Partial<CreditTransfer>): ReimbursementBatch {
  const batch = threeEmployeesBatch();
  return { ...batch, transfers: batch.transfers.map((transfer, i) => (i === index ? { ...transfer, ...change } : transfer)) };
}

function fields(problems: FieldProblem[]): string[] {
  return problems.map((problem) => problem.field);
}

describe('checkBatch', () => {
  it('counts the transfers and sums them exactly', () => {
    const checked = checkBatch(threeEmployeesBatch());
    expect(checked.numberOfTransactions).toBe(3);
    // 12,345 + 6,789 + 100,000 = 119,134 cents
    expect(checked.controlSumCents).toBe(119_134n);
    expect(checked.controlSumCents).toBe(checked.transfers.reduce((sum, transfer) => sum + transfer.amountCents, 0n));
  });

  it('writes names and texts in the SEPA set and accounts in their electronic form', () => {
    const checked = checkBatch(threeEmployeesBatch());
    expect(checked.debtor).toEqual({ name: "Societe Generale d'Etudes SAS", iban: 'FR7630006000011234567890189', bic: 'BNPAFRPP' });
    expect(checked.transfers.map((transfer) => transfer.name)).toEqual(['Zoe Lefevre', 'Lukasz Strauss', "Anne-Marie O'Neill"]);
    expect(checked.transfers[2]!.remittance).toBe('Notes de frais novembre 2026 (hotel, train)');
  });

  it('refuses a wrong IBAN, naming the field', () => {
    const problems = problemsOf(withTransfer(1, { iban: 'BE68539007547035' }));
    expect(problems).toEqual([{ field: 'transfers/1/iban', reason: expect.stringContaining('mod 97') }]);
  });

  it('refuses a malformed BIC, naming the field', () => {
    const batch = threeEmployeesBatch();
    expect(fields(problemsOf({ ...batch, debtor: { ...batch.debtor, bic: 'BNP1FRPP' } }))).toEqual(['debtor/bic']);
  });

  it('refuses an amount of 0 and a negative one', () => {
    expect(problemsOf(withTransfer(0, { amountCents: 0n }))).toEqual([
      { field: 'transfers/0/amountCents', reason: 'must be more than 0 cents' },
    ]);
    expect(fields(problemsOf(withTransfer(2, { amountCents: -5n })))).toEqual(['transfers/2/amountCents']);
  });

  it('refuses an amount above the SEPA maximum of 999,999,999.99 EUR', () => {
    expect(fields(problemsOf(withTransfer(0, { amountCents: 100_000_000_000n })))).toEqual(['transfers/0/amountCents']);
  });

  it('refuses a name with characters outside the SEPA set, saying which', () => {
    const problems = problemsOf(withTransfer(2, { name: '李雷' }));
    expect(problems).toEqual([{ field: 'transfers/2/name', reason: 'has characters outside the SEPA set: "李" "雷"' }]);
  });

  it('refuses an empty batch', () => {
    expect(problemsOf(threeEmployeesBatch({ transfers: [] }))).toContainEqual({
      field: 'transfers',
      reason: 'is empty: a SEPA file needs at least one transfer',
    });
  });

  it('refuses a name over 70 characters and a remittance over 140', () => {
    const problems = problemsOf(withTransfer(0, { name: 'A'.repeat(71), remittance: 'B'.repeat(141) }));
    expect(fields(problems)).toEqual(['transfers/0/name', 'transfers/0/remittance']);
  });

  it('refuses a repeated end-to-end id, a bad identifier and a non-date', () => {
    const batch = withTransfer(2, { endToEndId: 'NDF-2026-11-E1' });
    const problems = problemsOf({ ...batch, messageId: '/NDF', executionDate: '2026-02-30' });
    expect(fields(problems)).toEqual(['messageId', 'executionDate', 'transfers/2/endToEndId']);
  });

  it('reports every bad field at once', () => {
    const batch = withTransfer(0, { amountCents: 0n, iban: 'FR7630006000011234567890188' });
    expect(fields(problemsOf(batch))).toEqual(['transfers/0/amountCents', 'transfers/0/iban']);
  });
});
