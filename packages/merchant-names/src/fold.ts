/**
 * Upper case without accents or symbols: `Carrefour Café 🍔` → `CARREFOUR CAFE`. Letters
 * outside A-Z (other scripts, emoji) become spaces, so only Latin names reach the brand table.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[’'`]/g, '')
    .replace(/[^A-Z0-9.*/&\s-]/g, ' ');
}

export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
