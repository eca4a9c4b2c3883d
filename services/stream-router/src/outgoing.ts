import type { StreamSubscription } from '@ndf/catalog';
import { ITEM_TYPE_ATTRIBUTE, type ChangeMessage } from '@ndf/contracts';
import { CORRELATION_ATTRIBUTE } from '@ndf/runtime';
import { toChangeMessage, type StreamChange } from './change.js';
import { targetsOf } from './routing.js';

export interface OutgoingMessage {
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** Under SQS's 256 KiB, with room for the attributes. */
const MAX_BODY_BYTES = 250_000;

function body(change: ChangeMessage): string {
  const whole = JSON.stringify(change);
  if (Buffer.byteLength(whole) <= MAX_BODY_BYTES) return whole;
  // Items reach 400 KB and a change carries two images: past the limit the change goes as a
  // reference (its keys), and the receiver reads the item (readChange in @ndf/receipt-pipeline).
  const { newImage: _newImage, oldImage: _oldImage, ...rest } = change;
  return JSON.stringify({ ...rest, imagesOmitted: true });
}

function attributes(change: ChangeMessage): Record<string, string> {
  const correlationId = (change.newImage ?? change.oldImage)?.correlationId;
  return {
    [ITEM_TYPE_ATTRIBUTE]: change.itemType,
    ...(typeof correlationId === 'string' && correlationId !== '' ? { [CORRELATION_ATTRIBUTE]: correlationId } : {}),
  };
}

/** The messages each subscribed service gets for these records, in the records' order. */
export function messagesByService(
  records: readonly StreamChange[],
  table: string,
  subscriptions: readonly StreamSubscription[],
): Map<string, OutgoingMessage[]> {
  const byService = new Map<string, OutgoingMessage[]>();
  for (const record of records) {
    const change = toChangeMessage(record, table);
    const targets = targetsOf(change, subscriptions);
    if (targets.length === 0) continue;
    const message = { body: body(change), attributes: attributes(change) };
    for (const service of targets) {
      const list = byService.get(service) ?? [];
      list.push(message);
      byService.set(service, list);
    }
  }
  return byService;
}
