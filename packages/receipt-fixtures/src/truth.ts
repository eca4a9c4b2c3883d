export type Currency = 'EUR' | 'GBP' | 'USD' | 'CHF';
export type Language = 'fr' | 'en';
export type ReceiptKind = 'till' | 'restaurant' | 'hotel' | 'fuel' | 'taxi' | 'train' | 'supermarket' | 'invoice';

/** What a receipt says, as the parser should read it. Amounts are decimal strings, dates ISO. */
export interface ReceiptTruth {
  readonly id: string;
  readonly kind: ReceiptKind;
  readonly language: Language;
  readonly merchant: string;
  readonly date: string;
  readonly totalInclVat: string;
  readonly totalExclVat: string;
  readonly vatLines: readonly { readonly rate: string; readonly amount: string }[];
  readonly currency: Currency;
  /** Only when the receipt prints it. */
  readonly merchantVatNumber: string | null;
  /**
   * When its user uploaded it, a few days after its date (not printed): the parser judges the
   * receipt's dates from it, so a fixture reads the same whatever the day it is parsed.
   */
  readonly uploadedAt: string;
}

/** One printed line: text on the left, an amount on the right, or a centred title. */
export interface PrintedLine {
  readonly left: string;
  readonly right?: string;
  readonly align?: 'left' | 'center';
  readonly bold?: boolean;
  /** Relative to the body size. */
  readonly scale?: number;
}

export interface ReceiptDocument {
  readonly truth: ReceiptTruth;
  readonly lines: readonly PrintedLine[];
  /** Characters per line the layout was made for (a till roll is narrow, an invoice wide). */
  readonly columns: number;
}

/** The document's text as a PDF text layer or a perfect OCR would give it. */
export function documentText(document: ReceiptDocument): string {
  return document.lines
    .map((line) => {
      if (line.right === undefined)
        return line.align === 'center' ? line.left.padStart(Math.floor((document.columns + line.left.length) / 2)) : line.left;
      const gap = Math.max(2, document.columns - line.left.length - line.right.length);
      return line.left + ' '.repeat(gap) + line.right;
    })
    .join('\n');
}
