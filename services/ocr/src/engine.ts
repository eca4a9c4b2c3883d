import { availableParallelism } from 'node:os';
import { PSM } from 'tesseract.js';
import { toOcrPage, type OcrPage, type TesseractBlocks } from './ocr-page.js';
import { DEFAULT_PREPROCESS, prepareForOcr, type PreprocessOptions } from './preprocess.js';
import { LANGUAGES, languageFolder } from './trained-data.js';
import { OcrAbortedError, WorkerPool } from './worker-pool.js';

export interface OcrEngineOptions {
  /** Workers in the pool; one per core by default (each is a thread using one core). */
  readonly workers?: number;
  /** A folder to hold links to the trained data; a temporary folder by default. */
  readonly languageFolder?: string;
  readonly preprocess?: Partial<PreprocessOptions>;
  readonly pageSegmentation?: PSM;
}

export interface OcrEngine {
  /** Reads an image (JPEG, PNG, WebP, TIFF...): rejects with an AbortError when `signal` aborts. */
  recognize(image: Buffer, options?: { signal?: AbortSignal }): Promise<OcrPage>;
  readonly workers: number;
  /** Workers started so far, including those that replaced aborted ones. */
  workersCreated(): number;
  close(): Promise<void>;
}

/**
 * An OCR engine: tesseract.js with English and French, trained data read from the npm packages
 * only (never a CDN), a pool of workers sized to the cores, and abortable jobs.
 */
export async function createOcrEngine(options: OcrEngineOptions = {}): Promise<OcrEngine> {
  const langPath = await languageFolder(options.languageFolder);
  const size = Math.max(1, options.workers ?? availableParallelism());
  const pool = new WorkerPool({ size, languages: LANGUAGES, langPath, pageSegmentation: options.pageSegmentation ?? PSM.SINGLE_BLOCK });
  const preprocess = { ...DEFAULT_PREPROCESS, ...options.preprocess };
  return {
    workers: size,
    workersCreated: () => pool.created,
    async recognize(image, { signal } = {}) {
      const stopIfAborted = () => {
        if (signal?.aborted) throw new OcrAbortedError('The OCR job was aborted.', { cause: signal.reason });
      };
      stopIfAborted();
      const prepared = await prepareForOcr(image, preprocess);
      stopIfAborted();
      const result = await pool.run((worker) => worker.recognize(prepared.image, {}, { text: false, blocks: true }), signal);
      return toOcrPage(result.data as TesseractBlocks, {
        width: prepared.width,
        height: prepared.height,
        scale: prepared.scale,
        skew: prepared.skew,
        languages: LANGUAGES,
      });
    },
    close: () => pool.close(),
  };
}
