import {
  fromMinorUnits,
  moneyProblem,
  toMinorUnits,
  type ExtractedField,
  type Money,
  type NoteItem,
  type ReceiptItem,
} from '@ndf/contracts';

/** What a note's receipts say beside what its user typed: the note-enricher's stage outcome. */
export interface Enrichment {
  /** Receipts read so far, of those the note has. */
  readonly receiptsRead: number;
  readonly receipts: number;
  /** Fields the user left empty that a receipt gives, with the receipt and the confidence. */
  readonly suggestions: Readonly<Record<string, { readonly value: string; readonly confidence: number; readonly receiptId: string }>>;
  /** The declared amount differs from the total of the receipts read (same currency only). */
  readonly amountMismatch?: { readonly declared: Money; readonly receipts: Money };
  /** Receipts in another currency than the note's: converting them is the currency service's job. */
  readonly otherCurrencies: readonly string[];
}

/** The note fields a receipt can fill when the user left them empty. */
const SUGGESTIBLE: Readonly<Record<string, keyof NoteItem>> = { merchant: 'merchant' };

const better = (current: ExtractedField | undefined, candidate: ExtractedField | undefined): boolean =>
  candidate !== undefined && (current === undefined || candidate.confidence > current.confidence);

/**
 * Compares what the user typed with what the processed receipts say. Never changes a typed
 * field: it suggests values for empty ones, and flags a declared amount that is not the sum
 * of the receipts' totals.
 */
export function enrich(note: NoteItem, receipts: readonly ReceiptItem[]): Enrichment {
  const read = receipts.filter((receipt) => receipt.status === 'processed' && receipt.extracted !== undefined);
  const suggestions: Record<string, { value: string; confidence: number; receiptId: string }> = {};
  for (const [field, noteField] of Object.entries(SUGGESTIBLE)) {
    if (note[noteField] !== undefined) continue;
    let best: { found: ExtractedField; receiptId: string } | undefined;
    for (const receipt of read) {
      const found = receipt.extracted![field];
      if (better(best?.found, found)) best = { found: found!, receiptId: receipt.receiptId };
    }
    if (best) suggestions[field] = { value: best.found.value, confidence: best.found.confidence, receiptId: best.receiptId };
  }

  const otherCurrencies = new Set<string>();
  let total = 0n;
  let totalled = 0;
  for (const receipt of read) {
    const value = receipt.extracted!.totalInclVat?.value;
    const currency = receipt.extracted!.currency?.value ?? note.amount.currency;
    if (value === undefined) continue;
    if (currency !== note.amount.currency) {
      otherCurrencies.add(currency);
      continue;
    }
    const money = { value, currency };
    if (moneyProblem(money) !== undefined) continue;
    total += toMinorUnits(money);
    totalled += 1;
  }
  const amountMismatch =
    totalled > 0 && total !== toMinorUnits(note.amount)
      ? { declared: note.amount, receipts: fromMinorUnits(total, note.amount.currency) }
      : undefined;
  return {
    receiptsRead: read.length,
    receipts: receipts.length,
    suggestions,
    ...(amountMismatch ? { amountMismatch } : {}),
    otherCurrencies: [...otherCurrencies].sort(),
  };
}
