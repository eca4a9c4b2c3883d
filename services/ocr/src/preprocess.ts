import sharp from 'sharp';

export interface PreprocessOptions {
  /** Height in pixels the text lines are scaled to; tesseract reads best at about 30 px capitals. */
  readonly targetLineHeight: number;
  /** Binarise (Otsu-like global threshold) rather than hand tesseract grey levels. */
  readonly threshold: boolean;
  /** Refuse images with more pixels than this (decompression bombs). */
  readonly maxPixels: number;
}

export const DEFAULT_PREPROCESS: PreprocessOptions = { targetLineHeight: 20, threshold: false, maxPixels: 40_000_000 };

export interface PreparedImage {
  /** Greyscale PNG for tesseract. */
  readonly image: Buffer;
  /** Size of the upright image (EXIF orientation applied), before scaling. */
  readonly width: number;
  readonly height: number;
  /** Prepared size / upright size. */
  readonly scale: number;
  readonly lineHeight: number | undefined;
}

const MIN_SCALE = 0.4;
const MAX_SCALE = 3;
const MAX_SIDE = 4_000;

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
 * Makes an image ready for OCR: EXIF orientation applied, greyscale, contrast stretched,
 * scaled so its text lines are about `targetLineHeight` pixels high, optionally thresholded.
 */
export async function prepareForOcr(input: Buffer, options: PreprocessOptions = DEFAULT_PREPROCESS): Promise<PreparedImage> {
  const upright = sharp(input, { limitInputPixels: options.maxPixels }).rotate().greyscale();
  const sample = await upright.clone().resize({ width: 1000, withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
  const metadata = await sharp(input, { limitInputPixels: options.maxPixels }).metadata();
  const sideways = (metadata.orientation ?? 1) >= 5;
  const [width, height] = sideways ? [metadata.height ?? 0, metadata.width ?? 0] : [metadata.width ?? 0, metadata.height ?? 0];
  const sampleScale = sample.info.width / width;
  const sampledLineHeight = estimateLineHeight(new Uint8Array(sample.data.buffer, sample.data.byteOffset, sample.data.length), sample.info.width, sample.info.height);
  const lineHeight = sampledLineHeight === undefined ? undefined : sampledLineHeight / sampleScale;
  let scale = lineHeight === undefined ? 1 : Math.min(MAX_SCALE, Math.max(MIN_SCALE, options.targetLineHeight / lineHeight));
  scale = Math.min(scale, MAX_SIDE / Math.max(width, height));
  let pipeline = upright.resize({ width: Math.max(1, Math.round(width * scale)), kernel: scale > 1 ? 'cubic' : 'lanczos3' }).normalise();
  if (options.threshold) {
    const grey = await pipeline.clone().raw().toBuffer();
    pipeline = pipeline.threshold(otsu(new Uint8Array(grey.buffer, grey.byteOffset, grey.length)));
  }
  const image = await pipeline.png({ compressionLevel: 1 }).toBuffer();
  return { image, width, height, scale, lineHeight };
}
