import type { ServiceContext } from '@ndf/runtime';
import type { ReceiptServiceDependencies } from './dependencies.js';
import { readObject, type StoredObject } from './objects.js';
import type { ReceiptRef } from './receipt-ref.js';
import type { Refusal } from './receipt-state.js';

/** A file of the receipts bucket (an original or a derived page), read through the `s3` breaker within the message's deadline. */
export function readReceiptFile(
  context: Pick<ServiceContext<'s3'>, 'call'>,
  dependencies: Pick<ReceiptServiceDependencies, 's3' | 'receiptsBucket'>,
  object: string | StoredObject,
): Promise<Uint8Array> {
  return context.call('s3', (signal) => readObject(dependencies.s3, dependencies.receiptsBucket, object, signal));
}

/** Records that a receipt cannot be read (a normal outcome, its reason shown to the user) and says so in the log. */
export async function refuseReceipt(
  context: Pick<ServiceContext<'dynamodb'>, 'call' | 'log'>,
  dependencies: Pick<ReceiptServiceDependencies, 'state'>,
  receipt: ReceiptRef,
  refusal: Refusal,
): Promise<void> {
  await context.call('dynamodb', (signal) => dependencies.state.refuse(receipt, refusal, signal));
  context.log.info({ event: 'receipt-refused', receiptId: receipt.receiptId, code: refusal.code });
}
