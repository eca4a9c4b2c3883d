import type { Category } from './categories.js';
import { MerchantInputError } from './problems.js';

/**
 * The categories a tenant's users chose before, per merchant key (Merchant.key, e.g. `SNCF`):
 * `{ SNCF: { train: 12, taxi: 1 } }`. `C` is the tenant's list of categories (this package's by default).
 */
export type TenantHistory<C extends string = Category> = Readonly<Record<string, Readonly<Partial<Record<C, number>>>>>;

export interface HistoryEvidence<C extends string = Category> {
  readonly category: C;
  readonly chosen: number;
  readonly total: number;
}

/**
 * The category most often chosen for this merchant, with its count and the total; undefined
 * when the merchant has no history, or when two categories share the highest count (no
 * majority to follow). Throws a MerchantInputError naming the entry for a category outside
 * `categories` or a count that is not a non-negative whole number.
 */
export function mostChosenCategory<C extends string>(
  history: TenantHistory<C>,
  merchantKey: string,
  categories: readonly C[],
): HistoryEvidence<C> | undefined {
  if (!Object.hasOwn(history, merchantKey)) return undefined;
  const counts: unknown = history[merchantKey];
  if (typeof counts !== 'object' || counts === null || Array.isArray(counts)) {
    throw new MerchantInputError(`/history/${escapePointer(merchantKey)}`, 'invalid_history', 'expected counts per category');
  }
  let best: HistoryEvidence<C> | undefined;
  let tied = false;
  let total = 0;
  for (const [category, count] of Object.entries(counts)) {
    const field = `/history/${escapePointer(merchantKey)}/${escapePointer(category)}`;
    if (!isOneOf(categories, category)) throw new MerchantInputError(field, 'unknown_category', `"${category}" is not a category`);
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
      throw new MerchantInputError(field, 'invalid_count', 'a count must be a whole number, 0 or more');
    }
    total += count;
    if (count === 0) continue;
    if (!best || count > best.chosen) {
      best = { category, chosen: count, total: 0 };
      tied = false;
    } else if (count === best.chosen) {
      tied = true;
    }
  }
  if (!best || tied) return undefined;
  return { ...best, total };
}

export function isOneOf<C extends string>(categories: readonly C[], value: string): value is C {
  return (categories as readonly string[]).includes(value);
}

/** JSON pointer escaping (RFC 6901), since merchant keys may hold `/`. */
function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
