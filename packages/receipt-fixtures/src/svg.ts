import type { Random } from './random.js';
import type { ReceiptDocument } from './truth.js';
import { typefaces, type Typeface } from './fonts.js';

export interface RenderedSvg {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  readonly typeface: string;
}

/**
 * Lays the document out as a printed page: one line per printed line, amounts right-aligned
 * to the margin, titles centred, text drawn as paths in a typeface picked from the seed
 * (monospaced for till rolls, proportional for invoices and hotel bills).
 */
export function renderSvg(document: ReceiptDocument, random: Random): RenderedSvg {
  const wide = document.truth.kind === 'invoice' || document.truth.kind === 'hotel';
  const candidates = typefaces().filter((face) => face.monospace !== wide || random.chance(0.25));
  const face: Typeface = random.pick(candidates.length > 0 ? candidates : typefaces());
  const size = random.int(22, 30);
  const lineHeight = Math.round(size * random.between(1.3, 1.6));
  const margin = Math.round(size * 1.2);
  const charWidth = face.regular.getAdvanceWidth('0', size);
  const width = Math.ceil(document.columns * charWidth * (face.monospace ? 1 : 1.15) + 2 * margin);
  const ink = random.pick(['#000000', '#1a1a1a', '#2b2b2b', '#202040']);
  const paths: string[] = [];
  let y = margin;
  for (const line of document.lines) {
    const scale = line.scale ?? 1;
    const font = line.bold ? face.bold : face.regular;
    const fontSize = size * scale;
    y += Math.round(lineHeight * scale);
    if (line.left !== '') {
      const textWidth = font.getAdvanceWidth(line.left, fontSize);
      const x = line.align === 'center' ? (width - textWidth) / 2 : margin;
      paths.push(font.getPath(line.left, Math.max(margin / 2, x), y, fontSize).toPathData(1));
    }
    if (line.right !== undefined) {
      paths.push(font.getPath(line.right, width - margin - font.getAdvanceWidth(line.right, fontSize), y, fontSize).toPathData(1));
    }
  }
  const height = y + margin * 2;
  const paper = random.pick(['#ffffff', '#fbfbf8', '#f7f5ef', '#fdfcf6']);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="${paper}"/><path fill="${ink}" d="${paths.join(' ')}"/></svg>`;
  return { svg, width, height, typeface: face.name };
}
