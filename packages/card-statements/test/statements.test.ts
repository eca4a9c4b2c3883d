import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAmount, readCamt053, readCamt053Entries, readCsvStatement, readCsvStatementLines, StatementError } from '../src/index.js';

const camt = readFileSync(new URL('./statements/march.camt053.xml', import.meta.url), 'utf8');

const problemOf = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    if (error instanceof StatementError) return { field: error.field, code: error.code };
    throw error;
  }
  throw new Error('expected a StatementError');
};

describe('a camt.053 card statement', () => {
  it('reads each payment with its date, amount, merchant, card and reference; a payment abroad keeps its original amount', () => {
    expect(readCamt053(camt)).toEqual([
      // The transaction's own date (the 3rd), not the booking date (the 4th).
      {
        id: 'CB-0001',
        date: '2026-03-03',
        direction: 'debit',
        amount: { value: '110.00', currency: 'EUR' },
        merchant: 'HOTEL IBIS LYON PART DIEU',
        cardLast4: '4242',
      },
      {
        id: 'CB-0002',
        date: '2026-03-14',
        direction: 'debit',
        amount: { value: '78.34', currency: 'EUR' },
        originalAmount: { value: '85.00', currency: 'USD' },
        merchant: "CB JOE'S STEAKHOUSE NEW YORK",
      },
      // A batch entry of 24.50 is two tolls: 12.00 + 12.50, each its own transaction.
      {
        id: 'CB-BATCH-7/1',
        date: '2026-03-20',
        direction: 'debit',
        amount: { value: '12.00', currency: 'EUR' },
        merchant: 'VINCI AUTOROUTES',
      },
      { id: 'CB-BATCH-7/2', date: '2026-03-20', direction: 'debit', amount: { value: '12.50', currency: 'EUR' }, merchant: 'SANEF' },
      {
        id: expect.stringMatching(/^camt-[0-9a-f]{24}$/),
        date: '2026-03-22',
        direction: 'credit',
        amount: { value: '20.00', currency: 'EUR' },
        merchant: 'REMBOURSEMENT SNCF',
      },
    ]);
  });

  it('refuses what is not a statement, naming where: another document, broken XML, a DOCTYPE (entity expansion), an entry without amount', () => {
    expect(problemOf(() => readCamt053('<Document><Other/></Document>'))).toEqual({
      field: '/Document/BkToCstmrStmt',
      code: 'not_a_statement',
    });
    expect(problemOf(() => readCamt053('<Document><BkToCstmrStmt>'))).toMatchObject({ code: 'malformed' });
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><Document>&lol2;</Document>';
    expect(problemOf(() => readCamt053(bomb))).toEqual({ field: '/', code: 'malformed' });
    expect(problemOf(() => readCamt053(camt.replace('<Amt Ccy="EUR">110.00</Amt>', '')))).toEqual({
      field: '/Document/BkToCstmrStmt/Stmt/0/Ntry/0/Amt',
      code: 'missing_field',
    });
    expect(problemOf(() => readCamt053(camt.replace('Ccy="USD"', 'Ccy="XYZ"')))).toMatchObject({ code: 'invalid_currency' });
    expect(problemOf(() => readCamt053(''))).toEqual({ field: '/', code: 'empty' });
  });
});

describe('a CSV card statement', () => {
  it("reads a French issuer's export: ; between fields, day-first dates, decimal commas, debits signed negative, card numbers masked", () => {
    const csv = [
      '\uFEFFDate opération;Libellé;Montant;Devise;Carte;Porteur',
      '03/03/2026;HOTEL IBIS LYON;-110,00;EUR;**** 4242;EMMA MARTIN',
      '05/03/2026;PAIEMENT CB SNCF CONNECT;-1 066,00;EUR;**** 4242;EMMA MARTIN',
      '06/03/2026;PAIEMENT CB SNCF CONNECT;-1 066,00;EUR;**** 4242;EMMA MARTIN',
      '07/03/2026;REMBOURSEMENT;20,00;EUR;**** 4242;EMMA MARTIN',
    ].join('\r\n');
    const read = readCsvStatement(csv, { defaultCurrency: 'EUR', debitsAreNegative: true });
    expect(read.map(({ id: _id, ...rest }) => rest)).toEqual([
      {
        date: '2026-03-03',
        direction: 'debit',
        amount: { value: '110.00', currency: 'EUR' },
        merchant: 'HOTEL IBIS LYON',
        cardLast4: '4242',
        holder: 'EMMA MARTIN',
      },
      {
        date: '2026-03-05',
        direction: 'debit',
        amount: { value: '1066.00', currency: 'EUR' },
        merchant: 'PAIEMENT CB SNCF CONNECT',
        cardLast4: '4242',
        holder: 'EMMA MARTIN',
      },
      {
        date: '2026-03-06',
        direction: 'debit',
        amount: { value: '1066.00', currency: 'EUR' },
        merchant: 'PAIEMENT CB SNCF CONNECT',
        cardLast4: '4242',
        holder: 'EMMA MARTIN',
      },
      {
        date: '2026-03-07',
        direction: 'credit',
        amount: { value: '20.00', currency: 'EUR' },
        merchant: 'REMBOURSEMENT',
        cardLast4: '4242',
        holder: 'EMMA MARTIN',
      },
    ]);
    // Ids are stable across imports of the same file, and distinct per line.
    expect(readCsvStatement(csv, { defaultCurrency: 'EUR', debitsAreNegative: true }).map((t) => t.id)).toEqual(read.map((t) => t.id));
    expect(new Set(read.map((t) => t.id)).size).toBe(4);
  });

  it('keeps two identical purchases of one day as two transactions', () => {
    const csv = 'date,merchant,amount\n2026-03-10,CAFE DE LA GARE,3.20\n2026-03-10,CAFE DE LA GARE,3.20\n';
    const read = readCsvStatement(csv, { defaultCurrency: 'EUR' });
    expect(read).toHaveLength(2);
    expect(read[0]!.id).not.toBe(read[1]!.id);
  });

  it('refuses a statement it cannot read, naming the line and column', () => {
    expect(problemOf(() => readCsvStatement('date,amount\n2026-03-01,3.00', { defaultCurrency: 'EUR' }))).toEqual({
      field: '/header',
      code: 'missing_column',
    });
    expect(problemOf(() => readCsvStatement('date,merchant,amount\n31/02/2026,X,3.00', { defaultCurrency: 'EUR' }))).toEqual({
      field: '/lines/2/date',
      code: 'invalid_date',
    });
    expect(problemOf(() => readCsvStatement('date,merchant,amount\n2026-03-01,X,3.0.0', { defaultCurrency: 'EUR' }))).toEqual({
      field: '/lines/2/amount',
      code: 'invalid_amount',
    });
    expect(problemOf(() => readCsvStatement('date,merchant,amount\n2026-03-01,,3.00', { defaultCurrency: 'EUR' }))).toEqual({
      field: '/lines/2/merchant',
      code: 'missing_field',
    });
    expect(problemOf(() => readCsvStatement('date,merchant,amount\n2026-03-01,X,1.234', { defaultCurrency: 'JPY' }))).toMatchObject({
      code: 'invalid_amount',
    });
    expect(problemOf(() => readCsvStatement('  \n', { defaultCurrency: 'EUR' }))).toEqual({ field: '/', code: 'empty' });
  });

  it('refuses binary data sent as a CSV file as not a statement, and never quotes the bytes in its message', () => {
    const pdfAsText = Buffer.from('%PDF-1.7\n\u0000\xff\xfe stream "x\u00e9\n', 'latin1').toString('utf8');
    expect(problemOf(() => readCsvStatement(pdfAsText, { defaultCurrency: 'EUR' }))).toEqual({ field: '/', code: 'not_a_statement' });
    let message = '';
    try {
      readCsvStatement('date,merchant,amount\n2026-03-01,"TAXI "G7",12.00\n', { defaultCurrency: 'EUR' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('The statement is not a readable CSV file: invalid closing quote at line 2.');
  });
});

describe('a statement read line by line', () => {
  it('keeps the lines it can read and refuses each other one, naming it', () => {
    const csv = 'date,merchant,amount\n2026-03-01,TAXI G7,12.00\n2026-03-02,HOTEL,12,3,4\n31/02/2026,X,3.00\n2026-03-03,CAFE,3.20\n';
    const reading = readCsvStatementLines(csv, { defaultCurrency: 'EUR' });
    expect(reading.transactions.map((t) => t.merchant)).toEqual(['TAXI G7', 'HOTEL', 'CAFE']);
    expect(reading.refused.map((error) => [error.field, error.code])).toEqual([['/lines/4/date', 'invalid_date']]);
    // What cannot be read at all is still one error for the whole statement.
    expect(problemOf(() => readCsvStatementLines('date,amount\n2026-03-01,3.00', { defaultCurrency: 'EUR' }))).toEqual({
      field: '/header',
      code: 'missing_column',
    });
  });

  it('refuses one camt.053 entry without refusing the statement', () => {
    const reading = readCamt053Entries(camt.replace('<Amt Ccy="EUR">110.00</Amt>', ''));
    expect(reading.refused.map((error) => [error.field, error.code])).toEqual([
      ['/Document/BkToCstmrStmt/Stmt/0/Ntry/0/Amt', 'missing_field'],
    ]);
    expect(reading.transactions.map((t) => t.id).slice(0, 3)).toEqual(['CB-0002', 'CB-BATCH-7/1', 'CB-BATCH-7/2']);
  });
});

describe('amounts as statements print them', () => {
  it.each([
    ['12.50', '12.50', false],
    ['12,5', '12.50', false],
    ['1 234,56', '1234.56', false],
    ['1,234.56', '1234.56', false],
    ['1.234,56', '1234.56', false],
    ['-8.00', '8.00', true],
    ['8.00-', '8.00', true],
    ['0007', '7.00', false],
  ])('%s → %s', (text, value, negative) => {
    expect(parseAmount(text, 'EUR', '/amount')).toEqual({ money: { value, currency: 'EUR' }, negative });
  });
});
