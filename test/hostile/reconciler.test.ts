import { randomUUID } from 'node:crypto';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { catalog, serviceEntry, tableName } from '@ndf/catalog';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { service } from '@ndf/reconciler';
import { putReceiptItem, readItem, startServiceUnderTest, type ReceiptItemOptions, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What a reconciler meets in a table that is not as it should be: each item comes out of its index with
// its reason, failed where it is a receipt the user sees, counted for on-call, and never looked at again.
const DRIVEN = ['receipt-intake', 'format-sniffer', 'image-normalizer', 'pdf-inspector', 'ocr', 'receipt-parser'] as const;
const STUCK = 10 * 60_000;
let stack: SharedStack;
let running: ServiceUnderTest;
const table = () => tableName(stack.config.prefix, 'notes');
const gaveUp = () => running.running.metrics.snapshot().counters.reconciler_gave_up ?? 0;

beforeAll(async () => {
  stack = await useSharedStack('hostile-reconciler-', {
    ...catalog,
    services: [service.entry, ...DRIVEN.map((name) => serviceEntry(name))],
  });
  running = await startServiceUnderTest(service, stack);
  await takeTheS3TestEvent();
});
afterAll(async () => {
  await running?.stop();
  await stack?.stop();
});

const CASES: readonly { name: string; item: ReceiptItemOptions; receipt?: object; expected: Record<string, unknown> }[] = [
  {
    name: 'a status the platform does not have',
    item: {
      status: 'banana',
      movedOnAgoMs: STUCK,
      attributes: { gsi1pk: 'RECONCILE#3', gsi1sk: new Date(Date.now() - STUCK).toISOString() },
    },
    expected: {
      status: 'banana',
      reconcilerGaveUp: { reason: 'the item is not a receipt the reconciler can read (tenant, id or status missing or unknown: banana)' },
    },
  },
  {
    name: 'a receipt without its tenant',
    item: { status: 'uploaded', movedOnAgoMs: STUCK, attributes: { tenant: undefined } },
    expected: { reconcilerGaveUp: { reason: expect.stringContaining('tenant, id or status missing') } },
  },
  {
    name: 'a reading receipt with no detected type',
    item: { status: 'reading', movedOnAgoMs: STUCK, stages: { 'format-sniffer': { status: 'succeeded' } } },
    expected: { status: 'failed', reconcilerGaveUp: { reason: 'the receipt is reading but has no detected type' } },
  },
  {
    name: 'pages written but none listed',
    item: {
      status: 'reading',
      movedOnAgoMs: STUCK,
      attributes: { detectedType: 'image/png', pageKeys: 'not a list' },
      stages: { 'format-sniffer': { status: 'succeeded' }, 'image-normalizer': { status: 'succeeded' } },
    },
    expected: { status: 'failed', reconcilerGaveUp: { reason: 'its pages were written, but the receipt lists no page keys' } },
  },
  {
    name: 'an upload awaited since a date that is not one',
    item: { status: 'awaiting_upload', movedOnAgoMs: STUCK, attributes: { requestedAt: 'yesterday' } },
    expected: { status: 'failed', reconcilerGaveUp: { reason: 'the receipt has no valid requestedAt' } },
  },
];

describe('the reconciler on items in a state it cannot drive', () => {
  for (const { name, item, expected } of CASES) {
    it(`${name}: out of its index with the reason, counted, not looped`, async () => {
      const receipt = { tenant: 'acme', receiptId: randomUUID(), noteId: randomUUID() };
      const key = await putReceiptItem(stack.clients.dynamodb, table(), receipt, item);
      const before = gaveUp();

      expect(await running.handle({ kind: 'tick' })).toEqual([]);
      const after = await readItem(stack.clients.dynamodb, table(), key);
      expect(after).toMatchObject(expected);
      expect(after?.gsi1pk).toBeUndefined();
      expect(gaveUp()).toBe(before + 1);

      // Gone from the index: the next tick does not see it again.
      expect(await running.handle({ kind: 'tick' })).toEqual([]);
      expect(gaveUp()).toBe(before + 1);
    });
  }
});

/** The test event S3 sends when the bucket's notifications are set, off the intake queue: every case expects nothing sent. */
async function takeTheS3TestEvent(): Promise<void> {
  const queueUrl = stack.provisioned.queues.get('receipt-intake')!.queue.url;
  for (let tries = 0; tries < 20; tries += 1) {
    const { Messages = [] } = await stack.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    for (const message of Messages)
      await stack.clients.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    if (Messages.some((message) => message.Body?.includes('s3:TestEvent'))) return;
  }
  throw new Error('S3 sent no test event to the intake queue.');
}
