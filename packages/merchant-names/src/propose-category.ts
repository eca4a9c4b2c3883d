import { CATEGORIES, type Category } from './categories.js';
import type { Merchant } from './normalize-merchant.js';
import { MerchantInputError } from './problems.js';
import { findCategoryWords, MAX_RECEIPT_TEXT_LENGTH } from './receipt-words.js';
import { isOneOf, mostChosenCategory, type TenantHistory } from './tenant-history.js';

export type ProposalReason = 'tenant_history' | 'known_brand' | 'receipt_words' | 'no_evidence';

export interface CategoryProposal<C extends string = Category> {
  readonly category: C | undefined;
  /** 0 to 100, a whole percentage. */
  readonly confidence: number;
  readonly reason: ProposalReason;
  /** For the user: why this category (`chosen 3 times out of 4 for SNCF`). */
  readonly explanation: string;
}

export interface ProposalInput<C extends string = Category> {
  /** Absent when the expense names none: only the receipt's words can then tell. */
  readonly merchant?: Merchant;
  /** The receipt's text as read, when there is one. */
  readonly receiptText?: string;
  readonly history?: TenantHistory<C>;
  /**
   * The categories the tenant uses (CATEGORIES when absent): the proposal names one of them,
   * evidence for any other is passed over, and the history may count any of them.
   */
  readonly categories?: readonly C[];
}

/** Fixed confidences: a brand's usual category is a strong hint, a slip-matched brand a weaker one. */
export const CONFIDENCE = {
  brandAlias: 90,
  brandFuzzy: 75,
  /** Receipt words: this much for the first word found, plus WORD_STEP per further word, up to WORD_MAX. */
  wordBase: 50,
  wordStep: 10,
  wordMax: 80,
} as const;

/**
 * A category proposal, from the strongest evidence there is: the tenant's own choices for
 * this merchant (most frequent wins), then the brand's usual category, then the receipt's
 * words; none of these gives a proposal without a category and a confidence of 0.
 */
export function proposeCategory<C extends string = Category>(input: ProposalInput<C>): CategoryProposal<C> {
  const { merchant, receiptText, history } = input;
  const categories = input.categories ?? (CATEGORIES as readonly string[] as readonly C[]);
  if (history && merchant) {
    const chosen = mostChosenCategory(history, merchant.key, categories);
    if (chosen) {
      return {
        category: chosen.category,
        // Whole percent, rounded down: chosen 2 times out of 3 is 66.
        confidence: Math.floor((chosen.chosen * 100) / chosen.total),
        reason: 'tenant_history',
        explanation: `chosen ${chosen.chosen} times out of ${chosen.total} for ${merchant.name}`,
      };
    }
  }
  if (merchant?.category && merchant.match.kind !== 'unknown' && isOneOf(categories, merchant.category)) {
    const fuzzy = merchant.match.kind === 'fuzzy';
    return {
      category: merchant.category,
      confidence: fuzzy ? CONFIDENCE.brandFuzzy : CONFIDENCE.brandAlias,
      reason: 'known_brand',
      explanation: fuzzy ? `${merchant.name}'s usual category (read as "${merchant.cleaned}")` : `${merchant.name}'s usual category`,
    };
  }
  if (receiptText !== undefined) {
    const [best, second] = findWords(receiptText).filter((evidence) => isOneOf(categories, evidence.category));
    if (best && (!second || second.words.length < best.words.length)) {
      return {
        category: best.category as C,
        confidence: Math.min(CONFIDENCE.wordMax, CONFIDENCE.wordBase + CONFIDENCE.wordStep * (best.words.length - 1)),
        reason: 'receipt_words',
        explanation: `the receipt mentions ${best.words.join(', ')}`,
      };
    }
  }
  return { category: undefined, confidence: 0, reason: 'no_evidence', explanation: 'nothing points to a category' };
}

function findWords(text: unknown): ReturnType<typeof findCategoryWords> {
  if (typeof text !== 'string') throw new MerchantInputError('/receiptText', 'not_a_string', 'the receipt text must be a string');
  if (text.length > MAX_RECEIPT_TEXT_LENGTH) {
    throw new MerchantInputError('/receiptText', 'too_long', `the receipt text is longer than ${MAX_RECEIPT_TEXT_LENGTH} characters`);
  }
  return findCategoryWords(text);
}
