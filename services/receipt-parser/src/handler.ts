import {
  dueReceipt,
  parseJob,
  readObject,
  refuseReceipt,
  retryFirstTimeout,
  takeStep,
  type ReceiptServiceDependencies,
  type ReceiptText,
} from '@ndf/receipt-pipeline';
import { PermanentError, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import { extractedFields, parseInputOf } from './extracted.js';
import type { ReceiptParser } from './receipt-parser.js';

/** The upload time recorded at intake; now for a receipt recorded without one (or with an unreadable one). */
function uploadTime(uploadedAt: string | undefined): Date {
  const uploaded = uploadedAt === undefined ? Number.NaN : Date.parse(uploadedAt);
  return Number.isNaN(uploaded) ? new Date() : new Date(uploaded);
}

export interface ParserDependencies extends ReceiptServiceDependencies {
  readonly parser: ReceiptParser;
}

/**
 * Reads a receipt's fields from its text (OCR's, or a digital PDF's) and records them, each with
 * its confidence, on the receipt, which is then processed: the note enricher takes it from there.
 * A text the parser cannot read within its time and heap is refused with its reason.
 */
export async function handle(
  message: InboundMessage,
  context: Pick<ServiceContext<'s3' | 'dynamodb'>, 'call' | 'log' | 'metrics' | 'signal'>,
  dependencies: ParserDependencies,
): Promise<void> {
  const job = parseJob(message.body, 'parse');
  const { s3, receiptsBucket: bucket, parser } = dependencies;
  const due = await dueReceipt(context, dependencies, job.receipt, 'process');
  if (!due) return;
  const bytes = await context.call('s3', (signal) => readObject(s3, bucket, job.textKey, signal));
  let stored: ReceiptText;
  try {
    stored = JSON.parse(Buffer.from(bytes).toString('utf8')) as ReceiptText;
  } catch {
    throw new PermanentError(`${job.textKey} is not the JSON text of a receipt.`);
  }
  // The dates a receipt can bear are judged from when it was uploaded, not from when it is read (a replay may come months later).
  const parsed = await parser.parse(parseInputOf(stored), uploadTime(due.uploadedAt), context.signal);
  if (parsed.outcome === 'refused') {
    if (parsed.code === 'processing-timeout') retryFirstTimeout(message.attempt, parsed.detail);
    await refuseReceipt(context, dependencies, job.receipt, parsed);
    return;
  }
  const { fields } = parsed;
  const extracted = extractedFields(fields);
  const result = await takeStep(
    context,
    dependencies,
    job.receipt,
    'process',
    { status: 'succeeded', outcome: { source: job.source, language: fields.language, fields: Object.keys(extracted).length } },
    { extracted, ...(fields.unreadable.length > 0 ? { unreadable: fields.unreadable } : {}) },
  );
  if (result === 'applied') context.log.info({ event: 'receipt-read', receiptId: job.receipt.receiptId, fields: Object.keys(extracted) });
}
