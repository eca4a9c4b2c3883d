import { PutObjectCommand } from '@aws-sdk/client-s3';
import { toMinorUnits } from '@ndf/contracts';
import { buildSepaCreditTransfer, validatePain001 } from '@ndf/sepa-transfer';
import type { BatchItem } from './batch-item.js';
import type { BatcherDependencies, Call } from './dependencies.js';
import type { BatchLine } from './plan.js';

/** The SEPA limit of an unstructured remittance. */
const REMITTANCE_MAX = 140;

/**
 * What the employee's bank statement says of the transfer: the batch, its notes, and each mileage
 * year's regularisation with its sign ("IK 2026 +28.00": a scale or a correction moved notes
 * already paid), so that the amount can be explained from the statement alone.
 */
export function remittanceOf(batchId: string, line: BatchLine): string {
  const notes = `Remboursement notes de frais ${batchId} (${line.notes.length} notes)`;
  const years = (line.mileage ?? []).map((year) => `${year.year} ${year.amount.value.startsWith('-') ? '' : '+'}${year.amount.value}`);
  if (years.length === 0) return notes;
  const detailed = `${notes}, regularisation IK ${years.join(', ')}`;
  return detailed.length <= REMITTANCE_MAX ? detailed : `${notes}, regularisation IK (${years.length} annees)`;
}

/** The batch's pain.001.001.03 document, from the BATCH item alone: the same item gives the same bytes, whenever it is written. */
export function sepaDocument(batch: Omit<BatchItem, 'pk' | 'sk' | 'type'>): string | undefined {
  const transfers = batch.lines.flatMap((line) =>
    line.endToEndId === undefined || line.payee === undefined
      ? []
      : [
          {
            name: line.payee.name,
            iban: line.payee.iban,
            ...(line.payee.bic ? { bic: line.payee.bic } : {}),
            amountCents: toMinorUnits(line.net),
            endToEndId: line.endToEndId,
            remittance: remittanceOf(batch.batchId, line),
          },
        ],
  );
  if (transfers.length === 0) return undefined;
  return buildSepaCreditTransfer({
    messageId: batch.messageId,
    paymentInfoId: batch.batchId,
    createdAt: new Date(batch.createdAt),
    executionDate: batch.executionDate,
    debtor: batch.debtor,
    transfers,
  }).xml;
}

export const sepaFileKey = (batch: Pick<BatchItem, 'tenant' | 'batchId'>) =>
  `tenants/${batch.tenant}/reimbursements/${batch.batchId}/pain.001.001.03.xml`;

/** Stores the batch's file once it passes the XSD; a file that does not is an error to fix, never sent to a bank. */
export async function storeSepaFile(batch: BatchItem, call: Call, dependencies: BatcherDependencies): Promise<string | undefined> {
  const xml = sepaDocument(batch);
  if (xml === undefined) return undefined;
  const validation = await validatePain001(xml);
  if (!validation.valid) throw new Error(`The SEPA file of batch ${batch.batchId} fails its XSD: ${validation.errors.join(' ')}`);
  const key = sepaFileKey(batch);
  await call('s3', (signal) =>
    dependencies.s3.send(
      new PutObjectCommand({ Bucket: dependencies.exportsBucket, Key: key, Body: xml, ContentType: 'application/xml' }),
      { abortSignal: signal },
    ),
  );
  return key;
}
