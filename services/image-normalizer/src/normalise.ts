import sharp, { type Sharp } from 'sharp';
import type { RawImage } from './decode-hevc.js';
import { HevcDecoder } from './hevc-decoder.js';
import { encode, type EncodedImage, type OutputFormat, type Pixels } from './encode.js';
import { readImageHeader, type ImageHeader } from './image-header.js';
import { hasImageSignature } from './image-signature.js';
import { DEFAULT_NORMALISE_LIMITS, type NormaliseLimits } from './normalise-limits.js';
import { normaliseRefusalMessage, type NormaliseRefusalCode, type UserMessage } from './refusals.js';

// A long-running service decodes each image once: libvips' operation cache would only hold memory.
sharp.cache(false);

export interface NormaliseOptions {
  readonly limits?: Partial<NormaliseLimits>;
  /** Checked between pipelines; a libvips pipeline itself is bounded by `pipelineTimeoutSeconds`. */
  readonly signal?: AbortSignal;
  /** The process's HEVC decoder (its one thread); one made on first use by default. */
  readonly hevcDecoder?: HevcDecoder;
}

export interface NormalisedPage {
  /** 0-based page of the source (only a multi-page TIFF has more than one). */
  readonly page: number;
  /** The copy for display and OCR: upright, sRGB, bounded, without metadata. */
  readonly display: EncodedImage;
}

export interface Normalised {
  readonly outcome: 'normalised';
  readonly source: {
    readonly format: string;
    readonly width: number;
    readonly height: number;
    readonly pages: number;
    readonly orientation?: number;
    readonly decoder: 'libvips' | 'libheif-wasm';
  };
  readonly pages: readonly NormalisedPage[];
  /** Of the first page, one per side of `thumbnailSides`. */
  readonly thumbnails: readonly { readonly side: number; readonly image: EncodedImage }[];
  /** Pages of a multi-page TIFF too small to be read (a preview page, say), left out. */
  readonly skippedPages: readonly number[];
}

export interface NormaliseRefused {
  readonly outcome: 'refused';
  readonly code: NormaliseRefusalCode;
  readonly message: UserMessage;
  readonly detail: string;
}

export type NormaliseResult = Normalised | NormaliseRefused;

const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'tiff', 'heif']);
/** Lossless sources (screenshots, scans) keep a lossless copy; photos get a JPEG. */
const LOSSLESS_FORMATS = new Set(['png', 'tiff']);

const refuse = (code: NormaliseRefusalCode, detail: string): NormaliseRefused => ({
  outcome: 'refused',
  code,
  message: normaliseRefusalMessage(code),
  detail,
});

const uprightSize = (header: ImageHeader) =>
  (header.orientation ?? 1) >= 5 ? { width: header.height, height: header.width } : { width: header.width, height: header.height };

function tooSmall(header: ImageHeader, limits: NormaliseLimits): boolean {
  return Math.min(header.width, header.height) < limits.minShortSide || Math.max(header.width, header.height) < limits.minLongSide;
}

/** Decodes one page upright, flattened on white, in 8-bit sRGB, scaled into the display bounds. */
async function uprightPixels(input: Sharp, size: { width: number; height: number }, limits: NormaliseLimits): Promise<Pixels> {
  const scale = Math.min(
    1,
    Math.sqrt(limits.maxDisplayPixels / (size.width * size.height)),
    limits.maxDisplaySide / Math.max(size.width, size.height),
  );
  const { data, info } = await input
    .timeout({ seconds: limits.pipelineTimeoutSeconds })
    .autoOrient()
    // One side given, so rounding cannot shave a pixel off the other.
    .resize(
      size.width >= size.height
        ? { width: Math.max(1, Math.round(size.width * scale)) }
        : { height: Math.max(1, Math.round(size.height * scale)) },
    )
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** A libvips timeout: a refusal the service tries once more before it stands (a busy machine is not a hostile file). */
const isTimeout = (error: unknown) => error instanceof Error && /timeout/i.test(error.message);

/** A refusal found deep in the decoding, thrown up to where the result is made. */
class ImageRefusal extends Error {
  constructor(
    readonly code: NormaliseRefusalCode,
    detail: string,
  ) {
    super(detail);
  }
}

let sharedHevcDecoder: HevcDecoder | undefined;
const hevcDecoderFor = (limits: NormaliseLimits) =>
  (sharedHevcDecoder ??= new HevcDecoder({ timeoutMs: limits.hevcTimeoutMs, maxHeapMb: 1024 }));

/** Stops the process's HEVC decoding thread, if one was started (the service's stop). */
export async function closeHevcDecoder(): Promise<void> {
  const decoder = sharedHevcDecoder;
  sharedHevcDecoder = undefined;
  await decoder?.close();
}

/** Decodes an HEVC HEIF in the decoder's thread; a limit it runs past is thrown as the refusal it becomes. */
async function decodeInThread(bytes: Uint8Array, limits: NormaliseLimits, decoder: HevcDecoder, signal?: AbortSignal): Promise<RawImage> {
  const decoded = await decoder.decode(bytes, limits.maxHevcPixels, { timeoutMs: limits.hevcTimeoutMs, ...(signal ? { signal } : {}) });
  if (decoded.outcome === 'decoded') return decoded.image;
  throw new ImageRefusal(decoded.outcome === 'timeout' ? 'processing-timeout' : 'too-complex', decoded.detail);
}

/**
 * Makes the copies of a receipt image that display and OCR use: EXIF orientation applied, sRGB,
 * bounded size, thumbnails, no metadata. Refuses decompression bombs from the header, before
 * decoding, and images too small to read. The input bytes are never modified.
 */
export async function normaliseImage(bytes: Uint8Array, options: NormaliseOptions = {}): Promise<NormaliseResult> {
  const limits = { ...DEFAULT_NORMALISE_LIMITS, ...options.limits };
  const signal = options.signal;
  signal?.throwIfAborted();

  if (!hasImageSignature(bytes)) return refuse('unsupported-format', 'the bytes start as no receipt image format');
  const first = await readImageHeader(bytes);
  if (!first) return refuse('undecodable', 'no image header libvips recognises');
  if (!ACCEPTED_FORMATS.has(first.format)) return refuse('unsupported-format', `a ${first.format} image`);
  const pageCount = first.format === 'tiff' ? first.pages : 1;
  if (pageCount > limits.maxPages) return refuse('too-many-pages', `${pageCount} pages, over the limit of ${limits.maxPages}`);
  const headers = [first];
  for (let page = 1; page < pageCount; page++) {
    const header = await readImageHeader(bytes, page);
    if (!header) return refuse('undecodable', `page ${page + 1} has no readable header`);
    headers.push(header);
  }
  const largest = headers.find((header) => header.width * header.height > limits.maxInputPixels);
  if (largest) return refuse('too-many-pixels', `${largest.width} x ${largest.height} pixels, over the limit of ${limits.maxInputPixels}`);
  const totalPixels = headers.reduce((sum, header) => sum + header.width * header.height, 0);
  if (totalPixels > limits.maxTotalPixels)
    return refuse('too-many-pixels', `${totalPixels} pixels over ${pageCount} pages, over the limit of ${limits.maxTotalPixels}`);
  if (tooSmall(first, limits))
    return refuse('too-small', `${first.width} x ${first.height} pixels, under ${limits.minShortSide} x ${limits.minLongSide}`);

  const hevc = first.format === 'heif' && first.compression === 'hevc';
  if (hevc && first.width * first.height > limits.maxHevcPixels)
    return refuse(
      'too-many-pixels',
      `an HEVC photo of ${first.width} x ${first.height} pixels, over the limit of ${limits.maxHevcPixels} for decoding in WebAssembly`,
    );
  const started = Date.now();
  const withinBudget = () => {
    if (Date.now() - started > limits.budgetMs)
      throw new ImageRefusal('processing-timeout', `more than ${limits.budgetMs} ms for the image`);
  };
  const displayFormat: OutputFormat = LOSSLESS_FORMATS.has(first.format) ? 'png' : 'jpeg';
  const pages: NormalisedPage[] = [];
  const skippedPages: number[] = [];
  let firstPixels: Pixels | undefined;
  try {
    for (const [page, header] of headers.entries()) {
      signal?.throwIfAborted();
      withinBudget();
      if (tooSmall(header, limits)) {
        skippedPages.push(page);
        continue;
      }
      let pixels: Pixels;
      if (hevc) {
        // libheif has already turned the image upright: its own dimensions are the upright ones.
        const raw = await decodeInThread(bytes, limits, options.hevcDecoder ?? hevcDecoderFor(limits), signal);
        pixels = await uprightPixels(
          sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } }),
          raw,
          limits,
        );
      } else {
        pixels = await uprightPixels(
          sharp(bytes, { page, limitInputPixels: limits.maxInputPixels, failOn: 'error', sequentialRead: true }),
          uprightSize(header),
          limits,
        );
      }
      firstPixels ??= pixels;
      signal?.throwIfAborted();
      withinBudget();
      pages.push({ page, display: await encode(pixels, displayFormat, undefined, limits.pipelineTimeoutSeconds) });
    }
    const thumbnails = [];
    for (const side of limits.thumbnailSides) {
      signal?.throwIfAborted();
      thumbnails.push({ side, image: await encode(firstPixels!, 'jpeg', side, limits.pipelineTimeoutSeconds) });
    }
    return {
      outcome: 'normalised',
      source: {
        format: first.format,
        width: first.width,
        height: first.height,
        pages: pageCount,
        ...(first.orientation === undefined ? {} : { orientation: first.orientation }),
        decoder: hevc ? 'libheif-wasm' : 'libvips',
      },
      pages,
      thumbnails,
      skippedPages,
    };
  } catch (error) {
    if (signal?.aborted) throw error;
    if (error instanceof ImageRefusal) return refuse(error.code, error.message);
    if (isTimeout(error)) return refuse('processing-timeout', `libvips: ${error instanceof Error ? error.message : String(error)}`);
    // Thrown in the decoding thread, it comes back as an error of that name.
    if (error instanceof Error && error.name === 'HevcPixelLimitError') return refuse('too-many-pixels', error.message);
    if (error instanceof Error && /pixel limit/i.test(error.message)) return refuse('too-many-pixels', error.message);
    return refuse('undecodable', error instanceof Error ? error.message : String(error));
  }
}
