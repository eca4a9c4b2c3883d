import leven from 'leven';
import { BRANDS, type Brand } from './brands.js';
import { cleanMerchantName } from './clean-name.js';

export type BrandMatch =
  | { readonly kind: 'alias'; readonly brand: Brand; readonly alias: string }
  | { readonly kind: 'fuzzy'; readonly brand: Brand; readonly alias: string; readonly distance: number };

/** Only the first words name the merchant; what follows is a place or a service (`SNCF CONNECT`). */
const MAX_PREFIX_WORDS = 3;

/**
 * One edit allowed per five letters, none below five: an OCR slip in `CARREF0UR` or
 * `TOTALENERGlES` is caught, while short names (`BP`, `SFR`, `AVIS`) must match exactly, since
 * one edit turns them into other words.
 */
export function allowedDistance(length: number): number {
  return Math.floor(length / 5);
}

/** Each alias without spaces (`TOTAL ENERGIES` and `TOTALENERGIES` are one key), to its brand. */
const BRAND_BY_KEY: ReadonlyMap<string, Brand> = new Map(
  BRANDS.flatMap((brand) => [brand.name, ...brand.aliases].map((alias) => [compact(cleanMerchantName(alias)), brand] as const)),
);

function compact(words: string): string {
  return words.replace(/ /g, '');
}

/** The first 1, 2, 3 words joined, longest first: the longest alias wins (`CARREFOUR MARKET` over `CARREFOUR`). */
function prefixKeys(cleaned: string): string[] {
  const words = cleaned.split(' ').slice(0, MAX_PREFIX_WORDS);
  return words.map((_word, index) => words.slice(0, words.length - index).join(''));
}

/** The known brand a cleaned name starts with, exactly or within the allowed distance; undefined when none. */
export function matchBrand(cleaned: string): BrandMatch | undefined {
  const keys = prefixKeys(cleaned);
  for (const key of keys) {
    const brand = BRAND_BY_KEY.get(key);
    if (brand) return { kind: 'alias', brand, alias: key };
  }
  let best: { brand: Brand; alias: string; distance: number } | undefined;
  let tied = false;
  for (const key of keys) {
    for (const [alias, brand] of BRAND_BY_KEY) {
      // The shorter of the two sets the allowance: `PAULO` is not one slip away from `PAUL`.
      const allowed = allowedDistance(Math.min(key.length, alias.length));
      if (allowed === 0) continue;
      const distance = leven(key, alias, { maxDistance: allowed + 1 });
      if (distance > allowed) continue;
      if (!best || distance < best.distance) {
        best = { brand, alias, distance };
        tied = false;
      } else if (distance === best.distance && brand !== best.brand) {
        tied = true;
      }
    }
  }
  // Two brands equally near: guessing one would be a coin toss, so the name stays unknown.
  if (!best || tied) return undefined;
  return { kind: 'fuzzy', ...best };
}
