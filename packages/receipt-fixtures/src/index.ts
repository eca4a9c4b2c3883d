export { composeReceipt } from './compose.js';
export {
  DEFAULT_CACHE_DIR,
  GENERATOR_VERSION,
  generateFixture,
  generateFixtures,
  type Fixture,
  type FixtureFormat,
  type FixtureSetOptions,
} from './fixtures.js';
export type { PhotoOptions } from './images.js';
export {
  documentText,
  type Currency,
  type Language,
  type PrintedLine,
  type ReceiptDocument,
  type ReceiptKind,
  type ReceiptTruth,
} from './truth.js';
export { encryptedPdf } from './encrypted-pdf.js';
export { pngDecompressionBomb } from './decompression-bomb.js';
