export { JOB_SERVICE, handOn, isReceiptRef, parseJob, type JobKind, type ReceiptJob, type ReceiptText } from './jobs.js';
export { derivedKey, receiptOfChange, type ReceiptRef } from './receipt-ref.js';
export { ReceiptState, type Refusal, type StepResult } from './receipt-state.js';
export { stageItem, type StageOutcome, type StageSubject } from './stage-item.js';
export { RECEIPT_STEPS, alreadyPast, startingStatuses, type ReceiptStep } from './transitions.js';
export { markReceiptsFailed, receiptsOfMessage } from './failed.js';
export { receiptServiceDependencies, type ReceiptServiceDependencies } from './dependencies.js';
export { readObject, writeDerived } from './objects.js';
export { parseChange } from './change.js';
