import { readFile } from 'node:fs/promises';
import type { NoteInput } from '@ndf/contracts';

/** A receipt whose fields the canary knows, to check what the chain reads from it. */
export interface KnownReceipt {
  readonly fileName: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
  /** The fields the chain must read from it, as the receipt item keeps them (extracted.<name>.value). */
  readonly expected: Readonly<Record<string, string>>;
  /** The note the receipt goes with, as its employee would type it. */
  readonly note: NoteInput;
}

/**
 * Receipt 20 of series 1 of @ndf/receipt-fixtures, as a clean PNG scan (40 KB): a taxi receipt that
 * goes through every step of the chain (sniffer, normaliser, OCR, parser). Its fields are the
 * fixture's ground truth; the canary's tests check both against the fixtures package.
 */
export const KNOWN_RECEIPT_FIXTURE = { seed: 1, index: 20, format: 'png' } as const;

export const KNOWN_RECEIPT_FIELDS = { merchant: 'TAXI G7', date: '2023-12-12', totalInclVat: '26.91', currency: 'EUR' } as const;

/** Beside the sources (src/, or dist/ once built), in the package's assets/. */
const FILE = new URL('../assets/receipt.png', import.meta.url);

export async function loadKnownReceipt(): Promise<KnownReceipt> {
  const { merchant, date, totalInclVat, currency } = KNOWN_RECEIPT_FIELDS;
  return {
    fileName: 'canary-receipt.png',
    contentType: 'image/png',
    bytes: await readFile(FILE),
    expected: KNOWN_RECEIPT_FIELDS,
    note: { date, amount: { value: totalInclVat, currency }, merchant, comment: 'canary' },
  };
}
