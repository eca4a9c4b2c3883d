// Entry of a worker thread that parses receipts' texts for a ReceiptParser's thread pool.
import { serveJobs } from '@ndf/thread-pool';
import type { ParseInput, ReceiptFields } from './fields/types.js';
import { parseReceipt } from './parse-receipt.js';

export interface ParseJob {
  readonly input: ParseInput;
  /** ISO time: a Date does not cross to the thread as one. */
  readonly today: string;
}

await serveJobs<ParseJob, ReceiptFields>(({ input, today }) => parseReceipt(input, { today: new Date(today) }));
