/** The built-in words for alcohol on French and English receipts (accents and case ignored). */
export const DEFAULT_ALCOHOL_WORDS: readonly string[] = [
  'alcool',
  'alcohol',
  'vin',
  'vins',
  'wine',
  'wines',
  'biere',
  'bieres',
  'beer',
  'beers',
  'champagne',
  'cidre',
  'cider',
  'whisky',
  'whiskey',
  'vodka',
  'rhum',
  'rum',
  'gin',
  'cognac',
  'armagnac',
  'calvados',
  'pastis',
  'aperitif',
  'digestif',
  'cocktail',
  'cocktails',
  'prosecco',
  'spritz',
  'liqueur',
  'sake',
  'pinte de biere',
  'verre de vin',
  'glass of wine',
  'pint',
];

/** Lower case, accents removed, every run of other characters one space, padded with spaces. */
function words(text: string): string {
  const plain = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return ` ${plain
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ')} `;
}

/** The first of `list` found as a whole word (or phrase) in the text, or undefined. */
export function alcoholWordIn(text: string, list: readonly string[] = DEFAULT_ALCOHOL_WORDS): string | undefined {
  const haystack = words(text);
  return list.find((word) => {
    const needle = words(word);
    return needle.trim() !== '' && haystack.includes(needle);
  });
}
