import sharp from 'sharp';
import { DEFAULT_PREPROCESS, estimateLineHeight, measureSkew, pixelsOf, strokeEdges, type RawGrey } from './preprocess.js';

/**
 * The steps the image may go through before PaddleOCR reads it, each one measurable alone:
 * - deskew: the text lines' slope measured and the image turned level when it is 1.5° or more, or
 *   when it lifts the text's right end by half a line or more (a wide ticket a degree off level);
 * - crop: the background around the ticket cut off (the box of the text's strokes, with a margin),
 *   so that the pixel cap spends its pixels on the ticket rather than on a scanner's empty page;
 * - contrast: the grey levels stretched (faded thermal print);
 * - clahe: contrast evened locally (CLAHE), for paper faded unevenly;
 * - upscale: small print scaled up until its lines are `targetLineHeight` pixels high.
 * The pixel cap (`maxPixels`) always applies: the detector's memory grows with the pixels.
 */
export const PADDLE_STEPS = ['deskew', 'crop', 'contrast', 'clahe', 'upscale'] as const;
export type PaddleStep = (typeof PADDLE_STEPS)[number];

export interface PaddlePreparation {
  readonly steps: readonly PaddleStep[];
  /** The prepared image has this many pixels at most. */
  readonly maxPixels: number;
  /** Line height in pixels that `upscale` brings small print to. */
  readonly targetLineHeight: number;
}

export interface PaddleImage {
  /** PNG. */
  readonly image: Buffer;
  /** Size of the upright image (EXIF orientation applied), turned level by `skew` degrees. */
  readonly width: number;
  readonly height: number;
  readonly skew: number;
  /** Prepared image's pixels per levelled image's pixel. */
  readonly scale: number;
  /** Where the prepared image starts in the levelled image (the crop's corner), in its pixels. */
  readonly left: number;
  readonly top: number;
}

export interface Region {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

const SAMPLE_WIDTH = 1_000;
// The detector reads rows a degree off level as well as level ones, and turning an image moves what
// it finds either way: only a clearly skewed image is turned.
const MIN_SKEW_DEGREES = 1.5;
// Below that, a wide ticket is still turned when its slope lifts an amount at the right half a line
// above its label at the left: the detector then boxes the amount with the next line's label.
const MAX_DRIFT_LINES = 0.5;
const MAX_UPSCALE = 3;
// The image is cut in this many bands across and down; a band holding fewer stroke edges than
// INKED_SHARE of them all holds specks, not text.
const BANDS = 100;
const INKED_SHARE = 0.001;
const MARGIN_BANDS = 3;

/**
 * The region of a greyscale image that holds its text: the bands across and down where stroke
 * edges are, widened by a margin. The whole image when it has too little text to tell.
 */
export function textRegion(pixels: Uint8Array, width: number, height: number): Region {
  const { xs, ys } = strokeEdges(pixels, width, height);
  if (xs.length < 50) return { left: 0, top: 0, width, height };
  const least = Math.max(2, xs.length * INKED_SHARE);
  const span = (values: readonly number[], size: number): [number, number] => {
    const counts = new Array<number>(BANDS).fill(0);
    for (const value of values) counts[Math.min(BANDS - 1, Math.floor((value * BANDS) / size))]!++;
    const first = Math.max(0, counts.findIndex((count) => count >= least) - MARGIN_BANDS);
    const last = Math.min(BANDS, counts.findLastIndex((count) => count >= least) + 1 + MARGIN_BANDS);
    return [Math.floor((first * size) / BANDS), Math.ceil((last * size) / BANDS)];
  };
  const [left, right] = span(xs, width);
  const [top, bottom] = span(ys, height);
  return { left, top, width: right - left, height: bottom - top };
}

/** Size of an image of `width` × `height` once turned by `skew` degrees. */
export function levelledSize(width: number, height: number, skew: number): { width: number; height: number } {
  const radians = (skew * Math.PI) / 180;
  const [sin, cos] = [Math.abs(Math.sin(radians)), Math.abs(Math.cos(radians))];
  return { width: Math.round(width * cos + height * sin), height: Math.round(width * sin + height * cos) };
}

/** A greyscale copy at most SAMPLE_WIDTH wide, for the measures; turned level when `skew` is not 0. */
async function greySample(input: Buffer, skew = 0): Promise<RawGrey> {
  const source = sharp(input, { limitInputPixels: DEFAULT_PREPROCESS.maxPixels }).autoOrient().greyscale();
  const sample = await source.resize({ width: SAMPLE_WIDTH, withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
  if (skew === 0) return sample;
  return sharp(sample.data, { raw: sample.info })
    .rotate(-skew, { background: '#ffffff' })
    .removeAlpha()
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
}

/** The pixels of `region` within a raw greyscale image. */
function regionPixels(sample: RawGrey, region: Region): Uint8Array {
  const pixels = pixelsOf(sample.data);
  const out = new Uint8Array(region.width * region.height);
  for (let y = 0; y < region.height; y++)
    out.set(
      pixels.subarray(
        (region.top + y) * sample.info.width + region.left,
        (region.top + y) * sample.info.width + region.left + region.width,
      ),
      y * region.width,
    );
  return out;
}

/** `region` of a sample, in the pixels of an image `factor` times larger, kept inside `width` × `height`. */
function scaleRegion(region: Region, factor: number, width: number, height: number): Region {
  const left = Math.min(width - 1, Math.max(0, Math.floor(region.left * factor)));
  const top = Math.min(height - 1, Math.max(0, Math.floor(region.top * factor)));
  return {
    left,
    top,
    width: Math.max(1, Math.min(width - left, Math.ceil(region.width * factor))),
    height: Math.max(1, Math.min(height - top, Math.ceil(region.height * factor))),
  };
}

/** Whether a slope of `degrees` is worth turning the sample level for. */
function skewed(sample: RawGrey, degrees: number): boolean {
  if (Math.abs(degrees) >= MIN_SKEW_DEGREES) return true;
  if (degrees === 0) return false;
  const pixels = pixelsOf(sample.data);
  const { width, height } = sample.info;
  const lineHeight = estimateLineHeight(pixels, width, height);
  if (lineHeight === undefined) return false;
  const drift = Math.tan((Math.abs(degrees) * Math.PI) / 180) * textRegion(pixels, width, height).width;
  return drift >= MAX_DRIFT_LINES * lineHeight;
}

/** Makes an image ready for PaddleOCR by the steps asked for, then within the pixel cap. */
export async function prepareForPaddle(input: Buffer, preparation: PaddlePreparation): Promise<PaddleImage> {
  const has = (step: PaddleStep) => preparation.steps.includes(step);
  const source = () => sharp(input, { limitInputPixels: DEFAULT_PREPROCESS.maxPixels }).autoOrient();
  const metadata = await sharp(input, { limitInputPixels: DEFAULT_PREPROCESS.maxPixels }).metadata();
  const sideways = (metadata.orientation ?? 1) >= 5;
  const [uprightWidth, uprightHeight] = sideways ? [metadata.height, metadata.width] : [metadata.width, metadata.height];

  const measuring = has('deskew') || has('crop') || has('upscale');
  let sample = measuring ? await greySample(input) : undefined;
  const measured = sample && has('deskew') ? await measureSkew(sample) : 0;
  const skew = sample && skewed(sample, measured) ? measured : 0;
  if (sample && skew !== 0) sample = await greySample(input, skew);
  const { width, height } = levelledSize(uprightWidth, uprightHeight, skew);

  // The region read, in the levelled image's pixels, and in the sample's.
  const sampleRegion =
    sample &&
    (has('crop')
      ? textRegion(pixelsOf(sample.data), sample.info.width, sample.info.height)
      : { left: 0, top: 0, width: sample.info.width, height: sample.info.height });
  const sampleScale = sample ? sample.info.width / width : 1;
  const region =
    sampleRegion && has('crop') ? scaleRegion(sampleRegion, 1 / sampleScale, width, height) : { left: 0, top: 0, width, height };

  let scale = 1;
  if (sample && sampleRegion && has('upscale')) {
    const sampled = estimateLineHeight(regionPixels(sample, sampleRegion), sampleRegion.width, sampleRegion.height);
    const lineHeight = sampled === undefined ? undefined : sampled / sampleScale;
    if (lineHeight !== undefined && lineHeight < preparation.targetLineHeight)
      scale = Math.min(MAX_UPSCALE, preparation.targetLineHeight / lineHeight);
  }
  scale = Math.min(scale, Math.sqrt(preparation.maxPixels / Math.max(1, region.width * region.height)));

  // Levelled and scaled as a whole, then cut: sharp turns and scales in one pass, without the full-size image in memory.
  const levelled = skew === 0 ? source() : source().rotate(-skew, { background: '#ffffff' });
  const whole = region.width === width && region.height === height;
  let pipeline =
    scale === 1 ? levelled : levelled.resize({ width: Math.max(1, Math.round(width * scale)), kernel: scale > 1 ? 'cubic' : 'lanczos3' });
  if (!whole) {
    const scaled = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const cut = scaleRegion(region, scaled.info.width / width, scaled.info.width, scaled.info.height);
    pipeline = sharp(scaled.data, { raw: scaled.info }).extract(cut);
  }
  if (has('contrast')) pipeline = pipeline.normalise();
  if (has('clahe')) pipeline = pipeline.clahe({ width: 48, height: 48, maxSlope: 8 });
  const image = await pipeline.png({ compressionLevel: 1 }).toBuffer();
  const effective = scale === 1 ? 1 : Math.max(1, Math.round(width * scale)) / width;
  return { image, width, height, skew, scale: effective, left: region.left, top: region.top };
}
