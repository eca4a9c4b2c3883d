/**
 * The categorizer's stage about a note (STAGE#categorizer): a category proposed from the note's
 * normalised merchant (the merchant-normalizer's stage), its receipts' words and the categories
 * the tenant's employees chose for that merchant before, with its confidence and the reason.
 * It never sets the note's `category`; when the note has one, it says whether the proposal agrees.
 *
 * - succeeded: `outcome` is a CategorizerOutcome; `code` flags what the employee should look at:
 *   `category_differs` (the note's category is not the one proposed), else `no_proposal` or
 *   `low_confidence` (below LOW_CONFIDENCE) for a note without a category;
 * - refused `unknown_category`: the note's category is not one of the tenant's categories.
 */
export const CATEGORIZER_CODES = ['category_differs', 'no_proposal', 'low_confidence', 'unknown_category'] as const;
export type CategorizerCode = (typeof CATEGORIZER_CODES)[number];

/** A proposal below this confidence (a whole percent) is one to check, not to follow. */
export const LOW_CONFIDENCE = 60;

export type CategoryProposalReason = 'tenant_history' | 'known_brand' | 'receipt_words' | 'no_evidence' | 'mileage';

/** A type, not an interface: a stage's outcome is a record of values, which an interface is not to TypeScript. */
export type CategorizerOutcome = {
  readonly proposal: {
    /** Absent when nothing points to a category (`no_evidence`). */
    readonly category?: string;
    /** 0 to 100, a whole percent. */
    readonly confidence: number;
    readonly reason: CategoryProposalReason;
    /** For the employee: why this category (`chosen 3 times out of 4 for SNCF`). */
    readonly explanation: string;
  };
  /** No category proposed, or one below LOW_CONFIDENCE. */
  readonly lowConfidence: boolean;
  /** The normalised merchant the proposal is about (absent when the note has none). */
  readonly merchant?: { readonly name: string; readonly key: string };
  /** The note's category, when it has one, and whether the proposal names it. */
  readonly chosen?: string;
  readonly agrees?: boolean;
  /** Processed receipts whose text was read for its words, and processed receipts in all. */
  readonly receiptTextsRead: number;
  readonly receiptsProcessed: number;
};
