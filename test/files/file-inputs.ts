// The benchmark's inputs, made with sharp and pdf-lib: a 12-megapixel phone photo (EXIF
// orientation 6, grain, 40 lines of text) and 4-page PDF invoices, digital or scanned.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';

export interface FileInputs {
  readonly jpeg: Uint8Array;
  readonly digitalPdf: Uint8Array;
  readonly scannedPdf: Uint8Array;
}

export async function photo12Mp(): Promise<Buffer> {
  const [width, height] = [4000, 3000];
  const noisy = await sharp({
    create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 170, sigma: 25 } },
  })
    .png()
    .toBuffer();
  const lines = Array.from(
    { length: 40 },
    (_, line) =>
      `<text x="600" y="${300 + line * 60}" font-size="44" font-family="sans-serif">LIGNE ${line + 1} ........ ${(line * 3.7).toFixed(2)} EUR</text>`,
  ).join('');
  const text = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${lines}</svg>`);
  return sharp(noisy)
    .composite([{ input: text }])
    .jpeg({ quality: 88 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** An A4 page scanned at 150 dpi: grey paper grain and lines of text. */
async function scannedPage(): Promise<Buffer> {
  const [width, height] = [1240, 1754];
  const paper = await sharp({
    create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 235, sigma: 8 } },
  })
    .png()
    .toBuffer();
  const lines = Array.from(
    { length: 50 },
    (_, line) =>
      `<text x="100" y="${120 + line * 30}" font-size="20" font-family="sans-serif">Ligne ${line + 1} ........ ${(line * 3.7).toFixed(2)} EUR</text>`,
  ).join('');
  return sharp(paper)
    .composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${lines}</svg>`) }])
    .jpeg({ quality: 80 })
    .toBuffer();
}

export async function invoicePdf(pages: number, scanned: boolean): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const scan = scanned ? await pdf.embedJpg(await scannedPage()) : undefined;
  for (let number = 1; number <= pages; number++) {
    const page = pdf.addPage([595, 842]);
    if (scan) page.drawImage(scan, { x: 0, y: 0, width: 595, height: 842 });
    else
      for (let line = 0; line < 40; line++)
        page.drawText(`Ligne ${line + 1} de la page ${number} ........ ${(line * 3.7).toFixed(2)} EUR`, {
          x: 50,
          y: 800 - line * 18,
          size: 10,
          font,
        });
  }
  return pdf.save();
}

export async function makeFileInputs(): Promise<FileInputs> {
  return { jpeg: await photo12Mp(), digitalPdf: await invoicePdf(4, false), scannedPdf: await invoicePdf(4, true) };
}
