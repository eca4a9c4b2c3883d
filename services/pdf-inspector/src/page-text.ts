/** A piece of text pdf.js found on a page, with its position (PDF units, y upwards). */
export interface PlacedText {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Rebuilds the page's lines from placed pieces: pieces on the same baseline form one line, left
 * to right, with a space where there is a gap. A receipt's label and its amount, drawn apart,
 * land on one line ("Total TTC 42,00 EUR"), which is what a receipt parser needs.
 */
export function linesOf(pieces: readonly PlacedText[]): string[] {
  const visible = pieces.filter((piece) => piece.text.trim() !== '');
  const sorted = [...visible].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: PlacedText[][] = [];
  for (const piece of sorted) {
    const line = lines.at(-1);
    const tolerance = Math.max(2, Math.min(piece.height, line?.[0]?.height ?? piece.height) / 2);
    if (line && Math.abs(line[0]!.y - piece.y) <= tolerance) line.push(piece);
    else lines.push([piece]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    for (const piece of line) {
      const gap = piece.x - end;
      if (text !== '' && gap > Math.max(1, piece.height * 0.15) && !text.endsWith(' ') && !piece.text.startsWith(' ')) text += ' ';
      text += piece.text;
      end = Math.max(end, piece.x + piece.width);
    }
    return text.replace(/\s+/g, ' ').trim();
  });
}
