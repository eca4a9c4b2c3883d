import { ReceiveMessageCommand, DeleteMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { bucketName, catalog, serviceEntry, tableName } from '@ndf/catalog';
import { stageKey, tenantScope } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { putReceiptItem, readItem, startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../src/service.js';

// The reconciler's own definition on the shared stack, with the queues of the services it drives
// (nothing consumes them here: what it sends stays there for the test to read).
const DRIVEN = ['receipt-intake', 'format-sniffer', 'image-normalizer', 'pdf-inspector', 'ocr', 'receipt-parser'] as const;
const MINUTES = 60_000;
const TICK = { kind: 'tick' };
let stack: SharedStack;
let running: ServiceUnderTest;
const table = () => tableName(stack.config.prefix, 'notes');
const receipt = () => ({ tenant: 'acme', receiptId: randomUUID(), noteId: randomUUID() });
const item = (key: { pk: string; sk: string }) => readItem(stack.clients.dynamodb, table(), key);
const queueUrl = (name: string) => stack.provisioned.queues.get(name)!.queue.url;
const gaveUp = () => running.running.metrics.snapshot().counters.reconciler_gave_up ?? 0;

beforeAll(async () => {
  stack = await useSharedStack('reconciler-', { ...catalog, services: [service.entry, ...DRIVEN.map((name) => serviceEntry(name))] });
  running = await startServiceUnderTest(service, stack);
});
afterAll(async () => {
  await running?.stop();
  await stack?.stop();
});

describe('reconciler', () => {
  it('delivers the S3 event of an upload that is stored but whose event was lost, as S3 sends it, and counts the re-drive', async () => {
    const ref = receipt();
    const key = await putReceiptItem(stack.clients.dynamodb, table(), ref, { status: 'awaiting_upload', movedOnAgoMs: 5 * MINUTES });
    const objectKey = (await item(key))!.objectKey as string;
    await stack.clients.s3.send(
      new PutObjectCommand({ Bucket: bucketName(stack.config.prefix, 'receipts'), Key: objectKey, Body: 'a receipt' }),
    );
    await loseTheS3Event(objectKey);

    const sent = await running.handle(TICK);
    expect(sent).toEqual([
      [
        'receipt-intake',
        {
          Records: [
            expect.objectContaining({
              eventVersion: '2.1',
              eventSource: 'aws:s3',
              eventName: 'ObjectCreated:Post',
              s3: expect.objectContaining({
                bucket: expect.objectContaining({ name: bucketName(stack.config.prefix, 'receipts') }),
                object: expect.objectContaining({ key: objectKey, size: 9 }),
              }),
            }),
          ],
        },
      ],
    ]);
    expect(await item(key)).toMatchObject({ status: 'awaiting_upload', redrives: 1, redrivesTotal: 1 });
    // Looked at again only once it has been stuck for a while again: the next tick leaves it.
    expect(await running.handle(TICK)).toEqual([]);
  });

  it('records an upload stored long ago whose event was lost, rather than expiring it', async () => {
    const ref = receipt();
    const key = await putReceiptItem(stack.clients.dynamodb, table(), ref, { status: 'awaiting_upload', movedOnAgoMs: 25 * 60 * MINUTES });
    const objectKey = (await item(key))!.objectKey as string;
    await stack.clients.s3.send(
      new PutObjectCommand({ Bucket: bucketName(stack.config.prefix, 'receipts'), Key: objectKey, Body: 'late' }),
    );
    await loseTheS3Event(objectKey);

    const sent = await running.handle(TICK);
    expect(sent.map(([service]) => service)).toEqual(['receipt-intake']);
    expect(await item(key)).toMatchObject({ status: 'awaiting_upload', redrives: 1 });
  });

  it('waits for an upload not made yet, and expires one never made past the limit, as the note shows', async () => {
    const waiting = receipt();
    const waitingKey = await putReceiptItem(stack.clients.dynamodb, table(), waiting, {
      status: 'awaiting_upload',
      movedOnAgoMs: 5 * MINUTES,
    });
    const expired = receipt();
    const expiredKey = await putReceiptItem(stack.clients.dynamodb, table(), expired, {
      status: 'awaiting_upload',
      movedOnAgoMs: 25 * 60 * MINUTES,
    });

    expect(await running.handle(TICK)).toEqual([]);
    const stillWaiting = await item(waitingKey);
    expect(stillWaiting).toMatchObject({ status: 'awaiting_upload' });
    expect(stillWaiting?.redrives).toBeUndefined();
    // Asked for 5 minutes ago: looked at again 2.5 minutes from now at the soonest (plus the time to count as stuck).
    expect(Date.parse(stillWaiting?.gsi1sk as string)).toBeGreaterThan(Date.now() + 2 * MINUTES);

    const gone = await item(expiredKey);
    expect(gone).toMatchObject({ status: 'expired' });
    expect(gone?.gsi1pk).toBeUndefined();
    const scope = tenantScope({ tenant: expired.tenant, user: 'reconciler', roles: [] });
    expect(await item(stageKey(scope, 'reconciler', { receiptId: expired.receiptId, noteId: expired.noteId }))).toMatchObject({
      status: 'refused',
      code: 'upload-expired',
    });
  });

  it('sends an uploaded receipt back to the sniffer through the stream (a write), and a reading one the job of its current step', async () => {
    const uploaded = receipt();
    const uploadedKey = await putReceiptItem(stack.clients.dynamodb, table(), uploaded, { status: 'uploaded', movedOnAgoMs: 5 * MINUTES });
    const image = receipt();
    const imageKey = await putReceiptItem(stack.clients.dynamodb, table(), image, {
      status: 'reading',
      movedOnAgoMs: 5 * MINUTES,
      attributes: { detectedType: 'image/jpeg' },
      stages: { 'format-sniffer': { status: 'succeeded' } },
    });
    const read = receipt();
    await putReceiptItem(stack.clients.dynamodb, table(), read, {
      status: 'reading',
      movedOnAgoMs: 5 * MINUTES,
      attributes: { detectedType: 'image/png', pageKeys: [`derived/acme/${read.receiptId}/page-1.png`] },
      stages: { 'format-sniffer': { status: 'succeeded' }, 'image-normalizer': { status: 'succeeded' }, ocr: { status: 'succeeded' } },
    });

    const sent = await running.handle(TICK);
    const image_ = (await item(imageKey))!;
    expect(sent).toEqual(
      expect.arrayContaining([
        ['image-normalizer', { kind: 'normalize-image', receipt: image, objectKey: image_.objectKey, detectedType: 'image/jpeg' }],
        ['receipt-parser', { kind: 'parse', receipt: read, textKey: `derived/acme/${read.receiptId}/ocr.json`, source: 'ocr' }],
      ]),
    );
    expect(sent).toHaveLength(2);
    expect(await item(uploadedKey)).toMatchObject({ status: 'uploaded', redrives: 1 });
    expect(image_).toMatchObject({ status: 'reading', redrives: 1 });
  });

  it("sends the next step's job when a reader's hand-on was lost after its step: normaliser and inspector to OCR or the parser, OCR to the parser", async () => {
    const reading = async (stages: Record<string, { status: 'succeeded'; outcome?: Record<string, unknown> }>, detectedType: string) => {
      const ref = receipt();
      const pageKeys = [`derived/acme/${ref.receiptId}/page-1.png`];
      await putReceiptItem(stack.clients.dynamodb, table(), ref, {
        status: 'reading',
        movedOnAgoMs: 5 * MINUTES,
        attributes: { detectedType, pageKeys },
        stages: { 'format-sniffer': { status: 'succeeded' }, ...stages },
      });
      return { ref, pageKeys };
    };
    const normalised = await reading({ 'image-normalizer': { status: 'succeeded' } }, 'image/jpeg');
    const scanned = await reading({ 'pdf-inspector': { status: 'succeeded', outcome: { next: 'ocr' } } }, 'application/pdf');
    const digital = await reading({ 'pdf-inspector': { status: 'succeeded', outcome: { next: 'parse' } } }, 'application/pdf');
    const read = await reading({ 'image-normalizer': { status: 'succeeded' }, ocr: { status: 'succeeded' } }, 'image/jpeg');

    const sent = await running.handle(TICK);
    expect(sent).toEqual(
      expect.arrayContaining([
        ['ocr', { kind: 'ocr', receipt: normalised.ref, pageKeys: normalised.pageKeys }],
        ['ocr', { kind: 'ocr', receipt: scanned.ref, pageKeys: scanned.pageKeys }],
        [
          'receipt-parser',
          { kind: 'parse', receipt: digital.ref, textKey: `derived/acme/${digital.ref.receiptId}/text.json`, source: 'pdf-text' },
        ],
        ['receipt-parser', { kind: 'parse', receipt: read.ref, textKey: `derived/acme/${read.ref.receiptId}/ocr.json`, source: 'ocr' }],
      ]),
    );
    expect(sent).toHaveLength(4);
  });

  it('leaves a stuck receipt alone while the queue its job would wait in still holds work', async () => {
    const ref = receipt();
    const key = await putReceiptItem(stack.clients.dynamodb, table(), ref, {
      status: 'reading',
      movedOnAgoMs: 5 * MINUTES,
      attributes: { detectedType: 'image/png', pageKeys: [`derived/acme/${ref.receiptId}/page-1.png`] },
      stages: { 'format-sniffer': { status: 'succeeded' }, 'image-normalizer': { status: 'succeeded' } },
    });
    const someoneElses = { kind: 'ocr', receipt: receipt(), pageKeys: ['derived/x.png'] };
    await stack.clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl('ocr'), MessageBody: JSON.stringify(someoneElses) }));

    // What the test reads back from the ocr queue is only what was there before: no job of this receipt.
    expect(await running.handle(TICK)).toEqual([['ocr', someoneElses]]);
    expect((await item(key))?.redrives).toBeUndefined();
    // Once drained, it is driven again.
    expect(await running.handle(TICK)).toEqual([
      ['ocr', { kind: 'ocr', receipt: ref, pageKeys: [`derived/acme/${ref.receiptId}/page-1.png`] }],
    ]);
  });

  it('gives a receipt up after its re-drives: failed with the reason, counted for on-call, out of the index', async () => {
    const ref = receipt();
    const key = await putReceiptItem(stack.clients.dynamodb, table(), ref, {
      status: 'uploaded',
      movedOnAgoMs: 5 * MINUTES,
      attributes: { redrives: 5 },
    });
    const before = gaveUp();

    expect(await running.handle(TICK)).toEqual([]);
    const failed = await item(key);
    expect(failed).toMatchObject({
      status: 'failed',
      reconcilerGaveUp: { reason: 'driven again 5 times without moving on from uploaded' },
    });
    expect(failed?.gsi1pk).toBeUndefined();
    expect(gaveUp()).toBe(before + 1);
  });

  it('takes a final receipt still in its index out of it, without touching it otherwise', async () => {
    const ref = receipt();
    const key = await putReceiptItem(stack.clients.dynamodb, table(), ref, {
      status: 'processed',
      movedOnAgoMs: 5 * MINUTES,
      attributes: { gsi1pk: 'RECONCILE#0', gsi1sk: new Date(Date.now() - 5 * MINUTES).toISOString() },
    });
    expect(await running.handle(TICK)).toEqual([]);
    const left = await item(key);
    expect(left).toMatchObject({ status: 'processed' });
    expect(left?.gsi1pk).toBeUndefined();
    expect(left?.redrives).toBeUndefined();
  });

  it('quarantines what is not a tick', async () => {
    expect(await running.deliver({ kind: 'tock' })).toEqual({
      outcome: 'quarantined',
      reason: 'PermanentError: The message is not a tick ({"kind":"tick"}).',
      sent: [],
    });
  });
});

/** The S3 edge's event for the object, taken off the intake queue and dropped, as a crash would lose it. */
async function loseTheS3Event(objectKey: string): Promise<void> {
  for (let tries = 0; tries < 50; tries += 1) {
    const { Messages = [] } = await stack.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl('receipt-intake'), MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    for (const message of Messages) {
      await stack.clients.sqs.send(
        new DeleteMessageCommand({ QueueUrl: queueUrl('receipt-intake'), ReceiptHandle: message.ReceiptHandle }),
      );
      if (message.Body?.includes(objectKey)) return;
    }
  }
  throw new Error(`No S3 event came for ${objectKey}.`);
}
