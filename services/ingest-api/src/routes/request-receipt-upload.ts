import { randomUUID } from 'node:crypto';
import {
  canReadNote,
  DRAFT_STATUSES,
  ITEM_TYPES,
  MAX_RECEIPTS_PER_NOTE,
  idempotencyKeyItem,
  type IdempotencyItem,
  type NoteItem,
  type ReceiptItem,
  type ReceiptUpload,
  type ReceiptUploadRequest,
  type TenantScope,
} from '@ndf/contracts';
import { invalid, json, notFound, ProblemError, readJsonBody } from '@ndf/http-api';
import { requestHash } from '../data/canonical-json.js';
import { newReceiptItem, type Change } from '../data/note-items.js';
import { receiptView } from '../data/views.js';
import { refusal } from './note-access.js';
import type { AuthorizedContext } from './route.js';

const OPERATION = 'requestReceiptUpload';
/** How long a key names its receipt; the upload form it hands out is valid for 15 minutes only. */
export const RECEIPT_KEY_RETENTION_SECONDS = 24 * 3600;

function claimOf(scope: TenantScope, key: string, hash: string, receipt: ReceiptItem, { now }: Change): IdempotencyItem {
  return {
    ...idempotencyKeyItem(scope, OPERATION, key),
    type: ITEM_TYPES.idempotency,
    tenant: scope.tenant,
    operation: OPERATION,
    user: scope.user,
    requestHash: hash,
    result: { receiptId: receipt.receiptId, ...(receipt.noteId === undefined ? {} : { noteId: receipt.noteId }) },
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + RECEIPT_KEY_RETENTION_SECONDS,
  };
}

/** Why the note refused one more receipt. */
function noteRefusal(scope: TenantScope, note: NoteItem | undefined): ProblemError {
  if (
    canReadNote(scope, note) &&
    note.owner === scope.user &&
    note.status === 'received' &&
    note.receiptIds.length >= MAX_RECEIPTS_PER_NOTE
  )
    return new ProblemError(409, 'too_many_receipts', `The note lists ${note.receiptIds.length} receipts, the most a note may list.`);
  return refusal(scope, note, undefined, DRAFT_STATUSES);
}

async function answer(context: AuthorizedContext, status: 200 | 201, receipt: ReceiptItem) {
  const body: ReceiptUpload = {
    receiptId: receipt.receiptId,
    key: receipt.objectKey,
    upload: await context.deps.files.uploadForm(receipt.objectKey, receipt.declaredContentType, context.now),
    receipt: receiptView(receipt, [], []),
  };
  return json(status, body);
}

/**
 * Records a receipt awaiting its bytes and hands out the presigned POST that uploads them.
 * With an Idempotency-Key, the same key and body answer the same receipt with a fresh form.
 */
export async function requestReceiptUpload(context: AuthorizedContext) {
  const { deps, event, scope } = context;
  const body = readJsonBody(event, { maxBytes: deps.config.maxBodyBytes, mediaTypes: ['application/json'] });
  const key = event.headers['idempotency-key'];
  const errors = [...(key === undefined ? [] : context.validators.idempotencyKey(key)), ...context.validators.receiptUpload(body)];
  if (errors.length > 0) throw invalid(errors);
  const request = body as ReceiptUploadRequest;
  const hash = key === undefined ? undefined : requestHash(request);
  const receipt = newReceiptItem(scope, randomUUID(), request, context.change, hash);
  const claim = key === undefined || hash === undefined ? undefined : claimOf(scope, key, hash, receipt, context.change);
  const stored = await deps.store.receipts.putReceipt(scope, receipt, claim, context.change, context.signal);
  if (stored.stored) return answer(context, 201, stored.receipt);
  if ('note' in stored) throw noteRefusal(scope, stored.note);
  if (stored.claimed.requestHash !== hash)
    throw new ProblemError(
      409,
      'idempotency_conflict',
      'This Idempotency-Key was already used with another body: use a new key for another receipt.',
    );
  const first = await deps.store.receipts.readReceipt(
    scope,
    stored.claimed.result.receiptId!,
    stored.claimed.result.noteId,
    context.signal,
  );
  if (!first) throw notFound('The receipt this Idempotency-Key asked for');
  return answer(context, 200, first);
}
