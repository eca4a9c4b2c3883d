import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { Random } from './random.js';
import type { ReceiptDocument } from './truth.js';

const STANDARD_FACES = [
  [StandardFonts.Helvetica, StandardFonts.HelveticaBold],
  [StandardFonts.Courier, StandardFonts.CourierBold],
  [StandardFonts.TimesRoman, StandardFonts.TimesRomanBold],
] as const;

const A4 = { width: 595.28, height: 841.89 };

/** A digital invoice: the document drawn as text in one of the PDF standard fonts, so it has a text layer. */
export async function digitalPdf(document: ReceiptDocument, random: Random): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Receipt ${document.truth.id}`);
  pdf.setCreationDate(new Date(Date.UTC(2024, 0, 1)));
  pdf.setModificationDate(new Date(Date.UTC(2024, 0, 1)));
  const [regularName, boldName] = random.pick(STANDARD_FACES);
  const [regular, bold] = [await pdf.embedFont(regularName), await pdf.embedFont(boldName)];
  const page = pdf.addPage([A4.width, A4.height]);
  const size = random.pick([9, 10, 11]);
  const margin = 56;
  let y = A4.height - margin;
  for (const line of document.lines) {
    const font = line.bold ? bold : regular;
    const fontSize = size * (line.scale ?? 1);
    y -= fontSize * 1.5;
    if (line.left !== '') {
      const x = line.align === 'center' ? (A4.width - font.widthOfTextAtSize(line.left, fontSize)) / 2 : margin;
      page.drawText(line.left, { x, y, size: fontSize, font, color: rgb(0, 0, 0) });
    }
    if (line.right !== undefined)
      page.drawText(line.right, { x: A4.width - margin - font.widthOfTextAtSize(line.right, fontSize), y, size: fontSize, font });
  }
  return pdf.save({ useObjectStreams: false });
}

/** A scan saved as PDF: one page holding the image and no text layer. */
export async function scannedPdf(image: Buffer, kind: 'png' | 'jpeg', widthPx: number, heightPx: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(new Date(Date.UTC(2024, 0, 1)));
  pdf.setModificationDate(new Date(Date.UTC(2024, 0, 1)));
  const embedded = kind === 'png' ? await pdf.embedPng(image) : await pdf.embedJpg(image);
  // 200 dpi: a 600-pixel wide till roll is about 7.6 cm wide, as on paper.
  const [width, height] = [(widthPx * 72) / 200, (heightPx * 72) / 200];
  const page = pdf.addPage([width, height]);
  page.drawImage(embedded, { x: 0, y: 0, width, height });
  return pdf.save({ useObjectStreams: false });
}
