import type { Category } from './categories.js';
import { cleanMerchantName } from './clean-name.js';
import { matchBrand } from './match-brand.js';
import { MerchantInputError } from './problems.js';

/** Longer than any merchant name a receipt or a statement prints: beyond it, the field holds something else. */
export const MAX_NAME_LENGTH = 200;

export interface Merchant {
  /** The brand's name when known (`SNCF`), else the cleaned name (`BOULANGERIE DUPONT`). */
  readonly name: string;
  /** The key a tenant's history is kept under: the name cleaned (`MCDONALDS`, `BOULANGERIE DUPONT`). */
  readonly key: string;
  readonly cleaned: string;
  /** The brand's usual category, when the brand is known. */
  readonly category: Category | undefined;
  readonly match:
    | { readonly kind: 'alias'; readonly alias: string }
    | { readonly kind: 'fuzzy'; readonly alias: string; readonly distance: number }
    | { readonly kind: 'unknown' };
}

/**
 * The canonical merchant of a name as read from a receipt or a card statement. Throws a
 * MerchantInputError naming `field` when the name is not a string, is empty or blank, is
 * longer than MAX_NAME_LENGTH, or has no word left once cleaned (only digits, only emoji).
 */
export function normalizeMerchant(raw: unknown, field = '/merchant'): Merchant {
  if (typeof raw !== 'string') throw new MerchantInputError(field, 'not_a_string', 'the merchant name must be a string');
  const trimmed = raw.trim();
  if (trimmed === '') throw new MerchantInputError(field, 'empty', 'the merchant name is empty');
  if (trimmed.length > MAX_NAME_LENGTH) {
    throw new MerchantInputError(field, 'too_long', `the merchant name is longer than ${MAX_NAME_LENGTH} characters`);
  }
  const cleaned = cleanMerchantName(trimmed);
  if (cleaned === '') {
    throw new MerchantInputError(field, 'no_name_left', 'no word names a merchant once numbers, dates and symbols are set aside');
  }
  const found = matchBrand(cleaned);
  if (!found) return { name: cleaned, key: cleaned, cleaned, category: undefined, match: { kind: 'unknown' } };
  const { brand } = found;
  const match =
    found.kind === 'alias'
      ? { kind: 'alias' as const, alias: found.alias }
      : { kind: 'fuzzy' as const, alias: found.alias, distance: found.distance };
  return { name: brand.name, key: cleanMerchantName(brand.name), cleaned, category: brand.category, match };
}
