import { checkedBic, checkedIban } from './account-checks.js';
import type { CheckedBatch, CreditTransfer, Debtor, ReimbursementBatch } from './batch.js';
import { type FieldProblem, SepaBatchRefused } from './field-problem.js';
import { outsideSepaCharacters, transliterateToSepa } from './sepa-text.js';

// EPC rulebook limits: names 70 characters, unstructured remittance 140, identifiers 35;
// one transfer at most 999,999,999.99 EUR.
const NAME_MAX = 70;
const REMITTANCE_MAX = 140;
const IDENTIFIER_MAX = 35;
const MAX_AMOUNT_CENTS = 99_999_999_999n;

class Problems {
  readonly list: FieldProblem[] = [];

  add(field: string, reason: string): void {
    this.list.push({ field, reason });
  }

  /** The text transliterated, or the problem that keeps it out of the file. */
  text(field: string, raw: string, maxLength: number): string {
    const text = transliterateToSepa(raw);
    const outside = outsideSepaCharacters(text);
    if (text.length === 0) this.add(field, 'is empty');
    else if (outside.length > 0) this.add(field, `has characters outside the SEPA set: ${outside.map((c) => JSON.stringify(c)).join(' ')}`);
    else if (text.length > maxLength) this.add(field, `is ${text.length} characters long, at most ${maxLength}`);
    return text;
  }

  /** Identifiers are not transliterated: they travel back in the bank's reports and must match. */
  identifier(field: string, id: string): string {
    if (id.length === 0 || id.length > IDENTIFIER_MAX) this.add(field, `must have 1 to ${IDENTIFIER_MAX} characters`);
    else if (outsideSepaCharacters(id).length > 0) this.add(field, 'has characters outside the SEPA set');
    else if (id.startsWith('/') || id.includes('//')) this.add(field, 'must not start with "/" nor contain "//"');
    return id;
  }

  iban(field: string, raw: string): string {
    const iban = checkedIban(raw);
    if (iban === undefined) this.add(field, 'is not a valid IBAN (country, length or mod 97 check digits)');
    return iban ?? raw;
  }

  bic(field: string, raw: string): string {
    const bic = checkedBic(raw);
    if (bic === undefined) this.add(field, 'is not a valid BIC (ISO 9362: 4 letters, a country, 2 characters, an optional branch of 3)');
    return bic ?? raw;
  }

  amount(field: string, cents: bigint): void {
    if (cents <= 0n) this.add(field, 'must be more than 0 cents');
    else if (cents > MAX_AMOUNT_CENTS) this.add(field, 'must be at most 999999999.99 EUR');
  }
}

function checkDebtor(problems: Problems, debtor: Debtor): Debtor {
  return {
    name: problems.text('debtor/name', debtor.name, NAME_MAX),
    iban: problems.iban('debtor/iban', debtor.iban),
    bic: problems.bic('debtor/bic', debtor.bic),
  };
}

function checkTransfer(problems: Problems, transfer: CreditTransfer, index: number): CreditTransfer {
  const at = `transfers/${index}`;
  problems.amount(`${at}/amountCents`, transfer.amountCents);
  return {
    name: problems.text(`${at}/name`, transfer.name, NAME_MAX),
    iban: problems.iban(`${at}/iban`, transfer.iban),
    ...(transfer.bic === undefined ? {} : { bic: problems.bic(`${at}/bic`, transfer.bic) }),
    amountCents: transfer.amountCents,
    endToEndId: problems.identifier(`${at}/endToEndId`, transfer.endToEndId),
    remittance: problems.text(`${at}/remittance`, transfer.remittance, REMITTANCE_MAX),
  };
}

function checkDuplicateIds(problems: Problems, transfers: readonly CreditTransfer[]): void {
  const firstIndex = new Map<string, number>();
  transfers.forEach((transfer, index) => {
    const first = firstIndex.get(transfer.endToEndId);
    if (first === undefined) firstIndex.set(transfer.endToEndId, index);
    else problems.add(`transfers/${index}/endToEndId`, `repeats transfers/${first}/endToEndId`);
  });
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/**
 * The batch ready to write, or SepaBatchRefused naming every field that keeps it out of a
 * SEPA file: nothing is written for a batch with one bad line, so that it is paid whole or not at all.
 */
export function checkBatch(batch: ReimbursementBatch): CheckedBatch {
  const problems = new Problems();
  const messageId = problems.identifier('messageId', batch.messageId);
  const paymentInfoId = problems.identifier('paymentInfoId', batch.paymentInfoId);
  if (Number.isNaN(batch.createdAt.getTime())) problems.add('createdAt', 'is not a date');
  if (!isCalendarDate(batch.executionDate)) problems.add('executionDate', 'must be a calendar date YYYY-MM-DD');
  const debtor = checkDebtor(problems, batch.debtor);
  if (batch.transfers.length === 0) problems.add('transfers', 'is empty: a SEPA file needs at least one transfer');
  const transfers = batch.transfers.map((transfer, index) => checkTransfer(problems, transfer, index));
  checkDuplicateIds(problems, transfers);
  if (problems.list.length > 0) throw new SepaBatchRefused(problems.list);
  return {
    messageId,
    paymentInfoId,
    createdAt: batch.createdAt,
    executionDate: batch.executionDate,
    debtor,
    transfers,
    numberOfTransactions: transfers.length,
    controlSumCents: transfers.reduce((sum, transfer) => sum + transfer.amountCents, 0n),
  };
}
