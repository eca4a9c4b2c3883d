import {
  parseJob,
  readObject,
  refuseReceipt,
  retryFirstTimeout,
  stepIsDue,
  takeStep,
  type ReceiptServiceDependencies,
  type ReceiptText,
} from '@ndf/receipt-pipeline';
import { PermanentError, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import { extractedFields, parseInputOf } from './extracted.js';
import type { ReceiptParser } from './receipt-parser.js';

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
  if (!(await stepIsDue(context, dependencies, job.receipt, 'process'))) return;
  const bytes = await context.call('s3', (signal) => readObject(s3, bucket, job.textKey, signal));
  let stored: ReceiptText;
  try {
    stored = JSON.parse(Buffer.from(bytes).toString('utf8')) as ReceiptText;
  } catch {
    throw new PermanentError(`${job.textKey} is not the JSON text of a receipt.`);
  }
  const parsed = await parser.parse(parseInputOf(stored), new Date(), context.signal);
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
    { extracted },
  );
  if (result === 'applied') context.log.info({ event: 'receipt-read', receiptId: job.receipt.receiptId, fields: Object.keys(extracted) });
}
