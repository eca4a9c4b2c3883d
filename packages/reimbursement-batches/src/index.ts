// The reimbursement batches: what the batcher's tick runs, and what the expense API calls (a batch on demand, the payment's confirmation).
export { newBatchItem, notesOf, type BatchItem, type BatchStatus } from './batch-item.js';
export { batchRequestItem, openBatches, readBatch, type BatchRequest } from './batch-store.js';
export { batcherDependencies, type BatcherDependencies, type Call } from './dependencies.js';
export { batchOnDemand } from './on-demand.js';
export { actsOnBatches, confirmBatchPaid, type BatchPayment } from './pay.js';
export { tenantsWithMileageDue } from './mileage-dues.js';
export type { BatchMileage, LeftMileage, MileageDue } from './mileage-plan.js';
export { tenantsWithPayables } from './payables.js';
export { planBatch, type BatchLine, type BatchPlan, type LeftNote, type OwedNote } from './plan.js';
export { BATCHER, batcherScope, finishBatch, runTenantBatch, type BatchRun, type FinishStep, type StepRunner } from './run-batch.js';
export { onDemandWindow, scheduledWindow, type BatchWindow } from './schedule.js';
export { sepaDocument, sepaFileKey } from './sepa-file.js';
