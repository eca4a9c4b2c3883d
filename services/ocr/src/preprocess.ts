import sharp, { type Sharp } from 'sharp';

export interface PreprocessOptions {
  /** Height in pixels the text lines are scaled to; tesseract reads best at about 30 px capitals. */
  readonly targetLineHeight: number;
  /** Binarise (Otsu-like global threshold) rather than hand tesseract grey levels. */
  readonly threshold: boolean;
  /** Refuse images with more pixels than this (decompression bombs). */
  readonly maxPixels: number;
  /** Measure the text lines' slope and turn the image level. */
  readonly deskew: boolean;
  /** Divide by the blurred page, so that shadows and uneven light leave an even background. */
  readonly evenLight: boolean;
  /** Scale down further when the prepared image would have more pixels than this (an engine's memory grows with them). */
  readonly maxOutputPixels: number;
}

export const DEFAULT_PREPROCESS: PreprocessOptions = {
  targetLineHeight: 20,
  threshold: false,
  maxPixels: 40_000_000,
  deskew: true,
  evenLight: true,
  maxOutputPixels: Number.POSITIVE_INFINITY,
};

export interface PreparedImage {
  /** Greyscale PNG for tesseract. */
  readonly image: Buffer;
  /** Size of the upright image (EXIF orientation applied, turned level), before scaling. */
  readonly width: number;
  readonly height: number;
  /** Prepared size / levelled size. */
  readonly scale: number;
  readonly lineHeight: number | undefined;
  /** Degrees the image was turned to level its lines. */
  readonly skew: number;
}

const MIN_SCALE = 0.4;
const MAX_SCALE = 3;
const MAX_SIDE = 4_000;
const MIN_EDGE_STEP = 50;

/** The grey level between ink and paper, by Otsu's method on the histogram. */
function otsu(pixels: Uint8Array): number {
  const histogram = new Array<number>(256).fill(0);
  for (const value of pixels) histogram[value]!++;
  const total = pixels.length;
  let sum = 0;
  for (let level = 0; level < 256; level++) sum += level * histogram[level]!;
  let [sumBackground, weightBackground, best, threshold] = [0, 0, -1, 128];
  for (let level = 0; level < 256; level++) {
    weightBackground += histogram[level]!;
    if (weightBackground === 0) continue;
    const weightForeground = total - weightBackground;
    if (weightForeground === 0) break;
    sumBackground += level * histogram[level]!;
    const meanBackground = sumBackground / weightBackground;
    const meanForeground = (sum - sumBackground) / weightForeground;
    const between = weightBackground * weightForeground * (meanBackground - meanForeground) ** 2;
    if (between > best) [best, threshold] = [between, level];
  }
  return threshold;
}

/** Lengths of the runs of text rows within the columns [from, to) of the image. */
function textRowRuns(pixels: Uint8Array, width: number, height: number, ink: number, from: number, to: number): number[] {
  const runs: number[] = [];
  let run = 0;
  for (let y = 0; y <= height; y++) {
    // A text row crosses from paper to ink many times; a table edge or a shadow only once or twice.
    let crossings = 0;
    if (y < height) {
      let inked = false;
      for (let x = from; x < to; x++) {
        const dark = pixels[y * width + x]! < ink;
        if (dark !== inked) crossings++;
        inked = dark;
      }
    }
    if (crossings >= 6) run++;
    else if (run > 0) {
      if (run >= 3) runs.push(run);
      run = 0;
    }
  }
  return runs;
}

/**
 * The typical height of a text line: runs of rows that hold text are lines, and the median run
 * is the line height. Measured in two vertical strips, so that a photo's skew across the whole
 * width does not merge neighbouring lines. Undefined when there are too few lines to tell.
 */
export function estimateLineHeight(pixels: Uint8Array, width: number, height: number): number | undefined {
  const ink = otsu(pixels);
  const runs = [
    ...textRowRuns(pixels, width, height, ink, Math.floor(width * 0.08), Math.floor(width * 0.4)),
    ...textRowRuns(pixels, width, height, ink, Math.floor(width * 0.6), Math.floor(width * 0.92)),
  ];
  if (runs.length < 3) return undefined;
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)];
}

/**
 * The points where a stroke starts along each row: a sharp step down into ink over two pixels,
 * wherever the light falls, counted once per edge. Text has many; a shadow, a table's edge or a
 * speck of dust few.
 */
export function strokeEdges(pixels: Uint8Array, width: number, height: number): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 2; x < width; x++) {
      if (pixels[row + x - 2]! - pixels[row + x]! >= MIN_EDGE_STEP && pixels[row + x - 3]! - pixels[row + x - 1]! < MIN_EDGE_STEP) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  return { xs, ys };
}

/**
 * The skew of the text lines, in degrees (positive: lines go down to the right). Points where ink
 * starts along a row (text has many, a table or a shadow few) are projected on rows at each
 * candidate angle; the angle whose row histogram is the most peaked lines them up.
 */
export function estimateSkew(pixels: Uint8Array, width: number, height: number, maxDegrees = 8, step = 0.25): number {
  const { xs, ys } = strokeEdges(pixels, width, height);
  if (xs.length < 50) return 0;
  let [best, bestScore] = [0, -1];
  for (let degrees = -maxDegrees; degrees <= maxDegrees + 1e-9; degrees += step) {
    const radians = (degrees * Math.PI) / 180;
    const [sin, cos] = [Math.sin(radians), Math.cos(radians)];
    const offset = Math.ceil(width * Math.abs(sin)) + 1;
    const rows = new Float64Array(height + 2 * offset + 2);
    for (let index = 0; index < xs.length; index++) rows[Math.round(ys[index]! * cos - xs[index]! * sin) + offset]! += 1;
    let score = 0;
    for (const count of rows) score += count * count;
    if (score > bestScore) [best, bestScore] = [degrees, score];
  }
  return best;
}

/** A greyscale raw image, as sharp gives it with `resolveWithObject`. */
export interface RawGrey {
  readonly data: Buffer;
  readonly info: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

/** The pixels of a raw greyscale image, without a copy. */
export const pixelsOf = (data: Buffer) => new Uint8Array(data.buffer, data.byteOffset, data.length);

/** The skew of a greyscale sample's text, measured on a slightly blurred copy so that a photo's grain does not pass for stroke edges. */
export async function measureSkew(sample: RawGrey): Promise<number> {
  const smooth = await sharp(sample.data, { raw: sample.info }).blur(0.8).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return estimateSkew(pixelsOf(smooth.data), smooth.info.width, smooth.info.height);
}

/**
 * Flat-field correction: the page's light, estimated by blurring a small copy (text is too thin
 * to survive it), divides every pixel, so paper comes out white in the shade as in the light.
 */
async function evenTheLight(image: Sharp): Promise<Sharp> {
  const { data, info } = await image.extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  const small = Math.max(8, Math.round(info.width / 12));
  const light = await sharp(data, { raw: info })
    .resize({ width: small })
    .blur(2)
    .resize({ width: info.width, height: info.height, fit: 'fill' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  const evened = Buffer.alloc(data.length);
  for (let index = 0; index < data.length; index++)
    evened[index] = Math.min(255, Math.round((data[index]! * 255) / Math.max(1, light[index]!)));
  // Dividing by a dark background magnifies its grain; a 3×3 median takes the grain and keeps the strokes.
  return sharp(evened, { raw: { width: info.width, height: info.height, channels: 1 } }).median(3);
}

/**
 * Makes an image ready for OCR: EXIF orientation applied, greyscale, contrast stretched,
 * scaled so its text lines are about `targetLineHeight` pixels high, optionally thresholded.
 */
export async function prepareForOcr(input: Buffer, options: PreprocessOptions = DEFAULT_PREPROCESS): Promise<PreparedImage> {
  const source = () => sharp(input, { limitInputPixels: options.maxPixels }).autoOrient().greyscale();
  const sample = await source().resize({ width: 1000, withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
  const skew = options.deskew ? await measureSkew(sample) : 0;
  // A phone photo is seldom straight; tesseract reads one block of text best with level lines.
  const level = (image: Sharp) => (skew === 0 ? image : image.rotate(-skew, { background: '#ffffff' }));
  const levelled =
    skew === 0
      ? sample
      : await level(sharp(sample.data, { raw: sample.info }))
          .removeAlpha()
          .extractChannel(0)
          .raw()
          .toBuffer({ resolveWithObject: true });
  const metadata = await sharp(input, { limitInputPixels: options.maxPixels }).metadata();
  const sideways = (metadata.orientation ?? 1) >= 5;
  const [uprightWidth, uprightHeight] = sideways
    ? [metadata.height ?? 0, metadata.width ?? 0]
    : [metadata.width ?? 0, metadata.height ?? 0];
  const radians = (skew * Math.PI) / 180;
  const width = Math.round(uprightWidth * Math.abs(Math.cos(radians)) + uprightHeight * Math.abs(Math.sin(radians)));
  const height = Math.round(uprightWidth * Math.abs(Math.sin(radians)) + uprightHeight * Math.abs(Math.cos(radians)));
  const sampleScale = levelled.info.width / width;
  const sampledLineHeight = estimateLineHeight(pixelsOf(levelled.data), levelled.info.width, levelled.info.height);
  const lineHeight = sampledLineHeight === undefined ? undefined : sampledLineHeight / sampleScale;
  let scale = lineHeight === undefined ? 1 : Math.min(MAX_SCALE, Math.max(MIN_SCALE, options.targetLineHeight / lineHeight));
  scale = Math.min(scale, MAX_SIDE / Math.max(width, height), Math.sqrt(options.maxOutputPixels / Math.max(1, width * height)));
  const upright = level(source());
  let pipeline = upright.resize({ width: Math.max(1, Math.round(width * scale)), kernel: scale > 1 ? 'cubic' : 'lanczos3' });
  if (options.evenLight) pipeline = await evenTheLight(pipeline);
  pipeline = pipeline.normalise();
  if (options.threshold) {
    const grey = await pipeline.clone().raw().toBuffer();
    pipeline = pipeline.threshold(otsu(new Uint8Array(grey.buffer, grey.byteOffset, grey.length)));
  }
  const image = await pipeline.png({ compressionLevel: 1 }).toBuffer();
  return { image, width, height, scale, lineHeight, skew };
}
