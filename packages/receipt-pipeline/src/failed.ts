import { tableName } from '@ndf/catalog';
import { PermanentError, type QuarantineEntry, type QuarantineHookContext } from '@ndf/runtime';
import { parseChange } from './change.js';
import { isReceiptRef } from './jobs.js';
import { receiptOfChange, type ReceiptRef } from './receipt-ref.js';
import { ReceiptState } from './receipt-state.js';

/** The receipt a receipt service's message is about: a job's, or a stream change of a RECEIPT item's; none for a malformed one. */
export function receiptsOfMessage(body: string): ReceiptRef[] {
  try {
    const message = JSON.parse(body) as { receipt?: unknown; kind?: unknown };
    if (isReceiptRef(message.receipt)) return [message.receipt];
    if (message.kind === 'change') {
      const { tenant, receiptId, noteId } = receiptOfChange(parseChange(body));
      return [{ tenant, receiptId, ...(noteId ? { noteId } : {}) }];
    }
  } catch {
    // Not JSON, or not about a receipt: no receipt to mark.
  }
  return [];
}

/**
 * A receipt service's `onQuarantine`: each receipt its quarantined message was about becomes
 * `failed`, with this service's stage saying so, unless it was processed or refused meanwhile.
 * A replay of the message resumes it (every step starts from `failed` too).
 */
export function markReceiptsFailed(receiptsOf: (payload: string) => readonly ReceiptRef[] = receiptsOfMessage) {
  return async (entry: QuarantineEntry, { clients, prefix, name, signal }: QuarantineHookContext): Promise<void> => {
    const state = new ReceiptState(clients.dynamodb, tableName(prefix, 'notes'), name);
    for (const receipt of receiptsOf(entry.payload)) {
      await state
        .step(
          receipt,
          'fail',
          {
            status: 'failed',
            code: 'quarantined',
            reason: 'The receipt could not be read; the support team has it and will try again.',
            outcome: { detail: entry.reason },
          },
          {},
          signal,
        )
        // A receipt that does not exist has nothing to show.
        .catch((error: unknown) => {
          if (!(error instanceof PermanentError)) throw error;
        });
    }
  };
}
