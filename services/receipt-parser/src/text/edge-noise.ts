import type { WordConfidence } from '../fields/types.js';

const MIN_EDGE_CONFIDENCE = 45;
const AMOUNT_LIKE = /\d[.,]\d{2}/;

/**
 * Drops the scraps OCR guessed at the ends of lines with a low confidence: a photo's table, the
 * paper's edge or a shadow read as "ï ;" or "Ea". Words of three letters or more, words inside a
 * line and anything that reads as an amount are kept. Lines without word positions are left as they are.
 */
export function dropEdgeNoise(text: string, words: readonly WordConfidence[] | undefined): string {
  if (!words || !words.some((word) => word.line !== undefined)) return text;
  const byLine = new Map<number, WordConfidence[]>();
  for (const word of words) {
    if (word.line === undefined) continue;
    const line = byLine.get(word.line);
    if (line) line.push(word);
    else byLine.set(word.line, [word]);
  }
  // Tesseract is sometimes unsure of a real word ("TVA" at 17): only short scraps go.
  const noise = (word: WordConfidence) =>
    word.confidence < MIN_EDGE_CONFIDENCE && !AMOUNT_LIKE.test(word.text) && word.text.replace(/[^\p{L}\p{N}]/gu, '').length < 3;
  return text
    .split('\n')
    .map((line, index) => {
      const lineWords = byLine.get(index);
      if (!lineWords || lineWords.map((word) => word.text).join(' ') !== line.replace(/\s+/g, ' ').trim()) return line;
      let [start, end] = [0, lineWords.length];
      while (start < end && noise(lineWords[start]!)) start++;
      while (end > start && noise(lineWords[end - 1]!)) end--;
      return lineWords
        .slice(start, end)
        .map((word) => word.text)
        .join(' ');
    })
    .join('\n');
}
