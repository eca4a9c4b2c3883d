export { parseJob, type JobKind, type ReceiptJob } from './jobs.js';
export { derivedKey, receiptOfChange, type ReceiptRef } from './receipt-ref.js';
export { ReceiptState, type StageOutcome } from './receipt-state.js';
export { readObject, writeDerived } from './objects.js';
