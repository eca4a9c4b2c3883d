/**
 * The merchant-normalizer's stage about a note (STAGE#merchant-normalizer): the note's merchant
 * normalised to one canonical name (`SNCF VOYAGEURS`, `sncf.com` → `SNCF`), from the name the
 * user typed, else the one a processed receipt prints. It never changes the note's `merchant`.
 *
 * - succeeded: `outcome` is a MerchantNormalizerOutcome;
 * - pending `receipts_unread`: no merchant typed, and receipts still being read may print one;
 * - refused `merchant_missing`: no merchant typed, none printed on a processed receipt;
 * - refused `merchant_unreadable`: the name typed holds no word naming a merchant (`12/03 0892`).
 */
export const MERCHANT_NORMALIZER_CODES = ['receipts_unread', 'merchant_missing', 'merchant_unreadable'] as const;
export type MerchantNormalizerCode = (typeof MERCHANT_NORMALIZER_CODES)[number];

export type MerchantNormalizerOutcome =
  | {
      /** `note`: the name the user typed; `receipt`: the user typed none, and this processed receipt prints it. */
      readonly source: 'note' | 'receipt';
      /** The name as typed or printed. */
      readonly given: string;
      /** The receipt it was printed on, when `source` is `receipt`. */
      readonly receiptId?: string;
      readonly merchant: NormalizedMerchant;
    }
  /** A mileage note without a merchant: it needs none. */
  | { readonly source: 'none' };

export interface NormalizedMerchant {
  /** The canonical merchant (`SNCF`), or the cleaned name of one that is not a known brand (`BOULANGERIE DUPONT`). */
  readonly name: string;
  /** The key a tenant's category history is kept under (`SNCF`, `MCDONALDS`): every spelling of one brand shares it. */
  readonly key: string;
  /** The name given, cleaned (dates, card prefixes, store numbers, legal forms dropped). */
  readonly cleaned: string;
  /** A known brand's usual category: a hint for the categorizer, never the note's category. */
  readonly usualCategory?: string;
  /** How it was recognised: a known brand's spelling, a near one (an OCR slip, with its distance), or not at all. */
  readonly match:
    | { readonly kind: 'alias'; readonly alias: string }
    | { readonly kind: 'fuzzy'; readonly alias: string; readonly distance: number }
    | { readonly kind: 'unknown' };
}
