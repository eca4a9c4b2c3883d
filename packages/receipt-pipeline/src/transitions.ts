import type { ReceiptStatus } from '@ndf/contracts';

/**
 * The receipt's state machine: each step a service takes, the statuses it may start from, and
 * the status it leaves. Every step is one conditional write from those statuses (ReceiptState),
 * so a late or repeated message never moves a receipt backwards.
 */
export const RECEIPT_STEPS = {
  /** receipt-intake: the original is stored, with its digest. */
  upload: { from: ['awaiting_upload'], to: 'uploaded' },
  /** format-sniffer: the bytes are a receipt's format; reading starts. */
  startReading: { from: ['uploaded'], to: 'reading' },
  /** image-normalizer, pdf-inspector, ocr: one step of reading done (pages, text). */
  read: { from: ['reading'], to: 'reading' },
  /** receipt-parser: its fields are on it. */
  process: { from: ['reading'], to: 'processed' },
  /** A file that cannot be a receipt, with its reason (a normal outcome). */
  refuse: { from: ['uploaded', 'reading'], to: 'refused' },
  /** A service's message about it went to quarantine, or the reconciler gave up driving it. */
  fail: { from: ['awaiting_upload', 'uploaded', 'reading'], to: 'failed' },
  /** reconciler: never uploaded, past the time an upload is still expected. */
  expire: { from: ['awaiting_upload'], to: 'expired' },
} as const satisfies Record<string, { readonly from: readonly ReceiptStatus[]; readonly to: ReceiptStatus }>;

export type ReceiptStep = keyof typeof RECEIPT_STEPS;

/** How far along each status is: a step that finds its receipt there or further has happened already. */
const PROGRESS: Readonly<Record<ReceiptStatus, number>> = {
  awaiting_upload: 0,
  uploaded: 1,
  reading: 2,
  // Between reading and its outcomes: a quarantine never overwrites a processed or refused receipt.
  failed: 2.5,
  processed: 3,
  refused: 3,
  expired: 3,
};

/** The statuses a step may start from. A failed receipt resumes with any step but `fail` (and `expire`): its message was replayed. */
export function startingStatuses(step: ReceiptStep): readonly ReceiptStatus[] {
  const { from } = RECEIPT_STEPS[step];
  return step === 'fail' || step === 'expire' ? from : [...from, 'failed'];
}

/** Whether a receipt at `status` is at or past where `step` leads: the step is a repeat, nothing to do. */
export function alreadyPast(step: ReceiptStep, status: ReceiptStatus): boolean {
  const target = RECEIPT_STEPS[step].to;
  return PROGRESS[status] >= PROGRESS[target];
}
