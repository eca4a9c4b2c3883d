import type { ReceiptItem, StageStatus } from '@ndf/contracts';
import { JOB_SERVICE, type ReceiptJob } from './jobs.js';
import { derivedKey, type ReceiptRef } from './receipt-ref.js';

/** The names, beside a receipt's derived files, of the text each reader leaves for the parser. */
export const RECEIPT_TEXT_FILES = { ocr: 'ocr.json', 'pdf-text': 'text.json' } as const;

/** What a receipt's STAGE item says of one service's work on it. */
export interface StageSeen {
  readonly status: StageStatus;
  readonly outcome?: Readonly<Record<string, unknown>>;
}

export type PendingJob = { readonly job: ReceiptJob } | { readonly problem: string };

const done = (stages: ReadonlyMap<string, StageSeen>, service: string) => stages.get(service)?.status === 'succeeded';

/**
 * The job a receipt that is `reading` waits on, from its item and the stages the services wrote
 * (each writes its stage with the step, before it hands the next job on): where its chain
 * stopped. `problem` when the item and its stages cannot be a receipt on its way.
 */
export function pendingJob(
  receipt: ReceiptRef,
  item: Pick<ReceiptItem, 'objectKey' | 'detectedType' | 'pageKeys'>,
  stages: ReadonlyMap<string, StageSeen>,
): PendingJob {
  const pageKeys = item.pageKeys;
  const withPages = (): PendingJob =>
    Array.isArray(pageKeys) && pageKeys.length > 0 && pageKeys.every((key) => typeof key === 'string')
      ? { job: { kind: 'ocr', receipt, pageKeys } }
      : { problem: 'its pages were written, but the receipt lists no page keys' };
  const parse = (source: 'ocr' | 'pdf-text'): PendingJob => ({
    job: { kind: 'parse', receipt, textKey: derivedKey(receipt, RECEIPT_TEXT_FILES[source]), source },
  });

  if (done(stages, JOB_SERVICE.parse)) return { problem: 'the parser succeeded, yet the receipt is still reading' };
  if (done(stages, JOB_SERVICE.ocr)) return parse('ocr');
  if (done(stages, JOB_SERVICE['inspect-pdf'])) {
    const next = stages.get(JOB_SERVICE['inspect-pdf'])?.outcome?.next;
    if (next === 'parse') return parse('pdf-text');
    if (next === 'ocr') return withPages();
    return { problem: `the PDF inspector's stage names no next step (${String(next)})` };
  }
  if (done(stages, JOB_SERVICE['normalize-image'])) return withPages();
  if (typeof item.detectedType !== 'string' || item.detectedType === '')
    return { problem: 'the receipt is reading but has no detected type' };
  if (typeof item.objectKey !== 'string' || item.objectKey === '') return { problem: 'the receipt has no object key' };
  return item.detectedType === 'application/pdf'
    ? { job: { kind: 'inspect-pdf', receipt, objectKey: item.objectKey } }
    : { job: { kind: 'normalize-image', receipt, objectKey: item.objectKey, detectedType: item.detectedType } };
}
