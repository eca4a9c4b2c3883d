import { describe, expect, it } from 'vitest';
import { DEFAULT_PARSE_LIMITS, parseReceipt } from '../src/index.js';

const RECEIPT = 'BOULANGERIE DU MARCHE\n12 rue de la Paix 75002 Paris\nle 14/03/2024\nTOTAL TTC 3,90 EUR\nTVA 5,5% 0,20';

describe('the caps on the text read', () => {
  it('reads a receipt whose first line is hostile (200,000 spaces or " -" pairs ending in a letter): the line is cut, not the receipt', () => {
    for (const hostile of [`A${' '.repeat(200_000)}B`, `A${' -'.repeat(100_000)}B`, `1${' 234'.repeat(50_000)}x`]) {
      const fields = parseReceipt({ text: `${hostile}\n${RECEIPT}` });
      expect(fields.totalInclVat?.value).toBe('3.90');
      expect(fields.date?.value).toBe('2024-03-14');
    }
  });

  it('reads a line up to maxLineChars and leaves out the rest of it', () => {
    const padding = ' '.repeat(DEFAULT_PARSE_LIMITS.maxLineChars);
    expect(parseReceipt({ text: `CAFE DE LA GARE\nTOTAL TTC ${'.'.repeat(20)} 3,90 EUR` }).totalInclVat?.value).toBe('3.90');
    expect(parseReceipt({ text: `CAFE DE LA GARE\nTOTAL TTC${padding}3,90 EUR` }).totalInclVat).toBeNull();
  });

  it('reads the text up to maxTextChars and leaves out the rest', () => {
    const filler = 'Article divers\n'.repeat(Math.ceil(DEFAULT_PARSE_LIMITS.maxTextChars / 15));
    expect(parseReceipt({ text: `${RECEIPT}\n${filler}` }).totalInclVat?.value).toBe('3.90');
    expect(parseReceipt({ text: `${filler}${RECEIPT}` }).totalInclVat).toBeNull();
  });

  it("finds a line's OCR words among many (a long line spelled by its words), and the merchant's confidence with them", () => {
    const names = Array.from({ length: 3_000 }, (_, index) => `W${index}`);
    const words = [
      ...names.map((text) => ({ text, confidence: 90, line: 0 })),
      { text: 'CAFE', confidence: 95, line: 1 },
      { text: 'DE', confidence: 95, line: 1 },
      { text: 'LA', confidence: 95, line: 1 },
      { text: 'GARE', confidence: 95, line: 1 },
    ];
    const fields = parseReceipt({ text: `${names.join(' ')}\nCAFE DE LA GARE\nTOTAL TTC 3,90 EUR`, words });
    expect(fields.merchant?.value).toBe('CAFE DE LA GARE');
  });
});
