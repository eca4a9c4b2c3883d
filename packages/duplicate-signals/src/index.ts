export { DATE_TOLERANCE_DAYS, sameExpenseSignals, type Expense } from './same-expense.js';
export { sameBytesSignals, type HashedReceipt } from './same-bytes.js';
export { IMAGE_DISTANCE_THRESHOLD, similarImageSignals, type ImageHashedReceipt } from './similar-image.js';
export { hammingDistance } from './hamming.js';
export { ImageHashError, receiptImageHash } from './image-hash.js';
export { DuplicateInputError, type DuplicateInputCode } from './input-error.js';
export type { DuplicateSignal, ReceiptRef, SignalKind, SignalTarget } from './signal.js';
