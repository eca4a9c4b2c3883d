// PDFs made for the tests: digital invoices with pdf-lib, scans (an image and no text), encrypted
// files from PDFKit, and hostile shapes. Nothing is read from disk.
import { deflateSync } from 'node:zlib';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export const A4 = [595, 842] as const;

/** An invoice with a text layer; the label and the amount are drawn apart, as invoices lay them out. */
export async function digitalInvoice(pages = 1, size: readonly [number, number] = A4): Promise<PDFDocument> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let number = 1; number <= pages; number++) {
    const page = pdf.addPage([size[0], size[1]]);
    page.drawText('HOTEL DES VOYAGEURS', { x: 50, y: size[1] - 60, size: 16, font });
    page.drawText(`Facture F-2024-0042, page ${number}`, { x: 50, y: size[1] - 90, size: 11, font });
    page.drawText('Total HT', { x: 50, y: size[1] - 200, size: 11, font });
    page.drawText('35,00 EUR', { x: 420, y: size[1] - 200, size: 11, font });
    page.drawText('Total TTC', { x: 50, y: size[1] - 220, size: 11, font });
    page.drawText('42,00 EUR', { x: 420, y: size[1] - 220, size: 11, font });
  }
  return pdf;
}

/** A scanned receipt: a red band at the top, dark lines of "text" below, white elsewhere. */
export function scanImage(width = 600, height = 850): Buffer {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#d02020';
  context.fillRect(0, 0, width, height * 0.1);
  context.fillStyle = '#111111';
  for (let line = 0; line < 12; line++) context.fillRect(40, height * 0.2 + line * 40, width * 0.6, 12);
  return canvas.toBuffer('image/png');
}

export async function addScannedPage(pdf: PDFDocument, size: readonly [number, number] = A4): Promise<void> {
  const image = await pdf.embedPng(scanImage());
  pdf.addPage([size[0], size[1]]).drawImage(image, { x: 0, y: 0, width: size[0], height: size[1] });
}

export async function scannedPdf(pages = 1, size: readonly [number, number] = A4): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (let page = 0; page < pages; page++) await addScannedPage(pdf, size);
  return pdf.save();
}

export { encryptedPdf } from '@ndf/receipt-fixtures';

export const near = (actual: readonly number[], expected: readonly number[], tolerance = 12) =>
  actual.every((value, index) => Math.abs(value - expected[index]!) <= tolerance);

/** The colour of a raster's pixel, at fractions of its width and height. */
export async function rasterColour(png: Uint8Array, x: number, y: number): Promise<number[]> {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  return [...context.getImageData(Math.floor(x * (image.width - 1)), Math.floor(y * (image.height - 1)), 1, 1).data.subarray(0, 3)];
}

/** A PDF written by hand from its objects, with a correct cross-reference table (pdf-lib always adds a page). */
export function handWrittenPdf(objects: readonly string[]): Buffer {
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = body.length;
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export const pagelessPdf = (): Buffer => handWrittenPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']);

/** `bytes` of a drawing operator, deflated: a 60 KB page that pdf.js takes minutes to walk through. */
export function drawingBomb(bytes = 30 * 1024 * 1024): Buffer {
  const operators = Buffer.alloc(bytes);
  const unit = Buffer.from('0 0 m 1 1 l S\n');
  for (let at = 0; at + unit.length <= operators.length; at += unit.length) unit.copy(operators, at);
  const packed = deflateSync(operators);
  return handWrittenPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    `<< /Length ${packed.length} /Filter /FlateDecode >>\nstream\n${packed.toString('latin1')}\nendstream`,
  ]);
}

/** An object stream that inflates to an array of 30 million numbers: parsing it swells the heap. */
export function arrayBomb(numbers = 30 * 1024 * 1024): Buffer {
  const header = Buffer.from('5 0 ');
  const packed = deflateSync(Buffer.concat([header, Buffer.from('['), Buffer.alloc(numbers * 2, '0 '), Buffer.from(']')]));
  return handWrittenPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    `<< /Type /ObjStm /N 1 /First ${header.length} /Length ${packed.length} /Filter /FlateDecode >>\nstream\n${packed.toString('latin1')}\nendstream`,
  ]);
}
