import { serviceEntry } from '@ndf/catalog';
import { defineService } from '@ndf/runtime';
import { batcherDependencies } from '@ndf/reimbursement-batches';
import { handle } from './handler.js';

/** The reimbursement batcher: a tick from its schedule batches each tenant's approved notes (see handler.ts). */
export const service = defineService({ entry: serviceEntry('reimbursement-batcher'), dependencies: batcherDependencies, handle });
