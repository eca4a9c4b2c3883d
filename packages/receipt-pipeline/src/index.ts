export { parseJob, type JobKind, type ReceiptJob, type ReceiptText } from './jobs.js';
export { derivedKey, receiptOfChange, type ReceiptRef } from './receipt-ref.js';
export { ReceiptState, type Refusal, type StageOutcome } from './receipt-state.js';
export { receiptServiceDependencies, type ReceiptServiceDependencies } from './dependencies.js';
export { readObject, writeDerived } from './objects.js';
export { parseChange } from './change.js';
