import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { BatchFile, BatchPage } from '@ndf/contracts';
import { cursorAfter, encodeCursor, invalid, json, notFound, ProblemError, requireRole } from '@ndf/http-api';
import { batchOnDemand, confirmBatchPaid, type BatchItem } from '@ndf/reimbursement-batches';
import { batchView } from '../data/batch-view.js';
import { batcherOf } from './batcher.js';
import type { AuthorizedContext } from './route.js';

const PAYERS = ['accountant', 'admin'] as const;
const BATCH_ID = /^[0-9]{4}-[0-9]{2}-[0-9]+$/;
/** A presigned link is a bearer credential: long enough to start the download, short enough not to be kept. */
export const FILE_URL_EXPIRY_SECONDS = 300;

function writeKey(context: AuthorizedContext): string {
  const key = context.event.headers['idempotency-key'];
  const errors = context.validators.writeKey(key);
  if (errors.length > 0 || key === undefined) throw invalid(errors);
  return key;
}

async function batchOf(context: AuthorizedContext, batchId: string): Promise<BatchItem> {
  const batch = await context.batches.get(context.scope, batchId, context.signal);
  if (batch === undefined) throw notFound('This batch');
  return batch;
}

const batchIdOf = (context: AuthorizedContext): string => context.pathParameters.batchId ?? '';

/** A batch now, of every note approved until now; a replayed Idempotency-Key answers the batch it made. */
export async function createBatch(context: AuthorizedContext) {
  const scope = requireRole(context.scope, PAYERS, 'Making a reimbursement batch');
  const key = writeKey(context);
  const made = await context.batches.madeBy(scope, key, context.signal);
  const { call, dependencies } = batcherOf(context);
  if (made !== undefined) {
    const batch = await batchOf(context, made);
    if (batch.status === 'batched' || batch.status === 'paid') return json(200, batchView(batch));
    // The request that made it was cut off before finishing it (open, or filed with notes still to move): its replay
    // finishes it (the tenant's unfinished batch is resumed first).
    const resumed = await batchOnDemand(scope, call, dependencies, context.signal);
    return json(
      200,
      batchView(resumed.outcome === 'resumed' && resumed.batch.batchId === made ? resumed.batch : await batchOf(context, made)),
    );
  }
  const run = await batchOnDemand(scope, call, dependencies, context.signal, key);
  switch (run.outcome) {
    case 'forbidden':
      throw new ProblemError(403, 'forbidden', run.reason);
    case 'refused':
      throw new ProblemError(409, 'batch_refused', `No batch can be made: ${run.reason}`);
    case 'nothing': {
      const left = run.left.map((note) => `${note.noteId} (${note.owner}): ${note.code}, ${note.reason}`);
      throw new ProblemError(
        409,
        'nothing_to_batch',
        left.length === 0 ? 'No approved note is waiting to be paid.' : `No approved note can be paid yet: ${left.join('; ')}`,
      );
    }
    default:
      await context.batches.recordMade(scope, key, run.batch.batchId, context.deps.clock(), context.signal);
      return json(run.outcome === 'batched' ? 201 : 200, batchView(run.batch));
  }
}

export async function listBatches(context: AuthorizedContext) {
  const scope = requireRole(context.scope, PAYERS, 'Reading the reimbursement batches');
  const { value, errors } = context.validators.batchesQuery(context.event.queryStringParameters ?? {});
  if (errors.length > 0) throw invalid(errors);
  const query = value as { cursor?: string; limit: number };
  const after = cursorAfter(query.cursor, (batchId) => BATCH_ID.test(batchId));
  const { items, more } = await context.batches.page(scope, { limit: query.limit, after }, context.signal);
  const last = items.at(-1);
  const page: BatchPage = { items: items.map(batchView), ...(more && last ? { nextCursor: encodeCursor(last.batchId) } : {}) };
  return json(200, page);
}

export async function getBatch(context: AuthorizedContext) {
  requireRole(context.scope, PAYERS, 'Reading a reimbursement batch');
  return json(200, batchView(await batchOf(context, batchIdOf(context))));
}

/** A short-lived presigned GET of the batch's SEPA file in the exports bucket. */
export async function getBatchFile(context: AuthorizedContext) {
  requireRole(context.scope, PAYERS, "Downloading a batch's SEPA file");
  const batch = await batchOf(context, batchIdOf(context));
  if (batch.status === 'open') throw new ProblemError(409, 'batch_not_ready', 'The batch is being made: its file is not stored yet.');
  if (batch.fileKey === undefined) throw new ProblemError(409, 'no_file', 'The batch transfers nothing: it has no SEPA file.');
  const url = await getSignedUrl(context.deps.s3, new GetObjectCommand({ Bucket: context.deps.config.exportsBucket, Key: batch.fileKey }), {
    expiresIn: FILE_URL_EXPIRY_SECONDS,
  });
  const expiresAt = new Date(context.deps.clock().getTime() + FILE_URL_EXPIRY_SECONDS * 1000).toISOString();
  const file: BatchFile = { url, expiresAt, contentType: 'application/xml' };
  return json(200, file);
}

/**
 * The accountant's confirmation that the bank paid the batch. Refused up front (403) on a batch
 * that holds one of the caller's own notes: otherwise the other notes would be paid and theirs left.
 * A repeat is paid once: each note's transition carries `pay:<batchId>` as its request id.
 */
export async function confirmPaid(context: AuthorizedContext) {
  const scope = requireRole(context.scope, PAYERS, 'Confirming that a batch is paid');
  writeKey(context);
  const batch = await batchOf(context, batchIdOf(context));
  if (batch.lines.some((line) => line.employee === scope.user))
    throw new ProblemError(403, 'forbidden', 'Nobody may confirm the payment of a batch that holds their own note.');
  const { call, dependencies } = batcherOf(context);
  const payment = await confirmBatchPaid(scope, batch.batchId, call, dependencies, context.signal);
  switch (payment.outcome) {
    case 'paid':
      return json(200, batchView(payment.batch));
    case 'forbidden':
      throw new ProblemError(403, 'forbidden', payment.reason);
    case 'not_found':
      throw notFound('This batch');
    case 'not_ready':
      throw new ProblemError(409, 'batch_not_ready', `The batch is ${payment.status}: confirm it once it is closed (batched).`);
    case 'partly': {
      const refusals = payment.refused.map((note) => `${note.noteId}: ${note.code}, ${note.reason}`).join('; ');
      throw new ProblemError(409, 'wrong_status', `${payment.paid} notes paid, the others refused: ${refusals}`);
    }
  }
}
