// Builders for the files the sniffer is tried on: real images and PDFs made here, archives,
// programs and polyglots assembled byte by byte. Nothing is read from disk.
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';

export const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');
export const join = (...parts: Uint8Array[]): Buffer => Buffer.concat(parts);

/** Deterministic bytes that look random (no signature, no text). */
export function noise(length: number, seed = 1): Buffer {
  const out = Buffer.alloc(length);
  let state = seed;
  for (let index = 0; index < length; index++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    out[index] = state >>> 24;
  }
  return out;
}

const receiptSvg = (width: number, height: number) =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f4f1ea"/>` +
      `<text x="20" y="60" font-size="32" font-family="sans-serif">CAFE DU COIN</text><text x="20" y="120" font-size="24" font-family="sans-serif">TOTAL TTC 12,40 EUR</text></svg>`,
  );

/** A photo-like JPEG: noisy, so that its size is realistic (a 2000x1500 one is well over the windows). */
export async function photoJpeg(width = 640, height = 480): Promise<Buffer> {
  const noisy = await sharp({
    create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 150, sigma: 40 } },
  })
    .png()
    .toBuffer();
  return sharp(noisy)
    .composite([{ input: receiptSvg(width, height), blend: 'multiply' }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

export const receiptImage = (format: 'png' | 'webp' | 'tiff' | 'gif' | 'avif', width = 320, height = 400): Promise<Buffer> =>
  sharp(receiptSvg(width, height)).toFormat(format).toBuffer();

/** An uncompressed TIFF larger than the windows, with its directory at the end (as libvips writes it). */
export const noisyTiff = (): Promise<Buffer> =>
  sharp({ create: { width: 800, height: 600, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 150, sigma: 40 } } })
    .tiff()
    .toBuffer();

/** A minimal HEIF file: ftyp (heic brand), meta and mdat boxes, as an iPhone lays them out. */
export function heicBoxes(mdatBytes = 2000): Buffer {
  const box = (type: string, body: Uint8Array) => {
    const header = Buffer.alloc(8);
    header.writeUInt32BE(8 + body.length, 0);
    header.write(type, 4, 'latin1');
    return join(header, body);
  };
  return join(box('ftyp', bytes('heic\0\0\0\0mif1heicmiaf')), box('meta', Buffer.alloc(120)), box('mdat', noise(mdatBytes, 7)));
}

export async function invoicePdf(pages = 1): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let page = 1; page <= pages; page++) {
    pdf.addPage([595, 842]).drawText(`FACTURE F-2024-0042 page ${page}\nTotal TTC 42,00 EUR`, { x: 50, y: 780, size: 14, font });
  }
  return Buffer.from(await pdf.save());
}

export { encryptedPdf } from '@ndf/receipt-fixtures';

export interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
  readonly deflate?: boolean;
}

/** A ZIP file written field by field (the same layout as every ZIP tool). */
export function zip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const body = entry.deflate ? deflateRawSync(entry.data) : Buffer.from(entry.data);
    const method = entry.deflate ? 8 : 0;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** 50 MB of zeros that deflate to about 50 KB. */
export const zipBomb = (): Buffer => zip([{ name: 'receipt.jpg', data: Buffer.alloc(50 * 1024 * 1024), deflate: true }]);

export const docx = (): Buffer =>
  zip([
    {
      name: '[Content_Types].xml',
      data: bytes('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    },
    { name: 'word/document.xml', data: bytes('<w:document/>') },
  ]);

export const odt = (): Buffer =>
  zip([
    { name: 'mimetype', data: bytes('application/vnd.oasis.opendocument.text') },
    { name: 'content.xml', data: bytes('<office:document-content/>') },
  ]);

export const jar = (): Buffer =>
  zip([
    { name: 'META-INF/MANIFEST.MF', data: bytes('Manifest-Version: 1.0\nMain-Class: Evil\n') },
    { name: 'Evil.class', data: noise(300) },
  ]);

export function tar(name: string, data: Uint8Array): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 'latin1');
  header.write('0000644\0', 100, 'latin1');
  header.write('0000000\0', 108, 'latin1');
  header.write('0000000\0', 116, 'latin1');
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  header.write('00000000000\0', 136, 'latin1');
  header.write('        ', 148, 'latin1');
  header.write('0', 156, 'latin1');
  header.write('ustar\0', 257, 'latin1');
  header.write('00', 263, 'latin1');
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  header.write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  const padding = Buffer.alloc((512 - (data.length % 512)) % 512);
  return join(header, data, padding, Buffer.alloc(1024));
}

export const gzipBomb = (): Buffer => gzipSync(Buffer.alloc(20 * 1024 * 1024));
export const sevenZip = (): Buffer => join(Uint8Array.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04]), noise(400));
export const rar = (): Buffer =>
  join(bytes('Rar!\x1a\x07\x01\x00'), noise(400), Uint8Array.from([0x1d, 0x77, 0x56, 0x51, 0x03, 0x05, 0x04, 0x00]));

export const elf = (): Buffer => join(bytes('\x7fELF\x02\x01\x01\x00'), Buffer.alloc(56), noise(500));
export const windowsExe = (): Buffer => join(bytes('MZ\x90\x00\x03\x00\x00\x00\x04\x00'), Buffer.alloc(50), bytes('PE\0\0'), noise(500));
export const machO = (): Buffer => join(Uint8Array.from([0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00, 0x00, 0x01]), noise(500));

/** A JPEG marker segment (APPn, COM...) with its length. */
export function jpegSegment(marker: number, body: Uint8Array): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(body.length + 2, 2);
  return join(header, body);
}

/** Puts segments right after a JPEG's start-of-image marker. */
export const withSegments = (jpeg: Buffer, ...segments: Buffer[]): Buffer => join(jpeg.subarray(0, 2), ...segments, jpeg.subarray(2));
