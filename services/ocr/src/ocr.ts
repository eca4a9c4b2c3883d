// The OCR engine, for the handler and for benchmarks: `import { createOcrEngine } from '@ndf/ocr/engine'`.
export { createOcrEngine, type OcrEngine, type OcrEngineOptions } from './engine.js';
export type { OcrPage, OcrWord } from './ocr-page.js';
export {
  DEFAULT_PREPROCESS,
  estimateLineHeight,
  estimateSkew,
  prepareForOcr,
  type PreparedImage,
  type PreprocessOptions,
} from './preprocess.js';
export { LANGUAGES, TrainedDataMissingError, languageFolder, packagedTrainedData } from './trained-data.js';
export { OcrAbortedError } from './worker-pool.js';
export { PADDLE_DEFAULT_STEPS, PADDLE_PREPROCESS, createPaddleOcrEngine, type PaddleOcrEngineOptions } from './paddle-engine.js';
export {
  PADDLE_STEPS,
  levelledSize,
  prepareForPaddle,
  textRegion,
  type PaddleImage,
  type PaddlePreparation,
  type PaddleStep,
} from './paddle-preparation.js';
export {
  DEFAULT_OCR_ENGINE,
  OCR_ENGINES,
  UnknownOcrEngineError,
  createNamedOcrEngine,
  isOcrEngineName,
  ocrEngineFromEnvironment,
  type OcrEngineName,
} from './engine-choice.js';
