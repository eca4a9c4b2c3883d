// Images made for the tests: an upright "receipt" whose colours tell its orientation, the same
// stored turned or mirrored with an EXIF orientation, bombs and crafted headers built byte by byte.
import { crc32, deflateSync } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';

export const RED = [208, 32, 32] as const;
export const BLUE = [32, 64, 208] as const;
export const GREEN = [32, 176, 32] as const;

/** Red top half, blue bottom half, a green stripe down the left edge: any turn or mirror shows. */
export function uprightReceipt(width = 600, height = 900): Sharp {
  const stripe = Math.round(width / 6);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="${width}" height="${height / 2}" fill="rgb(${RED.join(',')})"/><rect y="${height / 2}" width="${width}" height="${height / 2}" fill="rgb(${BLUE.join(',')})"/>` +
    `<rect width="${stripe}" height="${height}" fill="rgb(${GREEN.join(',')})"/></svg>`;
  return sharp(Buffer.from(svg));
}

/** How to store an upright picture so that EXIF orientation `n` shows it upright again: a turn, then a mirror. */
const STORED_AS: Readonly<Record<number, readonly [number, ('flop' | 'flip')?]>> = {
  1: [0],
  2: [0, 'flop'],
  3: [180],
  4: [0, 'flip'],
  5: [90, 'flop'],
  6: [270],
  7: [90, 'flip'],
  8: [90],
};

/** A phone photo as stored: pixels turned, an EXIF orientation to undo it, a camera model and a GPS position. */
export async function exifRotatedJpeg(orientation: number, width = 600, height = 900): Promise<Buffer> {
  const [turn, mirror] = STORED_AS[orientation]!;
  let stored = await uprightReceipt(width, height).png().toBuffer();
  if (turn) stored = await sharp(stored).rotate(turn).png().toBuffer();
  if (mirror) stored = await sharp(stored)[mirror]().png().toBuffer();
  return sharp(stored)
    .jpeg({ quality: 92 })
    .withExif({
      IFD0: { Make: 'NdfPhone', Model: 'Receipt Cam' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 8/1' },
    })
    .withMetadata({ orientation })
    .toBuffer();
}

/** The colour at a point given as fractions of the width and height. */
export async function colourAt(image: Uint8Array, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const offset = (Math.floor(y * (info.height - 1)) * info.width + Math.floor(x * (info.width - 1))) * info.channels;
  return [...data.subarray(offset, offset + 3)];
}

export const near = (actual: readonly number[], expected: readonly number[], tolerance = 40) =>
  actual.every((value, index) => Math.abs(value - expected[index]!) <= tolerance);

function pngChunk(type: string, body: Uint8Array): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(body.length, 0);
  header.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([header.subarray(4), body])), 0);
  return Buffer.concat([header, body, crc]);
}

/** A PNG assembled from its chunks: IHDR with any dimensions, then the given IDAT payload. */
export function pngFromParts(width: number, height: number, bitDepth: number, colourType: number, idat: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = colourType;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/** A valid 20,000 x 20,000 black-and-white PNG: 400 megapixels in about 50 KB. */
export function pngBomb(side = 20_000): Buffer {
  const rowBytes = 1 + Math.ceil(side / 8);
  return pngFromParts(side, side, 1, 0, deflateSync(Buffer.alloc(rowBytes * side), { level: 9 }));
}

/** Rewrites a JPEG's frame header (SOF0/SOF2) to claim other dimensions. */
export function withJpegDimensions(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  let at = 2;
  while (at < out.length) {
    const marker = out[at + 1]!;
    if (marker === 0xc0 || marker === 0xc2) {
      out.writeUInt16BE(height, at + 5);
      out.writeUInt16BE(width, at + 7);
      return out;
    }
    at += 2 + out.readUInt16BE(at + 2);
  }
  throw new Error('no frame header found');
}

/** The marker segments of a JPEG before its image data, as names (APP0, APP1, DQT...). */
export function jpegSegments(jpeg: Uint8Array): string[] {
  const names: string[] = [];
  let at = 2;
  while (at + 4 <= jpeg.length) {
    const marker = jpeg[at + 1]!;
    names.push(
      marker >= 0xe0 && marker <= 0xef ? `APP${marker - 0xe0}` : marker === 0xfe ? 'COM' : `FF${marker.toString(16).toUpperCase()}`,
    );
    if (marker === 0xda) break;
    at += 2 + ((jpeg[at + 2]! << 8) | jpeg[at + 3]!);
  }
  return names;
}

export function pngChunkTypes(png: Uint8Array): string[] {
  const types: string[] = [];
  const data = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  for (let at = 8; at + 8 <= data.length; at += 12 + data.readUInt32BE(at)) types.push(data.toString('latin1', at + 4, at + 8));
  return types;
}

export const multiPageTiff = async (colours: readonly string[], width = 600, height = 800): Promise<Buffer> => {
  const pages = await Promise.all(
    colours.map((background) =>
      sharp({ create: { width, height, channels: 3, background } })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(pages, { join: { animated: true } })
    .tiff()
    .toBuffer();
};
