import type { MerchantNormalizerOutcome, NormalizedMerchant, NoteItem, ReceiptItem, ReceiptStatus } from '@ndf/contracts';
import { MerchantInputError, normalizeMerchant, type Merchant } from '@ndf/merchant-names';
import type { StageOutcome } from '@ndf/receipt-pipeline';

/** Receipts that may still print a merchant: they are not final yet. */
const STILL_READ: readonly ReceiptStatus[] = ['awaiting_upload', 'uploaded', 'reading'];

/**
 * The note's merchant normalised, as the merchant-normalizer's stage: from the name the user
 * typed (however unusual: it is theirs), else from the most confident merchant its processed
 * receipts print, with where it came from. The note itself is never changed.
 */
export function merchantOfNote(note: NoteItem, receipts: readonly ReceiptItem[]): StageOutcome {
  if (note.merchant !== undefined) {
    try {
      return succeeded({ source: 'note', given: note.merchant, merchant: normalized(normalizeMerchant(note.merchant, '/merchant')) });
    } catch (error) {
      if (!(error instanceof MerchantInputError)) throw error;
      return {
        status: 'refused',
        code: 'merchant_unreadable',
        reason: `The merchant typed on the note cannot be read (${error.message.slice(error.field.length + 2)}): correct it.`,
      };
    }
  }
  for (const { receiptId, given } of printedMerchants(receipts)) {
    try {
      return succeeded({ source: 'receipt', given, receiptId, merchant: normalized(normalizeMerchant(given)) });
    } catch (error) {
      // What a receipt prints may be noise the reading took for a name: the next receipt may do better.
      if (!(error instanceof MerchantInputError)) throw error;
    }
  }
  if (note.mileage !== undefined) return succeeded({ source: 'none' });
  const reading = receipts.filter((receipt) => STILL_READ.includes(receipt.status)).length;
  if (reading > 0) {
    return {
      status: 'pending',
      code: 'receipts_unread',
      reason: `No merchant is typed on the note; ${reading === 1 ? 'a receipt still being read' : `${reading} receipts still being read`} may print one.`,
    };
  }
  return { status: 'refused', code: 'merchant_missing', reason: 'No merchant: type it on the note, or add a receipt that prints it.' };
}

function succeeded(outcome: MerchantNormalizerOutcome): StageOutcome {
  return { status: 'succeeded', outcome };
}

/** Merchants printed on processed receipts, most confident first (then by receipt id, so that the choice is the same every time). */
function printedMerchants(receipts: readonly ReceiptItem[]): { receiptId: string; given: string; confidence: number }[] {
  return receipts
    .flatMap((receipt) => {
      const field = receipt.status === 'processed' ? receipt.extracted?.merchant : undefined;
      return field && typeof field.value === 'string'
        ? [{ receiptId: receipt.receiptId, given: field.value, confidence: field.confidence }]
        : [];
    })
    .sort((a, b) => b.confidence - a.confidence || (a.receiptId < b.receiptId ? -1 : a.receiptId > b.receiptId ? 1 : 0));
}

function normalized(merchant: Merchant): NormalizedMerchant {
  return {
    name: merchant.name,
    key: merchant.key,
    cleaned: merchant.cleaned,
    ...(merchant.category ? { usualCategory: merchant.category } : {}),
    match: merchant.match,
  };
}
