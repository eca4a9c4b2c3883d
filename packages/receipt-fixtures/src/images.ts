import sharp from 'sharp';
import type { Random } from './random.js';

/** A flat scan: the page as rendered, greyscale PNG. */
export async function cleanScan(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg)).greyscale().png({ compressionLevel: 6 }).toBuffer();
}

export interface PhotoOptions {
  /** Degrees; a hand-held phone is rarely straight. */
  readonly angle: number;
  readonly scale: number;
  readonly blurSigma: number;
  readonly noiseSigma: number;
  readonly quality: number;
  /** Store the pixels turned and let an EXIF orientation tag (3, 6 or 8) turn them back, as phones do. */
  readonly exifOrientation: 1 | 3 | 6 | 8;
}

export function pickPhotoOptions(random: Random): PhotoOptions {
  return {
    angle: random.between(-5, 5),
    scale: random.between(0.65, 0.95),
    blurSigma: random.between(0.4, 1.1),
    noiseSigma: random.between(6, 18),
    quality: random.int(55, 85),
    exifOrientation: random.chance(0.3) ? random.pick([3, 6, 8] as const) : 1,
  };
}

// Pixel turn that an orientation tag undoes: tag 6 means "turn 90° clockwise to view".
const STORED_TURN: Record<PhotoOptions['exifOrientation'], number> = { 1: 0, 3: 180, 6: 270, 8: 90 };

/**
 * Grey gaussian noise around 128 from the seeded source, pixel by pixel: libvips' own noise is
 * not seeded, so the same receipt came out different at each generation.
 */
function gaussianNoise(width: number, height: number, sigma: number, random: Random): Buffer {
  const pixels = new Uint8ClampedArray(width * height * 3);
  for (let index = 0; index < pixels.length; index += 2) {
    // Box-Muller: two independent normal draws from two uniform ones.
    const radius = Math.sqrt(-2 * Math.log(1 - random.next())) * sigma;
    const angle = 2 * Math.PI * random.next();
    pixels[index] = 128 + radius * Math.cos(angle);
    if (index + 1 < pixels.length) pixels[index + 1] = 128 + radius * Math.sin(angle);
  }
  return Buffer.from(pixels.buffer);
}

/**
 * A phone photo of the page: lower resolution, turned a few degrees on a darker table,
 * lit unevenly, blurred, noisy, saved as JPEG, sometimes with the pixels stored sideways
 * under an EXIF orientation tag.
 */
export async function photo(svg: string, options: PhotoOptions, random: Random): Promise<Buffer> {
  const page = await sharp(Buffer.from(svg))
    .resize({ width: Math.round(Number(/width="(\d+)"/.exec(svg)![1]) * options.scale) })
    .png()
    .toBuffer();
  const { width = 0, height = 0 } = await sharp(page).metadata();
  const pad = Math.round(Math.max(width, height) * 0.06);
  const table = { r: random.int(60, 140), g: random.int(50, 110), b: random.int(40, 90) };
  const turned = await sharp(page)
    .extend({ top: pad, bottom: pad, left: pad, right: pad, background: table })
    .rotate(options.angle, { background: table })
    .png()
    .toBuffer();
  const size = await sharp(turned).metadata();
  const [w, h] = [size.width ?? 0, size.height ?? 0];
  const [x1, y1] = [random.int(0, 100), random.int(0, 100)];
  const light = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs><linearGradient id="l" x1="${x1}%" y1="${y1}%" x2="${100 - x1}%" y2="${100 - y1}%"><stop offset="0" stop-color="#ffffff"/><stop offset="1" stop-color="#${random.pick(['8a8a8a', '9a9690', 'a8a8a8', '7f7b75'])}"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#l)"/></svg>`,
  );
  const noise = await sharp(gaussianNoise(w, h, options.noiseSigma, random.fork(0x6e6f6973)), { raw: { width: w, height: h, channels: 3 } })
    .png()
    .toBuffer();
  const lit = await sharp(turned)
    .composite([
      { input: light, blend: 'multiply' },
      { input: noise, blend: 'overlay' },
    ])
    .blur(options.blurSigma)
    .png()
    .toBuffer();
  const stored = sharp(lit).rotate(STORED_TURN[options.exifOrientation]);
  return (options.exifOrientation === 1 ? stored : stored.withMetadata({ orientation: options.exifOrientation }))
    .jpeg({ quality: options.quality, mozjpeg: false })
    .toBuffer();
}
