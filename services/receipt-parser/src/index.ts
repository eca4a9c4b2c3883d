export { parseReceipt } from './parse-receipt.js';
export { DEFAULT_PARSE_LIMITS, type ParseLimits } from './parse-limits.js';
export type { CurrencyCode, Field, ParseInput, ParseOptions, ReceiptFields, VatLine, WordConfidence } from './fields/types.js';
