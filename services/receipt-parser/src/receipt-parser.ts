import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { refusalMessage, type RefusalCode } from '@ndf/contracts';
import type { Refusal } from '@ndf/receipt-pipeline';
import { ThreadPool } from '@ndf/thread-pool';
import type { ParseInput, ReceiptFields } from './fields/types.js';
import type { ParseJob } from './parse-worker.js';

export interface ParserLimits {
  /** A capped text parses in tens of milliseconds: past this, the text is hostile or the parser has a bug. */
  readonly timeoutMs: number;
  readonly maxHeapMb: number;
}

export const DEFAULT_PARSER_LIMITS: ParserLimits = { timeoutMs: 3_000, maxHeapMb: 256 };

export type ParseOutcome =
  | { readonly outcome: 'parsed'; readonly fields: ReceiptFields }
  | ({ readonly outcome: 'refused' } & Refusal & { readonly code: Extract<RefusalCode, 'processing-timeout' | 'too-complex'> });

const WORKER_ENTRY = new URL(`./parse-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/**
 * Parses receipts' texts in a worker thread with a heap limit and a timeout, so that no text,
 * whatever its shape, holds the service's event loop (its deadlines, visibility timers and
 * heartbeat): a parse past a limit is a refusal with its reason, and its thread is replaced.
 */
export class ReceiptParser {
  private readonly pool: ThreadPool<ParseJob, ReceiptFields>;

  constructor(limits: Partial<ParserLimits> = {}) {
    const { timeoutMs, maxHeapMb } = { ...DEFAULT_PARSER_LIMITS, ...limits };
    this.pool = new ThreadPool({ entry: WORKER_ENTRY, size: 1, maxHeapMb, timeoutMs, name: 'receipt parsing' });
  }

  async parse(input: ParseInput, today: Date, signal?: AbortSignal): Promise<ParseOutcome> {
    const outcome = await this.pool.run({ input, today: today.toISOString() }, signal ? { signal } : {});
    if (outcome.kind === 'done') return { outcome: 'parsed', fields: outcome.result };
    const [code, detail] =
      outcome.kind === 'timeout'
        ? (['processing-timeout', `parsing took more than ${outcome.timeoutMs} ms`] as const)
        : (['too-complex', `parsing needed more than its ${outcome.maxHeapMb} MB heap`] as const);
    return { outcome: 'refused', code, message: refusalMessage(code), detail };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
