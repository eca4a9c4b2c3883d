import { createOcrEngine, type OcrEngine } from './engine.js';
import { createPaddleOcrEngine } from './paddle-engine.js';

/**
 * The engines the OCR service can read with. PaddleOCR is the default: on 60 real scanned receipts
 * its text held the exact total 97 % of the time (tesseract.js 76 %), the date 90 % (77 %) and the
 * merchant 78 % (60 %), for 1.3 s instead of 1.0 s a receipt on one core and 2 GB instead of 640 MB
 * (`pnpm bench receipts --real <folder>`). tesseract.js stays for machines short of memory.
 */
export const OCR_ENGINES = ['paddle', 'tesseract'] as const;
export type OcrEngineName = (typeof OCR_ENGINES)[number];
export const DEFAULT_OCR_ENGINE: OcrEngineName = 'paddle';

export class UnknownOcrEngineError extends Error {
  override readonly name = 'UnknownOcrEngineError';
}

export function isOcrEngineName(name: string): name is OcrEngineName {
  return (OCR_ENGINES as readonly string[]).includes(name);
}

/** The engine named by `NDF_OCR_ENGINE`, the default when it is unset. */
export function ocrEngineFromEnvironment(env: NodeJS.ProcessEnv): OcrEngineName {
  const name = env.NDF_OCR_ENGINE?.trim() || DEFAULT_OCR_ENGINE;
  if (!isOcrEngineName(name)) throw new UnknownOcrEngineError(`NDF_OCR_ENGINE is "${name}": it must be one of ${OCR_ENGINES.join(', ')}`);
  return name;
}

/**
 * An engine for `cores` receipts at once: tesseract.js runs one single-threaded worker per core;
 * PaddleOCR reads one receipt at a time spread over the cores (its ONNX Runtime threads), which
 * halves one receipt's time for the same throughput.
 */
export function createNamedOcrEngine(name: OcrEngineName, { cores }: { cores: number }): Promise<OcrEngine> {
  return name === 'paddle' ? createPaddleOcrEngine({ threads: cores }) : createOcrEngine({ workers: cores });
}
