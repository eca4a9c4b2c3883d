import { fromMinorUnits } from '@ndf/contracts';
import type { CheckedBatch, CreditTransfer } from './batch.js';
import { checkBatch } from './check-batch.js';
import type { ReimbursementBatch } from './batch.js';
import { element, xmlDocument, type XmlElement } from './xml-element.js';

export const PAIN_001_001_03_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03';

function euros(cents: bigint): string {
  return fromMinorUnits(cents, 'EUR').value;
}

// ISODateTime, to the second, in UTC.
function isoDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function agent(bic: string): XmlElement[] {
  return [element('FinInstnId', [element('BIC', bic)])];
}

function account(iban: string): XmlElement[] {
  return [element('Id', [element('IBAN', iban)])];
}

function creditTransfer(transfer: CreditTransfer): XmlElement {
  return element('CdtTrfTxInf', [
    element('PmtId', [element('EndToEndId', transfer.endToEndId)]),
    element('Amt', [element('InstdAmt', euros(transfer.amountCents), { Ccy: 'EUR' })]),
    ...(transfer.bic === undefined ? [] : [element('CdtrAgt', agent(transfer.bic))]),
    element('Cdtr', [element('Nm', transfer.name)]),
    element('CdtrAcct', account(transfer.iban)),
    element('RmtInf', [element('Ustrd', transfer.remittance)]),
  ]);
}

/** The pain.001.001.03 document of a checked batch: one payment information block, SEPA service level, shared charges. */
export function pain001Document(batch: CheckedBatch): string {
  const count = String(batch.numberOfTransactions);
  const controlSum = euros(batch.controlSumCents);
  const groupHeader = element('GrpHdr', [
    element('MsgId', batch.messageId),
    element('CreDtTm', isoDateTime(batch.createdAt)),
    element('NbOfTxs', count),
    element('CtrlSum', controlSum),
    element('InitgPty', [element('Nm', batch.debtor.name)]),
  ]);
  const paymentInformation = element('PmtInf', [
    element('PmtInfId', batch.paymentInfoId),
    element('PmtMtd', 'TRF'),
    element('NbOfTxs', count),
    element('CtrlSum', controlSum),
    element('PmtTpInf', [element('SvcLvl', [element('Cd', 'SEPA')])]),
    element('ReqdExctnDt', batch.executionDate),
    element('Dbtr', [element('Nm', batch.debtor.name)]),
    element('DbtrAcct', account(batch.debtor.iban)),
    element('DbtrAgt', agent(batch.debtor.bic)),
    element('ChrgBr', 'SLEV'),
    ...batch.transfers.map(creditTransfer),
  ]);
  return xmlDocument(
    element('Document', [element('CstmrCdtTrfInitn', [groupHeader, paymentInformation])], { xmlns: PAIN_001_001_03_NAMESPACE }),
  );
}

/** Checks the batch (SepaBatchRefused naming each bad field) and writes its pain.001.001.03 document. */
export function buildSepaCreditTransfer(batch: ReimbursementBatch): { readonly batch: CheckedBatch; readonly xml: string } {
  const checked = checkBatch(batch);
  return { batch: checked, xml: pain001Document(checked) };
}
