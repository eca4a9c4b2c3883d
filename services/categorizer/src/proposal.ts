import { LOW_CONFIDENCE, type CategorizerOutcome, type NormalizedMerchant, type NoteItem } from '@ndf/contracts';
import { isCategory, MAX_RECEIPT_TEXT_LENGTH, proposeCategory, type Merchant } from '@ndf/merchant-names';
import type { StageOutcome } from '@ndf/receipt-pipeline';
import type { Choice, CountedChoice } from './history-store.js';

export interface CategorizerInput {
  readonly note: NoteItem;
  /** The note's merchant as the merchant-normalizer found it for this version; undefined when it has none. */
  readonly merchant: NormalizedMerchant | undefined;
  /** The texts of the note's processed receipts that could be read, and how many receipts are processed. */
  readonly receiptTexts: readonly string[];
  readonly receiptsProcessed: number;
  /** How many of the tenant's notes chose each category for this merchant, this note's own choice left out. */
  readonly history: Readonly<Record<string, number>>;
  /** The tenant's categories. */
  readonly categories: readonly string[];
}

/**
 * The categorizer's stage for a note: a category proposed from the tenant's history for its
 * merchant, the merchant's usual category and its receipts' words (@ndf/merchant-names decides),
 * a mileage note's own category, and whether the note's category, when it has one, agrees.
 */
export function categorize(input: CategorizerInput): StageOutcome {
  const { note, merchant, categories } = input;
  if (note.category !== undefined && !categories.includes(note.category)) {
    return {
      status: 'refused',
      code: 'unknown_category',
      reason: `The category "${note.category}" is not one of the company's categories (${categories.join(', ')}): choose one of them.`,
    };
  }
  const proposal = proposalFor(input);
  const lowConfidence = proposal.category === undefined || proposal.confidence < LOW_CONFIDENCE;
  const chosen = note.category;
  const agrees = chosen === undefined ? undefined : chosen === proposal.category;
  const outcome: CategorizerOutcome = {
    proposal,
    lowConfidence,
    ...(merchant ? { merchant: { name: merchant.name, key: merchant.key } } : {}),
    ...(chosen === undefined ? {} : { chosen, agrees }),
    receiptTextsRead: input.receiptTexts.length,
    receiptsProcessed: input.receiptsProcessed,
  };
  if (chosen !== undefined) {
    return proposal.category !== undefined && !agrees
      ? {
          status: 'succeeded',
          code: 'category_differs',
          reason: `The note's category is ${chosen}; ${proposal.category} is proposed (${proposal.explanation}).`,
          outcome,
        }
      : { status: 'succeeded', outcome };
  }
  if (proposal.category === undefined) {
    return {
      status: 'succeeded',
      code: 'no_proposal',
      reason: `No category can be proposed${merchant ? ` for ${merchant.name}` : ''}: nothing points to one. Choose it.`,
      outcome,
    };
  }
  if (lowConfidence) {
    return {
      status: 'succeeded',
      code: 'low_confidence',
      reason: `${proposal.category} is proposed with a confidence of ${proposal.confidence} % only (${proposal.explanation}): check it.`,
      outcome,
    };
  }
  return { status: 'succeeded', outcome };
}

function proposalFor(input: CategorizerInput): CategorizerOutcome['proposal'] {
  const { note, merchant, categories } = input;
  if (note.mileage !== undefined && categories.includes('mileage')) {
    return { category: 'mileage', confidence: 100, reason: 'mileage', explanation: 'a mileage allowance' };
  }
  const merchantInput = merchant ? merchantOf(merchant) : undefined;
  // A category the tenant no longer uses may still be counted: it is no choice to follow.
  const history = Object.fromEntries(Object.entries(input.history).filter(([category]) => categories.includes(category)));
  const proposal = proposeCategory({
    ...(merchantInput ? { merchant: merchantInput, history: { [merchantInput.key]: history } } : {}),
    ...(input.receiptTexts.length > 0 ? { receiptText: input.receiptTexts.join('\n').slice(0, MAX_RECEIPT_TEXT_LENGTH) } : {}),
    categories,
  });
  return {
    ...(proposal.category === undefined ? {} : { category: proposal.category }),
    confidence: proposal.confidence,
    reason: proposal.reason,
    explanation: proposal.explanation,
  };
}

/** The merchant-normalizer's merchant as @ndf/merchant-names reads it. */
function merchantOf(merchant: NormalizedMerchant): Merchant {
  return {
    name: merchant.name,
    key: merchant.key,
    cleaned: merchant.cleaned,
    category: isCategory(merchant.usualCategory) ? merchant.usualCategory : undefined,
    match: merchant.match,
  };
}

/** What the tenant's history should count for this note: its category for its merchant, when it has both. */
export function choiceOf(note: NoteItem, merchant: NormalizedMerchant | undefined, categories: readonly string[]): Choice | undefined {
  if (merchant === undefined || note.category === undefined || !categories.includes(note.category)) return undefined;
  return { merchantKey: merchant.key, category: note.category };
}

/** The merchant's counts without what they count for this note: a note's proposal is made from the other notes. */
export function othersChoices(
  counts: Readonly<Record<string, number>>,
  counted: CountedChoice | undefined,
  merchantKey: string | undefined,
): Record<string, number> {
  const others = { ...counts };
  const own = counted?.choice;
  if (own && own.merchantKey === merchantKey && others[own.category] !== undefined) {
    others[own.category] = Math.max(0, others[own.category]! - 1);
  }
  return others;
}
