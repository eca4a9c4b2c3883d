import { readFile } from 'node:fs/promises';
import { MAX_RECEIPT_BYTES } from '@ndf/contracts';
import { encryptedPdf, generateFixture, pngDecompressionBomb } from '@ndf/receipt-fixtures';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';

/** Hostile and unlucky files, made here from the shared fixtures: what users and attackers send. */

/** A receipt photo from the shared fixtures, as PNG. */
export const receiptPng = async (): Promise<Buffer> => readFile((await generateFixture(21, 1, 'png')).path);

/** The same receipt as an AVIF (AV1 in HEIF), as some Android phones save their photos. */
export const receiptAvif = async (): Promise<Buffer> =>
  sharp(await receiptPng())
    .avif({ quality: 70 })
    .toBuffer();

export const truncatedJpeg = async (): Promise<Buffer> => {
  const jpeg = await sharp(await receiptPng())
    .jpeg()
    .toBuffer();
  return jpeg.subarray(0, Math.floor(jpeg.length / 2));
};

/** A file one byte over the receipt limit that starts as a JPEG. */
export const hugeFile = (): Buffer => {
  const bytes = Buffer.alloc(MAX_RECEIPT_BYTES + 1);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
};

/** A decompression bomb: a PNG of a few hundred bytes whose header claims 65,535 x 65,535 pixels. */
export const pngBomb = (): Buffer => pngDecompressionBomb(65_535);

/** The committed iPhone (HEVC) photo, its header claiming 10,000 x 8,000 pixels: over what is decoded in WebAssembly. */
export const hugeHeic = async (): Promise<Buffer> => {
  const heic = Buffer.from(await readFile(new URL('../../services/image-normalizer/test/fixtures/receipt-hevc.heic', import.meta.url)));
  const at = heic.indexOf('ispe');
  heic.writeUInt32BE(10_000, at + 8);
  heic.writeUInt32BE(8_000, at + 12);
  return heic;
};

export const passwordPdf = (): Promise<Buffer> => encryptedPdf({ userPassword: 'secret', ownerPassword: 'owner' });

/** A digital PDF of `pages` pages. */
export async function longPdf(pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let index = 1; index <= pages; index++) pdf.addPage([595, 842]).drawText(`Facture page ${index}`, { x: 50, y: 780, size: 12, font });
  return pdf.save();
}

/** A scan of `pages` receipts, one per page at 200 dpi, with no text layer: every page goes to OCR. */
export async function longScannedPdf(pages: number): Promise<Uint8Array> {
  const png = await receiptPng();
  const { width, height } = await sharp(png).metadata();
  const pdf = await PDFDocument.create();
  const image = await pdf.embedPng(png);
  const [pageWidth, pageHeight] = [(width! * 72) / 200, (height! * 72) / 200];
  for (let index = 0; index < pages; index++)
    pdf.addPage([pageWidth, pageHeight]).drawImage(image, { x: 0, y: 0, width: pageWidth, height: pageHeight });
  return pdf.save();
}

/** A text of one hostile line of spaces ending in a letter, then a receipt. */
export const longLineText = (): string =>
  JSON.stringify({ source: 'pdf-text', text: `A${' '.repeat(200_000)}B\nCAFE DE LA GARE\nle 14/03/2024\nTOTAL TTC 3,90 EUR` });
