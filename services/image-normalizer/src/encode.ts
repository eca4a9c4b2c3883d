import sharp from 'sharp';

export type OutputFormat = 'jpeg' | 'png';

export interface EncodedImage {
  readonly bytes: Uint8Array;
  readonly format: OutputFormat;
  readonly mime: string;
  readonly width: number;
  readonly height: number;
}

/** Upright, flattened 8-bit sRGB pixels, decoded once and encoded into every copy. */
export interface Pixels {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 2 | 3 | 4;
}

/**
 * Encodes pixels, fitted into a `side` x `side` square when given. sharp writes no metadata
 * unless asked to (no EXIF, GPS, XMP, IPTC or ICC profile), which is what these copies need.
 */
export async function encode(pixels: Pixels, format: OutputFormat, side?: number, timeoutSeconds = 20): Promise<EncodedImage> {
  let pipeline = sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: pixels.channels } }).timeout({
    seconds: timeoutSeconds,
  });
  if (side !== undefined) pipeline = pipeline.resize(side, side, { fit: 'inside', withoutEnlargement: true });
  // The full-size copy is the one OCR reads: at quality 88 the 60 real receipts of the OCR bench lost a date and a
  // merchant against their original scans (`pnpm bench receipts --real <folder> --as-uploaded`); at 95 none, for 30 % more bytes.
  pipeline =
    format === 'png' ? pipeline.png({ compressionLevel: 6 }) : pipeline.jpeg({ quality: side !== undefined && side < 1000 ? 80 : 95 });
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  return { bytes: data, format, mime: `image/${format}`, width: info.width, height: info.height };
}
