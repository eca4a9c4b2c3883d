import type { ParseLimits } from '../parse-limits.js';

/** A value read from the receipt, with how sure the parser is of it (0 to 1). */
export interface Field<T> {
  readonly value: T;
  readonly confidence: number;
}

/** One VAT rate of the receipt. Amounts are decimal strings ("7.50"), rates in percent ("5.5"). */
export interface VatLine {
  /** Null when the receipt prints a VAT amount without its rate and no base allows inferring it. */
  readonly rate: string | null;
  readonly amount: string;
  /** The amount excluding VAT this rate applies to, when printed. */
  readonly base?: string;
}

export type CurrencyCode = 'EUR' | 'GBP' | 'USD' | 'CHF';

export interface ReceiptFields {
  readonly merchant: Field<string> | null;
  /** ISO date, yyyy-mm-dd. */
  readonly date: Field<string> | null;
  /** What was paid, VAT included (after discounts, and after a tip when the receipt totals it). */
  readonly totalInclVat: Field<string> | null;
  readonly totalExclVat: Field<string> | null;
  readonly vatLines: Field<readonly VatLine[]> | null;
  readonly currency: Field<CurrencyCode> | null;
  readonly merchantVatNumber: Field<string> | null;
  /** Which language's keywords the receipt mostly uses. */
  readonly language: 'fr' | 'en' | null;
  /** The fields every receipt prints (merchant, date, total) that could not be read: none found, or only a guess (below 0.3), not given. */
  readonly unreadable: readonly ('merchant' | 'date' | 'totalInclVat')[];
}

/** A recognised word, as the OCR engine reports it (any object with these members will do). */
export interface WordConfidence {
  readonly text: string;
  /** 0 to 100, as tesseract reports it. */
  readonly confidence: number;
  /** Index of the word's line in the text, when the OCR engine gives it. */
  readonly line?: number;
}

export interface ParseInput {
  readonly text: string;
  readonly words?: readonly WordConfidence[];
}

export interface ParseOptions {
  /** Dates after this day plus one year are OCR errors, not receipts from the future. */
  readonly today?: Date;
  /** The caps on the text read (parse-limits.ts); the defaults unless a benchmark lifts them. */
  readonly limits?: Partial<ParseLimits>;
}
