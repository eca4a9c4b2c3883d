export { bytesSource, fileSource, type ByteSource } from './byte-source.js';
export { RECEIPT_FORMATS, declaredMismatch, type Declared, type DeclaredMismatch, type ReceiptFormat } from './receipt-formats.js';
export { sniffRefusalMessage, type SniffRefusalCode, type UserMessage } from './refusals.js';
export { s3ObjectSource, type S3ObjectRef } from './s3-object-source.js';
export { DEFAULT_SNIFF_LIMITS, type SniffLimits } from './sniff-limits.js';
export { sniffReceipt, type SniffAccepted, type SniffOptions, type SniffRefused, type SniffResult } from './sniff.js';
