import type { BatcherDependencies, Call } from '@ndf/reimbursement-batches';
import type { AuthorizedContext } from './route.js';

/** The reimbursement batcher's steps run inside the request: the API's clients, its clock, the request's deadline. */
export function batcherOf(context: AuthorizedContext): { dependencies: BatcherDependencies; call: Call } {
  const { deps } = context;
  return {
    dependencies: {
      dynamodb: deps.dynamodb,
      s3: deps.s3,
      notesTable: deps.config.tableName,
      exportsBucket: deps.config.exportsBucket,
      now: deps.clock,
    },
    call: (_dependency, fn) => fn(context.signal),
  };
}
