import sharp from 'sharp';
import { dct2d, lowFrequencyBits } from './dct.js';
import { evenLight } from './illumination.js';
import { inset, paperBox } from './paper-box.js';
import { centred, crop, percentile } from './pixels.js';
import { estimateSkew } from './skew.js';

/** The thumbnail the paper is looked for in: enough to find its edges, cheap to scan. */
const THUMBNAIL = 256;
/** pHash: the DCT of a 32 × 32 grey copy of the page, its 8 × 8 lowest frequencies kept. */
const DCT_SIZE = 32;
const KEPT = 8;
/**
 * Paper once the light is evened out: this many times as bright as the background the border
 * shows (paper is white, a table at most mid-grey; a scan's border is its own white margin, so
 * nothing in a scan passes and the whole picture is the page).
 */
const PAPER_RATIO = 1.6;
/** The page's edge left out, each side: a turned page's box holds slivers of table at its sides. */
const EDGE = 0.1;
/** The smallest side, in thumbnail pixels, a page can be found and straightened in. */
const MIN_SIDE = 32;
/** A page is blank when even its darkest half percent of pixels is within 20 % of the paper's brightness. */
const DARKEST = 0.005;
const BLANK = 0.8;
/** The largest picture decoded (a 20 MB upload cap does not bound pixels: see decompression bombs). */
const MAX_INPUT_PIXELS = 100_000_000;

export class ImageHashError extends Error {
  readonly field = 'image';
  constructor(reason: string) {
    super(`the receipt image cannot be hashed: ${reason}`);
    this.name = 'ImageHashError';
  }
}

async function thumbnail(bytes: Uint8Array): Promise<{ pixels: Uint8Array; width: number; height: number }> {
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate() // the EXIF orientation, as the phone meant the picture to be seen
      .greyscale()
      .resize({ width: THUMBNAIL, height: THUMBNAIL, fit: 'inside', withoutEnlargement: true })
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.width < MIN_SIDE || info.height < MIN_SIDE)
      throw new Error(`${info.width} × ${info.height} pixels is too small for a receipt`);
    return { pixels: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  } catch (error) {
    throw new ImageHashError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * The perceptual hash of a receipt image, 64 bits as 16 hex digits: the page found on its
 * background, upright, grey, shrunk to 32 × 32, and one bit per low frequency of its DCT (above
 * or below their median). Re-encoding, resizing, light and a few degrees of turn move few bits;
 * another receipt moves about half of them.
 */
export async function receiptImageHash(bytes: Uint8Array): Promise<string> {
  const { pixels, width, height } = await thumbnail(bytes);
  const light = evenLight(pixels, width, height);
  const peak = light.reduce((max, value) => Math.max(max, value), 0);
  const even = Uint8Array.from(light, (value) => Math.round((value / peak) * 255));
  const paperAbove = (PAPER_RATIO / peak) * 255;
  const found = inset(paperBox(even, width, height, paperAbove), EDGE);
  const page = crop(even, width, found);
  const paperLevel = percentile(page, 0.95);
  // A blank page would hash like every other blank page: nothing to compare.
  if (percentile(page, DARKEST) > paperLevel * BLANK) throw new ImageHashError('no print found on the page');
  const angle = estimateSkew(page, found.width, found.height, paperLevel);
  const upright = await sharp(page, { raw: { width: found.width, height: found.height, channels: 1 } })
    .rotate(-angle, { background: { r: paperLevel, g: paperLevel, b: paperLevel } })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  // The turn grew the canvas around the page: its middle, at the page's size, is the page.
  const box = centred(upright.info.width, upright.info.height, found);
  const printed = await sharp(upright.data, { raw: { width: upright.info.width, height: upright.info.height, channels: 1 } })
    .extract(box)
    .resize({ width: DCT_SIZE, height: DCT_SIZE, fit: 'fill' })
    .normalise()
    .extractChannel(0)
    .raw()
    .toBuffer();
  return lowFrequencyBits(dct2d(Float64Array.from(printed), DCT_SIZE), DCT_SIZE, KEPT);
}
