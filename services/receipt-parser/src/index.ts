export { parseReceipt } from './parse-receipt.js';
export type { CurrencyCode, Field, ParseInput, ParseOptions, ReceiptFields, VatLine, WordConfidence } from './fields/types.js';
