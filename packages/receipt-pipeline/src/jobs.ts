import type { ServiceName } from '@ndf/catalog';
import { PermanentError, type ServiceContext } from '@ndf/runtime';
import type { StoredObject } from './objects.js';
import type { ReceiptRef } from './receipt-ref.js';

/** The original a job reads: its key, and the version recorded at intake, read whatever was uploaded to the key since. */
export interface OriginalFile {
  readonly objectKey: string;
  readonly objectVersionId?: string;
}

/** The original of a job, as the read helpers take it. */
export function originalOf(job: OriginalFile): StoredObject {
  return { key: job.objectKey, versionId: job.objectVersionId };
}

/** The work one receipt service hands the next through its queue. */
export type ReceiptJob =
  /** An image to turn upright, bounded and stripped, with thumbnails. */
  | (OriginalFile & { readonly kind: 'normalize-image'; readonly receipt: ReceiptRef; readonly detectedType: string })
  /** A PDF to read: its text layer, or its pages as images for OCR. */
  | (OriginalFile & { readonly kind: 'inspect-pdf'; readonly receipt: ReceiptRef })
  /** Page images (keys in the receipts bucket) to read the text of. */
  | { readonly kind: 'ocr'; readonly receipt: ReceiptRef; readonly pageKeys: readonly string[] }
  /** A receipt's text (a key in the receipts bucket) to read fields from. */
  | { readonly kind: 'parse'; readonly receipt: ReceiptRef; readonly textKey: string; readonly source: 'ocr' | 'pdf-text' };

export type JobKind = ReceiptJob['kind'];

/** Which service takes each job: the one table the receipt services hand work on by. */
export const JOB_SERVICE = {
  'normalize-image': 'image-normalizer',
  'inspect-pdf': 'pdf-inspector',
  ocr: 'ocr',
  parse: 'receipt-parser',
} as const satisfies Record<JobKind, ServiceName>;

/** Hands a job to the service that takes it, through its queue (with the message's correlation id). */
export function handOn(context: Pick<ServiceContext, 'emit'>, job: ReceiptJob): Promise<void> {
  return context.emit(JOB_SERVICE[job.kind], job);
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

export function isReceiptRef(value: unknown): value is ReceiptRef {
  const ref = value as Partial<ReceiptRef> | null;
  return (
    typeof ref === 'object' &&
    ref !== null &&
    isText(ref.tenant) &&
    isText(ref.receiptId) &&
    (ref.noteId === undefined || isText(ref.noteId))
  );
}

const isOriginal = (job: Record<string, unknown>) =>
  isText(job.objectKey) && (job.objectVersionId === undefined || isText(job.objectVersionId));

const CHECKS: { readonly [K in JobKind]: (job: Record<string, unknown>) => boolean } = {
  'normalize-image': (job) => isOriginal(job) && isText(job.detectedType),
  'inspect-pdf': (job) => isOriginal(job),
  ocr: (job) => Array.isArray(job.pageKeys) && job.pageKeys.length > 0 && job.pageKeys.every(isText),
  parse: (job) => isText(job.textKey) && (job.source === 'ocr' || job.source === 'pdf-text'),
};

/** The job a message carries, if it is one of `kind`; anything else can never succeed. */
export function parseJob<K extends JobKind>(body: string, kind: K): Extract<ReceiptJob, { kind: K }> {
  let job: unknown;
  try {
    job = JSON.parse(body);
  } catch {
    throw new PermanentError(`The message is not JSON: not a ${kind} job.`);
  }
  const fields = job as Record<string, unknown> | null;
  if (typeof fields !== 'object' || fields === null || fields.kind !== kind || !isReceiptRef(fields.receipt) || !CHECKS[kind](fields)) {
    throw new PermanentError(`The message is not a well-formed ${kind} job.`);
  }
  return job as Extract<ReceiptJob, { kind: K }>;
}

/** A receipt's text as stored beside it (the `textKey` of a parse job), from OCR or from a PDF's text layer. */
export type ReceiptText =
  | {
      readonly source: 'ocr';
      /** One per page image; `line` indexes the page's own text lines; confidences 0 to 100. */
      readonly pages: readonly {
        readonly text: string;
        readonly confidence: number;
        readonly words: readonly { readonly text: string; readonly confidence: number; readonly line: number }[];
      }[];
    }
  | { readonly source: 'pdf-text'; readonly text: string };
