import { randomUUID } from 'node:crypto';
import type { ReceiptUpload, ReceiptUploadRequest } from '@ndf/contracts';
import { newReceiptItem } from '../data/note-items.js';
import { receiptView } from '../data/views.js';
import { readJsonBody } from '../http/json-body.js';
import { invalid } from '../http/problem.js';
import { json } from '../http/responses.js';
import { refusal } from './note-access.js';
import type { AuthorizedContext } from './route.js';

/** Records a receipt awaiting its bytes and hands out the presigned POST that uploads them. */
export async function requestReceiptUpload(context: AuthorizedContext) {
  const { deps, event, scope } = context;
  const body = readJsonBody(event, { maxBytes: deps.config.maxBodyBytes, mediaTypes: ['application/json'] });
  const errors = context.validators.receiptUpload(body);
  if (errors.length > 0) throw invalid(errors);
  const request = body as ReceiptUploadRequest;
  const receipt = newReceiptItem(scope, randomUUID(), request, context.change);
  const stored = await deps.store.putReceipt(scope, receipt, context.signal);
  if (!stored.stored) throw refusal(scope, stored.note, undefined);
  const answer: ReceiptUpload = {
    receiptId: receipt.receiptId,
    key: receipt.objectKey,
    upload: await deps.files.uploadForm(receipt.objectKey, request.contentType, context.now),
    receipt: receiptView(receipt, [], []),
  };
  return json(201, answer);
}
