import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createHash } from 'node:crypto';
import { parseAmount, parseDate } from './amounts.js';
import type { CardTransaction } from './card-transaction.js';
import { MAX_STATEMENT_BYTES } from './csv-statement.js';
import { StatementError } from './statement-error.js';
import { strictly, type StatementReading } from './statement-reading.js';

type Node = Record<string, unknown>;

// Namespaces dropped (every camt.053 version: 001.02 to 001.13), entities left as text (no expansion, so no billion laughs).
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: false,
  parseTagValue: false,
  isArray: (name) => ['Stmt', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd'].includes(name),
});

const child = (node: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((current, name) => (current && typeof current === 'object' ? (current as Node)[name] : undefined), node);
const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);
const text = (value: unknown): string | undefined => {
  const node = first(value);
  const raw = node && typeof node === 'object' ? (node as Node)['#text'] : node;
  return typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() || undefined : undefined;
};

function amountOf(node: unknown, field: string): { value: string; currency: string } | undefined {
  const amount = first(node);
  const value = text(amount);
  if (value === undefined) return undefined;
  const currency = amount && typeof amount === 'object' ? (amount as Node)['@Ccy'] : undefined;
  return parseAmount(value, typeof currency === 'string' ? currency : '', field).money;
}

/**
 * A bank-to-customer statement (ISO 20022 camt.053) of a card account: each entry is a card
 * payment (a debit) or a refund (a credit), with the merchant from the creditor's name or the
 * unstructured remittance text, the card's masked number when given, the original amount of a
 * payment abroad, and the bank's reference.
 */
export function readCamt053(xml: string): CardTransaction[] {
  return strictly(readCamt053Entries(xml));
}

/**
 * As readCamt053, but an entry that cannot be read is refused on its own (its error, naming its
 * path, in `refused`) and the others are read. A document that is not a statement still throws.
 */
export function readCamt053Entries(xml: string): StatementReading {
  if (Buffer.byteLength(xml) > MAX_STATEMENT_BYTES)
    throw new StatementError('/', 'too_large', `A statement may hold at most ${MAX_STATEMENT_BYTES} bytes.`);
  if (xml.trim() === '') throw new StatementError('/', 'empty', 'The statement is empty.');
  if (/<!DOCTYPE/i.test(xml)) throw new StatementError('/', 'malformed', 'A statement may not declare a DOCTYPE.');
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw new StatementError(`/line/${valid.err.line}`, 'malformed', `The statement is not well-formed XML: ${valid.err.msg}`);
  const statements = child(parser.parse(xml), 'Document', 'BkToCstmrStmt', 'Stmt');
  if (!Array.isArray(statements))
    throw new StatementError('/Document/BkToCstmrStmt', 'not_a_statement', 'This is not a camt.053 bank-to-customer statement.');
  const transactions: CardTransaction[] = [];
  const refused: StatementError[] = [];
  const keep = (read: () => CardTransaction) => {
    try {
      transactions.push(read());
    } catch (error) {
      if (!(error instanceof StatementError)) throw error;
      refused.push(error);
    }
  };
  statements.forEach((statement: unknown, s) => {
    const entries = child(statement, 'Ntry');
    (Array.isArray(entries) ? entries : []).forEach((entry: unknown, e) => {
      const at = `/Document/BkToCstmrStmt/Stmt/${s}/Ntry/${e}`;
      const details = child(entry, 'NtryDtls', '0', 'TxDtls');
      // A batch entry books several card payments at once: each has its own amount in its details.
      if (Array.isArray(details) && details.length > 1)
        details.forEach((detail: unknown, t) =>
          keep(() => transactionOf(entry, detail, `${at}/NtryDtls/0/TxDtls/${t}`, child(detail, 'AmtDtls', 'TxAmt', 'Amt'), `/${t + 1}`)),
        );
      else keep(() => transactionOf(entry, first(details), at, child(entry, 'Amt'), ''));
    });
  });
  return { transactions, refused };
}

/** `batchSuffix` tells apart the payments of one batch entry when only the entry carries a reference. */
function transactionOf(entry: unknown, details: unknown, at: string, amountNode: unknown, batchSuffix: string): CardTransaction {
  const amount = amountOf(amountNode, `${at}/Amt`);
  if (!amount) throw new StatementError(`${at}/Amt`, 'missing_field', 'An entry has no amount.');
  const date =
    text(child(details, 'RltdDts', 'TxDtTm')) ??
    text(child(entry, 'BookgDt', 'Dt')) ??
    text(child(entry, 'BookgDt', 'DtTm')) ??
    text(child(entry, 'ValDt', 'Dt'));
  if (!date) throw new StatementError(`${at}/BookgDt`, 'missing_field', 'An entry has no date.');
  const merchant =
    text(child(details, 'RltdPties', 'Cdtr', 'Nm')) ??
    text(child(details, 'RltdPties', 'Cdtr', 'Pty', 'Nm')) ??
    text(child(details, 'RmtInf', 'Ustrd')) ??
    text(child(entry, 'AddtlNtryInf'));
  if (!merchant)
    throw new StatementError(`${at}/NtryDtls`, 'missing_field', 'An entry names no merchant (creditor, remittance or entry text).');
  const indicator = text(child(details, 'CdtDbtInd')) ?? text(child(entry, 'CdtDbtInd'));
  if (indicator !== 'DBIT' && indicator !== 'CRDT')
    throw new StatementError(`${at}/CdtDbtInd`, 'missing_field', 'An entry is neither DBIT nor CRDT.');
  const original = amountOf(child(details, 'AmtDtls', 'InstdAmt', 'Amt'), `${at}/AmtDtls/InstdAmt/Amt`);
  const pan = (text(child(details, 'Card', 'PlainCardData', 'PAN')) ?? text(child(entry, 'Card', 'PlainCardData', 'PAN')))?.replaceAll(
    /\D/g,
    '',
  );
  const entryReference = text(child(entry, 'AcctSvcrRef')) ?? text(child(entry, 'NtryRef'));
  const reference = text(child(details, 'Refs', 'AcctSvcrRef')) ?? (entryReference ? `${entryReference}${batchSuffix}` : undefined);
  const fields = {
    date: parseDate(date, `${at}/BookgDt`),
    direction: (indicator === 'DBIT' ? 'debit' : 'credit') as CardTransaction['direction'],
    amount,
    ...(original && original.currency !== amount.currency ? { originalAmount: original } : {}),
    merchant,
    ...(pan && pan.length >= 4 ? { cardLast4: pan.slice(-4) } : {}),
  };
  const id =
    reference ??
    `camt-${createHash('sha256')
      .update(`${at}/${JSON.stringify(fields)}`)
      .digest('hex')
      .slice(0, 24)}`;
  return { id, ...fields };
}
